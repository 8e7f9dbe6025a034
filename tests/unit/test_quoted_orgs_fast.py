"""issue #10: ``org_names.quoted_orgs`` tests only the words after head nouns; same spans as the
former whole-table expression (kept here as the reference), at article edges and the table's end."""

from __future__ import annotations

import random

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.openworld.org_names import _QUOTE, MAX_QUOTED, _head, quoted_orgs
from tests.unit.reference_kb import reference_kb


def _reference(w: pl.DataFrame) -> pl.DataFrame:
    """The whole-table version quoted_orgs replaced (every word's gap tested)."""
    c = pl.col
    same = (c("aidx") == c("aidx").shift(1)).fill_null(False)
    x = w.with_columns(
        qgap=c("gap").str.contains(_QUOTE) | ~same, hb=_head().shift(1).fill_null(False) & same
    )
    opens = c("qgap") & c("hb") & (c("arabic") | c("latin")) & ~c("stop")
    ends = []
    ok = pl.lit(True)
    for k in range(1, MAX_QUOTED + 1):
        if k > 1:
            ok = ok & c("joined").shift(-(k - 1)).fill_null(False)
        ends.append(pl.when(ok & c("qgap").shift(-k).fill_null(True)).then(c("wid") + (k - 1)))
    spans = x.with_columns(e=pl.coalesce(ends)).filter(opens & c("e").is_not_null())
    return spans.select("aidx", s="wid", e="e", n=c("e") - c("wid") + 1, method=pl.lit("head-noun"))


def _table(n: int, seed: int) -> pl.DataFrame:
    rnd = random.Random(seed)
    aidx = sorted(rnd.randrange(4) for _ in range(n))
    flag = lambda p: [rnd.random() < p for _ in range(n)]  # noqa: E731
    return pl.DataFrame(
        {
            "wid": list(range(n)),
            "aidx": pl.Series(aidx, dtype=pl.UInt32),
            "gap": [rnd.choice([" ", " ", " « ", " » ", "، ", ' " ']) for _ in range(n)],
            "joined": flag(0.7),
            "arabic": flag(0.9),
            "latin": flag(0.1),
            "stop": flag(0.1),
            "org_head": flag(0.3),
            "appositive": flag(0.1),
            "facility": flag(0.1),
            "al": flag(0.2),
            "cov": flag(0.1),
        }
    )


@pytest.mark.parametrize("seed", range(12))
def test_same_spans_as_the_whole_table_expression(seed: int) -> None:
    # Short tables put head nouns on the last words, where the look-ahead runs past the end.
    for n in (1, 2, 3, 7, 40, 300):
        w = _table(n, seed * 1000 + n)
        assert quoted_orgs(w).equals(_reference(w))


def test_a_head_noun_ending_the_text_opens_nothing() -> None:
    m, _ = extract_entity_mentions(
        pl.DataFrame({"article_id": ["a", "b"], "body": ['وكتبت صحيفة " السفير', "وقالت الصحيفة إن مؤسسة"]}),
        reference_kb(),
    )
    assert m.filter(pl.col("article_id") == "b", pl.col("entity_type") == "ORG").is_empty()
