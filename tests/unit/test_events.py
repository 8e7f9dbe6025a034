"""Unit tests for event candidates (orchestration/transforms/events/) on hand-made frames."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from orchestration.transforms.entities import MENTION_SCHEMA
from orchestration.transforms.events import (
    EVENT_CANDIDATES_SCHEMA,
    extract_event_candidates,
    load_event_lexicons,
)
from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase

PUB = dt.date(2017, 11, 21)  # a Tuesday

# surface -> (entity_id, entity_type); the longest surface wins where surfaces overlap.
ENTITIES: dict[str, tuple[str, str]] = {
    "الرئيس الروسي فلاديمير بوتين": ("person:vladimir_putin", "PERSON"),
    "فلاديمير بوتين": ("person:vladimir_putin", "PERSON"),
    "بوتين": ("person:vladimir_putin", "PERSON"),
    "الرئيس بوتين": ("person:vladimir_putin", "PERSON"),
    "دونالد ترامب": ("person:donald_trump", "PERSON"),
    "ترامب": ("person:donald_trump", "PERSON"),
    "نظيره الأمريكي": ("person:donald_trump", "PERSON"),
    "عبد الفتاح السيسي": ("person:abdel_fattah_el_sisi", "PERSON"),
    "الرئيس السيسي": ("person:abdel_fattah_el_sisi", "PERSON"),
    "السيسي": ("person:abdel_fattah_el_sisi", "PERSON"),
    "الملك سلمان": ("person:salman", "PERSON"),
    "نتنياهو": ("person:benjamin_netanyahu", "PERSON"),
    "بشار الأسد": ("person:bashar_al_assad", "PERSON"),
    "الأسد": ("person:bashar_al_assad", "PERSON"),
    "أردوغان": ("person:recep_tayyip_erdogan", "PERSON"),
    "روحاني": ("person:hassan_rouhani", "PERSON"),
    "سيرغي لافروف": ("person:sergey_lavrov", "PERSON"),
    "ريكس تيلرسون": ("person:rex_tillerson", "PERSON"),
    "أنغيلا ميركل": ("person:angela_merkel", "PERSON"),
    # A role phrase and the name after it resolve to one person (unify_role_placeholders).
    "رئيس وزراء فلسطين": ("person:mohammad_shtayyeh", "PERSON"),
    "محمد اشتية": ("person:mohammad_shtayyeh", "PERSON"),
    "رئيس الوزراء المصري": ("person:mostafa_madbouly", "PERSON"),
    "مصطفى مدبولي": ("person:mostafa_madbouly", "PERSON"),
    "محمد شياع السوداني": ("person:mohammed_shia_al_sudani", "PERSON"),
    "موسكو": ("place:moscow", "PLACE"),
    "طهران": ("place:tehran", "PLACE"),
    "الإيرانية": ("country:IRN", "PLACE"),
    "سوتشي": ("place:sochi", "PLACE"),
    "روسيا": ("country:RUS", "PLACE"),
    "سوريا": ("country:SYR", "PLACE"),
    "إسرائيل": ("country:ISR", "PLACE"),
    "مصر": ("country:EGY", "PLACE"),
}


def _kb() -> KnowledgeBase:
    empty = pl.DataFrame()
    return KnowledgeBase(
        countries=empty,
        persons=empty,
        office_spells=empty,
        places=pl.DataFrame({"entity_id": ["place:moscow", "place:sochi"], "country_iso3": ["RUS", "RUS"]}),
        organizations=empty,
        roles=empty,
        event_triggers=pl.read_csv(REFERENCE_DIR / "event_triggers.csv", infer_schema=False),
        event_types=pl.read_csv(REFERENCE_DIR / "cameo_event_codes.csv", infer_schema=False),
    )


KB = _kb()


def _frames(body: str, published: dt.date | None) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    aid = "a1"
    articles = pl.DataFrame(
        {"article_id": [aid], "body": [body], "published_date": [published]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    sents = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^.\n]+\.?", body) if m.group(0).strip()]
    sentences = pl.DataFrame(
        {
            "article_id": [aid] * len(sents),
            "sentence_index": list(range(len(sents))),
            "char_start": [s for s, _, _ in sents],
            "char_end": [e for _, e, _ in sents],
            "sentence": [t for _, _, t in sents],
        },
        schema={
            "article_id": pl.String,
            "sentence_index": pl.Int64,
            "char_start": pl.Int64,
            "char_end": pl.Int64,
            "sentence": pl.String,
        },
    )
    taken = [False] * len(body)
    rows = []
    for surface in sorted(ENTITIES, key=len, reverse=True):
        for m in re.finditer(re.escape(surface), body):
            # whole words only (a proclitic و/ب/ل before the surface is allowed)
            if m.end() < len(body) and body[m.end()].isalpha():
                continue
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            eid, etype = ENTITIES[surface]
            sidx = next(i for i, (s, e, _) in enumerate(sents) if s <= m.start() < e)
            rows.append((aid, eid, etype, surface, m.start(), m.end(), sidx))
    mentions = pl.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "entity_id": [r[1] for r in rows],
            "entity_type": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
            "char_start": [r[4] for r in rows],
            "char_end": [r[5] for r in rows],
            "sentence_index": [r[6] for r in rows],
            "method": ["exact"] * len(rows),
            "confidence": [0.95] * len(rows),
            "actor_code": [None] * len(rows),
            "role": [None] * len(rows),
        },
        schema=MENTION_SCHEMA,
    )
    return articles, sentences, mentions


def run(body: str, published: dt.date | None = PUB) -> pl.DataFrame:
    articles, sentences, mentions = _frames(body, published)
    return extract_event_candidates(articles, sentences, mentions, KB)


def dyads(out: pl.DataFrame) -> set[tuple[str, str, str]]:
    return {
        (r["event_code"], r["actor1_entity_id"].split(":")[-1], r["actor2_entity_id"].split(":")[-1])
        for r in out.iter_rows(named=True)
    }


# ---------------------------------------------------------------- reference data


def test_every_trigger_code_exists_in_cameo_and_columns_are_valid() -> None:
    trig = pl.read_csv(REFERENCE_DIR / "event_triggers.csv", infer_schema=False)
    codes = set(pl.read_csv(REFERENCE_DIR / "cameo_event_codes.csv", infer_schema=False)["cameo_code"])
    assert trig.columns[:5] == ["pattern_ar", "event_code", "kind", "voice", "notes"]
    missing = set(trig["event_code"]) - codes
    assert not missing, f"trigger codes missing from the CAMEO file: {missing}"
    assert set(trig["kind"]) <= {"verb", "noun", "modifier"}
    assert set(trig["voice"]) <= {"active", "passive"}
    assert set(trig["target"]) <= {"with", "to", "arrive", "against", "aimed", "any", "protest", "depart"}
    assert trig["pattern_ar"].is_unique().all()
    for family in ["041", "042", "043", "044", "040", "036", "051", "057", "111", "190", "195"]:
        assert family in set(trig["event_code"]), family


def test_lexicons_load_with_typed_columns() -> None:
    lex = load_event_lexicons()
    assert lex.markers["window_before"].dtype == pl.Int64
    assert {"with", "between", "planned", "historical", "receive", "dyad_back", "block"} <= set(
        lex.markers["marker"]
    )
    offsets = dict(zip(lex.relative_days["pattern_ar"], lex.relative_days["day_offset"], strict=True))
    assert offsets["أمس"] == -1 and offsets["الليلة قبل الماضية"] == -2 and offsets["غدا"] == 1
    assert sorted(set(lex.weekdays["iso_weekday"])) == list(range(1, 8))


# ---------------------------------------------------------------- trigger families


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "أجرى الرئيس الروسي فلاديمير بوتين اتصالاً هاتفياً مع الرئيس السيسي.",
            {("041", "vladimir_putin", "abdel_fattah_el_sisi")},
        ),
        ("وزار الأسد موسكو.", {("042", "bashar_al_assad", "RUS")}),
        ("استقبل بوتين الرئيس السيسي في سوتشي.", {("043", "vladimir_putin", "abdel_fattah_el_sisi")}),
        ("التقى بوتين أردوغان على هامش القمة.", {("044", "vladimir_putin", "recep_tayyip_erdogan")}),
        ("والتقى بوتين بالأسد.", {("040", "vladimir_putin", "bashar_al_assad")}),
        ("تباحث لافروف مع ريكس تيلرسون حول الأزمة.", set()),  # no mention for لافروف alone
        ("تباحث سيرغي لافروف مع ريكس تيلرسون حول الأزمة.", {("040", "sergey_lavrov", "rex_tillerson")}),
        ("وجه بوتين دعوة لزيارة روسيا إلى أردوغان.", {("036", "vladimir_putin", "recep_tayyip_erdogan")}),
        ("وهنأ الملك سلمان الرئيس السيسي بفوزه.", {("051", "salman", "abdel_fattah_el_sisi")}),
        ("بوتين والسيسي وقعا اتفاقية للتعاون النووي.", {("057", "vladimir_putin", "abdel_fattah_el_sisi")}),
        ("وانتقد ترامب روحاني بشدة.", {("111", "donald_trump", "hassan_rouhani")}),
        ("وشنت إسرائيل غارات جوية على سوريا.", {("195", "ISR", "SYR")}),
    ],
)
def test_trigger_families(body: str, expected: set[tuple[str, str, str]]) -> None:
    assert dyads(run(body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A state or a woman as subject takes the feminine verb (استقبلت كاتبة الدولة …).
        ("وناقشت أنغيلا ميركل مع بوتين الأزمة.", {("040", "angela_merkel", "vladimir_putin")}),
        ("وبحثت أنغيلا ميركل مع بوتين التعاون النووي.", {("040", "angela_merkel", "vladimir_putin")}),
        ("وأشادت أنغيلا ميركل بالرئيس بوتين.", {("051", "angela_merkel", "vladimir_putin")}),
        ("ونددت سوريا بغارات إسرائيل.", {("111", "SYR", "ISR")}),
        ("وتوعدت إسرائيل سوريا بالرد.", {("130", "ISR", "SYR")}),
    ],
)
def test_feminine_verb_forms(body: str, expected: set[tuple[str, str, str]]) -> None:
    assert dyads(run(body)) == expected


def test_visit_to_a_city_fills_location() -> None:
    out = run("وزار الأسد موسكو.")
    assert out["location_entity_id"].to_list() == ["place:moscow"]
    assert out["actor2_code"].to_list() == ["RUS"]


def test_in_constant_contact_is_not_a_call() -> None:
    assert run("وأفاد الرئيس بوتين بأن روسيا على اتصال دائم مع مصر.").height == 0


# ---------------------------------------------------------------- actors


def test_received_call_swaps_roles() -> None:
    out = run("تلقى الرئيس السيسي اتصالاً هاتفياً من الرئيس بوتين.")
    assert dyads(out) == {("041", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_list_of_targets_gives_one_event_per_dyad() -> None:
    out = run(
        "أجرى الرئيس الروسي فلاديمير بوتين سلسلة اتصالات هاتفية اليوم، مع نظرائه كلاً من "
        "الرئيس الأمريكي دونالد ترامب، والمصري عبد الفتاح السيسي والملك سلمان ونتنياهو."
    )
    assert dyads(out) == {
        ("041", "vladimir_putin", "donald_trump"),
        ("041", "vladimir_putin", "abdel_fattah_el_sisi"),
        ("041", "vladimir_putin", "salman"),
        ("041", "vladimir_putin", "benjamin_netanyahu"),
    }
    assert out["mention_id"].is_unique().all()


def test_counterpart_mention_is_the_target() -> None:
    out = run("أجرى بوتين اتصالا هاتفيا، مع نظيره الأمريكي، دونالد ترامب.")
    assert dyads(out) == {("041", "vladimir_putin", "donald_trump")}


def test_coordinated_pair_before_a_possessed_trigger() -> None:
    out = run("وتناول بوتين وترامب في اتصالهما الوضع في سوريا.")
    assert dyads(out) == {("041", "vladimir_putin", "donald_trump")}


def test_the_two_sides_repeat_the_previous_event() -> None:
    out = run("أجرى بوتين اتصالا هاتفيا مع ترامب. وبحث الجانبان أيضا الوضع بين إسرائيل وسوريا.")
    assert out.height == 2
    assert dyads(out) == {("041", "vladimir_putin", "donald_trump")}
    second = out.filter(pl.col("sentence_index") == 1).row(0, named=True)
    assert second["actor1_char_offset"] is None and second["trigger"] == "وبحث"


def test_never_the_same_actor_twice_and_no_lone_actor() -> None:
    assert run("والتقى بوتين الرئيس بوتين.").height == 0
    assert run("وزار بوتين المنطقة.").height == 0


def test_telephone_beats_generic_consultation() -> None:
    out = run("كما بحث فلاديمير بوتين، في اتصال هاتفي مع نتنياهو الوضع في سوريا.")
    assert dyads(out) == {("041", "vladimir_putin", "benjamin_netanyahu")}
    out = run("كما بحث الرئيس بوتين مع الملك سلمان عبر الهاتف آفاق التسوية.")
    assert dyads(out) == {("041", "vladimir_putin", "salman")}


def test_a_different_dyad_in_the_same_sentence_is_kept() -> None:
    out = run("أجرى بوتين اتصالا هاتفيا مع ترامب، ركز على نتائج لقائه مع بشار الأسد.")
    assert dyads(out) == {
        ("041", "vladimir_putin", "donald_trump"),
        ("040", "vladimir_putin", "bashar_al_assad"),
    }


# ---------------------------------------------------------------- status and dates


def _one(body: str, published: dt.date | None = PUB) -> dict:
    out = run(body, published)
    assert out.height == 1, out
    return out.row(0, named=True)


def test_status_planned_occurred_historical() -> None:
    assert _one("سيلتقي بوتين أردوغان في سوتشي.")["status"] == "planned"
    assert _one("ومن المقرر أن يلتقي بوتين أردوغان في سوتشي.")["status"] == "planned"
    assert _one("والتقى بوتين أردوغان في سوتشي.")["status"] == "occurred"
    hist = _one("وكان الأسد زار في 20 أكتوبر 2015 موسكو.")
    assert hist["status"] == "historical"
    assert hist["event_date"] == dt.date(2015, 10, 20) and hist["date_precision"] == "day"
    # Without a publication date the pluperfect كان still marks it as recalled.
    assert _one("وكان الأسد زار في 20 أكتوبر 2015 موسكو.", None)["status"] == "historical"


def test_relative_days_resolve_against_publication() -> None:
    assert _one("التقى بوتين الأسد مساء أمس في سوتشي.")["event_date"] == dt.date(2017, 11, 20)
    r = _one("والتقى بوتين الأسد في سوتشي الليلة قبل الماضية.")
    assert (r["event_date"], r["date_precision"]) == (dt.date(2017, 11, 19), "day")
    r = _one("ويلتقي بوتين أردوغان غداً في سوتشي.")
    assert (r["event_date"], r["status"]) == (dt.date(2017, 11, 22), "planned")


def test_weekdays_resolve_to_latest_on_or_before_publication() -> None:
    assert _one("والتقى بوتين الأسد يوم الاثنين.")["event_date"] == dt.date(2017, 11, 20)
    assert _one("والتقى بوتين الأسد الإثنين.")["event_date"] == dt.date(2017, 11, 20)
    assert _one("والتقى بوتين الأسد يوم الثلاثاء.")["event_date"] == dt.date(2017, 11, 21)
    assert _one("والتقى بوتين الأسد يوم الأحد.")["event_date"] == dt.date(2017, 11, 19)
    r = _one("ويلتقي بوتين أردوغان غداً الأربعاء.")
    assert (r["event_date"], r["status"]) == (dt.date(2017, 11, 22), "planned")


def test_unknown_publication_date_leaves_event_date_null() -> None:
    for body in [
        "التقى بوتين الأسد مساء أمس الاثنين في سوتشي.",
        "والتقى بوتين الأسد يوم الاثنين.",
        "والتقى بوتين الأسد في سوتشي.",
    ]:
        r = _one(body, None)
        assert r["event_date"] is None and r["date_precision"] == "unknown", body


def test_no_date_expression_uses_publication_date_with_lower_confidence() -> None:
    plain = _one("والتقى بوتين الأسد في سوتشي.")
    dated = _one("والتقى بوتين الأسد في سوتشي اليوم.")
    assert plain["event_date"] == dated["event_date"] == PUB
    assert plain["confidence"] < dated["confidence"]
    # A planned event without a date does not get the publication date.
    assert _one("سيلتقي بوتين أردوغان في سوتشي.")["event_date"] is None


def test_explicit_date_without_year_takes_the_publication_year() -> None:
    r = _one("ويلتقي بوتين أردوغان في سوتشي في الـ22 من نوفمبر الجاري.")
    assert (r["event_date"], r["status"]) == (dt.date(2017, 11, 22), "planned")


# ---------------------------------------------------------------- contract


def test_schema_offsets_and_confidence() -> None:
    body = (
        "من جانبه، بحث وزير الخارجية الروسي سيرغي لافروف في اتصال هاتفي مع وزير الخارجية "
        "الأمريكي ريكس تيلرسون، اليوم الثلاثاء، الوضع في سوريا."
    )
    out = run(body)
    assert dict(out.schema) == EVENT_CANDIDATES_SCHEMA
    assert dyads(out) == {("041", "sergey_lavrov", "rex_tillerson")}
    r = out.row(0, named=True)
    assert body[r["action_char_offset"] :].startswith(r["trigger"])
    assert body[r["actor1_char_offset"] :].startswith("سيرغي لافروف")
    assert body[r["actor2_char_offset"] :].startswith("ريكس تيلرسون")
    assert r["sentence"] in body
    assert 0.0 < r["confidence"] <= 1.0
    assert r["event_date"] == PUB and r["status"] == "occurred"


def test_empty_inputs() -> None:
    articles, sentences, mentions = _frames("لا شيء هنا.", PUB)
    out = extract_event_candidates(articles, sentences, mentions.head(0), KB)
    assert out.height == 0 and dict(out.schema) == EVENT_CANDIDATES_SCHEMA


def test_the_two_sides_do_not_cross_event_families() -> None:
    out = run("وشنت إسرائيل غارات جوية على سوريا. وبحث الجانبان الوضع.")
    assert dyads(out) == {("195", "ISR", "SYR")} and out.height == 1


def test_caller_after_min_is_never_the_subject() -> None:
    out = run("وزار الأسد موسكو بطلب من بوتين.")
    assert dyads(out) == {("042", "bashar_al_assad", "vladimir_putin")}
    assert out["location_entity_id"].to_list() == ["place:moscow"]
