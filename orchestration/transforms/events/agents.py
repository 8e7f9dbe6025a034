"""Stage 5d: whose event is a noun trigger, where the nearest actor before it is not its agent.

- A possessed noun a few words into a relative clause (``triggers.clause_regions``: ``rel_at``)
  is the antecedent's: "مع وزير الدفاع X الذي اطلعه على نتائج زيارته الى السعودية" = X's visit.
- A nisba right after an event noun is that noun's agent ("الهجوم الاسرائيلي"), never the subject
  of another trigger of the sentence ("… بينما كان عائدا من زيارة الى بيروت": Israel made no
  visit).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTORISH, KEYS


def relative_antecedents(p: pl.DataFrame) -> pl.DataFrame:
    """Rows of ``p`` (triggers x actors) whose actor ends right before the relative pronoun that
    opens the trigger's clause, governed or not ("مع X الذي")."""
    return p.filter(ACTORISH & (pl.col("a_end") == pl.col("rel_at") - 1))


def other_noun_nisbas(t: pl.DataFrame, p: pl.DataFrame) -> pl.DataFrame:
    """(t_id, a_start): the state nisbas right after a noun trigger other than ``t_id``."""
    noun_ends = t.filter(pl.col("kind") == "noun").select(
        *KEYS, a_start=pl.col("end") + 1, other=pl.col("t_id")
    )
    return (
        p.filter(pl.col("klass") == "state")
        .join(noun_ends, on=[*KEYS, "a_start"])
        .filter(pl.col("other") != pl.col("t_id"))
        .select("t_id", "a_start")
        .unique()
    )
