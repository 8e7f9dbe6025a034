"""Poison inputs become rejects naming the file and the problem; big feeds are streamed per record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchestration.settings import Settings
from orchestration.transforms import ingest, records
from orchestration.transforms.ingest import read_inbox

BODY = (
    "أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع نظيره الأمريكي دونالد ترامب بحثا خلاله "
    "الوضع في سوريا والتسوية السياسية ومكافحة الإرهاب في المنطقة. "
)


def _line(i: int, pad: int = 1) -> str:
    return json.dumps({"id": i, "text": f"{BODY * pad} رقم {i}"}, ensure_ascii=False)


def _rejects(inbox: Path, **kwargs: int) -> dict[tuple[str, int | None], tuple[str, str]]:
    _, _, rejected = read_inbox(inbox, **kwargs)
    return {
        (r["source_file"], r["record_index"]): (r["reason"], r["message"])
        for r in rejected.iter_rows(named=True)
    }


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    return tmp_path


def test_deeply_nested_json_is_a_reject_and_the_batch_goes_on(inbox: Path) -> None:
    (inbox / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    (inbox / "feed.jsonl").write_text(
        _line(0) + "\n" + '{"text": ' + "[" * 5000 + "\n" + _line(2) + "\n", encoding="utf-8"
    )
    raw, _, _ = read_inbox(inbox)
    rejects = _rejects(inbox)
    assert rejects[("deep.json", None)][0] == "malformed_json"
    assert "nested too deeply" in rejects[("deep.json", None)][1]
    assert rejects[("feed.jsonl", 1)][0] == "malformed_json"
    assert sorted(raw["source_file"].to_list()) == ["feed.jsonl", "feed.jsonl", "good.txt"]


def test_decoder_bug_is_a_reject_naming_the_error(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (inbox / "poison.txt").write_text(BODY + " سم", encoding="utf-8")
    real = ingest.decode_bytes

    def buggy(data: bytes) -> tuple[str, str]:
        if "سم".encode() in data:
            raise IndexError("list index out of range")
        return real(data)

    monkeypatch.setattr(ingest, "decode_bytes", buggy)
    (inbox / "feed.jsonl").write_text(
        _line(0) + "\n" + _line(1).replace("رقم", "سم") + "\n", encoding="utf-8"
    )
    raw, _, _ = read_inbox(inbox)
    rejects = _rejects(inbox)
    assert rejects[("poison.txt", None)] == (
        "unreadable",
        "file could not be read: IndexError: list index out of range",
    )
    assert rejects[("feed.jsonl", 1)] == (
        "unreadable",
        "line 2 could not be read: IndexError: list index out of range",
    )
    assert sorted(raw["source_file"].to_list()) == ["feed.jsonl", "good.txt"]


def test_memory_error_on_one_record_rejects_that_record(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = records.record

    def hungry(obj: object, where: str) -> dict:
        if where == "line 2":
            raise MemoryError
        return real(obj, where)

    monkeypatch.setattr(records, "record", hungry)
    (inbox / "feed.jsonl").write_text("\n".join(_line(i) for i in range(3)) + "\n", encoding="utf-8")
    raw, _, _ = read_inbox(inbox)
    assert _rejects(inbox)[("feed.jsonl", 1)] == (
        "too_large",
        "line 2 needs more memory than is available to read",
    )
    assert raw.filter(raw["source_file"] == "feed.jsonl")["record_index"].to_list() == [0, 2]


def test_truncated_json_says_truncated(inbox: Path) -> None:
    whole = json.dumps({"title": "عنوان", "text": BODY}, ensure_ascii=False)
    (inbox / "cut.json").write_text(whole[: len(whole) // 2], encoding="utf-8")
    (inbox / "cut_list.json").write_text("[" + whole + ", " + whole[:20], encoding="utf-8")
    (inbox / "feed.jsonl").write_text(_line(0) + "\n" + _line(1)[:40] + "\n", encoding="utf-8")
    (inbox / "wrong.json").write_text('{"text": "نص" "x"}', encoding="utf-8")
    rejects = _rejects(inbox)
    assert rejects[("cut.json", None)][1].startswith("file is truncated")
    assert rejects[("cut_list.json", None)][1].startswith("file is truncated")
    assert rejects[("feed.jsonl", 1)][1].startswith("line 2 is truncated")
    assert "truncated" not in rejects[("wrong.json", None)][1]
    assert "Expecting ',' delimiter at line 1" in rejects[("wrong.json", None)][1]


def test_feed_over_the_file_limit_is_read_record_by_record(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's 110 MB feed, scaled down: limits of 50 kB per file and 8 kB per record."""
    lines = [_line(i, pad=10) for i in range(60)]
    lines[7] = _line(7, pad=60)  # one record over the per-record limit
    feed = inbox / "day.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert feed.stat().st_size > 3 * 50_000
    real_read = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self.name != "day.jsonl", "the feed was read whole"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    raw, _, rejected = read_inbox(inbox, max_file_bytes=50_000, max_record_bytes=8_000)
    assert raw.filter(raw["source_file"] == "day.jsonl").height == 59
    (row,) = rejected.iter_rows(named=True)
    assert (row["source_file"], row["record_index"], row["reason"]) == ("day.jsonl", 7, "too_large")
    assert row["message"].startswith("line 8 is ") and "over the 8.0 kB per-record limit" in row["message"]


def test_limits_are_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AKHBAR_MAX_RECORD_BYTES", "1000")
    monkeypatch.setenv("AKHBAR_MAX_FILE_BYTES", "2e6")
    monkeypatch.setenv("AKHBAR_MAX_RETRACT_SHARE", "0.2")
    settings = Settings(inbox=tmp_path, warehouse=tmp_path / "w.duckdb", quality_dir=tmp_path)
    assert (settings.max_record_bytes, settings.max_file_bytes, settings.max_retract_share) == (
        1000,
        2_000_000,
        0.2,
    )
    monkeypatch.setenv("AKHBAR_MAX_RECORD_BYTES", "lots")
    with pytest.raises(ValueError, match="AKHBAR_MAX_RECORD_BYTES='lots' is not a number"):
        Settings(inbox=tmp_path, warehouse=tmp_path / "w.duckdb", quality_dir=tmp_path)


def test_utf16_feed_is_still_read_whole(inbox: Path) -> None:
    (inbox / "wide.jsonl").write_bytes(("\n".join(_line(i) for i in range(3)) + "\n").encode("utf-16"))
    raw, _, rejected = read_inbox(inbox)
    assert rejected.is_empty()
    assert raw.filter(raw["source_file"] == "wide.jsonl")["encoding"].to_list() == ["utf-16"] * 3
