"""An undated article's variant of a known person takes the code of the offices they could still
hold after the latest date the text writes (``floor``), as role references do (issue #10)."""

from __future__ import annotations

import dataclasses
from datetime import date

import polars as pl

from orchestration.transforms.entities.known_persons import resolve_to_known
from orchestration.transforms.entities.lexicon import key_exprs
from tests.unit.test_roles import _spells, make_kb

# Moussa Faki: Chad's prime minister, then chairperson of the AU Commission (two codes).
SPELLS = _spells(
    [
        (
            "person:moussa_faki",
            "head_of_government",
            "TCD",
            "TCDGOV",
            date(2003, 6, 24),
            date(2005, 2, 4),
            "prime_minister",
        ),
        (
            "person:moussa_faki",
            "igo_head",
            "TCD",
            "IGOAFU",
            date(2017, 3, 14),
            date(2025, 2, 15),
            "chairperson",
        ),
    ]
)
KB = dataclasses.replace(make_kb(), office_spells=SPELLS)
# «... استقبل موسى فقي ... وقال موسى فكي»: the variant spelling of a person named in the article.
BODY = "استقبل موسى فقي الوفد. وقال موسى فكي إن"


def _code(floor: date | None) -> list[str | None]:
    cs = BODY.rindex("موسى")
    mentions = pl.DataFrame(
        {
            "aidx": [0],
            "cs": [cs],
            "ce": [cs + 8],
            "surf": [BODY[cs : cs + 8]],
            "entity_id": ["person:new:m"],
            "actor_code": [None],
            "method": ["model"],
        },
        schema_overrides={"aidx": pl.UInt32, "actor_code": pl.String},
    )
    keys = pl.DataFrame({"name": ["موسى فقي"]}).select(
        *key_exprs(pl.col("name")), entity_id=pl.lit("person:moussa_faki"), iso3=pl.lit("TCD")
    )
    dates = pl.DataFrame(
        {"aidx": [0], "date": [None], "floor": [floor]},
        schema={"aidx": pl.UInt32, "date": pl.Date, "floor": pl.Date},
    )
    named = pl.DataFrame(
        {"aidx": [0], "entity_id": ["person:moussa_faki"]}, schema_overrides={"aidx": pl.UInt32}
    )
    out = resolve_to_known(mentions, dates, named, keys, KB)
    assert out["entity_id"].to_list() == ["person:moussa_faki"]
    return out["actor_code"].to_list()


def test_undated_variant_takes_the_office_still_held_after_the_floor() -> None:
    # The text writes 2018: his Chadian office had ended; the AU Commission is the only one left.
    assert _code(date(2018, 1, 1)) == ["IGOAFU"]


def test_undated_variant_without_floor_has_no_single_code() -> None:
    assert _code(None) == [None]
