"""Attacks (issue 11): targeting verbs, missiles fired towards a target, relative clauses, لـ
possessors and own-country targets, on sentence shapes of real news."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import ENTITIES, KB, PUB, _frames, dyads

# entity_id -> actor code, as the knowledge base gives them (own-country checks read the code).
_CODES = {
    "org:houthis": "YEMREB",
    "org:israeli_air_force": "ISRMIL",
    "org:syrian_arab_army": "SYRMIL",
    "country:ISR": "ISR",
    "country:SAU": "SAU",
    "country:USA": "USA",
    "country:RUS": "RUS",
    "country:EGY": "EGY",
    "country:PSE": "PSE",
}


@pytest.fixture(autouse=True)
def _attack_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    for surface, entity in {
        "الحوثيون": ("org:houthis", "ORG"),
        "جماعة أنصار الله": ("org:houthis", "ORG"),
        "العاصمة السعودية": ("country:SAU", "PLACE"),
        "أمريكية": ("country:USA", "PLACE"),
        "الطيران الحربي الإسرائيلي": ("org:israeli_air_force", "ORG"),
        "قطاع غزة": ("country:PSE", "PLACE"),
        "للجيش السوري": ("org:syrian_arab_army", "ORG"),
        "بروسيا": ("country:RUS", "PLACE"),
        "إسرائيلية": ("country:ISR", "PLACE"),
        "الإسرائيلي": ("country:ISR", "PLACE"),
        "كتائب القسام": ("org:hamas", "ORG"),
        "القيادة المركزية الأمريكية": ("country:USA", "ORG"),
    }.items():
        monkeypatch.setitem(ENTITIES, surface, entity)


def _run(body: str, weak: tuple[str, ...] = ()) -> pl.DataFrame:
    """Candidates of ``body``; surfaces in ``weak`` are low-confidence nisba mentions."""
    articles, sentences, mentions = _frames(body, PUB)
    mentions = mentions.with_columns(
        actor_code=pl.col("entity_id").replace_strict(_CODES, default=None),
        confidence=pl.when(pl.col("surface").is_in(list(weak)))
        .then(pl.lit(0.3))
        .otherwise(pl.col("confidence"))
        .cast(mentions.schema["confidence"]),
    )
    return extract_event_candidates(articles, sentences, mentions, KB)


def test_a_missile_that_targeted_a_capital_is_an_attack_on_its_state() -> None:
    # "وأطلق الحوثيون، خلال الأسابيع الأخيرة، صاروخين استهدفا العاصمة السعودية"
    out = _run("وأطلق الحوثيون، خلال الأسابيع الأخيرة، صاروخين استهدفا العاصمة السعودية، الرياض.")
    assert ("190", "houthis", "SAU") in dyads(out)


def test_the_nisba_of_a_targeted_object_names_the_target() -> None:
    # "أعلنت جماعة أنصار الله استهداف سفينة أمريكية": the ship's nisba is the target, the
    # announcing group the agent.
    out = _run("أعلنت جماعة أنصار الله، اليوم، استهداف سفينة أمريكية في البحر.", weak=("أمريكية",))
    assert ("190", "houthis", "USA") in dyads(out)


def test_a_relative_clause_takes_its_antecedent_as_subject() -> None:
    # "أعربت مصر عن إدانتها للاعتداء الإرهابي الذي استهدف مدرسة بروسيا": Egypt attacked nobody.
    out = _run("أعربت مصر عن إدانتها الشديدة للاعتداء الإرهابي الذي استهدف مدرسة بروسيا.")
    assert not any(d[0].startswith("19") for d in dyads(out))


def test_a_possessor_after_la_is_no_subject_of_the_verb() -> None:
    # "وانها استهدفت مواقع عسكرية للجيش السوري": the army owns the sites, it does not strike.
    out = _run("وانها استهدفت مواقع عسكرية للجيش السوري وإسرائيل.")
    assert not any(d[1] == "syrian_arab_army" for d in dyads(out))


def test_a_country_is_no_target_of_its_own_forces_after_towards() -> None:
    # "قصف الطيران الحربي الإسرائيلي قطاع غزة بعد إطلاق صاروخين من القطاع باتجاه إسرائيل"
    out = _run("قصف الطيران الحربي الإسرائيلي مواقع بعد إطلاق صاروخين باتجاه إسرائيل.")
    assert ("190", "israeli_air_force", "ISR") not in dyads(out)


def test_the_nisba_of_the_aircraft_names_the_attacker() -> None:
    # "أفادت الوكالة بأن طائرات إسرائيلية نفذت غارات جوية … على مواقع في ريفي حلب وإدلب"
    out = _run("وأفادت الوكالة بأن طائرات إسرائيلية نفذت غارات جوية اليوم على سوريا.", weak=("إسرائيلية",))
    assert ("195", "ISR", "SYR") in dyads(out)


def test_missiles_fired_towards_a_place_are_an_attack_on_it() -> None:
    # "أطلقت كتائب عز الدين القسام … خمسة صواريخ من نوع غراد باتجاه مدينة أسدود جنوب إسرائيل"
    out = _run("وردا على ذلك، أطلقت كتائب القسام خمسة صواريخ من نوع غراد باتجاه إسرائيل.")
    assert ("190", "hamas", "ISR") in dyads(out)


def test_fired_missiles_with_no_marked_target_hit_nobody() -> None:
    # "أعلنت القيادة المركزية الأمريكية إسقاط … صواريخ باليستية أطلقها الحوثيون": no target named.
    out = _run("وأعلنت القيادة المركزية الأمريكية إسقاط ثلاثة صواريخ أطلقها الحوثيون في البحر.")
    assert not any(d[0].startswith("19") for d in dyads(out))


def test_the_missiles_of_a_shelling_verb_are_its_instrument() -> None:
    # "وقصف الجانب التركي بخمسة صواريخ من داخل الأراضي التركية موقعاً في قرية …"
    out = _run("وقصف الطيران الحربي الإسرائيلي بخمسة صواريخ قطاع غزة.")
    assert ("190", "israeli_air_force", "PSE") in dyads(out)


def test_the_nisba_of_a_targeted_ship_is_no_later_attacker() -> None:
    # "أعلنت جماعة أنصار الله استهداف سفينة شحن أمريكية …، عبر استهداف مصالح الاحتلال الإسرائيلي"
    out = _run(
        "أعلنت جماعة أنصار الله استهداف سفينة أمريكية دعما لغزة عبر استهداف إسرائيل.", weak=("أمريكية",)
    )
    assert not any(d[1] == "USA" for d in dyads(out))


def test_a_definite_nisba_after_an_attack_verb_may_be_its_subject() -> None:
    # "وقصف الجانب التركي بخمسة صواريخ … موقعاً": the definite nisba is the VSO subject.
    out = _run("وقصف الجانب الإسرائيلي قطاع غزة.", weak=("الإسرائيلي",))
    assert ("190", "ISR", "PSE") in dyads(out)
