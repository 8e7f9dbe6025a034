"""Offices of international organizations: the role, its organization and who acts for it."""

from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.entities.igo_phrases import IGO_OFFICES
from orchestration.transforms.reference import read_table
from tests.unit.test_roles import NO_REF, make_kb


def _kb():  # type: ignore[no-untyped-def]
    base = make_kb()
    orgs = pl.DataFrame(
        {
            "entity_id": ["org:united_nations", "org:arab_league", "org:european_union", "org:hezbollah"],
            "name_en": ["United Nations", "Arab League", "European Union", "Hezbollah"],
            "name_ar": ["الأمم المتحدة", "جامعة الدول العربية", "الاتحاد الأوروبي", "حزب الله"],
            "aliases_ar": ["", "الجامعة العربية", "", ""],
            "country_iso3": [None, None, None, "LBN"],
            "cameo_code": ["IGOUNO", "IGOARL", "IGOEUREEC", "LBNHEZ"],
        }
    )
    persons = pl.concat(
        [
            base.persons,
            pl.DataFrame(
                {
                    "entity_id": [
                        "person:antonio_guterres",
                        "person:ahmed_aboul_gheit",
                        "person:martin_griffiths",
                        "person:hans_grundberg",
                        "person:geir_pedersen",
                    ],
                    "name_en": [
                        "António Guterres",
                        "Ahmed Aboul Gheit",
                        "Martin Griffiths",
                        "Hans Grundberg",
                        "GP",
                    ],
                    "name_ar": [
                        "أنطونيو غوتيريش",
                        "أحمد أبو الغيط",
                        "مارتن غريفيث",
                        "هانس غروندبرغ",
                        "غير بيدرسن",
                    ],
                    "aliases_ar": ["غوتيريش", "أبو الغيط", "غريفيث", "غروندبرغ", "بيدرسن"],
                    "country_iso3": ["PRT", "EGY", "GBR", "SWE", "NOR"],
                    "ambiguous_ar": [None] * 5,
                }
            ),
        ],
        how="diagonal_relaxed",
    )
    spells = pl.concat(
        [
            base.office_spells,
            pl.DataFrame(
                [
                    (
                        "person:antonio_guterres",
                        "igo_head",
                        "IGOUNO",
                        date(2017, 1, 1),
                        None,
                        "secretary_general",
                        "org:united_nations",
                    ),
                    (
                        "person:ahmed_aboul_gheit",
                        "foreign_minister",
                        "EGYGOV",
                        date(2004, 7, 11),
                        date(2011, 3, 6),
                        "foreign_minister",
                        None,
                    ),
                    (
                        "person:ahmed_aboul_gheit",
                        "igo_head",
                        "IGOARL",
                        date(2016, 7, 1),
                        None,
                        "secretary_general",
                        "org:arab_league",
                    ),
                    (
                        "person:martin_griffiths",
                        "envoy",
                        "IGOUNO",
                        date(2018, 3, 11),
                        date(2021, 7, 1),
                        "envoy",
                        "org:united_nations",
                    ),
                    (
                        "person:hans_grundberg",
                        "envoy",
                        "IGOUNO",
                        date(2021, 8, 5),
                        None,
                        "envoy",
                        "org:united_nations",
                    ),
                    (
                        "person:geir_pedersen",
                        "envoy",
                        "IGOUNO",
                        date(2019, 1, 7),
                        None,
                        "envoy",
                        "org:united_nations",
                    ),
                ],
                schema={
                    "entity_id": pl.String,
                    "office": pl.String,
                    "cameo_code": pl.String,
                    "start_date": pl.Date,
                    "end_date": pl.Date,
                    "title": pl.String,
                    "org_id": pl.String,
                },
                orient="row",
            ),
        ],
        how="diagonal_relaxed",
    )
    roles = pl.concat(
        [
            base.roles,
            pl.DataFrame(
                {
                    "role": ["secretary_general", "envoy", "envoy", "envoy"],
                    "office": ["igo_head", "envoy", "envoy", "envoy"],
                    "pattern_ar": ["الأمين العام", "المبعوث الأممي", "مبعوث", "المبعوث"],
                    "cameo_role": ["IGO", "IGO", "GOV", "GOV"],
                    "rank": [20, 21, 22, 23],
                    "org_id": [None, "org:united_nations", None, None],
                }
            ),
        ],
        how="diagonal_relaxed",
    )
    return replace(base, organizations=orgs, persons=persons, office_spells=spells, roles=roles)


KB = _kb()


def run(body: str, on: date | None) -> pl.DataFrame:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [on]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, KB, reference_dir=NO_REF)
    for row in mentions.iter_rows(named=True):
        assert body[row["char_start"] : row["char_end"]] == row["surface"]
    return mentions.filter(pl.col("entity_type") == "PERSON").sort("char_start")


def codes(mentions: pl.DataFrame) -> list[tuple[str, str | None]]:
    return list(mentions.select("entity_id", "actor_code").iter_rows())


@pytest.mark.parametrize(
    "body",
    [
        "استقبل أحمد أبو الغيط الأمين العام لجامعة الدول العربية، اليوم، وزير خارجية الجزائر.",
        "حرص الأمين العام لجامعة الدول العربية أحمد أبو الغيط، على استقبال الوزير.",
        "سعادة السيد أحمد أبو الغيط الأمين العام لجامعة الدول العربية، وذلك على هامش اجتماع.",
    ],
)
def test_named_official_takes_the_organization_code_even_undated(body: str) -> None:
    # Undated, Aboul Gheit's spells disagree (EGYGOV, IGOARL): the office in the text decides.
    assert codes(run(body, None)) == [("person:ahmed_aboul_gheit", "IGOARL")]


def test_named_official_before_his_igo_years_keeps_the_title_the_text_gives() -> None:
    # The text says whom he acts for; a dated spell of another office does not override it.
    body = "التقى الأمين العام لجامعة الدول العربية أحمد أبو الغيط الوزير."
    assert codes(run(body, date(2020, 1, 1))) == [("person:ahmed_aboul_gheit", "IGOARL")]


@pytest.mark.parametrize(
    ("body", "on", "want"),
    [
        (
            "كما أجرى الأمين العام للأمم المتحدة اتصالا هاتفيا مع الرئيس الإيراني.",
            date(2022, 5, 1),
            "person:antonio_guterres",
        ),
        # The complement role (للأمين العام) names nobody: the envoy is the office, Yemen his destination.
        (
            "غادر مبعوث الأمين العام للأمم المتحدة إلى اليمن صنعاء.",
            date(2018, 6, 1),
            "person:martin_griffiths",
        ),
    ],
)
def test_unnamed_office_resolves_to_the_holder_on_the_date(body: str, on: date, want: str) -> None:
    assert codes(run(body, on))[:1] == [(want, "IGOUNO")]


def test_several_envoys_at_once_pick_the_one_the_article_names() -> None:
    # Pedersen (Syria) and Grundberg (Yemen) were both UN envoys in 2022.
    body = "وصل المبعوث الأممي إلى اليمن. وقال غروندبرغ إن الهدنة صامدة."
    assert codes(run(body, date(2022, 5, 1))) == [
        ("person:hans_grundberg", "IGOUNO"),
        ("person:hans_grundberg", "IGOUNO"),
    ]


def test_several_envoys_and_none_named_give_the_organization_actor() -> None:
    body = "وصل المبعوث الأممي إلى اليمن أمس."
    assert codes(run(body, date(2022, 5, 1))) == [("actor:IGOUNO:envoy", "IGOUNO")]


def test_unnamed_office_undated_takes_the_former_holder_named_nowhere_as_actor() -> None:
    body = "قال الأمين العام للأمم المتحدة إن الوضع خطير."
    assert codes(run(body, None)) == [("actor:IGOUNO:secretary_general", "IGOUNO")]


def test_office_of_a_national_group_is_no_igo_office() -> None:
    body = "قال الأمين العام لحزب الله إن الوضع خطير."
    assert run(body, date(2022, 5, 1)).filter(pl.col("actor_code").str.starts_with("IGO")).is_empty()


def test_new_person_named_after_an_igo_office_gets_its_code() -> None:
    body = "التقى الوزير اليوم المبعوث الأممي إلى سوريا مارتن سميث في الرياض."
    got = codes(run(body, date(2022, 5, 1)))
    assert len(got) == 1 and got[0][0].startswith("person:new:") and got[0][1] == "IGOUNO"


@pytest.mark.parametrize(
    ("body", "on", "want"),
    [
        # The title gives Grundberg's code on the date; ج for غ twice.
        (
            "التقى الوزير اليوم المبعوث الأممي إلى سوريا هانس جروندبرج في الرياض.",
            date(2022, 5, 1),
            "person:hans_grundberg",
        ),
        # Named in the same article, then misspelt (غريفثس).
        (
            "التقى مارتن غريفيث الوزير. وبحث الوزير مع مبعوث الأمين العام مارتن غريفثس الحرب.",
            date(2018, 6, 1),
            "person:martin_griffiths",
        ),
    ],
)
def test_a_variant_of_a_known_name_is_the_known_person(body: str, on: date, want: str) -> None:
    got = codes(run(body, on))
    assert got and all(entity == want for entity, _ in got)
    assert all(code == "IGOUNO" for _, code in got)


def test_a_variant_without_support_stays_new() -> None:
    # No title and nobody named: a lookalike name alone is not enough.
    body = "قال الوزير اليوم إن هانس جروندبرج وصل."
    assert not any(entity.startswith("person:hans") for entity, _ in codes(run(body, date(2022, 5, 1))))


def test_a_former_holder_is_not_coded_for_the_organization() -> None:
    body = "وقال الأمين العام السابق لجامعة الدول العربية أحمد أبو الغيط إن الحل سياسي."
    got = codes(run(body, date(2010, 1, 1)))
    assert got == [("person:ahmed_aboul_gheit", "EGYGOV")]


def _kb_with_reference_igo_roles():  # type: ignore[no-untyped-def]
    """The test KB with the offices of international organizations that roles.csv lists, the
    African Union, and Borrell (high representative 2019-2024)."""
    igo_roles = (
        read_table("roles.csv")
        .filter(pl.col("office").is_in(list(IGO_OFFICES)))
        .select("role", "office", "pattern_ar", "cameo_role", pl.col("rank").cast(pl.Int64) + 1000, "org_id")
        .filter(~pl.col("pattern_ar").is_in(KB.roles["pattern_ar"].implode()))
    )
    orgs = pl.concat(
        [
            KB.organizations,
            pl.DataFrame(
                {
                    "entity_id": ["org:african_union"],
                    "name_en": ["African Union"],
                    "name_ar": ["الاتحاد الأفريقي"],
                    "aliases_ar": [""],
                    "country_iso3": [None],
                    "cameo_code": ["IGOOAU"],
                },
                schema=KB.organizations.schema,
            ),
        ]
    )
    borrell = pl.DataFrame(
        {
            "entity_id": ["person:josep_borrell"],
            "name_en": ["Josep Borrell"],
            "name_ar": ["جوزيب بوريل"],
            "aliases_ar": ["بوريل"],
            "country_iso3": ["ESP"],
        }
    )
    spell = pl.DataFrame(
        [("person:josep_borrell", "igo_head", "IGOEUREEC", date(2019, 12, 1), date(2024, 12, 1))],
        schema={
            "entity_id": pl.String,
            "office": pl.String,
            "cameo_code": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
        },
        orient="row",
    ).with_columns(title=pl.lit("high_representative"), org_id=pl.lit("org:european_union"))
    return replace(
        KB,
        office_spells=pl.concat([KB.office_spells, spell], how="diagonal_relaxed"),
        roles=pl.concat([KB.roles, igo_roles], how="diagonal_relaxed"),
        organizations=orgs,
        persons=pl.concat([KB.persons, borrell], how="diagonal_relaxed"),
    )


IGO_KB = _kb_with_reference_igo_roles()


def run_igo(body: str, on: date | None) -> list[tuple[str, str | None]]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [on]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, IGO_KB, reference_dir=NO_REF)
    return codes(mentions.filter(pl.col("entity_type") == "PERSON").sort("char_start"))


@pytest.mark.parametrize(
    ("body", "on"),
    [
        # The rest of the office's name stands between the organization and the holder; on a date
        # outside his spell only the text gives his code.
        (
            "التقى وزير الخارجية الليلة الممثل الأعلى للاتحاد الأوروبي للشؤون الخارجية والسياسة الأمنية جوزيب بوريل.",
            date(2010, 1, 1),
        ),
        # The name first, then the office of an organization he served in.
        ("وكتب الوزير: من الرائع لقاء جوزيب بوريل الممثل السامي للاتحاد الأوروبي للشؤون الخارجية.", None),
    ],
)
def test_the_high_representative_acts_for_the_union(body: str, on: date | None) -> None:
    assert run_igo(body, on) == [("person:josep_borrell", "IGOEUREEC")]


def test_a_time_word_after_the_office_is_no_part_of_its_name() -> None:
    # A guest after a time word is the object of the verb, not the holder of the office.
    body = "استقبل الأمين العام للأمم المتحدة اليوم جوزيب بوريل في نيويورك."
    assert ("person:josep_borrell", "IGOUNO") not in run_igo(body, None)


def test_the_chair_of_an_organization_s_commission_acts_for_it() -> None:
    body = "كما التقى غوتيريش اليوم، رئيس مفوضية الاتحاد الأفريقي جوزيب بوريل."
    assert ("person:josep_borrell", "IGOOAU") in run_igo(body, date(2025, 5, 16))


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # A deputy of the head is not the head (Aboul Gheit holds the office on the date).
        (
            "استقبل الوزير الأمين العام المساعد لجامعة الدول العربية.",
            "actor:IGOARL:assistant_secretary_general",
        ),
        ("التقى الوزير رئيس البعثة الأممية في العاصمة.", "actor:IGOUNO:head_of_mission"),
        ("بحث الوزير مع المنسق المقيم للأمم المتحدة الأوضاع.", "actor:IGOUNO:coordinator"),
    ],
)
def test_other_offices_of_an_organization_name_its_role_actor(body: str, want: str) -> None:
    assert run_igo(body, date(2020, 1, 1)) == [(want, "IGOUNO" if "UNO" in want else "IGOARL")]
