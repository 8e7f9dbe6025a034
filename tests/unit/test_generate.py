"""The benchmark corpus generator: determinism, counts, ground-truth consistency, speed."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from bench.generate import REFERENCE_DIR, generate_corpus, to_hijri

RANGE = (date(2015, 1, 1), date(2020, 12, 31))

# A small knowledge base with the documented columns and office changes inside the date range,
# so that a role reference resolved against the wrong date is caught.
COUNTRIES = [
    ("RUS", "RU", "Russia", "روسيا", "الروسي|الروس", "place:moscow"),
    ("USA", "US", "United States", "الولايات المتحدة", "الأمريكي|الأميركي", "place:washington"),
    ("FRA", "FR", "France", "فرنسا", "الفرنسي|الفرنسيون", "place:paris"),
    ("EGY", "EG", "Egypt", "مصر", "المصري|المصريون", "place:cairo"),
    ("SAU", "SA", "Saudi Arabia", "السعودية", "السعودي|السعوديون", "place:riyadh"),
    ("QAT", "QA", "Qatar", "قطر", "القطري", "place:doha"),
    ("ISR", "IL", "Israel", "إسرائيل", "الإسرائيلي", "place:jerusalem"),
    ("SYR", "SY", "Syria", "سوريا", "السوري|السوريون", "place:damascus"),
    ("LBN", "LB", "Lebanon", "لبنان", "اللبناني", "place:beirut"),
    ("PSE", "PS", "Palestine", "فلسطين", "الفلسطيني", "place:ramallah"),
    ("UKR", "UA", "Ukraine", "أوكرانيا", "الأوكراني", "place:kyiv"),
    ("YEM", "YE", "Yemen", "اليمن", "اليمني", "place:sanaa"),
]
PLACES = [
    ("place:moscow", "Moscow", "موسكو", "RUS", "capital"),
    ("place:sochi", "Sochi", "سوتشي", "RUS", "city"),
    ("place:washington", "Washington", "واشنطن", "USA", "capital"),
    ("place:paris", "Paris", "باريس", "FRA", "capital"),
    ("place:cairo", "Cairo", "القاهرة", "EGY", "capital"),
    ("place:riyadh", "Riyadh", "الرياض", "SAU", "capital"),
    ("place:doha", "Doha", "الدوحة", "QAT", "capital"),
    ("place:jerusalem", "Jerusalem", "القدس", "ISR", "capital"),
    ("place:damascus", "Damascus", "دمشق", "SYR", "capital"),
    ("place:aleppo", "Aleppo", "حلب", "SYR", "city"),
    ("place:beirut", "Beirut", "بيروت", "LBN", "capital"),
    ("place:tyre", "Tyre", "صور", "LBN", "city"),
    ("place:ramallah", "Ramallah", "رام الله", "PSE", "capital"),
    ("place:gaza", "Gaza", "غزة", "PSE", "city"),
    ("place:kyiv", "Kyiv", "كييف", "UKR", "capital"),
    ("place:kharkiv", "Kharkiv", "خاركيف", "UKR", "city"),
    ("place:sanaa", "Sanaa", "صنعاء", "YEM", "capital"),
]
# entity, name_en, name_ar, aliases, iso3, [(office, title, start, end)]
PERSONS = [
    (
        "vladimir_putin",
        "Vladimir Putin",
        "فلاديمير بوتين",
        "بوتين",
        "RUS",
        [("head_of_state", "president", "2012-05-07", "")],
    ),
    (
        "sergey_lavrov",
        "Sergey Lavrov",
        "سيرغي لافروف",
        "لافروف",
        "RUS",
        [("foreign_minister", "foreign_minister", "2004-03-09", "")],
    ),
    (
        "barack_obama",
        "Barack Obama",
        "باراك أوباما",
        "أوباما",
        "USA",
        [("head_of_state", "president", "2009-01-20", "2017-01-20")],
    ),
    (
        "donald_trump",
        "Donald Trump",
        "دونالد ترامب",
        "ترامب|ترمب",
        "USA",
        [("head_of_state", "president", "2017-01-20", "2021-01-20")],
    ),
    (
        "john_kerry",
        "John Kerry",
        "جون كيري",
        "كيري",
        "USA",
        [("foreign_minister", "foreign_minister", "2013-02-01", "2017-01-20")],
    ),
    (
        "rex_tillerson",
        "Rex Tillerson",
        "ريكس تيلرسون",
        "تيلرسون",
        "USA",
        [("foreign_minister", "foreign_minister", "2017-02-01", "2018-03-31")],
    ),
    (
        "mike_pompeo",
        "Mike Pompeo",
        "مايك بومبيو",
        "بومبيو",
        "USA",
        [("foreign_minister", "foreign_minister", "2018-04-26", "2021-01-20")],
    ),
    (
        "francois_hollande",
        "François Hollande",
        "فرانسوا هولاند",
        "هولاند",
        "FRA",
        [("head_of_state", "president", "2012-05-15", "2017-05-14")],
    ),
    (
        "emmanuel_macron",
        "Emmanuel Macron",
        "إيمانويل ماكرون",
        "ماكرون",
        "FRA",
        [("head_of_state", "president", "2017-05-14", "")],
    ),
    (
        "sisi",
        "Abdel Fattah el-Sisi",
        "عبد الفتاح السيسي",
        "السيسي",
        "EGY",
        [("head_of_state", "president", "2014-06-08", "")],
    ),
    (
        "sameh_shoukry",
        "Sameh Shoukry",
        "سامح شكري",
        "شكري",
        "EGY",
        [("foreign_minister", "foreign_minister", "2014-06-17", "2024-07-03")],
    ),
    (
        "salman",
        "Salman of Saudi Arabia",
        "الملك سلمان بن عبد العزيز",
        "سلمان بن عبد العزيز|خادم الحرمين الشريفين",
        "SAU",
        [("head_of_state", "king", "2015-01-23", "")],
    ),
    (
        "adel_al_jubeir",
        "Adel al-Jubeir",
        "عادل الجبير",
        "الجبير",
        "SAU",
        [("foreign_minister", "foreign_minister", "2015-04-29", "2018-12-27")],
    ),
    (
        "tamim",
        "Tamim bin Hamad Al Thani",
        "تميم بن حمد آل ثاني",
        "الشيخ تميم",
        "QAT",
        [("head_of_state", "emir", "2013-06-25", "")],
    ),
    (
        "netanyahu",
        "Benjamin Netanyahu",
        "بنيامين نتنياهو",
        "نتنياهو",
        "ISR",
        [("head_of_government", "prime_minister", "2009-03-31", "2021-06-13")],
    ),
    (
        "assad",
        "Bashar al-Assad",
        "بشار الأسد",
        "الأسد|الرئيس بشار الأسد",
        "SYR",
        [("head_of_state", "president", "2000-07-17", "2024-12-08")],
    ),
    (
        "aoun",
        "Michel Aoun",
        "ميشال عون",
        "عون",
        "LBN",
        [("head_of_state", "president", "2016-10-31", "2022-10-30")],
    ),
    (
        "acting_x",
        "Acting Person",
        "شخص مؤقت",
        "",
        "LBN",
        [("head_of_state", "president", "2014-05-25", "2016-10-31")],
    ),
]


def _write(path: Path, header: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kb")
    _write(
        root / "countries.csv",
        ["iso3", "iso2", "name_en", "name_ar", "aliases_ar", "nisba_ar", "capital_place_id"],
        [(i3, i2, en, ar, "", nisba, cap) for i3, i2, en, ar, nisba, cap in COUNTRIES],
    )
    _write(
        root / "places.csv",
        [
            "entity_id",
            "name_en",
            "name_ar",
            "aliases_ar",
            "country_iso3",
            "latitude",
            "longitude",
            "place_type",
        ],
        [(pid, en, ar, "", iso3, "", "", kind) for pid, en, ar, iso3, kind in PLACES],
    )
    _write(
        root / "persons.csv",
        ["entity_id", "name_en", "name_ar", "aliases_ar", "country_iso3"],
        [(f"person:{pid}", en, ar, aliases, iso3) for pid, en, ar, aliases, iso3, _ in PERSONS],
    )
    spells = []
    for pid, _en, _ar, _aliases, iso3, offices in PERSONS:
        for office, title, start, end in offices:
            status = "acting" if pid == "acting_x" else ""
            spells.append((f"person:{pid}", office, iso3, f"{iso3}GOV", start, end, title, status))
    _write(
        root / "office_spells.csv",
        ["entity_id", "office", "country_iso3", "cameo_code", "start_date", "end_date", "title", "status"],
        spells,
    )
    return root


@pytest.fixture(scope="module")
def corpus(kb_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("corpus")
    return generate_corpus(
        out, 400, seed=7, jsonl_share=0.3, reference_dir=kb_dir, date_range=RANGE, workers=1
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\r\n", "\n")


def _record_text(inbox: Path, row: dict) -> str:
    path = inbox / row["source_file"]
    if row["file_format"] == "txt":
        return path.read_bytes().decode(row["encoding"])
    if row["file_format"] == "jsonl":
        return json.loads(path.read_text(encoding="utf-8").split("\n")[row["record_index"]])["text"]
    return json.loads(path.read_text(encoding="utf-8"))[row["record_index"]]["text"]


def test_same_seed_same_bytes_other_seed_other_corpus(kb_dir: Path, tmp_path: Path) -> None:
    kwargs = {"reference_dir": kb_dir, "date_range": RANGE}
    generate_corpus(tmp_path / "a", 1500, seed=3, workers=1, **kwargs)
    generate_corpus(tmp_path / "b", 1500, seed=3, workers=2, **kwargs)  # two chunks in two processes
    generate_corpus(tmp_path / "c", 1500, seed=4, workers=1, **kwargs)
    a, b, c = _tree(tmp_path / "a"), _tree(tmp_path / "b"), _tree(tmp_path / "c")
    assert len(a) > 1000
    assert a == b
    assert a != c
    assert a["ground_truth/events.csv"] != c["ground_truth/events.csv"]


def test_requested_counts_and_rejects(corpus) -> None:
    arts = corpus.articles
    assert arts.height == 400
    assert arts["article_key"].n_unique() == 400
    json_share = arts.filter(pl.col("file_format") != "txt").height / 400
    assert 0.2 < json_share < 0.4
    assert arts.select(pl.struct("source_file", "record_index").n_unique()).item() == 400
    reasons = set(corpus.expected_rejects["reason"])
    assert {"empty", "binary", "not_arabic", "duplicate", "no_body", "malformed_json"} <= reasons
    # About 2-3 KB per article, like real news.
    per_article = corpus.n_bytes / arts.height
    assert 1500 < per_article < 4500


def test_ground_truth_is_consistent_with_the_files(corpus) -> None:
    inbox = corpus.inbox
    events, arts = corpus.events, corpus.articles
    keys = set(arts["article_key"])
    assert events["n_articles"].min() >= 1
    for row in events.iter_rows(named=True):
        assert set(row["article_keys"].split("|")) <= keys
        assert row["event_date"] is None or row["date_precision"] in ("day", "month")
    event_keys = set(events["event_key"])
    for row in arts.iter_rows(named=True):
        assert (inbox / row["source_file"]).is_file()
        text = _plain(_record_text(inbox, row))
        assert len(text) > 300
        if row["event_keys"]:
            assert set(row["event_keys"].split("|")) <= event_keys
        if row["title"] and row["digits"] == "latin" and row["file_format"] == "txt":
            assert row["title"] in text
    # Every person surface recorded in mentions.csv is written in its article.
    texts = {r["article_key"]: _plain(_record_text(inbox, r)) for r in arts.iter_rows(named=True)}
    for m in corpus.mentions.iter_rows(named=True):
        assert m["surface"] in texts[m["article_key"]], m
    # Every expected reject exists and is what it claims to be.
    for r in corpus.expected_rejects.iter_rows(named=True):
        data = (inbox / r["source_file"]).read_bytes()
        if r["reason"] == "empty":
            assert not data.decode("utf-8").strip()
        elif r["reason"] == "binary":
            assert b"\x00" in data or data[:4] in (b"%PDF", b"PK\x03\x04")
        elif r["reason"] == "duplicate":
            assert data == (inbox / r["duplicate_of_file"]).read_bytes()
        elif r["reason"] in ("malformed_json", "no_body"):
            line = data.decode("utf-8").split("\n")[r["record_index"]]
            if r["reason"] == "malformed_json":
                with pytest.raises(json.JSONDecodeError):
                    json.loads(line)
            else:
                assert json.loads(line)["text"] == ""
    assert (corpus.out_dir / "ground_truth" / "events.csv").is_file()


def test_role_references_name_the_office_holder_of_the_event_date(corpus, kb_dir: Path) -> None:
    spells = pl.read_csv(kb_dir / "office_spells.csv", infer_schema=False).with_columns(
        pl.col("start_date").str.to_date(), pl.col("end_date").str.to_date()
    )
    assert "person:acting_x" not in set(corpus.mentions["entity_id"])  # acting spells are not drawn
    roles = corpus.mentions.filter(
        pl.col("form").is_in(["role", "role_name", "counterpart", "construct_name"])
    )
    assert roles.height > 50
    checked = (
        roles.join(corpus.events.select("event_key", "true_date", "status"), on="event_key")
        .join(
            spells,
            left_on=["entity_id", "office", "country_iso3"],
            right_on=["entity_id", "office", "country_iso3"],
        )
        .filter(
            (pl.col("start_date") <= pl.col("true_date"))
            & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("true_date")))
        )
    )
    assert (
        checked.select("article_key", "event_key", "surface").unique().height
        == roles.select("article_key", "event_key", "surface").unique().height
    )
    assert "historical" not in set(checked["status"])  # past events are written with names only
    # A role-only reference carries the country's nisba, e.g. الرئيس الأمريكي for the US president.
    nisba = {iso3: n.split("|")[0] for iso3, _i2, _en, _ar, n, _cap in COUNTRIES}
    for m in roles.filter(pl.col("form") == "role").iter_rows(named=True):
        assert nisba[m["country_iso3"]] in m["surface"]
    # The office changes inside the range: both US presidents of 2015-2020 appear.
    assert {"person:barack_obama", "person:donald_trump"} <= set(corpus.mentions["entity_id"])


def test_dates_and_event_kinds(corpus) -> None:
    events = corpus.events
    assert {"041", "043", "042", "051", "057", "111"} <= set(events["event_code"])
    assert set(events["status"]) == {"occurred", "planned", "historical"}
    planned = events.filter(pl.col("status") == "planned")
    articles = corpus.articles.filter(pl.col("published_date").is_not_null())
    # A planned event is announced before it happens.
    announced = (
        articles.with_columns(pl.col("event_keys").str.split("|"))
        .explode("event_keys")
        .join(planned, left_on="event_keys", right_on="event_key")
    )
    assert announced.height > 0
    assert (announced["published_date"] < announced["true_date"]).all()
    # Some dates cannot be known, most can; a known date is the true one.
    known = events.filter(pl.col("date_precision") == "day")
    assert 0.5 < known.height / events.height < 1.0
    assert (known["event_date"] == known["true_date"]).all()
    assert corpus.articles["published_date"].null_count() > 0
    assert set(corpus.articles["digits"]) >= {"latin", "arabic_indic"}


def test_small_corpus_is_fast(kb_dir: Path, tmp_path: Path) -> None:
    gt = generate_corpus(tmp_path, 50, seed=1, reference_dir=kb_dir, date_range=RANGE, workers=1)
    assert gt.articles.height == 50
    assert gt.seconds < 1.0


def test_hijri_dates_match_the_wire_dateline_example() -> None:
    # 'الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس'
    year, month, day = to_hijri(date(2015, 8, 10))
    assert (year, month) == (1436, 10)
    assert abs(day - 25) <= 1
    assert to_hijri(date(2017, 11, 21))[:2] == (1439, 3)


@pytest.mark.skipif(not (REFERENCE_DIR / "office_spells.csv").exists(), reason="reference KB not built")
def test_runs_on_the_project_knowledge_base(tmp_path: Path) -> None:
    gt = generate_corpus(tmp_path, 300, seed=0, workers=1)
    assert gt.articles.height == 300
    assert gt.events.height > 100
    assert gt.mentions["form"].n_unique() >= 6
