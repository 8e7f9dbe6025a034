"""Stage 4b: dual heads. "وزارتا الخارجية الصومالية والمصرية" names two actors.

A dual noun of office or institution (وزارتا، الوزيران، الرئيسان، حكومتا، وزيرا خارجية) followed by
two country adjectives or names ("الصومالية والمصرية", "السعودية وسوريا") is one actor per country:
the ministries of both states signed, the presidents of both met. A nisba after a noun is otherwise
a weak state mention (``mentions.drop_non_actors``); after a dual head it is as sure as a named
state, and the second one, joined by و, goes with it.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS
from orchestration.transforms.events.mentions import MIN_STATE_CONFIDENCE
from orchestration.transforms.events.windows import shift_in_group

# Nouns of office and institution in the dual: nominative (ان/تان), construct (ا/تا).
_DUAL_HEAD = (
    r"^(?:ال)?(?:وزار|وزير|رئيس|ملك|امير|زعيم|حكوم|وفد|قائد|جيش|سفير|سفار|برلمان|مجلس)(?:تان|تا|ان|ا)$"
)
# The state adjective or name stands at most this many words after the head ("وزارتا الخارجية X").
_HEAD_GAP = 2
# "the two sides" markers qualify a trigger this many words away (event_markers.csv windows).
_DYAD_WINDOW = 3


def dual_members(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """``m`` with the state mentions of a dual head raised to a named state's confidence."""
    # Tokens come in article and text order (contracts.TOKENS): the next word of the article is the
    # next row when it has the same article_id (no sort by the string id, no window).
    t = tokens.select("article_id", "token_index", "norm")
    nxt = shift_in_group(pl.col("norm"), -1, ["article_id"]).fill_null("")
    # A bare ـا is also the accusative singular ("تعيينه وزيرا للخارجية"): a construct dual is
    # followed by its genitive, never by لـ.
    heads = t.filter(
        pl.col("norm").str.contains(_DUAL_HEAD)
        & (pl.col("norm").str.contains("(?:ان|تا|تان)$") | ~nxt.str.starts_with("ل"))
    ).select("article_id", head="token_index")
    states = m.filter(pl.col("klass") == "state").select("article_id", "a_start", "a_end", "wprefix")
    first = (
        states.join(heads, on="article_id")
        .filter((pl.col("a_start") > pl.col("head")) & (pl.col("a_start") - pl.col("head") <= _HEAD_GAP + 1))
        .select("article_id", "a_start", "a_end")
        .unique()
    )
    second = (
        states.filter(pl.col("wprefix"))
        .join(
            first.select("article_id", "a_end", f_start="a_start"),
            left_on=["article_id", pl.col("a_start") - 1],
            right_on=["article_id", "a_end"],
        )
        .select("article_id", "a_start", "f_start")
    )
    # A dual names two: only a pair of states is raised, never a lone adjective after an
    # accusative singular ("استقبل وفدا سعوديا").
    members = (
        pl.concat([second.select("article_id", "a_start"), second.select("article_id", a_start="f_start")])
        .select("article_id", "a_start", _dual=pl.lit(True))
        .unique()
    )
    return (
        m.join(members, on=["article_id", "a_start"], how="left")
        .with_columns(
            m_conf=pl.when(pl.col("_dual") & (pl.col("klass") == "state"))
            .then(pl.max_horizontal("m_conf", pl.lit(MIN_STATE_CONFIDENCE)))
            .otherwise("m_conf")
        )
        .drop("_dual")
    )


def named_dual_heads(triggers: pl.DataFrame, actors: pl.DataFrame, markers: pl.DataFrame) -> pl.DataFrame:
    """``triggers`` with ``mk_dyad_back`` cleared where the dual names its two actors right after
    it: "وبحث الرئيسان بوتين والسيسي" is a dyad of its own, not "the two sides" of an earlier event."""
    duals = markers.filter(pl.col("marker") == "dyad_back").select(*KEYS, m_start="start", m_end="end")
    first = actors.select(*KEYS, "chain", t_start="t_start")
    sizes = actors.group_by(*KEYS, "chain").agg(size=pl.len())
    named = (
        duals.join(first, on=KEYS)
        .filter(pl.col("t_start") == pl.col("m_end") + 1)
        .join(sizes, on=[*KEYS, "chain"])
        .filter(pl.col("size") >= 2)
        .select(*KEYS, "m_start", "m_end")
    )
    near = (
        triggers.filter(pl.col("mk_dyad_back"))
        .select("t_id", *KEYS, "start", "end")
        .join(named, on=KEYS)
        .filter(
            ((pl.col("start") - pl.col("m_end")).is_between(1, _DYAD_WINDOW))
            | ((pl.col("m_start") - pl.col("end")).is_between(1, _DYAD_WINDOW))
        )
        .select("t_id")
        .unique()
    )
    return triggers.with_columns(
        mk_dyad_back=pl.col("mk_dyad_back") & ~pl.col("t_id").is_in(near["t_id"].implode())
    )
