"""Stage 5d: fronted event nouns. "وفي اتصال هاتفي، بحث الرئيس X مع Y …" is one call of X with Y.

An adverbial event noun opening its sentence (و/ف + في/خلال/عبر + noun: "وفي اتصال هاتفي،",
"وخلال لقاء جمعهما،") names the kind of the event the main clause after it reports. Its own clause
ends at the comma and holds at most its partner, so it is read through the main clause:

- when the main clause has a trigger with dyads ("بحث X مع Y"), the noun gives the same dyads under
  its own code (a call, not generic talks; selection keeps the more specific one);
- otherwise the noun's partner (مع Y inside the fronted phrase) pairs with the subject of the main
  clause, the first free actor after the phrase ("وفي اتصال هاتفي مع Y، أكد X …").
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTOR_COLS, DYADS, KEYS, SENTENCE_STRIDE

# The noun stands within the first words of its sentence (و + في/خلال + noun).
_FRONT_WORDS = 2
# The main clause's subject follows the fronted phrase closely (its verb, then the subject's titles).
_SUBJECT_GAP = 8


def fronted_events(dyads: pl.DataFrame, triggers: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """``dyads`` (roles.resolve_roles, joined to their triggers) plus the dyads of fronted nouns."""
    fronted = triggers.filter(
        (pl.col("kind") == "noun")
        & pl.col("adverbial")
        & (pl.col("start") % SENTENCE_STRIDE <= _FRONT_WORDS)
        & ~pl.col("t_id").is_in(dyads["t_id"].implode())
    ).select("t_id", *KEYS, "start", "region_end", "possessive")
    if fronted.height == 0:
        return dyads
    # (b) The main clause's trigger: the next trigger of the sentence, after the fronted phrase.
    nxt = (
        fronted.join(triggers.select(*KEYS, n_id="t_id", n_start="start"), on=KEYS)
        .filter(pl.col("n_start") > pl.col("region_end"))
        .sort("t_id", "n_start")
        .unique("t_id", keep="first", maintain_order=True)
    )
    dyad_cols = [c for c in DYADS if c != "t_id"]
    copied = (
        nxt.select("t_id", "n_id")
        .join(dyads.select(pl.col("t_id").alias("n_id"), *dyad_cols), on="n_id")
        .drop("n_id")
    )
    # (a) No main trigger with dyads: the phrase's partner and the main clause's subject.
    rest = fronted.join(copied.select("t_id").unique(), on="t_id", how="anti")
    cand = rest.join(actors.filter(pl.col("klass") != "place"), on=KEYS)
    # The partner after مع, the caller after من ("وفي اتصال هاتفي تلقاه من Y، بحث X …") or the
    # object of a possessed noun ("وخلال لقائه Y، أكد X").
    inside = (pl.col("a_start") > pl.col("start")) & (pl.col("a_end") <= pl.col("region_end"))
    partner = (
        cand.filter((~pl.col("free") | pl.col("from_flag") | pl.col("possessive")) & inside)
        .sort("t_id", "a_start", "entity_id")
        .unique("t_id", keep="first", maintain_order=True)
        .select("t_id", "from_flag", *[pl.col(c).alias(f"o_{c}") for c in ACTOR_COLS])
    )
    subject = (
        cand.filter(
            pl.col("free")
            & (pl.col("a_start") > pl.col("region_end"))
            & (pl.col("t_start") - pl.col("region_end") <= _SUBJECT_GAP)
        )
        .sort("t_id", "a_start", "entity_id")
        .unique("t_id", keep="first", maintain_order=True)
        .select("t_id", *[pl.col(c).alias(f"s_{c}") for c in ACTOR_COLS])
    )
    paired = subject.join(partner, on="t_id")
    swap = {
        f"{a}{c}": pl.when("from_flag").then(pl.col(f"{b}{c}")).otherwise(pl.col(f"{a}{c}"))
        for c in ACTOR_COLS
        for a, b in (("s_", "o_"), ("o_", "s_"))
    }
    paired = (
        paired.with_columns(**swap)
        .drop("from_flag")
        .with_columns(rule=pl.lit("fronted"), place_location=pl.lit(None))
    )
    new = pl.concat([copied, paired], how="diagonal_relaxed").filter(
        pl.col("s_entity_id") != pl.col("o_entity_id")
    )
    new = new.select([pl.col(c).cast(t) for c, t in DYADS.items()]).join(triggers, on="t_id")
    return pl.concat([dyads, new.select(dyads.columns)], how="vertical_relaxed")
