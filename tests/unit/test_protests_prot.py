"""Protests (issue 11, CAMEO 14x): demonstrations and sit-ins before an embassy or a seat, the
crowd's plural nisba or the city it gathers in as the source, on sentence shapes of real news."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from orchestration.transforms.event_rules import apply_event_rules
from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import ENTITIES, KB, PUB, _frames, dyads

_KB = dataclasses.replace(
    KB,
    places=pl.DataFrame(
        {
            "entity_id": ["place:tehran", "place:baghdad", "place:gaza_strip"],
            "country_iso3": ["IRN", "IRQ", "PSE"],
        }
    ),
)
_CODES = {
    "country:IRQ": "IRQ",
    "country:USA": "USA",
    "country:SAU": "SAU",
    "country:SDN": "SDN",
    "country:TUN": "TUN",
    "country:ISR": "ISR",
    "country:PSE": "PSE",
    "country:TUR": "TUR",
    "country:SYR": "SYR",
}
# Nisba adjectives are weak country mentions (the tagger gives them 0.3).
_WEAK = (
    "العراقيين",
    "الاميركية",
    "السودانيين",
    "الفلسطينيين",
    "الأميركيين",
    "الأمريكية",
    "الإسرائيلية",
    "الفلسطينيون",
    "التركية",
)


@pytest.fixture(autouse=True)
def _protest_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    for surface, entity in {
        "العراقيين": ("country:IRQ", "PLACE"),
        "الاميركية": ("country:USA", "PLACE"),
        "السعودية": ("country:SAU", "PLACE"),
        "السودانيين": ("country:SDN", "PLACE"),
        "بغداد": ("place:baghdad", "PLACE"),
        "طهران": ("place:tehran", "PLACE"),
        "قطاع غزة": ("place:gaza_strip", "PLACE"),
        "الأميركيين": ("country:USA", "PLACE"),
        "الأمريكية": ("country:USA", "PLACE"),
        "تونس": ("country:TUN", "PLACE"),
        "الإسرائيلية": ("country:ISR", "PLACE"),
        "الكيان الصهيوني": ("country:ISR", "ORG"),
        "الفلسطينيون": ("country:PSE", "PLACE"),
        "الفلسطينيين": ("country:PSE", "PLACE"),
        "التركية": ("country:TUR", "PLACE"),
        "قوات الأمن العراقية": ("country:IRQ", "ORG"),
        "القوات التركية": ("country:TUR", "ORG"),
        "السفير الأمريكي": ("actor:USAGOV:ambassador", "ORG"),
        "مجلس الأمن": ("org:united_nations_security_council", "ORG"),
        "وزارة الخارجية الأمريكية": ("org:united_states_department_of_state", "ORG"),
        "الحكومة العراقية": ("actor:IRQGOV:government", "ORG"),
        "سوريا": ("country:SYR", "PLACE"),
        "قوات الاحتلال الإسرائيلي": ("country:ISR", "ORG"),
    }.items():
        monkeypatch.setitem(ENTITIES, surface, entity)


def _run(body: str) -> pl.DataFrame:
    articles, sentences, mentions = _frames(body, PUB)
    mentions = mentions.with_columns(
        actor_code=pl.col("entity_id").replace_strict(_CODES, default=None),
        confidence=pl.when(pl.col("surface").is_in(list(_WEAK)))
        .then(pl.lit(0.3))
        .otherwise(pl.col("confidence"))
        .cast(mentions.schema["confidence"]),
    )
    return apply_event_rules(
        extract_event_candidates(articles, sentences, mentions, _KB), sentences, mentions
    )


def test_a_crowd_of_nationals_before_an_embassy_demonstrates_against_its_state() -> None:
    # r316: "تجمع مئات العراقيين أمام السفارة الاميركية في بغداد في اطار الاحتجاجات المستمرة"
    out = _run("تجمع مئات العراقيين أمام السفارة الاميركية في بغداد في اطار الاحتجاجات المستمرة.")
    assert ("141", "IRQ", "USA") in dyads(out)


def test_an_unnamed_crowd_is_coded_by_the_city_it_gathers_in() -> None:
    # r315: "تظاهر بضع مئات من الاشخاص الاثنين امام مقر السفارة السعودية في طهران"
    out = _run("تظاهر بضع مئات من الاشخاص الاثنين امام مقر السفارة السعودية في طهران تعبيرا عن غضبهم.")
    assert ("141", "IRN", "SAU") in dyads(out)


def test_an_assembly_named_tajammu_is_no_gathering() -> None:
    # تجمع المهنيين is an organization: bare تجمع is no trigger, only تجمع + a crowd word.
    out = _run("وقال تجمع المهنيين السودانيين إن الحكومة أمام اختبار صعب أمام السفارة الاميركية.")
    assert not any(d[0].startswith("14") for d in dyads(out))


def test_a_career_masira_is_no_march() -> None:
    # bare مسيرة is also a career or a path ("مسيرة العلاقات"): only qualified marches are triggers.
    out = _run("وأشاد العراقيين بمسيرة العلاقات أمام السفارة الاميركية في بغداد.")
    assert not any(d[0].startswith("14") for d in dyads(out))


def test_a_country_after_bi_is_where_the_crowd_stands() -> None:
    # r356 headline: "وقفة احتجاجية أمام مقر السفارة الأمريكية بتونس تنددا بالعدوان على غزة"
    out = _run("وقفة احتجاجية أمام مقر السفارة الأمريكية بتونس تنديدا بالعدوان.")
    assert ("141", "TUN", "USA") in dyads(out)


def test_a_protest_takes_no_direct_object() -> None:
    # r357: the chant's content after a back-reference to the sit-in names no target.
    out = _run(
        "وردد المشاركون في الاعتصام شعارات رافضة لما يقوم به الكيان من قتل في قطاع غزة المحاصر، "
        "ومطالبة بطرد الدبلوماسيين الأميركيين."
    )
    assert not any(d[0].startswith("14") for d in dyads(out))


def test_a_crowd_near_an_embassy_protests_against_its_state() -> None:
    # r352: "تظاهر العشرات على مقربة من السفارة الأمريكية، في العاصمة التركية"
    out = _run("تظاهر العشرات على مقربة من السفارة الأمريكية في طهران.")
    assert ("141", "IRN", "USA") in dyads(out)


def test_the_nisba_of_what_a_crowd_denounces_is_the_target() -> None:
    # r353: "وخرجت تظاهرة غاضبة في العاصمة صنعاء …، تنديدا بالمجزرة الإسرائيلية الأمريكية المروعة"
    out = _run("وخرجت تظاهرة غاضبة في طهران وبقية المحافظات، تنديدا بالمجزرة الإسرائيلية المروعة.")
    assert ("141", "IRN", "ISR") in dyads(out)


def test_what_the_denounced_noun_leads_to_is_no_target() -> None:
    # r357: "اعتصم عدد من الموريتانيين … أمام السفارة الأمريكية … تنديدا بدورها في دعم الكيان الصهيوني"
    out = _run("اعتصم عدد من العراقيين أمام السفارة الأمريكية تنديدا بدورها في دعم الكيان الصهيوني.")
    assert ("141", "IRQ", "USA") in dyads(out)
    assert ("141", "IRQ", "ISR") not in dyads(out)


def test_prisoners_on_hunger_strike_protest_against_their_jailer() -> None:
    # r368: "بدأ الأسرى الفلسطينيون في السجون الإسرائيلية، أمس، إضراباً شاملاً عن الطعام"
    out = _run("بدأ الأسرى الفلسطينيون في السجون الإسرائيلية، أمس، إضراباً شاملاً عن الطعام.")
    assert ("142", "PSE", "ISR") in dyads(out)


def test_the_nisba_of_the_capital_is_where_the_crowd_stands() -> None:
    # r352: "تظاهر العشرات على مقربة من السفارة الأمريكية، في العاصمة التركية، اليوم الأحد"
    out = _run("تظاهر العشرات على مقربة من السفارة الأمريكية، في العاصمة التركية، اليوم الأحد.")
    assert ("141", "TUR", "USA") in dyads(out)


def test_a_march_after_a_verb_of_marching_is_a_demonstration() -> None:
    # "وخرج آلاف الفلسطينيين في مسيرات غاضبة أمام السفارة الأمريكية"
    out = _run("وخرج آلاف الفلسطينيين في مسيرات غاضبة أمام السفارة الأمريكية.")
    assert ("141", "PSE", "USA") in dyads(out)
    # r364: "وجّه رئيس الجمهورية أصدق تمنياته … بالنجاح في مسيرته الدبلوماسية المقبلة"
    out = _run("وتمنى العراقيين للسفير النجاح في مسيرته الدبلوماسية أمام السفارة الأمريكية.")
    assert not any(d[0].startswith("14") for d in dyads(out))


def test_a_crowd_storming_an_embassy_protests_violently() -> None:
    # r351: "حاول عشرات المتظاهرين اقتحام مقرّ السفارة الإسرائيلية في عمان"
    out = _run("حاول عشرات المتظاهرين اقتحام مقر السفارة الإسرائيلية في طهران.")
    assert ("145", "IRN", "ISR") in dyads(out)


def test_forces_storming_a_place_are_no_protest() -> None:
    # storming next to no crowd noun, or a crowd that is another clause's object
    out = _run("اقتحمت قوات الاحتلال الإسرائيلي المسجد الأقصى في طهران.")
    out2 = _run("اعتدت قوات الأمن العراقية على المحتجين واقتحمت ساحة الاعتصام في بغداد.")
    assert not any(d[0].startswith("14") for d in dyads(out) | dyads(out2))


def test_troops_massing_are_no_crowd() -> None:
    # احتشد is a crowd gathering (احتشد آلاف أمام …) but also troops massing on a border.
    out = _run("واحتشدت القوات التركية على حدود سوريا.")
    assert not any(d[0].startswith("14") for d in dyads(out))


def test_a_speaker_before_a_council_is_no_protest_against_it() -> None:
    # أمام before a protest noun is another clause's: the speaker's audience, not the target.
    out = _run("وقال السفير الأمريكي أمام مجلس الأمن إن الاحتجاجات في طهران مستمرة.")
    assert not any(d[0].startswith("14") for d in dyads(out))


def test_a_speaker_is_no_crowd_of_the_protest_it_reports() -> None:
    # «قالت X إن الاحتجاجات ضد Y …»: X speaks about the protests, it does not protest.
    out = _run("وقالت وزارة الخارجية الأمريكية إن الاحتجاجات ضد الحكومة العراقية مشروعة.")
    assert not any(d[0].startswith("14") for d in dyads(out))
