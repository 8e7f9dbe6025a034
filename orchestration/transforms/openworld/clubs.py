"""Sports clubs named after their city: an organization where the matcher reads a place.

Two shapes, both from sports news (ANERcorp's largest class of organizations typed as places):

* a club-name prefix (``club_prefix`` in ``openworld_cues.csv``: ريال، أتلتيكو، إنتر، لوكوموتيف)
  before a known place or a rare proper word: ``ريال مدريد``، ``إنتر ميلان``، ``لوكوموتيف موسكو``;
* a known place followed by a masculine nationality adjective, with a sports word near it
  (``sport_cue``: مباراة، الدوري، فاز، لاعب; not هدف, as often a target as a goal):
  ``ميلان الإيطالي``، ``برشلونة الإسباني``. A city is feminine in Arabic (موسكو الروسية), so the
  masculine adjective agrees with an implied النادي.

The span is the club's name without the adjective, which gives it its country (``nisba_after``).
The place the matcher found inside yields to it (``yield_places``): the found organization gets an
``org:new:`` id like every found body, never the place's id.
"""

from __future__ import annotations

import polars as pl

# Words either side of a city within which a sports word makes the sports reading (about a sentence
# of agency prose).
SPORT_WINDOW = 12
# Zipf frequency above which a word after a prefix is ordinary vocabulary (ريال سعودي، انتر نت).
COMMON_PROPER = 4.0
# The found organizations over a place the matcher reads (this module's and org_places.py's): the
# place inside yields to them.
CLUB, PLACE_ORG = "club", "place-org"


def place_runs(w: pl.DataFrame) -> pl.DataFrame:
    """``place`` (a word of a knowledge-base place name) and ``p0`` (the first word of its name)."""
    c = pl.col
    place = ((c("cov_kind") == "name") & (c("cov_type") == "PLACE")).fill_null(False)
    opens = place & ~(place.shift(1).fill_null(False) & ~c("cov_last").shift(1).fill_null(True) & c("joined"))
    return w.with_columns(place=place, p0=pl.when(opens).then(c("wid")).forward_fill())


def _sport_near() -> pl.Expr:
    c = pl.col
    return (
        c("sport")
        .cast(pl.Int32)
        .rolling_sum(window_size=2 * SPORT_WINDOW + 1, center=True, min_samples=1)
        .over("aidx")
        > 0
    )


def find_clubs(w: pl.DataFrame) -> pl.DataFrame:
    """Club spans: ``aidx, s, e, n, method, entity_type``."""
    c = pl.col
    w = place_runs(w).with_columns(near=_sport_near())
    nxt = lambda col: c(col).shift(-1)  # noqa: E731
    # A place (the last word of its name) glued to a masculine nisba (not ending in ة), sports near.
    masc = (nxt("cov_kind") == "nisba") & nxt("joined") & ~nxt("bare").str.ends_with("ة")
    city = w.filter(c("place") & c("cov_last").fill_null(False) & masc.fill_null(False) & c("near"))
    city = city.select("aidx", s=c("p0"), e=c("wid"))
    # A prefix glued to a known place or a rare proper word that is no adjective (ريال سعودي).
    rare = nxt("arabic") & ~nxt("al") & ~nxt("adjish") & ~nxt("stop") & (nxt("zipf") < COMMON_PROPER)
    follows = nxt("joined") & ((nxt("place") & (nxt("p0") == c("wid") + 1)) | (rare & nxt("cov").not_()))
    pref = w.with_columns(follows=follows.fill_null(False)).filter(c("club_prefix") & c("follows"))
    # Multi-word place names after a prefix are rare; a one-word place or proper word closes the name.
    pref = pref.select("aidx", s=c("wid"), e=c("wid") + 1)
    spans = pl.concat([city, pref]).unique(maintain_order=True)
    return org_spans(spans, CLUB, pl.lit(None, pl.String))


def org_spans(spans: pl.DataFrame, method: str, a_iso3: pl.Expr) -> pl.DataFrame:
    """Word spans ``aidx, s, e`` as found organizations of ``method`` (the arbitration's frame)."""
    c = pl.col
    return spans.select(
        "aidx",
        "s",
        "e",
        n=(c("e") - c("s") + 1).cast(pl.Int64),
        method=pl.lit(method),
        entity_type=pl.lit("ORG"),
        a_iso3=a_iso3,
    )


def yield_places(known: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """``known`` mentions (``aidx, cs, ce``) less the places inside a found club's or institution's
    span (``org_places.py``: جامعة القاهرة)."""
    c = pl.col
    clubs = found.filter(c("method").is_in([CLUB, PLACE_ORG])).select("aidx", k_cs="cs", k_ce="ce")
    if clubs.is_empty() or known.is_empty():
        return known
    k = known.with_row_index("_kid")
    inside = (
        k.filter(c("entity_type") == "PLACE")
        .select("_kid", "aidx", "cs", "ce")
        .join(clubs, on="aidx")
        .filter((c("cs") >= c("k_cs")) & (c("ce") <= c("k_ce")))["_kid"]
    )
    return k.filter(~c("_kid").is_in(inside.implode())).drop("_kid")
