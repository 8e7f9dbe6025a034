"""Accuracy of the warehouse against the generator's ground truth (pure functions on frames).

The item of every metric is an event mention as the warehouse stores it (``fct_event_mentions``),
placed in its article through ``dim_articles`` (source_file, record_index) -> ``articles.csv``.

A predicted mention *matches* a truth event when
- the truth event is reported in the mention's article (``event_keys`` of ``articles.csv``),
- the codes are of one family: same CAMEO root (first two digits) as the truth code or one of its
  ``codes_accepted`` (a visit reported as a meeting, shelling as an air strike),
- the actor pair is the same, in either order (direction is scored separately): entity ids
  (``actors="id"``) or the actors' countries (``actors="country"``, GDELT's country-level view).

A predicted event (``event_id``) stands for the truth event most of its matched mentions match. Events
matched only to events of headline lists / tickers (``related_event_keys``) are neither right nor
wrong and leave the precision denominator.

Deduplication is scored with B-cubed over the items (article, truth event) that the pipeline found:
the predicted cluster of an item is the event_id that most of its mentions went to.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

ActorLevel = Literal["id", "country"]

# CAMEO roots of statements (01x: make public statement), which the ground truth leaves out.
STATEMENT_ROOTS = ("01",)
# Kinds whose direction is meaningless (meetings): direction is scored only on the others.
SYMMETRIC_KINDS = ("meeting", "host", "visit", "sidelines", "planned_meeting")


def truth_pairs(truth_articles: pl.DataFrame) -> pl.DataFrame:
    """(article_key, event_key, related): events reported in each article's body, plus the events
    named only in its headline lists (``related = True``)."""

    def explode(col: str, related: bool) -> pl.DataFrame:
        return (
            truth_articles.select("article_key", event_key=pl.col(col).fill_null("").str.split("|"))
            .explode("event_key")
            .filter(pl.col("event_key") != "")
            .with_columns(related=pl.lit(related))
        )

    body = explode("event_keys", False)
    related = explode("related_event_keys", True).join(body, on=["article_key", "event_key"], how="anti")
    return pl.concat([body, related]).unique(["article_key", "event_key"], keep="first", maintain_order=True)


def _roots(codes: pl.Expr) -> pl.Expr:
    return codes.str.split("|").list.eval(pl.element().str.slice(0, 2)).list.unique()


def match_mentions(
    pred: pl.DataFrame,
    truth_events: pl.DataFrame,
    pairs: pl.DataFrame,
    actors: ActorLevel = "id",
) -> pl.DataFrame:
    """Each predicted mention with the truth event it reports, if any.

    ``pred``: mention_id, event_id, article_key, event_code, actor1_entity_id, actor2_entity_id (and
    actor1_iso3, actor2_iso3 for ``actors="country"``). ``truth_events``: events.csv. ``pairs``:
    ``truth_pairs``. Returns mention_id, event_id, article_key, event_key, related, code_accepted,
    same_direction — one row per matched mention (the best truth event when several match).
    """
    side = "entity_id" if actors == "id" else "iso3"
    truth = truth_events.select(
        "event_key",
        t1=pl.col(f"actor1_{side}"),
        t2=pl.col(f"actor2_{side}"),
        t_roots=_roots(
            pl.concat_str([pl.col("event_code"), pl.col("codes_accepted").fill_null("")], separator="|")
        ),
        t_codes=pl.col("codes_accepted").fill_null("").str.split("|"),
        t_code=pl.col("event_code"),
    )
    cand = (
        pred.select(
            "mention_id",
            "event_id",
            "article_key",
            "event_code",
            p1=pl.col(f"actor1_{side}"),
            p2=pl.col(f"actor2_{side}"),
        )
        .join(pairs, on="article_key", how="inner")
        .join(truth, on="event_key", how="inner")
    )
    same_pair = ((pl.col("p1") == pl.col("t1")) & (pl.col("p2") == pl.col("t2"))) | (
        (pl.col("p1") == pl.col("t2")) & (pl.col("p2") == pl.col("t1"))
    )
    return (
        cand.filter(
            same_pair.fill_null(False) & pl.col("event_code").str.slice(0, 2).is_in(pl.col("t_roots"))
        )
        .with_columns(
            code_accepted=(pl.col("event_code") == pl.col("t_code"))
            | pl.col("event_code").is_in(pl.col("t_codes")),
            same_direction=(pl.col("p1") == pl.col("t1")) & (pl.col("p2") == pl.col("t2")),
        )
        # Body events before headline-list ones, an accepted code before a same-root one.
        .sort(["mention_id", "related", "code_accepted", "event_key"], descending=[False, False, True, False])
        .unique("mention_id", keep="first", maintain_order=True)
        .select(
            "mention_id", "event_id", "article_key", "event_key", "related", "code_accepted", "same_direction"
        )
    )


def _majority(frame: pl.DataFrame, key: str | list[str], value: str) -> pl.DataFrame:
    """For each ``key``, the ``value`` it co-occurs with most (ties: smallest value)."""
    keys = [key] if isinstance(key, str) else key
    return (
        frame.group_by(*keys, value)
        .len()
        .sort([*keys, "len", value], descending=[*([False] * len(keys)), True, False])
        .unique(keys, keep="first", maintain_order=True)
        .select(*keys, value)
    )


def event_scores(
    pred_events: pl.DataFrame, matches: pl.DataFrame, truth_events: pl.DataFrame
) -> dict[str, float | int]:
    """Event recall and precision.

    ``pred_events``: event_id, event_code (and event_date, optional); ``matches``: ``match_mentions``.
    """
    body = matches.filter(~pl.col("related"))
    assigned = _majority(body, "event_id", "event_key")
    related_only = (
        matches.filter(pl.col("related"))
        .select("event_id")
        .unique()
        .join(assigned, on="event_id", how="anti")
    )
    scored = pred_events.join(related_only, on="event_id", how="anti")
    not_statement = ~pl.col("event_code").str.slice(0, 2).is_in(list(STATEMENT_ROOTS))
    n_pred = scored.height
    n_pred_ns = scored.filter(not_statement).height
    tp = scored.join(assigned, on="event_id", how="inner")
    tp_ns = tp.filter(not_statement).height
    found = assigned["event_key"].n_unique() if assigned.height else 0
    n_truth = truth_events.height

    out: dict[str, float | int] = {
        "truth_events": n_truth,
        "pred_events": pred_events.height,
        "pred_events_related_only": related_only.height,
        "pred_events_matched": tp.height,
        "truth_events_found": found,
        "event_recall": _ratio(found, n_truth),
        "event_precision": _ratio(tp.height, n_pred),
        "event_precision_excl_statements": _ratio(tp_ns, n_pred_ns),
    }
    code_ok = _majority(body, "event_id", "code_accepted")
    out["matched_code_accepted"] = _ratio(code_ok["code_accepted"].sum(), code_ok.height)

    kinds = truth_events.select("event_key", "kind", "event_date")
    directed = (
        body.join(kinds, on="event_key")
        .filter(~pl.col("kind").is_in(list(SYMMETRIC_KINDS)))
        .pipe(_majority, "event_id", "same_direction")
    )
    out["matched_direction_ok"] = _ratio(directed["same_direction"].sum(), directed.height)
    if "event_date" in pred_events.columns:
        dated = (
            tp.select("event_id", "event_key", pred_date="event_date")
            .join(kinds, on="event_key")
            .filter(pl.col("event_date").is_not_null())
        )
        ok = dated.filter(pl.col("pred_date").cast(pl.Date) == pl.col("event_date").cast(pl.Date)).height
        out["matched_date_exact"] = _ratio(ok, dated.height)
    return out


def bcubed(items: pl.DataFrame, pred_col: str, truth_col: str) -> dict[str, float | int]:
    """B-cubed precision, recall and F1 of the clustering ``pred_col`` against ``truth_col``.

    One row per item, each in exactly one predicted and one truth cluster.
    """
    if items.height == 0:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0, "items": 0}
    scored = items.select(
        both=pl.len().over(pred_col, truth_col), pred=pl.len().over(pred_col), truth=pl.len().over(truth_col)
    )
    p = (scored["both"] / scored["pred"]).mean()
    r = (scored["both"] / scored["truth"]).mean()
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f1, "items": items.height}


def dedup_scores(matches: pl.DataFrame, pairs: pl.DataFrame) -> dict[str, float | int]:
    """B-cubed of the found (article, truth event) items, their coverage, and split/merge counts."""
    body = matches.filter(~pl.col("related"))
    items = _majority(body, ["article_key", "event_key"], "event_id")
    n_truth_items = pairs.filter(~pl.col("related")).height
    out = bcubed(items, "event_id", "event_key")
    out["truth_items"] = n_truth_items
    out["item_coverage"] = _ratio(items.height, n_truth_items)
    out["truth_events_split"] = (
        items.group_by("event_key").agg(pl.col("event_id").n_unique()).filter(pl.col("event_id") > 1).height
    )
    out["pred_events_merged"] = (
        items.group_by("event_id").agg(pl.col("event_key").n_unique()).filter(pl.col("event_key") > 1).height
    )
    return out


def _ratio(num: float, den: float) -> float:
    return float(num) / den if den else 0.0


def accuracy_report(
    pred: pl.DataFrame,
    pred_events: pl.DataFrame,
    truth_events: pl.DataFrame,
    truth_articles: pl.DataFrame,
) -> dict[str, dict[str, float | int]]:
    """Event and deduplication scores at entity-id and at country level."""
    pairs = truth_pairs(truth_articles)
    report: dict[str, dict[str, float | int]] = {}
    for level in ("id", "country"):
        matches = match_mentions(pred, truth_events, pairs, actors=level)
        report[level] = {
            "pred_mentions": pred.height,
            "pred_mentions_matched": matches.height,
            **event_scores(pred_events, matches, truth_events),
            **dedup_scores(matches, pairs),
        }
    return report
