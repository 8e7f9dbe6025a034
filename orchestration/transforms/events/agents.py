"""Stage 5d: whose event is a noun trigger, where the nearest actor before it is not its agent.

- A possessed noun a few words into a relative clause (``triggers.clause_regions``: ``rel_at``)
  is the antecedent's: "مع وزير الدفاع X الذي اطلعه على نتائج زيارته الى السعودية" = X's visit.
- A nisba right after an event noun is that noun's agent ("الهجوم الاسرائيلي"), never the subject
  of another trigger of the sentence ("… بينما كان عائدا من زيارة الى بيروت": Israel made no
  visit).
- So is the agent right after a fronted event noun where the verb after it names its own subject
  right after it: "قبل زيارة رئيس المجلس الرئاسي X، تبادل رئيس المجلس الأعلى Y والسفير الفرنسي
  وجهات النظر" (Y and the ambassador talked, X only visited).
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


def fronted_noun_agents(t: pl.DataFrame, p: pl.DataFrame) -> pl.DataFrame:
    """(t_id, a_start): actors whose span starts right after a noun trigger standing before the
    verb ``t_id`` in its sentence, where the verb has a free actor right after it (its own VSO
    subject, titles included): the noun's agent is not the verb's subject."""
    verbs = (
        p.filter(
            (pl.col("kind") == "verb") & pl.col("free") & ACTORISH & (pl.col("t_start") == pl.col("end") + 1)
        )
        .select("t_id", *KEYS, v_start="start")
        .unique()
    )
    noun_ends = t.filter(pl.col("kind") == "noun").select(*KEYS, n_next=pl.col("end") + 1, n_end="end")
    fronted = verbs.join(noun_ends, on=KEYS).filter(pl.col("n_end") < pl.col("v_start"))
    return (
        p.join(fronted.select("t_id", "n_next", "v_start"), on="t_id")
        .filter((pl.col("t_start") == pl.col("n_next")) & (pl.col("a_end") < pl.col("v_start")))
        .select("t_id", "a_start")
        .unique()
    )
