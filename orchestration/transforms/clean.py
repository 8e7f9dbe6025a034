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
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.transforms import boilerplate as bp
from orchestration.transforms.dates import (
    embed_signature_date,
    exact_date_pattern,
    find_dates,
    load_date_words,
    parse_metadata_date,
    strip_dates,
)
from orchestration.transforms.header_dates import (
    first_month_day,
    settle_hijri_weekday,
    today_dates,
    year_for_month_day,
)
from orchestration.transforms.normalize import nfc, normalize_text
from orchestration.transforms.reference import REFERENCE_DIR
from orchestration.transforms.schemas import ARTICLES_SCHEMA, REJECTED_CLEAN_SCHEMA

ARTICLE_SCHEMA = ARTICLES_SCHEMA
REJECT_SCHEMA = REJECTED_CLEAN_SCHEMA
MAX_META_LINE_WORDS = 14
# A byline or outlet line in the header ("بكين: «الشرق الأوسط»") is at most this long.
MAX_BYLINE_WORDS = 8
MAX_TITLE_WORDS = 30
MIN_ARABIC_WORDS = 3
DATE_BEARING_KINDS = ("byline", "published_label")
_PLACE = r"(?:\p{Arabic}+ +){0,2}\p{Arabic}+"
# MIN_ARABIC_WORDS runs of Arabic letters, each pair apart: one pass of the fast regex engine with
# no match to count (counting the runs of every line cost ten times more).
_AR = r"[\p{Arabic}&&\p{L}]"
_NOT_AR = r"[\P{Arabic}\P{L}]"
_THREE_ARABIC_WORDS = f"{_AR}+" + f"{_NOT_AR}+{_AR}+" * (MIN_ARABIC_WORDS - 1)
_DASH = "[-ـ–—]"


def _collapse(expr: pl.Expr) -> pl.Expr:
    # Runs of 2+ blanks or a lone non-space blank: a lone space (most matches of \s+) is left alone.
    return expr.str.replace_all(r"\s{2,}|[^\S ]", " ").str.strip_chars()


def _title_key(expr: pl.Expr) -> pl.Expr:
    """Line identity for title repetition: spaces collapsed, edge punctuation ignored."""
    return _collapse(expr).str.strip_chars(" .،,:؛!?؟-ـ–—\"'«»“”")


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


def clean_articles(
    raw_articles: pl.DataFrame, reference_dir: Path = REFERENCE_DIR
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """raw_articles -> (articles, rejected ``boilerplate_only`` articles); schemas per contracts."""
    # ``_a`` (the row number) keys the articles in every line-level join, window and group-by:
    # integers hash and compare faster than the article id strings.
    base = raw_articles.with_columns(
        text=normalize_text(nfc(raw_articles["raw_text"]), nfc=False)
    ).with_columns(_a=pl.int_range(pl.len(), dtype=pl.UInt32))
    lines = (
        base.select("_a", line=pl.col("text").str.split("\n"))
        .with_columns(line_no=pl.int_ranges(0, pl.col("line").list.len(), dtype=pl.Int64))
        .explode(["line", "line_no"])
        .with_columns(pl.col("line").fill_null("").str.strip_chars())
    )
    lines = bp.mark_boilerplate(lines, id_col="_a", reference_dir=reference_dir)

    # --- dates on short lines only (header/footer candidates); body dates are never publication dates
    short = lines.filter(
        (pl.col("n_words") <= MAX_META_LINE_WORDS * 2) & pl.col("line").str.contains("[0-9]")
    )
    line_dates = settle_hijri_weekday(
        find_dates(short, "line", ["_a", "line_no"], reference_dir), short, reference_dir, "_a"
    )
    first_full = (
        line_dates.filter((pl.col("precision") == "day") & pl.col("date").is_not_null())
        .group_by("_a", "line_no")
        .agg(line_date=pl.col("date").sort_by("char_start").first())
    )
    any_date = line_dates.select("_a", "line_no").unique().with_columns(has_date=pl.lit(True))
    lines = (
        lines.join(first_full, on=["_a", "line_no"], how="left")
        .join(first_month_day(line_dates, "line_md", "_a"), on=["_a", "line_no"], how="left")
        .join(any_date, on=["_a", "line_no"], how="left")
        .with_columns(pl.col("has_date").fill_null(False))
    )

    # --- classify short lines on their date-stripped text
    agency = bp.agency_pattern(reference_dir)
    stripped = _collapse(strip_dates(pl.col("key"), reference_dir))
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
            _section_text=_collapse(pl.col("_stripped").str.replace_all(r"[|/\\·•●\-–—ـ،,:]+", " ")),
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
    lines = (
        lines.join(meta, on=["_a", "line_no"], how="left")
        .with_columns(pl.col("is_date_line", "is_dateline").fill_null(False))
        .with_columns(
            is_meta=pl.col("is_date_line") | pl.col("section_val").is_not_null() | pl.col("is_dateline"),
        )
    )

    # --- title
    meta_title = base.select("_a", _meta_title=_title_key(normalize_text("meta_title")))
    lines = lines.join(meta_title, on="_a", how="left").with_columns(tkey=_title_key(pl.col("line")))
    cand = ~pl.col("blank") & ~pl.col("bp_drop") & ~pl.col("is_meta")
    lines = lines.with_columns(cand=cand).with_columns(
        cand_rank=pl.col("cand").cast(pl.Int64).cum_sum().over("_a")
    )
    is_first = pl.col("cand") & (pl.col("cand_rank") == 1)
    # At most one first candidate per article: evaluate it on that subset instead of on every line.
    first = lines.filter(is_first).select(
        "_a",
        _first_key="tkey",
        _first_headline=_headline_like(pl.col("line"), pl.col("n_words")),
        _first_text=_collapse(pl.col("line")),
    )
    lines = lines.join(first, on="_a", how="left", maintain_order="left").with_columns(
        _n_same=(pl.col("cand") & (pl.col("tkey") == pl.col("_first_key"))).sum().over("_a"),
        _n_cand=pl.col("cand").sum().over("_a"),
    )
    has_title = ((pl.col("_n_same") >= 2) | pl.col("_first_headline")) & (
        pl.col("_n_cand") > pl.col("_n_same")
    )
    lines = lines.with_columns(
        text_title=pl.when(has_title).then(pl.col("_first_text")),
        is_title=pl.col("cand")
        & (
            (has_title & (pl.col("tkey") == pl.col("_first_key")))
            | (pl.col("tkey") == pl.col("_meta_title")).fill_null(False)
        ),
    )

    # --- zones
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
    lines = lines.with_columns(
        _first_content=pl.when(content).then(pl.col("line_no")).min().over("_a"),
        _last_content=pl.when(content).then(pl.col("line_no")).max().over("_a"),
    ).with_columns(
        header=(pl.col("line_no") < pl.col("_first_content")).fill_null(True),
        footer=(pl.col("line_no") > pl.col("_last_content")).fill_null(False),
        first_content=pl.col("line_no") == pl.col("_first_content"),
    )

    # --- dateline written at the start of the first paragraph
    date_re = exact_date_pattern(reference_dir)
    prefix_sep = rf"^(?P<dl>{_PLACE} *(?:{_DASH}+|\() *{agency} *\)?(?: *{_DASH}+ *| *: *| +))(?P<rest>\S.*)$"
    prefix_date = (
        rf"^(?P<dl>{_PLACE} *[-ـ–—,،]? *(?:{date_re}) *(?:م|ه)? *(?:{_DASH}|\()? *{agency} *\)?"
        rf"(?: *{_DASH}+ *| *: *| +))(?P<rest>\S.*)$"
    )
    first_lines = lines.filter(pl.col("first_content") & ~pl.col("is_meta")).select(
        "_a",
        "line_no",
        _prefix=pl.coalesce(
            pl.col("line").str.extract(prefix_date, 1), pl.col("line").str.extract(prefix_sep, 1)
        ),
    )
    lines = lines.join(first_lines, on=["_a", "line_no"], how="left").with_columns(
        line=pl.when(pl.col("_prefix").is_not_null())
        .then(pl.col("line").str.slice(pl.col("_prefix").str.len_chars()).str.strip_chars())
        .otherwise(pl.col("line")),
        _prefix=_collapse(pl.col("_prefix")).str.strip_chars(" -ـ–—:"),
    )
    found = find_dates(lines.filter(pl.col("_prefix").is_not_null()), "_prefix", ["_a", "line_no"])
    prefix_dates = (
        found.filter((pl.col("precision") == "day") & pl.col("date").is_not_null())
        .group_by("_a", "line_no")
        .agg(_prefix_date=pl.col("date").sort_by("char_start").first())
    )
    lines = lines.join(prefix_dates, on=["_a", "line_no"], how="left").join(
        first_month_day(found, "_prefix_md", "_a"), on=["_a", "line_no"], how="left"
    )

    # --- per-article fields
    edge = pl.col("header") | pl.col("footer")
    date_bearing = pl.col("is_meta") | pl.col("bp_kind").is_in(DATE_BEARING_KINDS)
    header_date = pl.when(pl.col("header") & date_bearing).then(pl.col("line_date"))
    footer_date = pl.when(pl.col("footer") & date_bearing).then(pl.col("line_date"))
    stamp = pl.col("is_date_line") | pl.col("bp_kind").is_in(DATE_BEARING_KINDS)
    # A byline in the header ("بغداد - واع") stands for the dateline when no dateline line is recognized.
    dateline = pl.when(pl.col("header") & (pl.col("is_dateline") | pl.col("is_byline"))).then(
        _collapse(pl.col("line"))
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
        _lead_date=pl.when(stamp & (pl.col("line_no") < pl.col("_first_body")))
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

    keep = (
        ~pl.col("blank")
        & ~pl.col("bp_drop")
        & ~pl.col("is_title")
        & ~pl.col("is_byline")
        & ~(pl.col("is_meta") & edge)
        & (pl.col("line").str.len_chars() > 0)
    )
    bodies = (
        lines.filter(keep)
        .sort("_a", "line_no")
        .group_by("_a", maintain_order=True)
        .agg(
            body=pl.col("line").str.join("\n"),
            _ar_sentence=pl.col("line").str.contains(_THREE_ARABIC_WORDS).any(),
        )
    )

    meta_date = parse_metadata_date(pl.col("meta_published_at"))
    out = (
        base.join(fields, on="_a", how="left")
        .join(embeds, on="_a", how="left")
        .join(sources, on="_a", how="left")
        .join(bodies, on="_a", how="left")
        .with_columns(_meta_date=meta_date)
    )
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
    meta_title_clean = _collapse(normalize_text("meta_title"))
    meta_source_clean = _collapse(normalize_text("meta_source"))
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
