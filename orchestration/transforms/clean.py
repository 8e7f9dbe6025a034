"""Clean raw articles: normalize, drop boilerplate, find title/section/dateline/date/source.

All steps are vectorized over one row per (article, line):

1. normalize the text (``normalize.normalize_text``), split into lines, mark boilerplate lines
   (``boilerplate.mark_boilerplate``);
2. classify the remaining short lines on their date-stripped text: *date lines* (nothing but a date,
   weekday and labels), *section lines* (``أخبار سورية``, optionally with a date), *datelines*
   (``عواصم ـ وكالات``, ``الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس``);
3. the title is the first remaining line when it reappears later or reads like a headline (no final
   sentence punctuation, at most 30 words, at most one comma); every repetition is dropped;
4. the *header zone* is everything before the first body line, the *footer zone* everything after
   the last one. Section/date/dateline lines in those zones leave the body (their values go to
   ``section``, ``published_date``, ``dateline``); in the middle of the body they stay as text.
   A dateline written at the start of the first paragraph (``دمشق - سانا - أعلن …``) is cut off
   into ``dateline`` too. Datelines never stay in the body.
5. publication date: metadata ``published_at`` first; else the first full date (day, month, year)
   of a header-zone date/section/dateline/byline line; else the first date-only (or labelled) line
   after the last body paragraph (related-headline lists further down carry other dates); else one
   in the footer zone; else the first date-only line before the first body paragraph; else a full
   date right after "اليوم" in the text; else a header/dateline day and month without a year
   (``الرياض 15 مارس (واس)``, ``الخميس 14 مارس``) in the latest year the article writes; last, the
   date of the latest embedded post (tweet signature line). Other dates in the middle of the body
   are never used (they are usually historical). No date -> NULL.
6. source name: metadata ``source``, else ``المصدر:`` bylines, else copyright footers
   (``source_patterns.csv``).

Bodies without a line of at least three Arabic words are returned as ``boilerplate_only`` rejects.
Steps 1-4 (the line table) are in ``clean_lines``; steps 5-6 (per-article fields) here.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms import boilerplate as bp
from orchestration.transforms.clean_lines import (
    MAX_META_LINE_WORDS,
    classify_meta,
    collapse,
    cut_first_dateline,
    date_short_lines,
    mark_title,
    mark_zones,
    split_lines,
)
from orchestration.transforms.dates import embed_signature_date, find_dates, parse_metadata_date
from orchestration.transforms.header_dates import today_dates, year_for_month_day
from orchestration.transforms.normalize import ascii_digit_rows, nfc, normalize_text
from orchestration.transforms.reference import REFERENCE_DIR
from orchestration.transforms.schemas import ARTICLES_SCHEMA, REJECTED_CLEAN_SCHEMA

ARTICLE_SCHEMA = ARTICLES_SCHEMA
REJECT_SCHEMA = REJECTED_CLEAN_SCHEMA
MIN_ARABIC_WORDS = 3
DATE_BEARING_KINDS = ("byline", "published_label")
# MIN_ARABIC_WORDS runs of Arabic letters, each pair apart: one pass of the fast regex engine with
# no match to count (counting the runs of every line cost ten times more).
_AR = r"[\p{Arabic}&&\p{L}]"
_NOT_AR = r"[\P{Arabic}\P{L}]"
_THREE_ARABIC_WORDS = f"{_AR}+" + f"{_NOT_AR}+{_AR}+" * (MIN_ARABIC_WORDS - 1)


def clean_articles(
    raw_articles: pl.DataFrame, reference_dir: Path = REFERENCE_DIR
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """raw_articles -> (articles, rejected ``boilerplate_only`` articles); schemas per contracts."""
    # ``_a`` (the row number) keys the articles in every line-level join, window and group-by:
    # integers hash and compare faster than the article id strings.
    base = raw_articles.with_columns(
        text=normalize_text(ascii_digit_rows(nfc(raw_articles["raw_text"])), nfc=False, digits=False)
    ).with_columns(_a=pl.int_range(pl.len(), dtype=pl.UInt32))
    lines = split_lines(base, reference_dir)
    lines = date_short_lines(lines, reference_dir)
    lines = classify_meta(lines, reference_dir)
    lines = mark_title(lines, base)
    lines = mark_zones(lines)
    lines = cut_first_dateline(lines, reference_dir)
    out = base.join(_article_fields(lines, reference_dir), on="_a", how="left").join(
        _bodies(lines), on="_a", how="left"
    )
    return _split_rejects(_publication(out, lines, reference_dir))


def _article_fields(lines: pl.DataFrame, reference_dir: Path) -> pl.DataFrame:
    """Per-article fields from the header and footer lines: dates, section, dateline, source."""
    date_bearing = pl.col("is_meta") | pl.col("bp_kind").is_in(DATE_BEARING_KINDS)
    header_date = pl.when(pl.col("header") & date_bearing).then(pl.col("line_date"))
    footer_date = pl.when(pl.col("footer") & date_bearing).then(pl.col("line_date"))
    stamp = pl.col("is_date_line") | pl.col("bp_kind").is_in(DATE_BEARING_KINDS)
    # Before the first paragraph, a short line that opens with its date is a stamp too (a byline or a
    # time may follow it): "الأحد 15-05-2016 11:51 | كتب: محسن سميكة |".
    lead_stamp = stamp | (pl.col("date_led") & (pl.col("n_words") <= MAX_META_LINE_WORDS))
    # A byline in the header ("بغداد - واع") stands for the dateline when no dateline line is recognized.
    dateline = pl.when(pl.col("header") & (pl.col("is_dateline") | pl.col("is_byline"))).then(
        collapse(pl.col("line"))
    )
    fields = lines.group_by("_a").agg(
        text_title=pl.col("text_title").drop_nulls().first(),
        header_date=pl.coalesce(header_date, pl.col("_prefix_date")).sort_by("line_no").drop_nulls().first(),
        footer_date=footer_date.sort_by("line_no").drop_nulls().first(),
        # A line that is nothing but a date (labels, weekday, time), or a labelled one ("آخر تحديث:"),
        # before the first or after the last body paragraph is a publication stamp even when the
        # zones miss it: a masthead taken for the title pushes the header zone back ("رئيس التحرير"
        # ... headline ... "26-3-2018 | 10:10"), a view counter after the stamp ("22/03/2021" then
        # "1523") pushes the footer zone out. After the body the first one: related-headline lists
        # further down carry other articles' dates.
        _lead_date=pl.when(lead_stamp & (pl.col("line_no") < pl.col("_first_body")))
        .then(pl.col("line_date"))
        .sort_by("line_no")
        .drop_nulls()
        .first(),
        _tail_date=pl.when(stamp & (pl.col("line_no") > pl.col("_last_body")))
        .then(pl.col("line_date"))
        .sort_by("line_no")
        .drop_nulls()
        .first(),
        # A header date or dateline with a day and month but no year ("الرياض 15 مارس (واس)").
        _md=pl.coalesce(
            pl.when(pl.col("header") & date_bearing).then(pl.col("line_md")), pl.col("_prefix_md")
        )
        .sort_by("line_no")
        .drop_nulls()
        .first(),
        section=pl.when(pl.col("header")).then(pl.col("section_val")).sort_by("line_no").drop_nulls().first(),
        dateline=pl.coalesce(dateline, pl.col("_prefix")).sort_by("line_no").drop_nulls().first(),
        # An outlet quoted in a header byline: "بكين: «الشرق الأوسط»".
        _byline_source=pl.when(pl.col("header") & pl.col("is_byline"))
        .then(pl.col("line").str.extract(r"«([^»]{2,40})»", 1).str.strip_chars())
        .sort_by("line_no")
        .drop_nulls()
        .first(),
    )
    # The latest embedded post (tweet) quoted in the article: it is published that day or later. Its
    # regex runs only on lines with a handle.
    embeds = (
        lines.filter(pl.col("line").str.contains("(@", literal=True))
        .group_by("_a")
        .agg(_embed_date=embed_signature_date(pl.col("line")).max())
    )
    sources = bp.extract_source_names(lines, id_col="_a", reference_dir=reference_dir)
    return fields.join(embeds, on="_a", how="left").join(sources, on="_a", how="left")


def _bodies(lines: pl.DataFrame) -> pl.DataFrame:
    """The body: the kept lines in order; ``_ar_sentence`` when one has three Arabic words."""
    edge = pl.col("header") | pl.col("footer")
    keep = (
        ~pl.col("blank")
        & ~pl.col("bp_drop")
        & ~pl.col("is_title")
        & ~pl.col("is_byline")
        & ~(pl.col("is_meta") & edge)
        & (pl.col("line").str.len_chars() > 0)
    )
    return (
        lines.filter(keep)
        .sort("_a", "line_no")
        .group_by("_a", maintain_order=True)
        .agg(
            body=pl.col("line").str.join("\n"),
            _ar_sentence=pl.col("line").str.contains(_THREE_ARABIC_WORDS).any(),
        )
    )


def _publication(out: pl.DataFrame, lines: pl.DataFrame, reference_dir: Path) -> pl.DataFrame:
    """Title, publication date (metadata first, else the text's, in the docstring's order), source."""
    meta_date = parse_metadata_date(pl.col("meta_published_at"))
    out = out.with_columns(_meta_date=meta_date)
    meta_text_dates = (
        find_dates(
            out.filter(
                pl.col("_meta_date").is_null() & pl.col("meta_published_at").is_not_null()
            ).with_columns(_mp=normalize_text("meta_published_at")),
            "_mp",
            "article_id",
            reference_dir,
        )
        .filter((pl.col("precision") == "day") & pl.col("date").is_not_null())
        .group_by("article_id")
        .agg(_meta_date2=pl.col("date").sort_by("char_start").first())
    )
    out = out.join(meta_text_dates, on="article_id", how="left").with_columns(
        _meta_date=pl.coalesce("_meta_date", "_meta_date2")
    )
    out = year_for_month_day(out, lines, reference_dir, "_a").join(
        today_dates(lines, reference_dir, "_a"), on="_a", how="left"
    )
    text_date = pl.coalesce(
        "header_date", "_tail_date", "footer_date", "_lead_date", "_today_date", "_md_date", "_embed_date"
    )
    meta_title_clean = collapse(normalize_text("meta_title"))
    meta_source_clean = collapse(normalize_text("meta_source"))
    out = out.with_columns(
        title=pl.when(meta_title_clean.str.len_chars() > 0).then(meta_title_clean).otherwise("text_title"),
        published_date=pl.coalesce("_meta_date", text_date),
        published_date_source=pl.when(pl.col("_meta_date").is_not_null())
        .then(pl.lit("metadata"))
        .when(text_date.is_not_null())
        .then(pl.lit("text")),
        source_name=pl.when(meta_source_clean.str.len_chars() > 0)
        .then(meta_source_clean)
        .otherwise(pl.coalesce("source_name", "_byline_source")),
        url=pl.col("meta_url").str.strip_chars(),
        body=pl.col("body").fill_null(""),
    ).with_columns(n_chars=pl.col("body").str.len_chars().cast(pl.Int64))
    return out


def _split_rejects(out: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Articles with a line of three Arabic words, and the ``boilerplate_only`` rejects."""
    ok = pl.col("_ar_sentence").fill_null(False)
    articles = (
        out.filter(ok).select(list(ARTICLE_SCHEMA)).cast(ARTICLE_SCHEMA).sort("source_file", "article_id")
    )
    rejects = (
        out.filter(~ok)
        .select(
            "source_file",
            "record_index",
            "file_size_bytes",
            reason=pl.lit("boilerplate_only"),
            message=pl.when(pl.col("body") == "")
            .then(pl.lit("nothing but boilerplate (share buttons, footers, navigation, headings) was left"))
            .otherwise(
                pl.lit("no Arabic sentence of three or more words was left after removing boilerplate")
            ),
        )
        .cast(REJECT_SCHEMA)
        .sort("source_file", "record_index")
    )
    return articles, rejects
