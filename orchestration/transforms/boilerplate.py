"""Boilerplate line detection, driven by ``data/reference/boilerplate.csv``.

Each CSV row is a regex (Rust syntax, matched against a normalized, trimmed line with any leading
bullet removed) with a ``kind``. The kind decides what happens around the line:

* most kinds (share, copyright, newsletter, follow_us, byline, navigation, back_to_top, separator,
  comments, tags, ad, breadcrumb, caption, more_link, published_label, font_size): the line is dropped;
* ``read_also`` (اقرأ أيضاً): the heading is dropped, and so are the *bulleted* lines right after it;
  plain paragraphs after it are kept because sites embed a whole related article there (real news);
* ``related_list`` (مقالات ذات صلة، مقالات مشابهة …): the heading is dropped, then every bulleted or
  short headline-like line after it until the next real paragraph;
* ``ticker`` (أخبار عاجلة): only within the first two non-blank lines; the heading and the next
  non-blank line (the ticker item) are dropped;
* ``section``: not dropped here; ``clean.py`` matches it on the date-stripped line in the header zone.

Outlet names are read from byline/copyright lines with ``source_patterns.csv`` (regex with one
capture group, lowest ``rank`` wins) and wire-agency names for datelines come from
``news_agencies.csv``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.reference import REFERENCE_DIR, read_table

BULLET_PREFIX = r"^(?:[•●▪■◆◇○◦·∙*►▶➢✓»]+|[-–—]+ )\s*"
SOURCE_KINDS = ("byline", "copyright")
MAX_SOURCE_WORDS = 6


@lru_cache(maxsize=4)
def load_boilerplate(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``boilerplate.csv``: pattern, kind, notes (row order = priority)."""
    return read_table("boilerplate.csv", reference_dir)


@lru_cache(maxsize=4)
def load_source_patterns(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``source_patterns.csv``: pattern (one capture group = outlet name), rank, notes."""
    return read_table("source_patterns.csv", reference_dir, {"rank": pl.Int32()})


@lru_cache(maxsize=4)
def load_news_agencies(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``news_agencies.csv``: name_ar, name_en, country_iso3, notes."""
    return read_table("news_agencies.csv", reference_dir)


def _escape(s: str) -> str:
    return "".join("\\" + c if c in r"\.+*?()|[]{}^$#&-~" else c for c in s).replace(" ", " +")


def agency_pattern(reference_dir: Path = REFERENCE_DIR) -> str:
    """Alternation of wire-agency names (longest first)."""
    names = sorted(set(load_news_agencies(reference_dir)["name_ar"].to_list()), key=lambda s: (-len(s), s))
    return "(?:" + "|".join(_escape(n) for n in names) + ")"


def section_pattern(reference_dir: Path = REFERENCE_DIR) -> str:
    pats = load_boilerplate(reference_dir).filter(pl.col("kind") == "section")["pattern"].to_list()
    return "|".join(f"(?:{p})" for p in pats)


def line_key(line: pl.Expr) -> pl.Expr:
    """The line without a leading bullet (patterns are matched against this)."""
    return line.str.replace(BULLET_PREFIX, "").str.strip_chars()


def is_bullet(line: pl.Expr) -> pl.Expr:
    return line.str.contains(BULLET_PREFIX)


def word_count(line: pl.Expr) -> pl.Expr:
    """Runs of non-blank characters. On a stripped line whose only blanks are single spaces (every
    line of a normalized text) that is the number of spaces plus one: a literal count costs a
    quarter of the regex's per-match work, and one regex pass (no match to count) finds the other
    lines, which keep the regex."""
    odd = line.str.contains(r"[^\S ]|  |^ | $")
    spaces = line.str.count_matches(" ", literal=True) + 1
    runs = line.str.count_matches(r"\S+")
    return pl.when(odd).then(runs).when(line == "").then(0).otherwise(spaces).cast(pl.Int64)


def is_paragraph(line: pl.Expr, n_words: pl.Expr | None = None) -> pl.Expr:
    """A line that reads like body text rather than a headline or link (``n_words``: its word count
    when already computed, which saves a pass over the text)."""
    n = word_count(line) if n_words is None else n_words
    ends_sentence = line.str.contains(r"(?:[^.]\.|[!؛])\s*[\"'»”)]*$")
    return (n >= 20) | (ends_sentence & (n >= 10))


def line_kind(key: pl.Expr, reference_dir: Path = REFERENCE_DIR) -> pl.Expr:
    """First matching boilerplate kind (CSV order, one regex per kind), or NULL. ``section`` excluded."""
    expr = pl.lit(None, dtype=pl.String)
    for kind, regex in reversed(_kind_regexes(reference_dir)):
        expr = pl.when(key.str.contains(regex)).then(pl.lit(kind)).otherwise(expr)
    return expr


def _kind_regexes(reference_dir: Path) -> list[tuple[str, str]]:
    bp = load_boilerplate(reference_dir).filter(pl.col("kind") != "section")
    kinds: list[str] = list(dict.fromkeys(bp["kind"].to_list()))
    return [
        (kind, "|".join(f"(?:{p})" for p in bp.filter(pl.col("kind") == kind)["pattern"].to_list()))
        for kind in kinds
    ]


def _without_word_boundaries(pattern: str) -> str:
    # A regex with Unicode \b leaves the fast DFA on non-ASCII text; without its \b/\B assertions
    # it matches a superset of the lines, so it can tell which lines need the exact regex at all.
    return re.sub(r"(?<!\\)((?:\\\\)*)\\[bB]", r"\1", pattern)


def any_kind_prefilter(reference_dir: Path = REFERENCE_DIR) -> str:
    """One regex matched by every line that :func:`line_kind` gives a kind (and by a few more)."""
    return "|".join(f"(?:{_without_word_boundaries(r)})" for _, r in _kind_regexes(reference_dir))


def _line_kinds(df: pl.DataFrame, reference_dir: Path) -> pl.Series:
    """:func:`line_kind` of ``df["key"]``, with the per-kind regexes run only on the lines that pass
    one combined prefilter (about one line in ten). Both run once per distinct line (blank lines,
    share rows and footers repeat across articles; a regex call costs per line more than per
    byte), and the kinds are joined back onto the lines."""
    keys = df.select("key").unique()
    found = keys.filter(pl.col("key").str.contains(any_kind_prefilter(reference_dir)))
    if found.height == 0:
        return pl.Series("bp_kind", [None] * df.height, dtype=pl.String)
    found = found.with_columns(bp_kind=line_kind(pl.col("key"), reference_dir))
    return df.select("key").join(found, on="key", how="left", maintain_order="left")["bp_kind"]


def mark_boilerplate(
    lines: pl.DataFrame,
    id_col: str = "article_id",
    line_col: str = "line",
    reference_dir: Path = REFERENCE_DIR,
) -> pl.DataFrame:
    """Add ``key``, ``bullet``, ``blank``, ``n_words``, ``paragraph``, ``bp_kind`` and ``bp_drop``.

    ``lines`` must be ordered by line within each ``id_col`` (one row per line).
    """
    line = pl.col(line_col)
    df = lines.with_columns(
        key=line_key(line),
        bullet=is_bullet(line),
        blank=line.str.strip_chars().str.len_chars() == 0,
        n_words=word_count(line),
    ).with_columns(
        paragraph=is_paragraph(line, pl.col("n_words")),
    )
    df = df.with_columns(bp_kind=_line_kinds(df, reference_dir))
    nonblank = ~pl.col("blank")
    df = df.with_columns(nb_rank=nonblank.cast(pl.Int64).cum_sum().over(id_col))
    ticker_top = ((pl.col("bp_kind") == "ticker") & (pl.col("nb_rank") <= 2)).fill_null(False)
    kind = pl.col("bp_kind")
    df = df.with_columns(
        _ticker_rank=pl.when(ticker_top).then(pl.col("nb_rank")).max().over(id_col),
        # State machines over the lines of an article: last heading vs last line that ends a list.
        _after_heading=pl.when(kind.is_in(["read_also", "related_list"]))
        .then(pl.lit(True))
        .when(nonblank & ~pl.col("bullet"))
        .then(pl.lit(False))
        .forward_fill()
        .over(id_col),
        _in_related=pl.when(kind == "related_list")
        .then(pl.lit(True))
        .when(nonblank & pl.col("paragraph") & kind.is_null())
        .then(pl.lit(False))
        .forward_fill()
        .over(id_col),
    )
    drop = (
        (kind.is_not_null() & (kind != "ticker"))
        | ticker_top
        | (nonblank & (pl.col("nb_rank") == pl.col("_ticker_rank") + 1)).fill_null(False)
        | (nonblank & pl.col("bullet") & pl.col("_after_heading").fill_null(False))
        | (nonblank & pl.col("_in_related").fill_null(False) & ~pl.col("paragraph"))
    )
    return df.with_columns(
        bp_drop=drop.fill_null(False),
        bp_kind=pl.when(kind.is_null() & drop).then(pl.lit("related_item")).otherwise(kind),
    ).drop("_ticker_rank", "_after_heading", "_in_related")


def extract_source_names(
    lines: pl.DataFrame,
    id_col: str = "article_id",
    key_col: str = "key",
    order_col: str = "line_no",
    reference_dir: Path = REFERENCE_DIR,
) -> pl.DataFrame:
    """Outlet name per article from byline/copyright lines: ``id_col, source_name``."""
    pats = load_source_patterns(reference_dir).sort("rank")
    cand = lines.filter(pl.col("bp_kind").is_in(SOURCE_KINDS))
    if not cand.height:
        return pl.DataFrame(schema={id_col: lines.schema[id_col], "source_name": pl.String})
    found = [
        cand.select(
            id_col,
            order_col,
            rank=pl.lit(rank, pl.Int32),
            source_name=pl.col(key_col).str.extract(pattern, 1),
        )
        for pattern, rank in pats.select("pattern", "rank").iter_rows()
    ]
    name = pl.col("source_name").str.strip_chars(" \t:،,.-ـ–—|\"'«»")
    return (
        pl.concat(found)
        .with_columns(source_name=name)
        .filter(
            pl.col("source_name").str.contains(r"\p{L}")
            & ~pl.col("source_name").str.contains(r"(?i)https?:|www\.")
            & (word_count(pl.col("source_name")) <= MAX_SOURCE_WORDS)
        )
        .sort(id_col, "rank", order_col)
        .group_by(id_col, maintain_order=True)
        .agg(pl.col("source_name").first())
    )
