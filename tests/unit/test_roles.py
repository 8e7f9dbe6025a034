from datetime import date
from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.entities import NISBA_CONFIDENCE, extract_entity_mentions
from orchestration.transforms.entities.roles import (
    nisba_lexicon,
    office_holders,
    person_spells_on,
    role_lexicon,
)
from orchestration.transforms.reference import KnowledgeBase
from tests.unit.reference_kb import reference_kb

_EMPTY = pl.DataFrame(schema={"pattern_ar": pl.String(), "event_code": pl.String()})
NO_REF = Path("/nonexistent-reference-dir")


def _spells(rows: list[tuple[str, str, str, str, date, date | None, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "entity_id": pl.String,
            "office": pl.String,
            "country_iso3": pl.String,
            "cameo_code": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
            "title": pl.String,
        },
        orient="row",
    )


def make_kb() -> KnowledgeBase:
    countries = pl.DataFrame(
        {
            "iso3": ["RUS", "USA", "SAU", "IRN", "SYR", "QAT", "TUR", "ISR"],
            "iso2": ["RU", "US", "SA", "IR", "SY", "QA", "TR", "IL"],
            "name_en": [
                "Russia",
                "United States",
                "Saudi Arabia",
                "Iran",
                "Syria",
                "Qatar",
                "Turkey",
                "Israel",
            ],
            "name_ar": ["روسيا", "الولايات المتحدة", "السعودية", "إيران", "سوريا", "قطر", "تركيا", "إسرائيل"],
            "aliases_ar": ["", "أمريكا", "", "", "", "", "", "الاحتلال الإسرائيلي"],
            "nisba_ar": [
                "الروسي",
                "الأمريكي",
                "السعودي",
                "الإيراني",
                "السوري",
                "القطري",
                "التركي",
                "الإسرائيلي",
            ],
            "capital_place_id": [None] * 8,
        }
    )
    persons = pl.DataFrame(
        {
            "entity_id": [
                "person:vladimir_putin",
                "person:barack_obama",
                "person:donald_trump",
                "person:abdullah_of_saudi_arabia",
                "person:salman_of_saudi_arabia",
                "person:mohammed_bin_salman",
                "person:tamim_bin_hamad",
                "person:masoud_barzani",
                "person:sergey_lavrov",
                "person:benjamin_netanyahu",
                "person:ali_khamenei",
                "person:ebrahim_raisi",
            ],
            "name_en": [
                "Vladimir Putin",
                "Barack Obama",
                "Donald Trump",
                "Abdullah of Saudi Arabia",
                "Salman of Saudi Arabia",
                "Mohammed bin Salman",
                "Tamim bin Hamad Al Thani",
                "Masoud Barzani",
                "Sergey Lavrov",
                "Benjamin Netanyahu",
                "Ali Khamenei",
                "Ebrahim Raisi",
            ],
            "name_ar": [
                "فلاديمير بوتين",
                "باراك أوباما",
                "دونالد ترامب",
                "عبد الله بن عبد العزيز",
                "سلمان بن عبد العزيز",
                "محمد بن سلمان",
                "تميم بن حمد آل ثاني",
                "مسعود بارزاني",
                "سيرغي لافروف",
                "بنيامين نتنياهو",
                "علي خامنئي",
                "إبراهيم رئيسي",
            ],
            "aliases_ar": [
                "بوتين",
                "أوباما",
                "ترامب|ترمب",
                "",
                "",
                "",
                "",
                "",
                "لافروف",
                "نتنياهو",
                "خامنئي",
                "رئيسي",
            ],
            "country_iso3": [
                "RUS",
                "USA",
                "USA",
                "SAU",
                "SAU",
                "SAU",
                "QAT",
                "IRQ",
                "RUS",
                "ISR",
                "IRN",
                "IRN",
            ],
            "ambiguous_ar": [None] * 11 + ["رئيسي"],
        }
    )
    spells = _spells(
        [
            ("person:vladimir_putin", "head_of_state", "RUS", "RUSGOV", date(2012, 5, 7), None, "president"),
            (
                "person:vladimir_putin",
                "head_of_government",
                "RUS",
                "RUSGOV",
                date(2008, 5, 8),
                date(2012, 5, 7),
                "prime_minister",
            ),
            (
                "person:barack_obama",
                "head_of_state",
                "USA",
                "USAGOV",
                date(2009, 1, 20),
                date(2017, 1, 20),
                "president",
            ),
            (
                "person:donald_trump",
                "head_of_state",
                "USA",
                "USAGOV",
                date(2017, 1, 20),
                date(2021, 1, 20),
                "president",
            ),
            (
                "person:abdullah_of_saudi_arabia",
                "head_of_state",
                "SAU",
                "SAUGOV",
                date(2005, 8, 1),
                date(2015, 1, 23),
                "king",
            ),
            (
                "person:salman_of_saudi_arabia",
                "head_of_state",
                "SAU",
                "SAUGOV",
                date(2015, 1, 23),
                None,
                "king",
            ),
            (
                "person:mohammed_bin_salman",
                "crown_prince",
                "SAU",
                "SAUGOV",
                date(2017, 6, 21),
                None,
                "crown_prince",
            ),
            ("person:tamim_bin_hamad", "head_of_state", "QAT", "QATGOV", date(2013, 6, 25), None, "emir"),
            (
                "person:sergey_lavrov",
                "foreign_minister",
                "RUS",
                "RUSGOV",
                date(2004, 3, 9),
                None,
                "foreign_minister",
            ),
            (
                "person:benjamin_netanyahu",
                "head_of_government",
                "ISR",
                "ISRGOV",
                date(2009, 3, 31),
                date(2021, 6, 13),
                "prime_minister",
            ),
            # Iran: the president is head of government; the head of state is the supreme leader.
            (
                "person:ali_khamenei",
                "head_of_state",
                "IRN",
                "IRNGOV",
                date(1989, 6, 4),
                None,
                "supreme_leader",
            ),
            (
                "person:ebrahim_raisi",
                "head_of_government",
                "IRN",
                "IRNGOV",
                date(2021, 8, 3),
                date(2024, 5, 19),
                "president",
            ),
        ]
    )
    roles = pl.DataFrame(
        {
            "role": [
                "president",
                "president",
                "king",
                "king",
                "emir",
                "crown_prince",
                "prime_minister",
                "prime_minister",
                "foreign_minister",
                "envoy",
                "soldiers",
            ],
            "office": [
                "head_of_state",
                "head_of_state",
                "head_of_state",
                "head_of_state",
                "head_of_state",
                "crown_prince",
                "head_of_government",
                "head_of_government",
                "foreign_minister",
                "envoy",
                "other",
            ],
            "pattern_ar": [
                "الرئيس",
                "رئيس",
                "العاهل",
                "الملك",
                "أمير",
                "ولي العهد",
                "رئيس الوزراء",
                "رئيس وزراء",
                "وزير الخارجية",
                "المبعوث الخاص",
                "الجيش",
            ],
            "cameo_role": ["GOV"] * 10 + ["MIL"],
            "rank": list(range(11)),
        }
    )
    empty_places = pl.DataFrame(
        schema={c: pl.String for c in ("entity_id", "name_en", "name_ar", "aliases_ar", "country_iso3")}
    )
    empty_orgs = empty_places.with_columns(cameo_code=pl.lit(None, pl.String))
    return KnowledgeBase(
        countries=countries,
        persons=persons,
        office_spells=spells,
        places=empty_places,
        organizations=empty_orgs,
        roles=roles,
        event_triggers=_EMPTY,
        event_types=_EMPTY,
    )


KB = make_kb()


def run(body: str, on: date | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [on]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, entities = extract_entity_mentions(articles, KB, reference_dir=NO_REF)
    for row in mentions.iter_rows(named=True):
        assert body[row["char_start"] : row["char_end"]] == row["surface"]
    return mentions, entities


def people(mentions: pl.DataFrame) -> list[tuple[str, str, str | None, str | None, str]]:
    return list(
        mentions.filter(pl.col("entity_type") != "PLACE")
        .sort("char_start")
        .select("entity_id", "surface", "role", "actor_code", "method")
        .iter_rows()
    )


@pytest.mark.parametrize(
    ("on", "holder"),
    [
        (date(2014, 6, 1), "person:abdullah_of_saudi_arabia"),
        (date(2016, 6, 1), "person:salman_of_saudi_arabia"),
    ],
)
def test_saudi_king_depends_on_date(on: date, holder: str) -> None:
    mentions, _ = run("وبحث والعاهل السعودي الوضع", on)
    assert people(mentions) == [(holder, "العاهل السعودي", "king", "SAUGOV", "role")]


@pytest.mark.parametrize(
    ("on", "holder"),
    [(date(2016, 6, 1), "person:barack_obama"), (date(2018, 6, 1), "person:donald_trump")],
)
def test_us_president_depends_on_date(on: date, holder: str) -> None:
    mentions, _ = run("وأكد الرئيس الأمريكي أن", on)
    assert people(mentions) == [(holder, "الرئيس الأمريكي", "president", "USAGOV", "role")]


def test_idafa_country_and_clitic_on_role() -> None:
    mentions, _ = run("اتصل بوتين مع أمير قطر ثم للرئيس الأمريكي", date(2018, 6, 1))
    assert people(mentions)[1:] == [
        ("person:tamim_bin_hamad", "أمير قطر", "emir", "QATGOV", "role"),
        # ل + ال: the whole word is the surface (the article's alef is elided)
        ("person:donald_trump", "للرئيس الأمريكي", "president", "USAGOV", "role"),
    ]
    # The country name inside the role phrase is still a place mention.
    assert "country:QAT" in mentions["entity_id"].to_list()


@pytest.mark.parametrize(
    ("on", "holder"),
    [
        (date(2022, 6, 1), "person:ebrahim_raisi"),
        # No president known on this date: an actor, not the supreme leader (head of state).
        (date(2024, 12, 1), "actor:IRNGOV:president"),
    ],
)
def test_role_matches_title_before_office(on: date, holder: str) -> None:
    mentions, _ = run("وقال الرئيس الإيراني إن", on)
    assert people(mentions) == [(holder, "الرئيس الإيراني", "president", "IRNGOV", "role")]


def test_undated_role_resolves_to_the_holder_named_in_the_article() -> None:
    mentions, _ = run("التقى بوتين الأسد. وقال الرئيس الروسي إن", None)
    assert people(mentions)[-1] == ("person:vladimir_putin", "الرئيس الروسي", "president", "RUSGOV", "role")


def test_ambiguous_alias_needs_support() -> None:
    # رئيسي is also "main": alone it is not Raisi; after his full name or a title it is.
    mentions, _ = run("وتم التركيز بشكل رئيسي على الوضع", date(2022, 6, 1))
    assert people(mentions) == []
    mentions, _ = run("قال إبراهيم رئيسي إن رئيسي سيزور", date(2022, 6, 1))
    assert [m[1] for m in people(mentions)] == ["إبراهيم رئيسي", "رئيسي"]


def test_unknown_date_resolves_to_country_role_actor() -> None:
    mentions, entities = run("وأكد الرئيس الأمريكي أن", None)
    assert people(mentions) == [("actor:USAGOV:president", "الرئيس الأمريكي", "president", "USAGOV", "role")]
    actor = entities.filter(pl.col("entity_id") == "actor:USAGOV:president").row(0, named=True)
    assert actor["name_en"] == "President of United States"
    assert (actor["entity_type"], actor["cameo_code"], actor["country_iso3"], actor["origin"]) == (
        "PERSON",
        "USAGOV",
        "USA",
        "role",
    )


def test_no_known_holder_resolves_to_actor_and_generic_roles_are_collective() -> None:
    mentions, entities = run("قال الرئيس الإيراني إن الجيش السوري تقدم", date(2018, 6, 1))
    assert people(mentions) == [
        ("actor:IRNGOV:president", "الرئيس الإيراني", "president", "IRNGOV", "role"),
        ("actor:SYRMIL:soldiers", "الجيش السوري", "soldiers", "SYRMIL", "role"),
    ]
    types = dict(entities.filter(pl.col("origin") == "role").select("entity_id", "entity_type").iter_rows())
    assert types == {"actor:IRNGOV:president": "PERSON", "actor:SYRMIL:soldiers": "ORG"}


@pytest.mark.parametrize(
    "body",
    ["أجرى الرئيس الروسي فلاديمير بوتين اتصالا", "أجرى الرئيس الروسي، فلاديمير بوتين اتصالا"],
)
@pytest.mark.parametrize("on", [date(2018, 6, 1), None])
def test_name_after_role_wins(body: str, on: date | None) -> None:
    mentions, _ = run(body, on)
    assert people(mentions) == [("person:vladimir_putin", "فلاديمير بوتين", "president", "RUSGOV", "exact")]
    # The nisba inside the role phrase only adds a low-confidence country mention.
    assert mentions.filter(pl.col("entity_type") == "PLACE").select(
        "entity_id", "surface", "confidence"
    ).rows() == [("country:RUS", "الروسي", NISBA_CONFIDENCE)]


def test_role_through_honorific_and_postposed_role() -> None:
    body = "والتقى أمير قطر الشيخ تميم بن حمد آل ثاني ومحمد بن سلمان ولي العهد السعودي"
    mentions, _ = run(body, None)
    assert people(mentions) == [
        ("person:tamim_bin_hamad", "تميم بن حمد آل ثاني", "emir", "QATGOV", "exact"),
        ("person:mohammed_bin_salman", "محمد بن سلمان", "crown_prince", "SAUGOV", "exact"),
    ]


def test_object_after_subject_is_not_an_apposition() -> None:
    # بوتين then العاهل السعودي: subject and object, different countries.
    mentions, _ = run("وأطلع بوتين العاهل السعودي على النتائج", date(2017, 11, 21))
    assert people(mentions) == [
        ("person:vladimir_putin", "بوتين", None, "RUSGOV", "alias"),
        ("person:salman_of_saudi_arabia", "العاهل السعودي", "king", "SAUGOV", "role"),
    ]


def test_role_without_country_annotates_only_held_offices() -> None:
    mentions, _ = run("التقى الرئيس بوتين والملك لافروف", date(2018, 6, 1))
    assert people(mentions) == [
        ("person:vladimir_putin", "بوتين", "president", "RUSGOV", "alias"),
        ("person:sergey_lavrov", "لافروف", None, "RUSGOV", "alias"),
    ]


def test_counterpart_resolves_to_same_office_in_other_country() -> None:
    mentions, _ = run("بحث الرئيس الروسي فلاديمير بوتين مع نظيره الأمريكي الوضع", date(2018, 6, 1))
    assert people(mentions) == [
        ("person:vladimir_putin", "فلاديمير بوتين", "president", "RUSGOV", "exact"),
        # The counterpart carries the title of the person named before (Putin: president).
        ("person:donald_trump", "نظيره الأمريكي", "president", "USAGOV", "role"),
    ]
    mentions, _ = run("بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأمريكي", None)
    assert people(mentions)[1] == (
        "actor:USAGOV:foreign_minister",
        "نظيره الأمريكي",
        "foreign_minister",
        "USAGOV",
        "role",
    )


def test_counterpart_followed_by_name_or_role() -> None:
    mentions, _ = run("اتصل بوتين مع نظيره الأمريكي، دونالد ترامب", None)
    assert people(mentions) == [
        ("person:vladimir_putin", "بوتين", None, "RUSGOV", "alias"),
        ("person:donald_trump", "دونالد ترامب", "president", "USAGOV", "exact"),
    ]
    mentions, _ = run("اتصل بوتين مع نظيره الرئيس الأمريكي دونالد ترامب", None)
    assert people(mentions)[1] == ("person:donald_trump", "دونالد ترامب", "president", "USAGOV", "exact")
    assert len(people(mentions)) == 2


def test_counterpart_with_two_countries() -> None:
    mentions, _ = run("ستجمعه مع نظيريه الإيراني والتركي", None)
    assert people(mentions) == []  # no person named before: the office is unknown
    mentions, _ = run("قال بوتين إن القمة ستجمعه مع نظيريه الإيراني والتركي", None)
    ids = [m[0] for m in people(mentions)]
    assert ids == ["person:vladimir_putin", "actor:IRNGOV:president", "actor:TURGOV:president"]


def test_new_person_by_title() -> None:
    body = "اتصل الرئيس الإيراني مسعود بزشكيان مع بوتين. وقال مسعود بزشكيان إن"
    mentions, entities = run(body, date(2024, 12, 1))
    new = mentions.filter(pl.col("method") == "title-pattern")
    assert new["surface"].to_list() == ["مسعود بزشكيان", "مسعود بزشكيان"]
    assert new["entity_id"].n_unique() == 1
    entity_id = new["entity_id"][0]
    assert entity_id.startswith("person:new:")
    first = new.row(0, named=True)
    assert (first["role"], first["actor_code"]) == ("president", "IRNGOV")
    person = entities.filter(pl.col("entity_id") == entity_id).row(0, named=True)
    assert (person["name_ar"], person["country_iso3"], person["origin"]) == (
        "مسعود بزشكيان",
        "IRN",
        "title-pattern",
    )
    # No role mention for the phrase whose name was found.
    assert "actor:IRNGOV:president" not in mentions["entity_id"].to_list()


def test_new_person_without_country() -> None:
    mentions, entities = run("والتقى المبعوث الخاص سيرغي فيرشينين، أمس", None)
    new = mentions.filter(pl.col("method") == "title-pattern").row(0, named=True)
    assert (new["surface"], new["role"]) == ("سيرغي فيرشينين", "envoy")
    person = entities.filter(pl.col("entity_id") == new["entity_id"]).row(0, named=True)
    assert person["country_iso3"] is None


@pytest.mark.parametrize(
    "body",
    [
        "اتصل بوتين مع أمير قطر سيستكمل باتصالات يجريها في",  # ordinary words after a title
        "قال الرئيس الإيراني الجديد إن",  # adjective
        "قال الرئيس الإيراني ووزير الخارجية",  # conjunction
        "قال الرئيس الإيراني مسعود",  # one word only
        "قال الرئيس الإيراني مسعود بزشكيان رضا حسن كريمي",  # no clear end within four words
    ],
)
def test_title_pattern_mints_no_junk(body: str) -> None:
    mentions, entities = run(body, None)
    assert mentions.filter(pl.col("method") == "title-pattern").is_empty()
    assert entities.filter(pl.col("origin") == "title-pattern").is_empty()


def test_role_lexicon_variants_and_nisba_inflections() -> None:
    lex = role_lexicon(KB.roles)
    keys = set(lex.filter(pl.col("kind") == "role")["key"])
    assert {
        "الرئيس",
        "رئيس",
        "وزير الخارجيه",
        "وزير خارجيه",
        "رئيس الوزراء",
        "رئيس وزراء",
        "امير",
        "الامير",
    } <= keys
    assert {"نظيره", "نظيريه"} <= set(lex.filter(pl.col("kind") == "counterpart")["key"])
    nisba = set(nisba_lexicon(KB.countries).filter(pl.col("iso3") == "RUS")["key"])
    assert {"الروسي", "الروسيه", "الروسيين", "الروسيان", "الروسيون"} <= nisba


def test_office_holders_and_person_spells() -> None:
    req = pl.DataFrame(
        {
            "req_id": [0, 1, 2, 3],
            "role": ["president"] * 4,
            "office": ["head_of_state"] * 4,
            "country_iso3": ["USA", "USA", "USA", "SAU"],
            "date": [date(2016, 1, 1), date(2017, 1, 20), None, date(2030, 1, 1)],
        }
    )
    out = dict(office_holders(req, KB.office_spells).select("req_id", "holder_id").iter_rows())
    # Hand-over day: the newer spell wins; unknown date: nobody; open spell: still in office.
    assert out == {0: "person:barack_obama", 1: "person:donald_trump", 3: "person:salman_of_saudi_arabia"}
    req = pl.DataFrame(
        {
            "req_id": [0, 1, 2],
            "entity_id": ["person:vladimir_putin"] * 3,
            "date": [date(2010, 1, 1), date(2020, 1, 1), None],
        }
    )
    out = {r[0]: r[1:] for r in person_spells_on(req, KB.office_spells).iter_rows()}
    assert out[0] == ("head_of_government", "prime_minister", "RUS", "RUSGOV")
    assert out[1] == ("head_of_state", "president", "RUS", "RUSGOV")
    assert out[2] == (
        "head_of_state",
        "president",
        "RUS",
        "RUSGOV",
    )  # one CAMEO code across spells: usable undated


def test_office_fallback_not_blocked_by_a_title_of_the_same_office() -> None:
    """Syria once had a head of state styled "leader": "الزعيم السوري" in 2017 is still Assad."""
    from datetime import date

    import polars as pl

    from orchestration.transforms.entities.roles import office_holders

    spells = reference_kb().office_spells
    requests = pl.DataFrame(
        {
            "req_id": [0, 1],
            "role": ["leader", "leader"],
            "office": ["head_of_state", "head_of_state"],
            "country_iso3": ["SYR", "SYR"],
            "date": [date(2017, 11, 21), date(2025, 1, 10)],
        }
    )
    holders = dict(office_holders(requests, spells).select("req_id", "holder_id").iter_rows())
    assert holders == {0: "person:bashar_al_assad", 1: "person:ahmed_al_sharaa"}
