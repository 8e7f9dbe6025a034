"""The line-level steps of ``clean.clean_articles`` (steps 1-4 of its docstring), one function each.

Every step takes and returns the line table: one row per (article ``_a``, ``line_no``) with the
trimmed ``line`` and the boilerplate marks of ``boilerplate.mark_boilerplate``, and adds columns:

- ``date_short_lines``: ``line_date``, ``line_md``, ``has_date``, ``date_led``;
- ``classify_meta``: ``is_date_line``, ``section_val``, ``is_dateline``, ``is_meta``;
- ``mark_title``: ``cand``, ``text_title``, ``is_title``;
- ``mark_zones``: ``is_byline``, ``header``, ``footer``, ``first_content``, ``_first_body``, ``_last_body``;
- ``cut_first_dateline``: ``_prefix``, ``_prefix_date``, ``_prefix_md`` (and ``line`` without the prefix).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms import boilerplate as bp
from orchestration.transforms.dates import exact_date_pattern, find_dates, load_date_words, strip_dates
from orchestration.transforms.header_dates import first_month_day, settle_hijri_weekday, settle_stamp_weekday
from orchestration.transforms.normalize import normalize_text

MAX_META_LINE_WORDS = 14
# A byline or outlet line in the header ("بكين: «الشرق الأوسط»") is at most this long.
MAX_BYLINE_WORDS = 8
MAX_TITLE_WORDS = 30
_PLACE = r"(?:\p{Arabic}+ +){0,2}\p{Arabic}+"
_DASH = "[-ـ–—]"


def collapse(expr: pl.Expr) -> pl.Expr:
    # Runs of 2+ blanks or a lone non-space blank: a lone space (most matches of \s+) is left alone.
    return expr.str.replace_all(r"\s{2,}|[^\S ]", " ").str.strip_chars()


def _title_key(expr: pl.Expr) -> pl.Expr:
    """Line identity for title repetition: spaces collapsed, edge punctuation ignored."""
    return collapse(expr).str.strip_chars(" .،,:؛!?؟-ـ–—\"'«»“”")


def _headline_like(line: pl.Expr, n_words: pl.Expr) -> pl.Expr:
    ends_sentence = line.str.contains(r"(?:[^.]\.|[!؛:])\s*[\"'»”)]*$")
    return (
        ~ends_sentence
        & (n_words <= MAX_TITLE_WORDS)
        & (line.str.count_matches("[،,]") <= 1)
        & line.str.contains(r"\p{Arabic}")
    )


def _date_word_filter(words: pl.Expr, reference_dir: Path) -> pl.Expr:
    dw = load_date_words(reference_dir).filter(pl.col("kind").is_in(["weekday", "label", "era"]))
    return words.list.eval(pl.element().filter(~pl.element().is_in(dw["word"].to_list())))


def split_lines(base: pl.DataFrame, reference_dir: Path) -> pl.DataFrame:
    """One row per line of the normalized ``text``, with its boilerplate marks."""
    lines = (
        base.select("_a", line=pl.col("text").str.split("\n"))
        .with_columns(line_no=pl.int_ranges(0, pl.col("line").list.len(), dtype=pl.Int64))
        .explode(["line", "line_no"])
        .with_columns(pl.col("line").fill_null("").str.strip_chars())
    )
    return bp.mark_boilerplate(lines, id_col="_a", reference_dir=reference_dir)


def date_short_lines(lines: pl.DataFrame, reference_dir: Path) -> pl.DataFrame:
    """Dates on short lines only (header/footer candidates); body dates are never publication dates."""
    short = lines.filter(
        (pl.col("n_words") <= MAX_META_LINE_WORDS * 2) & pl.col("line").str.contains("[0-9]")
    )
    line_dates = settle_hijri_weekday(
        find_dates(short, "line", ["_a", "line_no"], reference_dir), short, reference_dir, "_a"
    )
    line_dates = settle_stamp_weekday(line_dates, short, "_a")
    first_full = (
        line_dates.filter((pl.col("precision") == "day") & pl.col("date").is_not_null())
        .group_by("_a", "line_no")
        .agg(
            line_date=pl.col("date").sort_by("char_start").first(),
            _date_start=pl.col("char_start").min(),
        )
    )
    any_date = line_dates.select("_a", "line_no").unique().with_columns(has_date=pl.lit(True))
    # A line that opens with its full date, past a weekday or label only, is a stamp even when a byline
    # or a time follows on the same line ("الأحد 15-05-2016 11:51 | كتب: محسن سميكة |").
    words = load_date_words(reference_dir).filter(pl.col("kind").is_in(["weekday", "label"]))["word"]
    word_alt = "|".join(sorted(words.to_list(), key=len, reverse=True))
    opening = rf"^[\s\p{{P}}]*(?:(?:{word_alt})[\s\p{{P}}]*)*$"
    return (
        lines.join(first_full, on=["_a", "line_no"], how="left")
        .join(first_month_day(line_dates, "line_md", "_a"), on=["_a", "line_no"], how="left")
        .join(any_date, on=["_a", "line_no"], how="left")
        .with_columns(
            pl.col("has_date").fill_null(False),
            date_led=pl.col("line")
            .str.slice(0, pl.col("_date_start"))
            .str.contains(opening)
            .fill_null(False),
        )
        .drop("_date_start")
    )


def classify_meta(lines: pl.DataFrame, reference_dir: Path) -> pl.DataFrame:
    """Classify short lines on their date-stripped text: date lines, section lines, datelines."""
    agency = bp.agency_pattern(reference_dir)
    stripped = collapse(strip_dates(pl.col("key"), reference_dir))
    rest_words = pl.col("_rest_words")
    rest_text = pl.col("_rest_text")
    section_text = pl.col("_section_text")
    eligible = ~pl.col("blank") & ~pl.col("bp_drop") & (pl.col("n_words") <= MAX_META_LINE_WORDS)
    dateline_full = rf"^{_PLACE} *(?:{_DASH}+|\(|،|,)? *{agency} *\)? *{_DASH}*:?$"
    section_re = bp.section_pattern(reference_dir)
    # Only short lines can be date/section/dateline lines: classify that subset and join back.
    # Intermediate texts are materialized once (an eager select would recompute a reused expression).
    meta = (
        lines.filter(eligible)
        .select("_a", "line_no", "has_date", _stripped=stripped)
        .with_columns(
            _rest_words=_date_word_filter(
                pl.col("_stripped").str.extract_all(r"[\p{L}\p{M}]+"), reference_dir
            ),
            _section_text=collapse(pl.col("_stripped").str.replace_all(r"[|/\\·•●\-–—ـ،,:]+", " ")),
        )
        .with_columns(_rest_text=rest_words.list.join(" "))
    ).select(
        "_a",
        "line_no",
        is_date_line=pl.col("has_date") & (rest_words.list.len() == 0),
        section_val=pl.when(section_text.str.contains(section_re)).then(section_text),
        is_dateline=~section_text.str.contains(section_re)
        & (
            rest_text.str.contains(dateline_full)
            | (pl.col("has_date") & rest_text.str.contains(rf"^{_PLACE}$") & (rest_words.list.len() <= 2))
        ),
    )
    return (
        lines.join(meta, on=["_a", "line_no"], how="left")
        .with_columns(pl.col("is_date_line", "is_dateline").fill_null(False))
        .with_columns(
            is_meta=pl.col("is_date_line") | pl.col("section_val").is_not_null() | pl.col("is_dateline"),
        )
    )


def mark_title(lines: pl.DataFrame, base: pl.DataFrame) -> pl.DataFrame:
    """The title: the first candidate line when it reappears or reads like a headline."""
    meta_title = base.select("_a", _meta_title=_title_key(normalize_text("meta_title")))
    lines = lines.join(meta_title, on="_a", how="left").with_columns(tkey=_title_key(pl.col("line")))
    cand = ~pl.col("blank") & ~pl.col("bp_drop") & ~pl.col("is_meta")
    # The first candidate by line number, not by row position (joins need not keep the row order).
    lines = lines.with_columns(cand=cand)
    is_first = pl.col("cand") & (pl.col("line_no") == pl.when("cand").then("line_no").min().over("_a"))
    # At most one first candidate per article: evaluate it on that subset instead of on every line.
    first = lines.filter(is_first).select(
        "_a",
        _first_key="tkey",
        _first_headline=_headline_like(pl.col("line"), pl.col("n_words")),
        _first_text=collapse(pl.col("line")),
    )
    lines = lines.join(first, on="_a", how="left", maintain_order="left").with_columns(
        _n_same=(pl.col("cand") & (pl.col("tkey") == pl.col("_first_key"))).sum().over("_a"),
        _n_cand=pl.col("cand").sum().over("_a"),
    )
    has_title = ((pl.col("_n_same") >= 2) | pl.col("_first_headline")) & (
        pl.col("_n_cand") > pl.col("_n_same")
    )
    return lines.with_columns(
        text_title=pl.when(has_title).then(pl.col("_first_text")),
        is_title=pl.col("cand")
        & (
            (has_title & (pl.col("tkey") == pl.col("_first_key")))
            | (pl.col("tkey") == pl.col("_meta_title")).fill_null(False)
        ),
    )


def mark_zones(lines: pl.DataFrame) -> pl.DataFrame:
    """Header zone (before the first content line), footer zone (after the last), bylines."""
    # Bylines and outlet lines between the title and a date line ("هسبريس - الرباط" then
    # "الجمعة 16 فبراير 2018") belong to the header: short lines before the last date, section or
    # dateline line that precedes the first paragraph.
    is_content = pl.col("cand") & ~pl.col("is_title")
    first_paragraph = pl.when(is_content & (pl.col("n_words") > MAX_BYLINE_WORDS)).then(pl.col("line_no"))
    body_line = pl.when(pl.col("paragraph") & ~pl.col("bp_drop")).then(pl.col("line_no"))
    lines = lines.with_columns(
        _first_paragraph=first_paragraph.min().over("_a"),
        _first_body=body_line.min().over("_a"),
        _last_body=body_line.max().over("_a"),
    )
    last_early_meta = pl.when(
        pl.col("is_meta") & (pl.col("line_no") < pl.col("_first_paragraph").fill_null(-1))
    ).then(pl.col("line_no"))
    lines = lines.with_columns(_last_early_meta=last_early_meta.max().over("_a")).with_columns(
        is_byline=(is_content & (pl.col("line_no") < pl.col("_last_early_meta"))).fill_null(False)
    )
    content = is_content & ~pl.col("is_byline")
    return lines.with_columns(
        _first_content=pl.when(content).then(pl.col("line_no")).min().over("_a"),
        _last_content=pl.when(content).then(pl.col("line_no")).max().over("_a"),
    ).with_columns(
        header=(pl.col("line_no") < pl.col("_first_content")).fill_null(True),
        footer=(pl.col("line_no") > pl.col("_last_content")).fill_null(False),
        first_content=pl.col("line_no") == pl.col("_first_content"),
    )


def cut_first_dateline(lines: pl.DataFrame, reference_dir: Path) -> pl.DataFrame:
    """A dateline written at the start of the first paragraph (``دمشق - سانا - أعلن …``) is cut off."""
    agency = bp.agency_pattern(reference_dir)
    date_re = exact_date_pattern(reference_dir)
    prefix_sep = rf"^(?P<dl>{_PLACE} *(?:{_DASH}+|\() *{agency} *\)?(?: *{_DASH}+ *| *: *| +))(?P<rest>\S.*)$"
    dated = (
        rf"{_PLACE} *[-ـ–—,،]? *(?:{date_re}) *(?:م|ه)? *(?:{_DASH}|\()? *{agency} *\)?"
        rf"(?: *{_DASH}+ *| *: *| +)"
    )
    prefix_date = rf"^(?P<dl>{dated})(?P<rest>\S.*)$"
    # A page stamp may open the first paragraph before the dateline, on one line with the text:
    # "الخميس 12 يناير 2023 10:07 مساءً - الخرطوم 12-1-2023 (سونا)- إختتم رئيس مجلس السيادة ...".
    # The paragraph is then the first long one even where a short headline line precedes it.
    weekdays = load_date_words(reference_dir).filter(pl.col("kind") == "weekday")["word"].to_list()
    wd_alt = "|".join(sorted(weekdays, key=len, reverse=True))
    stamp = rf"(?:(?:{wd_alt}) *[,،]? *)?(?:{date_re}) *(?:[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)? *"
    stamp_led = rf"^(?P<dl>{stamp}(?:(?:صباح|مساء)\S*|ص|م)? *{_DASH}+ *{dated})(?P<rest>\S.*)$"
    first_paragraph = pl.col("line_no") == pl.col("_first_paragraph")
    first_lines = lines.filter((pl.col("first_content") | first_paragraph) & ~pl.col("is_meta")).select(
        "_a",
        "line_no",
        _prefix=pl.coalesce(
            pl.col("line").str.extract(stamp_led, 1),
            pl.when(pl.col("first_content")).then(pl.col("line").str.extract(prefix_date, 1)),
            pl.when(pl.col("first_content")).then(pl.col("line").str.extract(prefix_sep, 1)),
        ),
    )
    lines = lines.join(first_lines, on=["_a", "line_no"], how="left").with_columns(
        line=pl.when(pl.col("_prefix").is_not_null())
        .then(pl.col("line").str.slice(pl.col("_prefix").str.len_chars()).str.strip_chars())
        .otherwise(pl.col("line")),
        _prefix=collapse(pl.col("_prefix")).str.strip_chars(" -ـ–—:"),
    )
    found = find_dates(lines.filter(pl.col("_prefix").is_not_null()), "_prefix", ["_a", "line_no"])
    prefix_dates = (
        found.filter((pl.col("precision") == "day") & pl.col("date").is_not_null())
        .group_by("_a", "line_no")
        .agg(_prefix_date=pl.col("date").sort_by("char_start").first())
    )
    return lines.join(prefix_dates, on=["_a", "line_no"], how="left").join(
        first_month_day(found, "_prefix_md", "_a"), on=["_a", "line_no"], how="left"
    )
