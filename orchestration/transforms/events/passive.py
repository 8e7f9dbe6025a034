"""Stage 5 (roles), passive readings: who acts when the grammatical subject is the receiver.

``تلقى اتصالا من X``: the caller after من is actor1, the grammatical subject actor2. The same
holds for a reception or meeting verb whose agent is introduced by من طرف / من قبل
("استقبل الرئيس لدى وصوله من طرف أخيه الرئيس X": X received him); such a verb reads as passive
only when that agent is an actor, otherwise it keeps its active roles.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTORISH, actors_as


def received(t: pl.DataFrame, p: pl.DataFrame, subj: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """Received calls: the caller (after من) is actor1, the grammatical subject actor2. Every caller
    of the clause calls ("اتصالاً من X، ومن Y"; a list "من X وY" is expanded in parties)."""
    in_clause = p.filter(
        pl.col("from_flag") & pl.col("after") & (pl.col("a_start") <= pl.col("region_end")) & ACTORISH
    )
    # "ومن Y": a later من of the same clause introduces another caller, not another role.
    callers = in_clause.select("t_id", *actors_as("c_"))
    # من طرف / من قبل makes a verb passive only where it introduces an actor, and never an
    # adverbial noun: «وخلال اللقاء، استعرض X مع Y … والخطوات المتخذة من قبل بعثة الأمم المتحدة»
    # sets the scene of the main clause, whose من قبل is another verb's agent.
    agentive = t.filter(pl.col("agentive") & ~pl.col("passive") & ~pl.col("adverbial")).join(
        p.filter(pl.col("agent_flag") & pl.col("after") & (pl.col("a_start") <= pl.col("region_end"))),
        on="t_id",
        how="semi",
    )
    passive_ids = pl.concat([t.filter(pl.col("passive")).select("t_id"), agentive.select("t_id")])
    passive_rows = (
        subj.join(passive_ids, on="t_id")
        .join(callers, on="t_id")
        .select("t_id", *actors_as("s_", "c_"), *actors_as("o_", "s_"))
        .with_columns(rule=pl.lit("passive"))
    )
    return pl.concat([rows.join(passive_ids, on="t_id", how="anti"), passive_rows], how="diagonal_relaxed")
