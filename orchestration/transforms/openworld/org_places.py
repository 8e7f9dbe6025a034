"""Institutions named after a known place: an organization where the matcher reads a place.

``جامعة القاهرة``، ``بنك إنجلترا المركزي``، ``شركة قطر``: an institutional head noun
(``place_org_head`` in ``openworld_cues.csv``: جامعة، بنك، شركة، نادي، معهد) in construct
with a known place, then at most ``MAX_ADJ`` definite adjectives (المركزي، الدولي). The place the
matcher found inside yields to it (``clubs.yield_places``), so the found organization gets an
``org:new:`` id. The state's own offices (وزارة، حكومة، رئيس + country) are no such heads: they stay
the state's actors, which the events read. Facilities (مطار، ميناء، مستشفى) are no such heads either:
the city in مطار بيروت is where an event happened, and ANERcorp tags only the city there.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.clubs import PLACE_ORG, org_spans, place_runs

# Adjectives after the place's name (بنك إنجلترا المركزي، مطار القاهرة الدولي الجديد).
MAX_ADJ = 2
# A ل-complement naming the trade (شركة قطر للغاز، بنك دبي للاستثمار) is part of the name unless its
# noun is this frequent (Zipf): للمرة الثالثة، للطلاب are the sentence's, not the name's.
TRADE_MAX_ZIPF = 5.0


def _adjective() -> pl.Expr:
    """A glued definite adjective no entity reads; a nisba is left out of the name and gives its
    country (``nisba_after``: نادي بوردو الفرنسي is نادي بوردو in ANERcorp)."""
    c = pl.col
    return (
        c("joined") & c("al") & c("adjish") & ~c("lprep") & ~c("stop") & ~c("conj") & ~c("cov")
    ).fill_null(False)


def find_place_orgs(w: pl.DataFrame) -> pl.DataFrame:
    """Institution spans over a known place: ``aidx, s, e, n, method, entity_type, a_iso3``."""
    c = pl.col
    w = place_runs(w).with_columns(
        adj=_adjective(),
        # The last word of the place name each place word belongs to.
        pend=pl.when(c("place") & c("cov_last").fill_null(False)).then(c("wid")).backward_fill(),
    )
    nxt = lambda col: c(col).shift(-1)  # noqa: E731
    opens = (nxt("place") & (nxt("p0") == c("wid") + 1) & nxt("joined")).fill_null(False)
    heads = w.filter(c("place_org_head") & ~c("cov") & opens).select(
        "aidx", s=c("wid"), pe=c("wid").shift(-1)
    )
    heads = heads.with_columns(pe=w["pend"].gather((heads["s"] + 1).clip(0, w.height - 1)))
    # Adjectives straight after the place's last word extend the name.
    n_adj = pl.lit(0, pl.Int64)
    ok = pl.lit(True)
    for k in range(1, MAX_ADJ + 1):
        ok = ok & w["adj"].gather((heads["pe"] + k).clip(0, w.height - 1)).fill_null(False).alias("x")
        n_adj = n_adj + ok.cast(pl.Int64)
    heads = heads.with_columns(e=c("pe") + n_adj, a_iso3=w["cov_iso3"].gather(heads["pe"]))
    return _with_trade(heads, w)


def _with_trade(heads: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``heads`` (``s, e``) extended over a ل-complement and its definite words (للغاز المسال المحدودة)."""
    c = pl.col
    plain = c("joined") & c("al") & ~c("stop") & ~c("cov") & ~c("conj") & ~c("speech")
    flags = w.select(
        lp=(plain & c("lprep") & (c("zipf") < TRADE_MAX_ZIPF)).fill_null(False),
        dw=(plain & ~c("lprep")).fill_null(False),
    )
    at = lambda col, k: flags[col].gather((heads["e"] + k).clip(0, w.height - 1))  # noqa: E731
    lp = at("lp", 1)
    n = lp.cast(pl.Int64)
    ok = lp
    for k in range(2, MAX_ADJ + 2):
        ok = ok & at("dw", k)
        n = n + ok.cast(pl.Int64)
    return org_spans(heads.with_columns(e=c("e") + n), PLACE_ORG, c("a_iso3"))
