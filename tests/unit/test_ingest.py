"""Unit tests for orchestration.transforms.ingest (read_inbox)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.ingest import (
    DUPLICATE_SCHEMA,
    RAW_SCHEMA,
    REJECT_SCHEMA,
    read_inbox,
)

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad_inputs"
SAMPLES = ROOT / "data" / "raw"
ARABIC_PARAGRAPH = (
    "أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع نظيره الأمريكي دونالد ترامب بحثا خلاله "
    "الوضع في سوريا والتسوية السياسية ومكافحة الإرهاب في المنطقة. "
)


def make_big_file(path: Path, n_bytes: int) -> Path:
    """Arabic text file of at least ``n_bytes`` (written in chunks, never held whole in memory)."""
    chunk = (ARABIC_PARAGRAPH + "\n").encode("utf-8") * 1000
    with path.open("wb") as f:
        written = 0
        while written < n_bytes:
            f.write(chunk)
            written += len(chunk)
    return path


def make_single_line_file(path: Path, n_bytes: int) -> Path:
    """One Arabic line of about ``n_bytes`` bytes with no newline at all."""
    unit = ARABIC_PARAGRAPH.encode("utf-8")
    path.write_bytes(unit * (n_bytes // len(unit) + 1))
    return path


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sample articles (sorted first, so they are the originals) + bad-input fixtures + big files."""
    root = tmp_path_factory.mktemp("inbox")
    shutil.copytree(SAMPLES, root / "a_samples")
    shutil.copytree(BAD, root / "bad")
    make_big_file(root / "bad" / "big_30mb.txt", 30_000_000)
    make_single_line_file(root / "bad" / "single_1mb_line.txt", 1_000_000)
    (root / "bad" / "image.png").write_bytes((BAD / "image.txt").read_bytes())
    return root


@pytest.fixture(scope="module")
def result(inbox: Path) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    return read_inbox(inbox)


# (file, record_index) -> expected outcome: ("ingested", substring of raw_text) | ("rejected", reason)
# | ("duplicate", file it duplicates)
EXPECTED: dict[tuple[str, int | None], tuple[str, str]] = {
    ("bad/empty.txt", None): ("rejected", "empty"),
    ("bad/whitespace_only.txt", None): ("rejected", "empty"),
    ("bad/image.txt", None): ("rejected", "binary"),
    ("bad/nul_inside.txt", 0): ("ingested", "بوتين يستقبل أردوغان في سوتشي"),
    ("bad/utf16_bom.txt", 0): ("ingested", "أردوغان يزور موسكو\n\nموسكو - أ ف ب"),
    ("bad/cp1256.txt", 0): ("ingested", "السيسي يستقبل وزير الخارجية الأمريكي"),
    ("bad/latin1_english.txt", None): ("rejected", "not_arabic"),
    ("bad/page_with_scripts.txt", 0): ("ingested", "استقبل خادم الحرمين الشريفين الملك سلمان"),
    ("bad/no_body.json", 0): ("rejected", "no_body"),
    ("bad/mixed.jsonl", 0): ("ingested", "إيمانويل ماكرون"),
    ("bad/mixed.jsonl", 2): ("rejected", "malformed_json"),
    ("bad/mixed.jsonl", 3): ("ingested", "سامح شكري"),
    ("bad/mixed.jsonl", 5): ("ingested", "وفدا إيرانيا"),
    ("bad/copy_of_sample_000.txt", 0): ("duplicate", "a_samples/000_2f962dc379b5ddac.txt"),
    ("bad/boilerplate_only.txt", 0): ("ingested", "جميع الحقوق محفوظة"),
    ("bad/big_30mb.txt", None): ("rejected", "too_large"),
    ("bad/single_1mb_line.txt", 0): ("ingested", "أجرى الرئيس الروسي"),
}


@pytest.mark.parametrize(("key", "outcome"), list(EXPECTED.items()), ids=[f"{k[0]}#{k[1]}" for k in EXPECTED])
def test_bad_input_outcome(
    result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame],
    key: tuple[str, int | None],
    outcome: tuple[str, str],
) -> None:
    raw, dups, rejects = result
    file, rec = key
    kind, value = outcome

    def pick(df: pl.DataFrame) -> pl.DataFrame:
        idx = pl.col("record_index").is_null() if rec is None else pl.col("record_index") == rec
        return df.filter((pl.col("source_file") == file) & idx)

    if kind == "ingested":
        rows = pick(raw)
        assert rows.height == 1, f"{file} not ingested; rejects: {pick(rejects).to_dicts()}"
        assert value in rows["raw_text"][0]
        assert "\x00" not in rows["raw_text"][0]
    elif kind == "rejected":
        rows = pick(rejects)
        assert rows.height == 1, f"{file} not rejected"
        assert rows["reason"][0] == value
        assert len(rows["message"][0]) > 10
    else:
        rows = pick(dups)
        assert rows.height == 1
        assert rows["duplicate_of_file"][0] == value
        assert rows["duplicate_of_record"][0] == 0


def test_every_record_in_exactly_one_output(result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> None:
    raw, dups, rejects = result
    keys = pl.concat(
        [
            raw.select("source_file", "record_index", out=pl.lit("raw")),
            dups.select("source_file", "record_index", out=pl.lit("dup")),
            rejects.select("source_file", "record_index", out=pl.lit("reject")),
        ]
    )
    counts = keys.group_by("source_file", "record_index").len()
    assert counts["len"].max() == 1
    expected = {(f, r) for f, r in EXPECTED} | {(f"a_samples/{p.name}", 0) for p in SAMPLES.glob("*.txt")}
    got = set(keys.select("source_file", "record_index").iter_rows())
    assert got == expected


def test_other_extensions_are_ignored(result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> None:
    files = set().union(*(set(df["source_file"]) for df in result))
    assert "bad/notes.md" not in files
    assert "bad/image.png" not in files
    assert not any(f.endswith((".md", ".png")) for f in files)


def test_schemas_and_unique_ids(result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> None:
    raw, dups, rejects = result
    assert dict(raw.schema) == RAW_SCHEMA
    assert dict(dups.schema) == DUPLICATE_SCHEMA
    assert dict(rejects.schema) == REJECT_SCHEMA
    assert raw["article_id"].is_unique().all()
    assert raw["article_id"].str.contains("^[0-9a-f]{16}$").all()
    assert set(rejects["reason"]) <= {
        "empty",
        "binary",
        "undecodable",
        "too_large",
        "not_arabic",
        "malformed_json",
        "no_body",
    }


def test_encodings_recorded(result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> None:
    raw = result[0]
    enc = dict(zip(raw["source_file"], raw["encoding"], strict=True))
    assert enc["bad/utf16_bom.txt"] == "utf-16"
    assert enc["bad/cp1256.txt"] == "windows-1256"
    assert enc["bad/page_with_scripts.txt"] == "utf-8+html"
    assert enc["a_samples/000_2f962dc379b5ddac.txt"] == "utf-8"


def test_utf16_and_cp1256_decode_to_the_same_text_as_utf8(tmp_path: Path) -> None:
    text = "وزير الخارجية السعودي يلتقي نظيره الإماراتي في الرياض لبحث التعاون بين البلدين.\n"
    (tmp_path / "a_utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b_utf16le.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "c_utf16be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (tmp_path / "d_cp1256.txt").write_bytes(text.encode("cp1256"))
    (tmp_path / "e_utf16_nobom.txt").write_bytes(text.encode("utf-16-le"))
    raw, dups, rejects = read_inbox(tmp_path)
    assert rejects.height == 0
    # All five are the same article: one ingested, four duplicates.
    assert raw["source_file"].to_list() == ["a_utf8.txt"]
    assert sorted(dups["source_file"]) == [
        "b_utf16le.txt",
        "c_utf16be.txt",
        "d_cp1256.txt",
        "e_utf16_nobom.txt",
    ]
    assert raw["raw_text"][0] == text


def test_html_scripts_and_styles_removed(result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> None:
    raw = result[0]
    text = raw.filter(pl.col("source_file") == "bad/page_with_scripts.txt")["raw_text"][0]
    for junk in (
        "tracker",
        "dataLayer",
        "font-family",
        "<p>",
        "document.write",
        "لا تظهر",
        "&amp;",
        "&nbsp;",
    ):
        assert junk not in text
    assert "الأمراء والوزراء & كبار المسؤولين" in text


def test_many_nul_bytes_is_binary_but_few_are_cleaned(tmp_path: Path) -> None:
    text = ("الرئيس المصري يستقبل رئيس وزراء إثيوبيا في القاهرة لبحث ملف سد النهضة. " * 20).encode("utf-8")
    few = text[:100] + b"\x00" + text[100:500] + b"\x00\x00" + text[500:]
    many = b"".join(text[i : i + 3] + b"\x00" for i in range(0, len(text), 3))
    (tmp_path / "few.txt").write_bytes(few)
    (tmp_path / "many.txt").write_bytes(many)
    raw, _, rejects = read_inbox(tmp_path)
    assert raw["source_file"].to_list() == ["few.txt"]
    assert raw["raw_text"][0] == text.decode("utf-8")
    assert rejects.row(0, named=True)["source_file"] == "many.txt"
    assert rejects["reason"].to_list() == ["binary"]


def test_too_large_is_decided_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = make_big_file(tmp_path / "big.txt", 31_500_000)
    real_read = Path.read_bytes

    def guarded(self: Path) -> bytes:
        if self.name == "big.txt":
            raise AssertionError("the oversized file was read")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    _, _, rejects = read_inbox(tmp_path)
    row = rejects.row(0, named=True)
    assert row["reason"] == "too_large"
    assert row["record_index"] is None
    assert row["file_size_bytes"] == big.stat().st_size
    assert "over the 20.0 MB limit" in row["message"] and "MB" in row["message"]


def test_json_list_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "feed.json").write_text(
        '[{"id": 7, "url": "https://x/1", "title": "عنوان", "published_at": "2020-01-02",'
        ' "source": "الجزيرة",'
        ' "body": "قال وزير الدفاع الأمريكي إن بلاده سترسل قوات إضافية إلى المنطقة."},'
        ' {"title": "بلا نص"}, "نص", {"content": ["فقرة أولى عن لقاء الرئيسين في القاهرة.", "فقرة ثانية."]}]',
        encoding="utf-8",
    )
    raw, _, rejects = read_inbox(tmp_path)
    assert raw["record_index"].to_list() == [0, 3]
    first = raw.row(0, named=True)
    assert (first["meta_id"], first["meta_url"], first["meta_title"]) == ("7", "https://x/1", "عنوان")
    assert (first["meta_published_at"], first["meta_source"]) == ("2020-01-02", "الجزيرة")
    assert raw["raw_text"][1] == "فقرة أولى عن لقاء الرئيسين في القاهرة.\n\nفقرة ثانية."
    assert dict(zip(rejects["record_index"], rejects["reason"], strict=True)) == {
        1: "no_body",
        2: "malformed_json",
    }


def test_malformed_json_file(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"text": "نص", ', encoding="utf-8")
    _, _, rejects = read_inbox(tmp_path)
    assert rejects.select("record_index", "reason").row(0) == (None, "malformed_json")


def test_deterministic(inbox: Path, result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> None:
    again = read_inbox(inbox)
    for a, b in zip(result, again, strict=True):
        assert a.equals(b)


def test_sample_articles_all_ingested(result: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]) -> None:
    raw = result[0]
    assert raw.filter(pl.col("source_file").str.starts_with("a_samples/")).height == 5
