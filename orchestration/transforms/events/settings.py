"""Stage 5c: settings. What frames an event is not a party of it.

"وقّع X وY بروتوكول مشاورات بين وزارة الخارجية … ووزارة خارجية مصر، وذلك على هامش مباحثات …":
an adverbial trigger may take a partner marker standing before it (``targets.partners``: "بحث مع X
في اتصال هاتفي" is one call with X), but a sideline modifier (على هامش) does not take one inside
the clause of an earlier trigger of the sentence: that marker is the earlier trigger's ("مشاورات
بين …"), and the sideline phrase is the setting of the event before it. What follows هامش is the
setting too (``event_rules``: no fallback partner after it).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS

# The sideline modifier (على هامش, CAMEO 044); the manner modifiers of a call (هاتفيا، عبر الهاتف)
# are the same event as the verb before them and keep its partner.
_SIDELINE = (pl.col("kind") == "modifier") & (pl.col("event_code") == "044")


def earlier_clause_markers(found: pl.DataFrame, p: pl.DataFrame) -> pl.DataFrame:
    """``found`` (governed actors per trigger, targets.partners) minus those of a sideline modifier
    whose marker stands inside the clause of another, earlier trigger (``p``: triggers x actors)."""
    regions = (
        p.select("t_id", *KEYS, "start", "region_end")
        .unique()
        .rename({"t_id": "o_id", "start": "o_start", "region_end": "o_end"})
    )
    foreign = (
        found.filter(_SIDELINE & (pl.col("gov_tok") < pl.col("start")))
        .select("t_id", *KEYS, "gov_tok")
        .unique()
        .join(regions, on=KEYS)
        .filter(
            (pl.col("o_id") != pl.col("t_id"))
            & (pl.col("o_start") < pl.col("gov_tok"))
            & (pl.col("o_end") >= pl.col("gov_tok"))
        )
        .select("t_id", "gov_tok")
        .unique()
    )
    return found.join(foreign, on=["t_id", "gov_tok"], how="anti")
