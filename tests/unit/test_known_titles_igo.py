"""A new person next to a title a known person held is that known person (issue #11 name_variant)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.known_persons import resolve_to_known
from orchestration.transforms.entities.lexicon import key_exprs
from tests.unit.test_roles import make_kb

KB = make_kb()
# r119 shape, undated (ينس ستولتنبرج الأمين العام لحلف شمال الأطلسي, Stoltenberg spelled with ج):
# a one-edit variant of a known name with a title he held in apposition.
BODY = "اجتمع الوزير مع فلاديمير بوتن الرئيس الروسي في موسكو"


def _resolve(title_code: str) -> list[str]:
    cs = BODY.index("فلاديمير")
    ce = cs + len("فلاديمير بوتن")
    mentions = pl.DataFrame(
        {
            "aidx": [0],
            "cs": [cs],
            "ce": [ce],
            "surf": [BODY[cs:ce]],
            "entity_id": ["person:new:x"],
            "actor_code": [None],
            "method": ["name-shape"],
        },
        schema_overrides={"aidx": pl.UInt32, "actor_code": pl.String},
    )
    title_cs = ce + 1
    titles = pl.DataFrame(
        {"aidx": [0], "cs": [title_cs], "ce": [title_cs + 14], "actor_code": [title_code]},
        schema_overrides={"aidx": pl.UInt32},
    )
    keys = pl.DataFrame({"name": ["فلاديمير بوتين"]}).select(
        *key_exprs(pl.col("name")), entity_id=pl.lit("person:vladimir_putin"), iso3=pl.lit("RUS")
    )
    dates = pl.DataFrame({"aidx": [0], "date": [None]}, schema={"aidx": pl.UInt32, "date": pl.Date})
    named = pl.DataFrame(schema={"aidx": pl.UInt32, "entity_id": pl.String})
    out = resolve_to_known(mentions, dates, named, keys, KB, titles)
    return out["entity_id"].to_list()


def test_an_apposed_title_he_held_names_the_known_person() -> None:
    assert _resolve("RUSGOV") == ["person:vladimir_putin"]


def test_a_title_he_never_held_leaves_the_new_person() -> None:
    assert _resolve("USAGOV") == ["person:new:x"]


def test_a_later_family_name_alone_is_the_known_person_named_before() -> None:
    # r98 shape: رئيس الوزراء الإيطالي السيد جوزيبي كونتي ... وأكد كونتي: the tagger's one-word
    # "new person" is Conte.
    body = "التقى فلاديمير بوتين الوزير. وقال بوتين إن"
    cs = body.rindex("بوتين")
    mentions = pl.DataFrame(
        {
            "aidx": [0],
            "cs": [cs],
            "ce": [cs + 5],
            "surf": ["بوتين"],
            "entity_id": ["person:new:y"],
            "actor_code": [None],
            "method": ["model"],
        },
        schema_overrides={"aidx": pl.UInt32, "actor_code": pl.String},
    )
    keys = pl.DataFrame({"name": ["فلاديمير بوتين"]}).select(
        *key_exprs(pl.col("name")), entity_id=pl.lit("person:vladimir_putin"), iso3=pl.lit("RUS")
    )
    dates = pl.DataFrame({"aidx": [0], "date": [None]}, schema={"aidx": pl.UInt32, "date": pl.Date})
    named = pl.DataFrame(
        {"aidx": [0], "entity_id": ["person:vladimir_putin"]},
        schema={"aidx": pl.UInt32, "entity_id": pl.String},
    )
    got = resolve_to_known(mentions, dates, named, keys, KB)
    assert got["entity_id"].to_list() == ["person:vladimir_putin"]
    # Not named in the article: the one word stays the tagger's.
    nobody = named.head(0)
    assert resolve_to_known(mentions, dates, nobody, keys, KB)["entity_id"].to_list() == ["person:new:y"]
