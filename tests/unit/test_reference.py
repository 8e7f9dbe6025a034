"""The reference knowledge base: loader types, integrity, coverage and spot checks."""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from datetime import date
from pathlib import Path

import polars as pl
import pycountry
import pytest

from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase, office_holders
from orchestration.transforms.reference_validation import SINGLE_HOLDER_OFFICES

ROOT = Path(__file__).resolve().parents[2]
GOLD_ENTITIES = ROOT / "tests" / "gold" / "entities.csv"

ARAB_LEAGUE = [
    "DZA",
    "BHR",
    "COM",
    "DJI",
    "EGY",
    "IRQ",
    "JOR",
    "KWT",
    "LBN",
    "LBY",
    "MRT",
    "MAR",
    "OMN",
    "PSE",
    "QAT",
    "SAU",
    "SOM",
    "SDN",
    "SYR",
    "TUN",
    "ARE",
    "YEM",
]
G20 = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
]
REQUIRED = sorted({*ARAB_LEAGUE, "IRN", "ISR", "TUR", *G20})
COVERAGE_DATES = (date(2015, 6, 1), date(2023, 6, 1))
# Holders we could not establish reliably; documented in data/reference/README.md ("Known gaps").
# The 2015 gaps are filled by the generated office holders (Wikidata, office_holders.csv), whose
# snapshots end in 2022-2023.
KNOWN_GAPS = {
    ("COM", "foreign_minister", date(2023, 6, 1)),
    ("SOM", "foreign_minister", date(2023, 6, 1)),
}
# The posts with one holder at a time are the run's own validation rule; envoys and "other" posts
# legitimately come in parallel.
EXCLUSIVE_OFFICES = set(SINGLE_HOLDER_OFFICES)
OFFICES = EXCLUSIVE_OFFICES | {"envoy", "igo_official", "other"}
CAMEO_ROLES = {"GOV", "MIL", "LEG", "JUD", "SPY", "OPP", "REB", "IGO", "MED", "BUS", "COP"}
ARABIC_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def split(cell: str | None) -> list[str]:
    return [p for p in (cell or "").split("|") if p]


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.replace("'", "")).strip("_")


def holders(
    kb: KnowledgeBase, country: str, on: date, *, office: str | None = None, title: str | None = None
):
    spells = office_holders(kb.office_spells, on).filter(
        pl.col("country_iso3") == country, pl.col("status").fill_null("") != "rival"
    )
    if office:
        spells = spells.filter(pl.col("office") == office)
    if title:
        spells = spells.filter(pl.col("title") == title)
    # A president who also heads the government holds two spells: one name either way.
    names = spells.join(kb.persons.select("entity_id", "name_en"), on="entity_id")["name_en"]
    return sorted(set(names.to_list()))


# --- loader and types -------------------------------------------------------------------------


def test_loader_types(kb: KnowledgeBase) -> None:
    assert kb.office_spells.schema["start_date"] == pl.Date
    assert kb.office_spells.schema["end_date"] == pl.Date
    assert kb.places.schema["latitude"] == pl.Float64
    assert kb.places.schema["longitude"] == pl.Float64
    assert kb.roles.schema["rank"] == pl.Int32
    typed = {"start_date", "end_date", "latitude", "longitude", "rank"}
    for name in ("countries", "persons", "office_spells", "places", "organizations", "roles"):
        frame: pl.DataFrame = getattr(kb, name)
        assert frame.height > 0, name
        for column, dtype in frame.schema.items():
            if column not in typed:
                assert dtype == pl.String, (name, column, dtype)


def test_contract_columns_come_first(kb: KnowledgeBase) -> None:
    contract = {
        "countries": ["iso3", "iso2", "name_en", "name_ar", "aliases_ar", "nisba_ar", "capital_place_id"],
        "persons": ["entity_id", "name_en", "name_ar", "aliases_ar", "country_iso3"],
        "office_spells": ["entity_id", "office", "country_iso3", "cameo_code", "start_date", "end_date"],
        "places": [
            "entity_id",
            "name_en",
            "name_ar",
            "aliases_ar",
            "country_iso3",
            "latitude",
            "longitude",
            "place_type",
        ],
        "organizations": [
            "entity_id",
            "name_en",
            "name_ar",
            "aliases_ar",
            "country_iso3",
            "cameo_code",
            "org_type",
        ],
        "roles": ["role", "office", "pattern_ar", "cameo_role", "rank"],
    }
    for name, columns in contract.items():
        assert getattr(kb, name).columns[: len(columns)] == columns, name


def test_no_blank_cells_only_nulls(kb: KnowledgeBase) -> None:
    for name in ("countries", "persons", "office_spells", "places", "organizations", "roles"):
        frame: pl.DataFrame = getattr(kb, name)
        for column, dtype in frame.schema.items():
            if dtype == pl.String:
                bad = frame.filter(pl.col(column).str.strip_chars() != pl.col(column))
                assert bad.is_empty(), (name, column, bad.head(3))


# --- ids --------------------------------------------------------------------------------------


def test_entity_ids_unique_and_well_formed(kb: KnowledgeBase) -> None:
    ids = pl.concat(
        [
            kb.persons["entity_id"],
            kb.places["entity_id"],
            kb.organizations["entity_id"],
            ("country:" + kb.countries["iso3"]).alias("entity_id"),
        ]
    )
    assert ids.n_unique() == ids.len()
    assert kb.places["entity_id"].str.contains(r"^place:[a-z0-9_]+$").all()
    assert kb.organizations["entity_id"].str.contains(r"^org:[a-z0-9_]+$").all()
    for row in kb.persons.iter_rows(named=True):
        assert row["entity_id"] == f"person:{slug(row['name_en'])}", row


def test_countries_cover_iso_3166(kb: KnowledgeBase) -> None:
    assert set(kb.countries["iso3"]) == {c.alpha_3 for c in pycountry.countries}
    assert "PSE" in set(kb.countries["iso3"])
    assert kb.countries["name_ar"].str.contains(r"[\u0621-\u064A]").all()
    for column in ("name_ar", "aliases_ar", "nisba_ar"):
        assert not kb.countries[column].drop_nulls().str.contains(ARABIC_DIACRITICS.pattern).any(), column
    by_iso = {r["iso3"]: r for r in kb.countries.iter_rows(named=True)}
    assert by_iso["TUR"]["name_ar"] == "تركيا" and by_iso["TUR"]["name_en"] == "Turkey"
    assert {"سوريا", "سورية"} <= {by_iso["SYR"]["name_ar"], *split(by_iso["SYR"]["aliases_ar"])}
    assert "أمريكا" in split(by_iso["USA"]["aliases_ar"])
    assert "واشنطن" not in split(by_iso["USA"]["aliases_ar"])
    assert {"الروسي", "الروسية", "الروس"} <= set(split(by_iso["RUS"]["nisba_ar"]))
    assert {"الأمريكي", "الأميركية", "الأمريكيون"} <= set(split(by_iso["USA"]["nisba_ar"]))


def test_build_script_reproduces_countries_csv() -> None:
    spec = importlib.util.spec_from_file_location("build_countries", ROOT / "scripts" / "build_countries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with (REFERENCE_DIR / "countries.csv").open(encoding="utf-8", newline="") as f:
        on_disk = list(csv.DictReader(f))
    assert module.build() == on_disk


def test_focus_countries_have_nisba_and_capital(kb: KnowledgeBase) -> None:
    focus = kb.countries.filter(pl.col("iso3").is_in([*REQUIRED, "UKR", "AFG", "PRK", "KAZ", "CHE"]))
    assert focus.height == len(REQUIRED) + 5
    assert focus.filter(pl.col("nisba_ar").is_null()).is_empty()
    assert focus.filter(pl.col("capital_place_id").is_null()).is_empty()
    capitals = kb.countries["capital_place_id"].drop_nulls()
    assert capitals.is_in(kb.places["entity_id"].implode()).all()


def test_nisba_forms_never_name_another_country(kb: KnowledgeBase) -> None:
    owner: dict[str, str] = {}
    for row in kb.countries.iter_rows(named=True):
        for form in {row["name_ar"], *split(row["aliases_ar"]), *split(row["nisba_ar"])}:
            assert owner.setdefault(form, row["iso3"]) == row["iso3"], (form, owner[form], row["iso3"])


def test_surface_forms_name_one_entity(kb: KnowledgeBase) -> None:
    """A name or alias must not point at two entities (the matcher could not choose)."""
    owner: dict[str, str] = {}
    tables = [
        # Generated office holders (Wikidata) have no Arabic name: no surface form at all.
        kb.persons.filter(pl.col("name_ar").is_not_null()).select("entity_id", "name_ar", "aliases_ar"),
        kb.places.select("entity_id", "name_ar", "aliases_ar"),
        kb.organizations.select("entity_id", "name_ar", "aliases_ar"),
        kb.countries.select(("country:" + pl.col("iso3")).alias("entity_id"), "name_ar", "aliases_ar"),
    ]
    for table in tables:
        for row in table.iter_rows(named=True):
            assert row["name_ar"] not in split(row["aliases_ar"]), row
            for form in {row["name_ar"], *split(row["aliases_ar"])}:
                assert owner.setdefault(form, row["entity_id"]) == row["entity_id"], (form, owner[form], row)


def test_no_person_alias_is_a_bare_common_name_or_title(kb: KnowledgeBase) -> None:
    forbidden = {
        "سلمان",
        "محمد",
        "عبد الله",
        "عبدالله",
        "الملك",
        "الرئيس",
        "الأمير",
        "الشيخ",
        "عباس",
        "عون",
        "سلام",
    }
    aliases = {a for cell in kb.persons["aliases_ar"].to_list() for a in split(cell)}
    assert not aliases & forbidden


# --- office spells ----------------------------------------------------------------------------


def test_office_spells_refer_to_known_things(kb: KnowledgeBase) -> None:
    spells = kb.office_spells
    assert spells["entity_id"].is_in(kb.persons["entity_id"].implode()).all()
    iso3 = kb.countries["iso3"].implode()
    assert spells["country_iso3"].drop_nulls().is_in(iso3).all()
    assert kb.persons["country_iso3"].is_in(iso3).all()
    assert set(spells["office"]) <= OFFICES
    assert set(spells["status"].drop_nulls()) <= {"acting", "rival"}
    assert spells["org_id"].drop_nulls().is_in(kb.organizations["entity_id"].implode()).all()
    # A spell belongs to a state or to an organisation.
    assert spells.filter(pl.col("country_iso3").is_null() & pl.col("org_id").is_null()).is_empty()
    assert spells.filter((pl.col("office") == "igo_head") & pl.col("org_id").is_null()).is_empty()
    assert spells["start_date"].null_count() == 0
    assert spells.filter(pl.col("end_date") < pl.col("start_date")).is_empty()
    assert spells["cameo_code"].str.contains(r"^(?:[A-Z]{3})+$").all()
    state = spells.filter(pl.col("org_id").is_null())
    assert state.filter(~pl.col("cameo_code").str.starts_with(pl.col("country_iso3"))).is_empty()
    ministers = state.filter(pl.col("office") == "defence_minister")
    assert (ministers["cameo_code"] == ministers["country_iso3"] + "MIL").all()
    gov = state.filter(pl.col("office").is_in(["head_of_state", "head_of_government", "foreign_minister"]))
    assert (gov["cameo_code"] == gov["country_iso3"] + "GOV").all()
    assert set(spells["title"]) <= set(kb.roles["role"]), set(spells["title"]) - set(kb.roles["role"])


def test_no_two_holders_of_one_office_on_the_same_day(kb: KnowledgeBase) -> None:
    """Spells are half-open [start, end); only a spell marked ``rival`` may overlap another."""
    spells = kb.office_spells.filter(pl.col("office").is_in(list(EXCLUSIVE_OFFICES))).with_columns(
        key=pl.when(pl.col("office") == "igo_head")
        .then(pl.concat_str("office", "org_id", "title", separator="/"))
        .otherwise(pl.concat_str("office", "country_iso3", separator="/")),
        end=pl.col("end_date").fill_null(date(9999, 12, 31)),
        rival=pl.col("status").fill_null("") == "rival",
        row=pl.int_range(pl.len()),
    )
    pairs = spells.join(spells, on="key", suffix="_b").filter(
        pl.col("row") < pl.col("row_b"),
        pl.col("start_date") < pl.col("end_b"),
        pl.col("start_date_b") < pl.col("end"),
        ~pl.col("rival") & ~pl.col("rival_b"),
    )
    assert pairs.is_empty(), pairs.select("key", "entity_id", "entity_id_b", "start_date", "start_date_b")


@pytest.mark.parametrize("on", COVERAGE_DATES, ids=str)
def test_required_countries_have_head_of_state_and_foreign_minister(kb: KnowledgeBase, on: date) -> None:
    missing = {
        (iso3, office, on)
        for iso3 in REQUIRED
        for office in ("head_of_state", "foreign_minister")
        if not holders(kb, iso3, on, office=office)
    }
    assert missing == {gap for gap in KNOWN_GAPS if gap[2] == on}


@pytest.mark.parametrize("on", COVERAGE_DATES, ids=str)
def test_g20_and_p5_have_every_office(kb: KnowledgeBase, on: date) -> None:
    for iso3 in G20:
        for office in ("head_of_state", "head_of_government", "foreign_minister", "defence_minister"):
            assert len(holders(kb, iso3, on, office=office)) == 1, (iso3, office, on)


@pytest.mark.parametrize(
    ("iso3", "on", "title", "expected"),
    [
        ("SAU", date(2014, 6, 1), "king", "Abdullah of Saudi Arabia"),
        ("SAU", date(2016, 6, 1), "king", "Salman of Saudi Arabia"),
        ("SAU", date(2016, 6, 1), "deputy_crown_prince", "Mohammed bin Salman"),
        ("SAU", date(2018, 6, 1), "crown_prince", "Mohammed bin Salman"),
        ("USA", date(2016, 6, 1), "president", "Barack Obama"),
        ("USA", date(2018, 6, 1), "president", "Donald Trump"),
        ("USA", date(2022, 6, 1), "president", "Joe Biden"),
        ("USA", date(2025, 6, 1), "president", "Donald Trump"),
        ("IRN", date(2025, 1, 1), "president", "Masoud Pezeshkian"),
        ("IRN", date(2020, 1, 1), "president", "Hassan Rouhani"),
        ("IRN", date(2025, 1, 1), "supreme_leader", "Ali Khamenei"),
        ("RUS", date(2017, 11, 21), "president", "Vladimir Putin"),
        ("RUS", date(2010, 6, 1), "president", "Dmitry Medvedev"),
        ("RUS", date(2017, 11, 21), "foreign_minister", "Sergey Lavrov"),
        ("USA", date(2017, 11, 21), "foreign_minister", "Rex Tillerson"),
        ("SYR", date(2017, 11, 21), "president", "Bashar al-Assad"),
        ("SYR", date(2025, 6, 1), "president", "Ahmed al-Sharaa"),
        ("EGY", date(2017, 11, 21), "president", "Abdel Fattah el-Sisi"),
        ("ISR", date(2017, 11, 21), "prime_minister", "Benjamin Netanyahu"),
        ("ISR", date(2022, 1, 1), "prime_minister", "Naftali Bennett"),
        ("QAT", date(2017, 11, 21), "emir", "Tamim bin Hamad Al Thani"),
        ("TUR", date(2017, 11, 21), "president", "Recep Tayyip Erdoğan"),
        ("FRA", date(2017, 11, 21), "president", "Emmanuel Macron"),
        ("ARE", date(2023, 1, 1), "president", "Mohamed bin Zayed Al Nahyan"),
        ("DEU", date(2019, 1, 1), "chancellor", "Angela Merkel"),
        ("GBR", date(2020, 1, 1), "prime_minister", "Boris Johnson"),
    ],
)
def test_spot_checks(kb: KnowledgeBase, iso3: str, on: date, title: str, expected: str) -> None:
    assert holders(kb, iso3, on, title=title) == [expected]


def test_handover_day_belongs_to_the_successor(kb: KnowledgeBase) -> None:
    assert holders(kb, "USA", date(2017, 1, 20), office="head_of_state") == ["Donald Trump"]
    assert holders(kb, "SAU", date(2015, 1, 23), office="head_of_state") == ["Salman of Saudi Arabia"]


def test_igo_heads(kb: KnowledgeBase) -> None:
    def head(org: str, on: date) -> list[str]:
        spells = office_holders(kb.office_spells, on).filter(
            pl.col("org_id") == org, pl.col("office") == "igo_head"
        )
        return spells.join(kb.persons, on="entity_id")["name_en"].to_list()

    assert head("org:united_nations", date(2016, 6, 1)) == ["Ban Ki-moon"]
    assert head("org:united_nations", date(2018, 6, 1)) == ["António Guterres"]
    assert head("org:arab_league", date(2018, 6, 1)) == ["Ahmed Aboul Gheit"]
    assert head("org:nato", date(2018, 6, 1)) == ["Jens Stoltenberg"]
    assert head("org:gulf_cooperation_council", date(2018, 6, 1)) == ["Abdullatif bin Rashid Al Zayani"]


# --- places, organisations, roles -------------------------------------------------------------


def test_places(kb: KnowledgeBase) -> None:
    places = kb.places
    assert places["latitude"].is_between(-90, 90).all()
    assert places["longitude"].is_between(-180, 180).all()
    assert set(places["place_type"]) <= {
        "capital",
        "city",
        "governorate",
        "region",
        "macro_region",
        "military_base",
        "border_crossing",
        "other",
    }
    assert places["country_iso3"].drop_nulls().is_in(kb.countries["iso3"].implode()).all()
    # A place without a country is either multinational or explicitly disputed (said in notes).
    stateless = places.filter(pl.col("country_iso3").is_null() & (pl.col("place_type") != "macro_region"))
    assert stateless.filter(pl.col("notes").is_null()).is_empty()


def test_organizations(kb: KnowledgeBase) -> None:
    orgs = kb.organizations
    assert set(orgs["org_type"]) <= {
        "igo",
        "state_body",
        "armed_group",
        "party",
        "news_agency",
        "media",
        "other",
    }
    assert orgs["country_iso3"].drop_nulls().is_in(kb.countries["iso3"].implode()).all()
    assert orgs.filter(pl.col("org_type") == "igo")["cameo_code"].str.starts_with("IGO").all()
    state = orgs.filter(pl.col("org_type").is_in(["state_body", "news_agency"]))
    assert state["cameo_code"].str.starts_with(state["country_iso3"]).all()
    codes = dict(zip(orgs["entity_id"], orgs["cameo_code"], strict=True))
    assert codes["org:united_nations"] == "IGOUNO"
    assert codes["org:arab_league"] == "IGOARL"
    assert codes["org:gulf_cooperation_council"] == "IGOGCC"
    assert codes["org:kremlin"] == "RUSGOV"
    assert codes["org:pentagon"] == "USAMIL"


def test_roles_rank_longer_patterns_first(kb: KnowledgeBase) -> None:
    roles = kb.roles
    assert roles["pattern_ar"].n_unique() == roles.height
    assert roles["rank"].n_unique() == roles.height
    assert set(roles["cameo_role"]) <= CAMEO_ROLES
    assert set(roles["office"]) <= OFFICES
    rank = dict(zip(roles["pattern_ar"], roles["rank"], strict=True))
    for short in rank:
        for long in rank:
            if short != long and f" {short} " in f" {long} ":
                assert rank[long] < rank[short], (long, short)
    assert rank["ولي ولي العهد"] < rank["ولي العهد"]
    assert rank["رئيس الوزراء"] < rank["رئيس"]
    by_pattern = {r["pattern_ar"]: r for r in roles.iter_rows(named=True)}
    assert by_pattern["وزير الدفاع"]["cameo_role"] == "MIL"
    assert by_pattern["وزير الخارجية"]["office"] == "foreign_minister"
    assert by_pattern["خادم الحرمين الشريفين"]["role"] == "king"
    assert by_pattern["رئيس الاستخبارات"]["cameo_role"] == "SPY"


# --- gold seed entities -----------------------------------------------------------------------


def _norm(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", ascii_name).strip()


def test_every_required_gold_entity_is_in_the_kb(kb: KnowledgeBase) -> None:
    known: set[tuple[str, str]] = set()
    for table in (kb.persons, kb.places, kb.organizations):
        for name, iso3 in table.select("name_en", "country_iso3").iter_rows():
            known.add((_norm(name), iso3 or ""))
    for name, iso3 in kb.countries.select("name_en", "iso3").iter_rows():
        known.add((_norm(name), iso3))
    gold = pl.read_csv(GOLD_ENTITIES, infer_schema=False).filter(pl.col("must") == "yes")
    missing = [
        (row["name_en"], row["iso3"])
        for row in gold.iter_rows(named=True)
        if (_norm(row["name_en"]), row["iso3"] or "") not in known
    ]
    assert not missing
