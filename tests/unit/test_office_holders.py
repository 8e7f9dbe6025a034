"""Generated office holders (Wikidata via EveryPolitician): the build's mapping, and the merge under
the hand-kept spells in ``load_kb``."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.office_holders import hand_gaps, merge_persons, merge_spells, use_hand_ids
from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase, load_kb, office_holders
from orchestration.transforms.reference_validation import SINGLE_HOLDER_OFFICES

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "build_office_holders", ROOT / "scripts" / "build_office_holders.py"
)
assert _spec and _spec.loader
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

SPELL_SCHEMA = {
    "entity_id": pl.String,
    "office": pl.String,
    "country_iso3": pl.String,
    "start_date": pl.Date,
    "end_date": pl.Date,
    "title": pl.String,
    "status": pl.String,
}


def spells(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SPELL_SCHEMA, orient="row")


def generated(rows: list[tuple]) -> pl.DataFrame:
    return spells(rows).with_columns(
        name_en=pl.col("entity_id").str.strip_prefix("person:"), wikidata_id=pl.lit("Q1")
    )


def test_generated_spells_fill_only_the_days_hand_spells_leave_free() -> None:
    hand = spells(
        [
            ("person:a", "head_of_state", "XXX", date(2010, 1, 1), date(2015, 1, 1), "president", None),
            ("person:r", "head_of_state", "XXX", date(2016, 1, 1), None, "president", "rival"),
        ]
    )
    gen = generated(
        [
            # Overlaps the hand spell: cut to the years before it.
            ("person:b", "head_of_state", "XXX", date(2005, 1, 1), date(2011, 1, 1), "president", None),
            # The hand holder under another id, starting a week early: cut to a sliver, dropped.
            ("person:a2", "head_of_state", "XXX", date(2009, 12, 25), date(2014, 12, 1), "president", None),
            # After the hand spell: kept (a rival claimant does not hold the office).
            ("person:c", "head_of_state", "XXX", date(2015, 1, 1), None, "president", None),
            # An office the hand file does not cover at all: kept whole.
            (
                "person:d",
                "foreign_minister",
                "XXX",
                date(2001, 1, 1),
                date(2002, 1, 1),
                "foreign_minister",
                None,
            ),
        ]
    )
    merged = merge_spells(hand, gen)
    got = (
        merged.filter(pl.col("source") == "wikidata")
        .select("entity_id", "start_date", "end_date")
        .sort("entity_id")
    )
    assert got.rows() == [
        ("person:b", date(2005, 1, 1), date(2010, 1, 1)),
        ("person:c", date(2015, 1, 1), None),
        ("person:d", date(2001, 1, 1), date(2002, 1, 1)),
    ]
    assert merged.filter(pl.col("source") == "hand").height == 2
    assert "name_en" not in merged.columns


def test_hand_gaps_treat_nested_spells_as_one_cover() -> None:
    hand = spells(
        [
            (
                "person:a",
                "head_of_government",
                "XXX",
                date(2000, 1, 1),
                date(2010, 1, 1),
                "prime_minister",
                None,
            ),
            (
                "person:b",
                "head_of_government",
                "XXX",
                date(2003, 1, 1),
                date(2004, 1, 1),
                "prime_minister",
                "acting",
            ),
            (
                "person:c",
                "head_of_government",
                "XXX",
                date(2012, 1, 1),
                date(2014, 1, 1),
                "prime_minister",
                None,
            ),
        ]
    )
    gaps = hand_gaps(hand).sort("gap_start").select("gap_start", "gap_end").rows()
    assert gaps == [
        (date(1, 1, 1), date(2000, 1, 1)),
        (date(2010, 1, 1), date(2012, 1, 1)),
        (date(2014, 1, 1), date(9999, 12, 31)),
    ]


def test_generated_person_added_only_when_used_and_never_over_a_hand_row() -> None:
    hand_persons = pl.DataFrame(
        {"entity_id": ["person:a"], "name_en": ["A"], "name_ar": ["أ"], "country_iso3": ["XXX"]}
    )
    gen = generated(
        [
            (
                "person:a",
                "foreign_minister",
                "XXX",
                date(2001, 1, 1),
                date(2002, 1, 1),
                "foreign_minister",
                None,
            ),
            (
                "person:b",
                "foreign_minister",
                "XXX",
                date(2002, 1, 1),
                date(2003, 1, 1),
                "foreign_minister",
                None,
            ),
            ("person:z", "head_of_state", "XXX", date(2002, 1, 1), date(2002, 1, 9), "president", None),
        ]
    )
    hand_spells = spells([("person:y", "head_of_state", "XXX", date(2002, 1, 5), None, "president", None)])
    merged = merge_spells(hand_spells, gen)
    persons = merge_persons(hand_persons, merged, gen)
    assert persons["entity_id"].to_list() == ["person:a", "person:b"]
    assert persons.filter(pl.col("entity_id") == "person:a")["name_ar"].item() == "أ"
    assert persons.filter(pl.col("entity_id") == "person:b")["name_ar"].item() is None


def test_build_maps_positions_to_offices_per_country() -> None:
    raw = pl.DataFrame(
        [
            ("President", "Hassan Rouhani", "Q1", "2013-08-03", "2021-08-03", "Hassan Rouhani", "IRN"),
            ("President", "Barack Obama", "Q2", "2009-01-20", "2017-01-20", "", "USA"),
            ("Secretary of State", "John Kerry", "Q3", "2013-02", "2017", None, "USA"),
            ("Secretary of State", "Someone", "Q4", "2013", None, None, "GBR"),
            ("Minister of Health", "Other", "Q5", "2013", None, None, "GBR"),
            ("Prime Minister", "Q6", "Q6", "2013", None, None, "GBR"),
            ("Minister of Foreign Affairs", "Foreign Secretary", "Q7", "2013", None, None, "IND"),
            ("Supreme Leader", "Insurgent", "Q8", "2015", None, None, "AFG"),
            ("Supreme Leader", "Ali Khamenei", "Q9", "1989-06-04", None, None, "IRN"),
        ],
        schema=["position", "person", "personID", "start", "end", "enwiki", "country_iso3"],
        orient="row",
    ).with_columns(snapshot=pl.lit("2022-08-01"))
    got = build.to_spells(raw).sort("entity_id", "office")
    # Not kept: GBR's junior "Secretary of State", an unlabelled item (QID only), a health minister,
    # India's foreign secretaries and the Taliban's insurgent-era leader.
    assert got.select("entity_id", "office", "title", "cameo_code").rows() == [
        ("person:ali_khamenei", "head_of_state", "supreme_leader", "IRNGOV"),
        ("person:barack_obama", "head_of_government", "president", "USAGOV"),
        ("person:barack_obama", "head_of_state", "president", "USAGOV"),
        ("person:hassan_rouhani", "head_of_government", "president", "IRNGOV"),
        ("person:john_kerry", "foreign_minister", "foreign_minister", "USAGOV"),
    ]
    kerry = got.filter(pl.col("entity_id") == "person:john_kerry").row(0, named=True)
    assert (kerry["start_date"], kerry["end_date"]) == (date(2013, 2, 1), date(2017, 1, 1))
    assert kerry["notes"] == "start: month only; end: year only"


def test_build_gives_one_holder_at_a_time_and_ends_open_spells_at_the_snapshot() -> None:
    rows = spells(
        [
            ("person:a", "head_of_state", "XXX", date(2000, 1, 1), date(2010, 6, 1), "president", None),
            ("person:b", "head_of_state", "XXX", date(2010, 1, 1), None, "president", None),
        ]
    ).with_columns(notes=pl.lit(None, pl.String), snapshot_date=pl.lit(date(2022, 8, 1)))
    got = build.successor_ends(rows).select("entity_id", "start_date", "end_date").rows()
    assert got == [
        ("person:a", date(2000, 1, 1), date(2010, 1, 1)),
        ("person:b", date(2010, 1, 1), date(2022, 8, 1)),
    ]


def test_slug_matches_the_id_scheme() -> None:
    names = pl.DataFrame(
        {"n": ["Recep Tayyip Erdoğan", "Ben Wallace (politician)", "Abdel Fattah el-Sisi's"]}
    )
    assert names.select(build.slug_expr(pl.col("n")))["n"].to_list() == [
        "recep_tayyip_erdogan",
        "ben_wallace_politician",
        "abdel_fattah_el_sisis",
    ]


def test_merged_kb_has_one_regular_holder_per_office_and_day(kb: KnowledgeBase) -> None:
    s = kb.office_spells.filter(
        pl.col("office").is_in(SINGLE_HOLDER_OFFICES)
        & pl.col("status").is_null()
        & pl.col("country_iso3").is_not_null()
    ).with_row_index("i")
    far = pl.date(9999, 1, 1)
    pairs = s.join(s, on=["office", "country_iso3"], suffix="_b").filter(
        (pl.col("i") < pl.col("i_b"))
        & (pl.col("start_date") < pl.col("end_date_b").fill_null(far))
        & (pl.col("start_date_b") < pl.col("end_date").fill_null(far))
    )
    assert (
        pairs.filter(pl.col("source") == "wikidata").height
        + pairs.filter(pl.col("source_b") == "wikidata").height
        == 0
    ), pairs.select("entity_id", "entity_id_b", "office", "country_iso3").head(5)


def test_every_merged_spell_names_a_known_person(kb: KnowledgeBase) -> None:
    persons = kb.persons.select("entity_id")
    orphans = kb.office_spells.filter(pl.col("source") == "wikidata").join(
        persons, on="entity_id", how="anti"
    )
    assert orphans.is_empty()
    assert kb.persons["entity_id"].is_unique().all()


def holders_on(kb: KnowledgeBase, iso3: str, office: str, on: date) -> pl.DataFrame:
    """The KB persons holding ``office`` of ``iso3`` on ``on``."""
    held = office_holders(kb.office_spells, on).filter(
        pl.col("country_iso3") == iso3, pl.col("office") == office
    )
    return held.join(kb.persons, on="entity_id")


@pytest.mark.parametrize(
    ("iso3", "office", "on", "expected"),
    [
        ("ESP", "foreign_minister", date(2014, 1, 1), "José Manuel García-Margallo"),
        ("ESP", "head_of_state", date(2010, 1, 1), "Juan Carlos I"),
        ("PAK", "head_of_government", date(2010, 1, 1), "Yousaf Raza Gillani"),
        ("ETH", "head_of_government", date(2005, 1, 1), "Meles Zenawi"),
        ("SOM", "foreign_minister", date(2015, 6, 1), "Abdisalam Omer"),
    ],
)
def test_spot_checks_from_wikidata(
    kb: KnowledgeBase, iso3: str, office: str, on: date, expected: str
) -> None:
    names = holders_on(kb, iso3, office, on)
    assert names["name_en"].to_list() == [expected]
    assert names["source"].to_list() == ["wikidata"]


def test_hand_rows_stay_authoritative(kb: KnowledgeBase) -> None:
    """Egypt's prime minister on a day both files cover is the hand-kept one, with its Arabic name."""
    held = office_holders(kb.office_spells, date(2010, 6, 1)).filter(
        pl.col("country_iso3") == "EGY", pl.col("office") == "head_of_government"
    )
    assert held["source"].to_list() == ["hand"]
    assert held.join(kb.persons, on="entity_id")["name_ar"].item() is not None


def test_loader_without_generated_file_reads_hand_rows_only(tmp_path: Path) -> None:
    for path in REFERENCE_DIR.glob("*.csv"):
        if path.name != "office_holders.csv":
            (tmp_path / path.name).write_bytes(path.read_bytes())
    kb = load_kb(tmp_path)
    assert kb.office_spells["source"].unique().to_list() == ["hand"]
    assert "wikidata_id" not in kb.persons.columns


def test_a_hand_person_under_another_spelling_keeps_the_hand_id() -> None:
    hand = spells(
        [
            ("person:mostafa", "head_of_government", "XXX", date(2018, 6, 14), None, "prime_minister", None),
            (
                "person:sabah",
                "head_of_government",
                "YYY",
                date(2019, 11, 19),
                date(2022, 7, 24),
                "prime_minister",
                None,
            ),
        ]
    )
    hand_persons = pl.DataFrame({"entity_id": ["person:mostafa", "person:sabah"], "name_ar": ["م", "ص"]})
    gen = generated(
        [
            # The same seat from the same day, open at the snapshot: the hand person.
            (
                "person:moustafa",
                "head_of_government",
                "XXX",
                date(2018, 6, 14),
                date(2022, 8, 3),
                "prime_minister",
                None,
            ),
            (
                "person:moustafa",
                "defence_minister",
                "XXX",
                date(2015, 1, 1),
                date(2016, 1, 1),
                "defence_minister",
                None,
            ),
            # A wrong holder a month into another's spell, ending long before it: not the same person.
            (
                "person:ahmad",
                "head_of_government",
                "YYY",
                date(2019, 12, 17),
                date(2020, 12, 14),
                "prime_minister",
                None,
            ),
        ]
    ).with_columns(
        notes=pl.when(pl.col("end_date") == date(2022, 8, 3)).then(pl.lit("open in the source: ended"))
    )
    renamed = use_hand_ids(hand, gen, hand_persons)
    assert renamed["entity_id"].to_list() == ["person:mostafa", "person:mostafa", "person:ahmad"]
