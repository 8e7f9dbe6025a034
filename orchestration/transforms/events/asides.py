"""Stage 3b: attribution asides. «وفق ما ذكرت "واج"،» between a verb's subject and its partner.

Wire copy cites its source inside the clause it reports: "والتقى لعمامرة وفق ما ذكرت ”واج”،
بوزير الخارجية الجيبوتي محمود علي يوسف". The aside names no party and ends at a comma; like a time
word after the subject ("التقى X، اليوم الجمعة، بنظيره"), it does not move the بـ partner away
from its verb. ``attribution_asides`` returns the asides as spans of the form of
``dates.date_expressions`` (``KEYS, d_start, d_end``), for ``dates.over_trailing_dates`` only:
they are no dates of the event.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS
from orchestration.transforms.events.windows import same_group

# Normalized openers "according to": وفق ما، وفقا لما، حسب ما، بحسب ما، طبقا لما; حسبما in one word.
_OPENER = r"^[وف]?(?:وفق|وفقا|حسب|بحسب|طبقا)$"
_WHAT = r"^(?:ما|لما)$"
_OPENER_WHAT = r"^[وف]?(?:حسبما|بحسبما|وفقما)$"
# Normalized reporting verbs (ذكرت، أفادت، أوردت، نقلت، أعلنت، قالت).
_SPEECH = r"^(?:ذكر|ذكرت|افاد|افادت|اورد|اوردت|نقل|نقلت|اعلن|اعلنت|قال|قالت|اكد|اكدت)$"
# The most words a source may have (وكالة الأنباء الجزائرية) before the comma that closes it.
_MAX_SOURCE = 4


def attribution_asides(tokens: pl.DataFrame) -> pl.DataFrame:
    """(``KEYS, d_start, d_end``): an opener (وفق/حسب ما), a reporting verb and its source, up to
    the comma that closes the aside; an aside without that comma is not taken."""
    t = tokens.select(*KEYS, "token_index", "norm", "gap").sort(*KEYS, "token_index")
    same = same_group(KEYS, 1)
    n = pl.col("norm")
    t = t.with_columns(
        p1=pl.when(same).then(n.shift(1)),
        p2=pl.when(same & same_group(KEYS, 2)).then(n.shift(2)),
    )
    two_word = n.str.contains(_SPEECH) & pl.col("p1").str.contains(_WHAT) & pl.col("p2").str.contains(_OPENER)
    one_word = n.str.contains(_SPEECH) & pl.col("p1").str.contains(_OPENER_WHAT)
    verbs = t.filter((two_word | one_word).fill_null(False)).select(
        *KEYS,
        v_tok="token_index",
        d_start=pl.when(two_word).then(pl.col("token_index") - 2).otherwise(pl.col("token_index") - 1),
    )
    # The comma before a word closes the aside on the word before it.
    commas = t.filter(pl.col("gap").str.contains("[،,]")).select(*KEYS, c_tok="token_index")
    return (
        verbs.join(commas, on=KEYS)
        .filter(
            (pl.col("c_tok") > pl.col("v_tok") + 1) & (pl.col("c_tok") - pl.col("v_tok") <= _MAX_SOURCE + 1)
        )
        .group_by(*KEYS, "d_start")
        .agg(d_end=pl.col("c_tok").min() - 1)
        .select(*KEYS, "d_start", "d_end")
    )
