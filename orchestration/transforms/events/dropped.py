"""Stage 4c: dropped subjects. A verb whose subject is a title naming nobody.

Wire copy names an actor once and then refers back to him by his office alone: "كما التقى وزير
الخارجية، اليوم، سفير الولايات المتحدة …", "وقد التقى المبعوث الأممي خلال زيارته …", "وتلقى صاحب
السمو رئيس الدولة اتصالاً هاتفياً من …". The title right after the verb is the subject; the first
actor after it is the verb's object, never its subject. The subject is carried from the nearest
earlier trigger of the article with a named subject, a few sentences back at most.

A title is bare only when its chain visibly ends before any name: at a comma, at another trigger,
or at a preposition or time word ("المبعوث الأممي بالعاصمة …", "… خلال زيارته"). A chain that
merely breaks at an unknown word ("وزير الخارجية والتعاون الدولي الصومالي أحمد …") may still lead
to its name, and is left alone.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTOR_COLS, SENTENCE_STRIDE
from orchestration.transforms.events.spans import is_title, load_connectors, load_title_words
from orchestration.transforms.events.windows import all_so_far

# Sentences back from which a subject may be carried: further on, the article has moved on.
_CARRY_SENTENCES = 6
# The longest title chain looked at after a verb ("صاحب السمو رئيس الدولة").
_MAX_CHAIN = 6
# Words that end a title chain: prepositions, time adverbs, a place ("بالعاصمة"); not ل/ب/في,
# which build titles ("الممثل الأعلى للسياسة الخارجية والأمنية في الاتحاد الأوروبي X").
_BREAK_WORD = r"^[وف]?(?:خلال|عقب|قبل|بعد|اليوم|امس|مساء|صباح|الليله|بالعاصمه|بمدينه|بمقر|بقصر)"
_COMMA = r"[،,]"
_NISBA = r"^(?:ال)?..+(?:ي|يه)$"


def mark_bare_subjects(
    triggers: pl.DataFrame,
    actors: pl.DataFrame,
    tokens: pl.DataFrame,
    title_words: pl.Series | None = None,
) -> pl.DataFrame:
    """``triggers`` with ``bare_subject``: a verb followed at once by a title chain that names nobody
    (see the module docstring)."""
    words = load_title_words() if title_words is None else title_words
    covered = (
        actors.select(
            "article_id", tok=pl.int_ranges(pl.min_horizontal("t_start", "a_start"), pl.col("a_end") + 1)
        )
        .explode("tok")
        .unique()
        .select("article_id", token_index="tok", covered=pl.lit(True))
    )
    starts = triggers.select("article_id", token_index="start", at_trigger=pl.lit(True)).unique()
    toks = (
        tokens.select("article_id", "token_index", "norm", "gap", "char_start")
        .join(covered, on=["article_id", "token_index"], how="left")
        .join(starts, on=["article_id", "token_index"], how="left")
        .with_columns(pl.col("covered").fill_null(False), pl.col("at_trigger").fill_null(False))
    )
    chain_word = (
        is_title(pl.col("norm"), words)
        | pl.col("norm").str.contains(_NISBA)
        | pl.col("norm").is_in(load_connectors().implode())
    )
    after = (
        triggers.filter(pl.col("kind") == "verb")
        .select(
            "t_id",
            "article_id",
            "sentence_index",
            first=pl.col("end") + 1,
            pos=pl.int_ranges(pl.col("end") + 1, pl.col("end") + 2 + _MAX_CHAIN),
        )
        .explode("pos")
        .join(toks, left_on=["article_id", "pos"], right_on=["article_id", "token_index"])
        .filter(pl.col("pos") // SENTENCE_STRIDE == pl.col("sentence_index"))
        .sort("t_id", "pos")
        .with_columns(n=pl.col("pos") - pl.col("first"))
    )
    # The chain: the run of uncovered title words (and nisbas, connectors) right after the verb,
    # each joined to the previous one without a comma.
    in_chain = (
        chain_word
        & ~pl.col("covered")
        & ~pl.col("at_trigger")
        & ((pl.col("n") == 0) | ~pl.col("gap").str.contains(_COMMA))
    )
    after = after.with_columns(chain=all_so_far(in_chain, ["t_id"]))
    first = after.filter(pl.col("n") == 0)
    first_ok = first.filter(pl.col("chain") & is_title(pl.col("norm"), words)).select(
        "t_id", bare_start="pos", bare_char="char_start"
    )
    run = after.filter("chain").group_by("t_id").agg(run=pl.len())
    nxt = after.join(run, on="t_id").filter(pl.col("n") == pl.col("run"))
    ends = nxt.filter(
        ~pl.col("covered")
        & (
            pl.col("gap").str.contains(_COMMA)
            | pl.col("at_trigger")
            | pl.col("norm").str.contains(_BREAK_WORD)
        )
    ).select("t_id", bare_end=pl.col("pos") - 1)
    bare = first_ok.join(ends, on="t_id")
    return triggers.join(bare, on="t_id", how="left").with_columns(
        bare_subject=pl.col("bare_start").is_not_null()
    )


def carried_subjects(t: pl.DataFrame, subj: pl.DataFrame) -> pl.DataFrame:
    """(t_id, sc_*) for the bare-subject triggers of ``t``: the named subject (``subj``) of the
    nearest earlier trigger of the article, within ``_CARRY_SENTENCES`` sentences. The actor is
    placed on its title in the trigger's sentence (that is where this sentence names it)."""
    s_cols = [f"s_{c}" for c in ACTOR_COLS]
    sources = (
        t.filter(~pl.col("bare_subject"))
        .select("t_id", "article_id", src_start="start")
        .join(subj.select("t_id", *s_cols), on="t_id")
        .drop("t_id")
        .sort("src_start")
    )
    bare = (
        t.filter(pl.col("bare_subject"))
        .select("t_id", "article_id", "bare_start", "bare_end", "bare_char", key=pl.col("start") - 1)
        .sort("key")
    )
    found = bare.join_asof(
        sources,
        left_on="key",
        right_on="src_start",
        by="article_id",
        strategy="backward",
        check_sortedness=False,
    )
    near = (pl.col("key") // SENTENCE_STRIDE - pl.col("src_start") // SENTENCE_STRIDE) <= _CARRY_SENTENCES
    found = found.filter(pl.col("s_entity_id").is_not_null() & near).with_columns(
        s_char_start="bare_char", s_a_start="bare_start", s_a_end="bare_end"
    )
    return found.select("t_id", *[pl.col(c).alias(f"sc_{c[2:]}") for c in s_cols])
