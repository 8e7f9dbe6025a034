"""Stages 1-2: sentence tokens and lexicon matching (triggers, markers, date words) by joins.

Every multi-word pattern is matched with one join on token keys: each distinct normalized token
is expanded once into its clitic-stripped *variants* (و/ف, ب/ك/ل, ال, سـ, object pronouns, the
accusative alef) that are words of some pattern, and a pattern matches at token ``s`` when its word
``k`` is a variant of token ``s + k`` for every ``k``. Within a sentence and group the longest
match wins (``على اتصال`` blocks ``اتصال``; ``الليلة قبل الماضية`` beats ``الليلة``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.dates import load_date_words
from orchestration.transforms.events.contracts import KEYS, TOKENS, conform
from orchestration.transforms.reference import REFERENCE_DIR, read_table
from orchestration.transforms.text import normalize_expr

# Lexicon attributes carried by every match (see contracts.MATCHES).
MATCH_ATTRIBUTES = [
    "marker",
    "event_code",
    "kind",
    "voice",
    "priority",
    "target",
    "window_before",
    "window_after",
    "day_offset",
    "iso_weekday",
]


@dataclass(frozen=True)
class EventLexicons:
    """Lexicons besides ``kb.event_triggers``: markers, relative days, weekday names."""

    markers: pl.DataFrame  # pattern_ar, marker, window_before, window_after
    relative_days: pl.DataFrame  # pattern_ar, day_offset
    weekdays: pl.DataFrame  # pattern_ar, iso_weekday


@lru_cache(maxsize=4)
def load_event_lexicons(reference_dir: Path = REFERENCE_DIR) -> EventLexicons:
    markers = read_table(
        "event_markers.csv", reference_dir, {"window_before": pl.Int64(), "window_after": pl.Int64()}
    )
    relative = read_table("relative_days.csv", reference_dir, {"day_offset": pl.Int64()})
    weekdays = (
        load_date_words(reference_dir)
        .filter(pl.col("kind") == "weekday")
        .select(pattern_ar=pl.col("word"), iso_weekday=pl.col("value").cast(pl.Int64))
    )
    return EventLexicons(markers=markers, relative_days=relative, weekdays=weekdays)


def build_lexicon(triggers: pl.DataFrame, lex: EventLexicons) -> pl.DataFrame:
    """All patterns in one frame: lex_id, group (trigger|marker|date), attributes, words."""
    trig = triggers.select(
        "pattern_ar",
        group=pl.lit("trigger"),
        marker=pl.lit("trigger"),
        event_code=pl.col("event_code"),
        kind=pl.col("kind"),
        voice=pl.col("voice").fill_null("active"),
        priority=pl.col("priority").cast(pl.Int64).fill_null(1)
        if "priority" in triggers.columns
        else pl.lit(1, pl.Int64),
        target=pl.col("target").fill_null("any") if "target" in triggers.columns else pl.lit("any"),
        allow_article=pl.col("kind").is_in(["noun", "modifier"]),
        allow_future=pl.col("kind") == "verb",
        allow_suffix=pl.lit(True),
    )
    m = lex.markers
    # Blocking phrases compete with triggers for the longest match, so they live in that group.
    blocks = m.filter(pl.col("marker") == "block").select(
        "pattern_ar", group=pl.lit("trigger"), marker=pl.lit("block"), priority=pl.lit(0, pl.Int64)
    )
    markers = m.filter(pl.col("marker") != "block").select(
        "pattern_ar", "marker", "window_before", "window_after", group=pl.lit("marker")
    )
    rel = lex.relative_days.select(
        "pattern_ar", "day_offset", group=pl.lit("date"), marker=pl.lit("relative")
    )
    wd = lex.weekdays.select("pattern_ar", "iso_weekday", group=pl.lit("date"), marker=pl.lit("weekday"))
    out = pl.concat([trig, blocks, markers, rel, wd], how="diagonal_relaxed").with_columns(
        pl.col("allow_article").fill_null(False),
        pl.col("allow_future").fill_null(False),
        pl.col("allow_suffix").fill_null(False),
        pl.col("priority").fill_null(0),
        words=normalize_expr(pl.col("pattern_ar")).str.strip_chars().str.split(" "),
    )
    out = out.with_columns(pl.col("words").list.eval(pl.element().filter(pl.element() != "")))
    return (
        out.with_columns(n_words=pl.col("words").list.len().cast(pl.Int64))
        .with_row_index("lex_id")
        .with_columns(pl.col("lex_id").cast(pl.Int64))
    )


def _lexicon_words(lexicon: pl.DataFrame) -> pl.DataFrame:
    return (
        lexicon.select(
            "lex_id",
            "n_words",
            "allow_article",
            "allow_future",
            "allow_suffix",
            word="words",
            pos=pl.int_ranges(pl.col("words").list.len()),
        )
        .explode(["word", "pos"])
        .with_columns(pl.col("pos").cast(pl.Int64))
    )


def _variants(norms: pl.DataFrame, vocab: pl.Series) -> pl.DataFrame:
    """Clitic-stripped variants of each distinct normalized token that are lexicon words.

    Columns: norm, word, f_prep, f_article, f_future, f_suffix, f_acc (which stripping produced it).
    """
    flags = ["f_prep", "f_article", "f_future", "f_suffix", "f_acc"]

    def variant(frame: pl.DataFrame, pattern: str, flag: str | None) -> pl.DataFrame:
        stripped = pl.col("word").str.replace(pattern, "${1}")
        out = frame.with_columns(new=stripped).filter(pl.col("new") != pl.col("word"))
        out = out.with_columns(word=pl.col("new")).drop("new")
        return out.with_columns(pl.lit(True).alias(flag)) if flag else out

    base = norms.select("norm", word=pl.col("norm"), **{f: pl.lit(False) for f in flags})
    stage = pl.concat([base, variant(base, r"^[وف](.{2,})$", None)])
    stage = pl.concat(
        [
            stage,
            variant(stage, r"^[بكل](.{3,})$", "f_prep"),
            variant(stage, r"^(?:ال|بال|كال|لل)(.{2,})$", "f_article"),
            variant(stage, r"^س([يتن].{2,})$", "f_future"),
        ]
    )
    stage = pl.concat([stage, variant(stage, r"^(.{3,}?)(?:هما|هم|ها|ه)$", "f_suffix")])
    # Accusative alef (tanween fath is already gone): اتصالاً هاتفياً -> اتصال هاتفي.
    stage = pl.concat([stage, variant(stage.filter(~pl.col("f_suffix")), r"^(.{3,})ا$", "f_acc")])
    return stage.filter(pl.col("word").is_in(vocab.implode())).unique()


def trigger_needles(lexicon: pl.DataFrame) -> list[str]:
    """One substring per trigger pattern that every inflected form contains (its longest word
    without a final ا/ه/ي: زياره -> زيار matches زيارته, التقي -> التق matches التقاه)."""
    return (
        lexicon.filter(pl.col("group") == "trigger")
        .select(
            needle=pl.col("words")
            .list.eval(pl.element().sort_by(pl.element().str.len_chars(), descending=True).first())
            .list.first()
        )
        .with_columns(
            # keep at least 3 letters: هنا (هنأ) must not shrink to هن
            needle=pl.when(pl.col("needle").str.replace(r"[اهي]+$", "").str.len_chars() >= 3)
            .then(pl.col("needle").str.replace(r"[اهي]+$", ""))
            .otherwise(pl.col("needle"))
        )
        .filter(pl.col("needle").str.len_chars() >= 2)
        .unique()
        .get_column("needle")
        .to_list()
    )


def match_lexicon(tokens: pl.DataFrame, lexicon: pl.DataFrame) -> pl.DataFrame:
    """Stage 2: pattern matches (contracts.MATCHES), the longest per sentence and group."""
    matches = _all_matches(tokens, lexicon)
    keys = [*KEYS, "group"]
    # Only a longer match covers another: the multi-word ones (few) against all.
    other = matches.filter(pl.col("end") > pl.col("start")).select(*keys, o_start="start", o_end="end")
    span = pl.col("end") - pl.col("start")
    covered = (
        matches.join(other, on=keys)
        .filter(
            (pl.col("o_start") <= pl.col("start"))
            & (pl.col("o_end") >= pl.col("end"))
            & ((pl.col("o_end") - pl.col("o_start")) > span)
        )
        .select("match_id")
        .unique()
    )
    return (
        matches.join(covered, on="match_id", how="anti")
        .sort(["priority", "lex_id"], descending=[True, False])
        .unique(subset=[*keys, "start", "end"], keep="first", maintain_order=True)
        .drop("match_id", "priority")
        .join(lexicon.select("lex_id", *MATCH_ATTRIBUTES), on="lex_id")
    )


def _all_matches(tokens: pl.DataFrame, lexicon: pl.DataFrame) -> pl.DataFrame:
    """Every complete match inside one sentence: lex_id, start, end, future, group, priority.

    Anchored on the first word: a token that is a pattern's first word starts a candidate, and the
    candidate survives word k when token start + k is that word (token_index is sentence-major, so
    start + k never reaches into the next sentence). Frequent words (في، على) appear in many
    patterns but start few of them."""
    conform(tokens, TOKENS, "tokens")
    lw = _lexicon_words(lexicon)
    variants = _variants(tokens.select("norm").unique(), lw.get_column("word").unique())
    # Articles are keyed by the integer aidx here (hash joins and group-bys on millions of rows);
    # the string id is put back on the few complete matches.
    # A final taa marbuta (ة), folded to ه by normalization, is never a pronoun suffix: "وزارة"
    # (ministry) is not و+زار+ه (and he visited him).
    taa = pl.col("token").str.replace_all(r"[\p{Mn}\p{P}]+$", "").str.ends_with("ة")
    tv = tokens.select("aidx", "token_index", "sentence_index", "norm", taa=taa).join(variants, on="norm")
    allowed = (
        ~(pl.col("f_suffix") & pl.col("taa"))
        & (~pl.col("f_prep") | pl.col("allow_article"))
        & (~pl.col("f_article") | pl.col("allow_article"))
        & (~pl.col("f_acc") | pl.col("allow_article"))
        & (~pl.col("f_future") | (pl.col("allow_future") & (pl.col("pos") == 0)))
        & (~pl.col("f_suffix") | (pl.col("allow_suffix") & (pl.col("pos") == pl.col("n_words") - 1)))
    )
    cand = (
        tv.join(lw.filter(pl.col("pos") == 0), on="word")
        .filter(allowed)
        .group_by("aidx", "lex_id", "token_index")
        .agg(pl.col("sentence_index").first(), pl.col("n_words").first(), future=pl.col("f_future").any())
        .rename({"token_index": "start"})
    )
    match_keys = ["aidx", "lex_id", "start"]
    for k in range(1, int(lw["pos"].max() or 0) + 1):
        longer = cand.filter(pl.col("n_words") > k)
        ok = (
            longer.select(*match_keys, token_index=pl.col("start") + k)
            .join(lw.filter(pl.col("pos") == k).drop("n_words"), on="lex_id")
            .join(tv, on=["aidx", "token_index", "word"])
        )
        ok = (
            ok.join(longer.select(*match_keys, "n_words"), on=match_keys)
            .filter(allowed)
            .select(match_keys)
            .unique()
        )
        cand = pl.concat([cand.filter(pl.col("n_words") <= k), longer.join(ok, on=match_keys, how="semi")])
    ids = tokens.select("aidx", "article_id").unique("aidx")
    return (
        cand.join(ids, on="aidx")
        .select(
            "article_id",
            "lex_id",
            "start",
            "future",
            "sentence_index",
            end=pl.col("start") + pl.col("n_words") - 1,
        )
        .join(lexicon.select("lex_id", "group", "priority"), on="lex_id")
        .with_row_index("match_id")
    )
