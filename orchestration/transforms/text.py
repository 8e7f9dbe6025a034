"""Matching normalization and tokenization with character offsets.

Matching normalization folds the spelling variation of Arabic news text that does not change
which name is meant (hamza/alef forms, alef maqsura, ta marbuta, diacritics, tatweel). It is
applied to the text and to every dictionary alike, and only ever *removes* characters or maps
one character to one character, so a normalized prefix length can be mapped back to a
character offset in the original token (see ``original_prefix_len``).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms.reference import REFERENCE_DIR, read_optional

# Characters removed by matching normalization: harakat, shadda, sukun, maddah/hamza marks,
# superscript alef, Quranic annotation marks, tatweel, and bidi/zero-width format characters
# that some outlets leave inside words.
REMOVED_CHARS = (
    r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069]"
)
# One-to-one folds; Persian keheh/yeh show up in transliterated names copied from Persian sources.
_FOLD_FROM = ["أ", "إ", "آ", "ٱ", "ى", "ة", "\u06a9", "\u06cc"]
_FOLD_TO = ["ا", "ا", "ا", "ا", "ي", "ه", "ك", "ي"]

# A word is a run of letters (with their combining marks) or a run of digits; digits glued to a
# name ("الرياض2") are split off so the name still matches.
WORD_PATTERN = r"[\p{L}\p{M}]+|\p{N}+"
# Gap + word: every word together with the non-word text before it. Both extract_all calls yield
# aligned lists, which gives character offsets without exploding the separators into rows.
PIECE_PATTERN = r"[^\p{L}\p{M}\p{N}]*(?:[\p{L}\p{M}]+|\p{N}+)"

# Gap classes between two consecutive words.
GAP_SPACE = 0  # inline whitespace only: the words can belong to one name
GAP_COMMA = 1  # a comma (Arabic or Latin) with inline whitespace: apposition ("الرئيس الروسي، بوتين")
GAP_OTHER = 2  # anything else (line break, quote, bracket, full stop, ...)

# Closed-class words (prepositions, particles, relatives, pronouns, time adverbs, weekdays) that can
# never be part of a person's name. Grammar, not a name dictionary; overridable by
# data/reference/function_words.csv (column `word`) when that file exists.
_DEFAULT_FUNCTION_WORDS: tuple[str, ...] = tuple(
    """
    في على من إلى الى عن مع ب ل ك حتى منذ عند لدى نحو خلال بين بعد قبل حول ضد عبر دون تحت فوق أمام
    وراء لدى الذي التي الذين اللذين اللتين اللواتي اللاتي ما ماذا من هل لا لم لن ليس أن إن أنه إنه
    أنها إنها كان كانت قد لقد سوف ثم أو أم بل لكن لكنه غير كل بعض أي هذا هذه ذلك تلك هؤلاء هنا هناك
    هو هي هم هما نحن أنا أنت إذ إذا اذا كما بينما حيث عندما لأن وقال قال قالت وقالت أيضا أيضاً فقط
    جدا اليوم أمس غدا غداً الآن مساء صباح ظهر ليلة يوم يومي الأحد الاثنين الإثنين الثلاثاء الأربعاء
    الخميس الجمعة السبت السابق الأسبق الحالي الجديد المنتخب المقبل الماضي نفسه ذاته بدوره بدورها
    أول آخر عام سنة شهر أسبوع
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def normalize_expr(expr: pl.Expr) -> pl.Expr:
    """Matching normalization of a string expression (text and dictionaries alike)."""
    return expr.str.replace_all(REMOVED_CHARS, "").str.replace_many(_FOLD_FROM, _FOLD_TO).str.to_lowercase()


def normalize_text(text: str) -> str:
    """Matching normalization of one Python string (for dictionaries built in Python and tests)."""
    return pl.select(normalize_expr(pl.lit(text, dtype=pl.String))).item()


def original_prefix_len(token: pl.Expr, normalized_len: pl.Expr) -> pl.Expr:
    """Characters of ``token`` covering its first ``normalized_len`` (0, 1 or 2) normalized letters.

    Normalization only removes characters or maps one to one, so a proclitic of k normalized
    letters spans k kept characters plus the removed marks that follow them (``وَبوتين`` -> 2).
    """
    one = token.str.extract(rf"^{REMOVED_CHARS}*[^\s]{REMOVED_CHARS}*", 0).str.len_chars()
    two = token.str.extract(rf"^(?:{REMOVED_CHARS}*[^\s]{REMOVED_CHARS}*){{2}}", 0).str.len_chars()
    return (
        pl.when(normalized_len == 0)
        .then(pl.lit(0, dtype=pl.Int64))
        .when(normalized_len == 1)
        .then(one.cast(pl.Int64))
        .otherwise(two.cast(pl.Int64))
    )


def is_space_gap(gap: pl.Expr) -> pl.Expr:
    """``gap_class(gap) == GAP_SPACE`` without the comma test: one regex instead of two on
    filters over hundreds of thousands of n-grams."""
    return gap.str.contains(r"^[^\S\n]+$")


def gap_class(gap: pl.Expr) -> pl.Expr:
    """Classify the text between two words: GAP_SPACE, GAP_COMMA or GAP_OTHER."""
    return (
        pl.when(is_space_gap(gap))
        .then(pl.lit(GAP_SPACE, dtype=pl.Int8))
        .when(gap.str.contains(r"^[^\S\n]*[،,][^\S\n]*$"))
        .then(pl.lit(GAP_COMMA, dtype=pl.Int8))
        .otherwise(pl.lit(GAP_OTHER, dtype=pl.Int8))
    )


def tokenize(
    frame: pl.DataFrame, text_col: str = "body", keep: tuple[str, ...] = ("article_id",)
) -> pl.DataFrame:
    """One row per word: ``keep`` columns, ``token_index`` (0-based within the text), ``token``,
    ``gap`` (the non-word text before the token), ``char_start``, ``char_end`` (character offsets)."""
    lists = frame.select(
        *keep,
        piece=pl.col(text_col).fill_null("").str.extract_all(PIECE_PATTERN),
        token=pl.col(text_col).fill_null("").str.extract_all(WORD_PATTERN),
    ).with_columns(
        char_end=pl.col("piece").list.eval(pl.element().str.len_chars().cast(pl.Int64).cum_sum()),
        token_index=pl.int_ranges(pl.col("token").list.len()),
    )
    words = lists.explode(["piece", "token", "char_end", "token_index"]).drop_nulls("token")
    tok_len = pl.col("token").str.len_chars().cast(pl.Int64)
    return words.select(
        *keep,
        pl.col("token_index").cast(pl.Int64),
        "token",
        gap=pl.col("piece").str.head(pl.col("piece").str.len_chars().cast(pl.Int64) - tok_len),
        char_start=pl.col("char_end") - tok_len,
        char_end="char_end",
    )


def load_function_words(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """Normalized closed-class words (column ``word``), from function_words.csv when present."""
    table = read_optional("function_words.csv", reference_dir)
    if table is not None:
        words = table.select(pl.col("word"))
    else:
        words = pl.DataFrame({"word": list(_DEFAULT_FUNCTION_WORDS)})
    return words.select(word=normalize_expr(pl.col("word").str.strip_chars())).unique()
