"""Stage 6, second half: date expressions resolved against publication, and the status.

Split out of dates.py (issue #10): dates.py finds each sentence's date expressions and attaches
them to triggers; this module checks the publication date against the weekday the lead states,
then turns each attached expression into event_date, date_precision and status.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.dates import ymd_date
from orchestration.transforms.event_rule_patterns import load_rule_patterns
from orchestration.transforms.event_status_rules import rule_statuses

# An article's lead runs to the first line break after this many characters (past a dateline line).

_LEAD_MIN_CHARS = 40
# The first paragraph: the body up to the end of its first line of at least _PARAGRAPH_WORDS words.
_PARAGRAPH_WORDS = 10
_FIRST_PARAGRAPH = rf"^([\s\S]*?(?:^|\n)(?:[^\s]+[ \t]+){{{_PARAGRAPH_WORDS - 1},}}[^\n]*)"
# A day-precision date at most this many days before publication is recent, not historical.
_RECENT_DAYS = 7


def text_publication_weekday(dates: pl.DataFrame) -> pl.DataFrame:
    """Weekday of publication that an undated article states ("اليوم الثلاثاء", "أمس الاثنين").

    A weekday named next to a relative day with offset k gives publication weekday = weekday - k.
    """
    return (
        dates.filter((pl.col("d_kind") == "relative") & pl.col("d_weekday").is_not_null())
        .sort("article_id", "d_start", "d_end")
        .group_by("article_id", maintain_order=True)
        .agg(text_pub_weekday=((pl.col("d_weekday") - 1 - pl.col("d_offset")) % 7 + 1).first())
    )


def lead_dates(dates: pl.DataFrame, tokens: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """The date expressions of each article's lead: its body up to the first line break after
    _LEAD_MIN_CHARS characters (a dateline alone is no lead).

    A text states its own day ("اليوم الثلاثاء") in its lead. Later paragraphs may carry another
    article's words: sites embed a whole related story after «اقرأ أيضاً» (the heading is dropped
    as boilerplate, the story kept for its events), and its "مساء اليوم الجمعة" is that story's day."""
    body = pl.col("body")
    lead_end = body.str.slice(_LEAD_MIN_CHARS).str.find("\n") + _LEAD_MIN_CHARS
    # Past a section word, a headline, a photo caption (lines of a few words each), the lead runs to
    # the end of the first paragraph: «الأخبار / وزير الخارجية يتوجه إلى موسكو / سامح شكري / يتوجّه
    # وزير الخارجية سامح شكري، مساء اليوم الأحد، ...» states its day in that paragraph.
    paragraph_end = body.str.extract(_FIRST_PARAGRAPH, 1).str.len_chars()
    leads = articles.select(
        "article_id",
        _lead_end=pl.max_horizontal(pl.coalesce(lead_end, body.str.len_chars()), paragraph_end),
    )
    starts = tokens.select("article_id", d_start="token_index", _d_char="char_start")
    return (
        dates.join(starts, on=["article_id", "d_start"], how="left")
        .join(leads, on="article_id", how="left")
        .filter(pl.col("_d_char") < pl.col("_lead_end"))
        .drop("_d_char", "_lead_end")
    )


def reconcile_publication_date(pub: pl.DataFrame) -> pl.DataFrame:
    """A numeric stamp read day first (``11/10/2023`` -> 11 October, a Wednesday) is read month first
    (10 November, a Friday) when only that reading falls on the weekday the text gives for its own
    day ("اليوم الجمعة"): some sites print dates month first. A date two or more days off that
    weekday either way is no date of the text (a page's "today" widget, "الخميس 09 مايو 2024" over
    "اليوم الثلاثاء"): events are then left undated rather than misdated. One day off is kept (a wire
    text of the evening before, a stamp past midnight). Needs ``published_date`` and
    ``text_pub_weekday``, the weekday the lead states (``lead_dates``: a weekday further down may be
    an embedded story's, and overruling a printed date needs the text's own); dates of texts that
    give no weekday are left alone."""
    p = pl.col("published_date")
    swapped = ymd_date(p.dt.year(), p.dt.day(), p.dt.month())
    wd = pl.col("text_pub_weekday")
    off = ((wd - p.dt.weekday().cast(pl.Int64) + 3) % 7 - 3).abs() > 1
    # Only a date two or more days off is read the other way: a stamp one day off is a late stamp
    # ("الاثنين 6 نوفمبر" over "مساء اليوم الأحد"), not 11 June, however that falls on a Sunday.
    fits = off & (swapped.dt.weekday().cast(pl.Int64) == wd)
    return pub.with_columns(
        published_date=pl.when(fits.fill_null(False))
        .then(swapped)
        .when(off.fill_null(False))
        .then(pl.lit(None, pl.Date))
        .otherwise(p)
    )


def _named_relative_day(day: pl.Expr, named: pl.Expr) -> pl.Expr:
    """A relative day moved back onto the weekday the text names with it when that is the day before:
    a stamp just past midnight ("02 يوليو 2016 , 12:47ص", a Saturday) over "مساء اليوم الجمعة" dates
    the event Friday 1 July. A stamp the day before the named weekday is kept (the event cannot
    follow its report); farther apart, or without a named weekday, the relative day stands
    (``reconcile_publication_date`` drops stamps two or more days off the lead's weekday)."""
    delta = (named - day.dt.weekday().cast(pl.Int64) + 3) % 7 - 3
    return pl.when(named.is_not_null() & (delta == -1)).then(day + pl.duration(days=delta)).otherwise(day)


def _year_month(e: pl.Expr) -> pl.Expr:
    return e.dt.year().cast(pl.Int64) * 12 + e.dt.month().cast(pl.Int64)


def text_statuses(c: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """``t_status``: planned, postponed or cancelled where the words of the trigger's sentence say
    so (``event_status_rules.rule_statuses``: «يتوجّه … مساء اليوم»، «من المقرر أن»، «تأجيل»), else null.

    The rules stage applies the same rules again after the party checks; reading them here, before
    the date is resolved, keeps an announced event off the publication date (that date is only
    assumed for what the text reports as done) and resolves its weekday forward ("يوم الأحد")."""
    if c.height == 0:
        return c.with_columns(t_status=pl.lit(None, pl.String))
    starts = sentences.select("article_id", "sentence_index", "sentence", _s_start="char_start")
    read = (
        c.select("article_id", "sentence_index", "trigger", "event_code", "action_char_offset")
        .unique()
        .join(starts, on=["article_id", "sentence_index"])
        .with_columns(trig_rel=pl.col("action_char_offset") - pl.col("_s_start"), status=pl.lit("occurred"))
    )
    told = rule_statuses(read, load_rule_patterns()).select(
        "article_id",
        "sentence_index",
        "trigger",
        "event_code",
        "action_char_offset",
        t_status=pl.when(pl.col("status") != "occurred").then(pl.col("status")),
    )
    keys = ["article_id", "sentence_index", "trigger", "event_code", "action_char_offset"]
    return c.join(told, on=keys, how="left")


def resolve_dates_and_status(c: pl.DataFrame) -> pl.DataFrame:
    """event_date, date_precision, status, date_from_publication, event_weekday of candidates
    carrying their date expression (DATE_COLS), published_date and text_pub_weekday; ``t_status``
    (``text_statuses``), when given, marks announced, postponed and cancelled events."""
    if "t_status" not in c.columns:
        c = c.with_columns(t_status=pl.lit(None, pl.String))
    pub = pl.col("published_date")
    pub_wd = pub.dt.weekday().cast(pl.Int64)
    future_hint = (
        pl.col("g_planned") | (pl.col("d_offset").fill_null(0) > 0) | (pl.col("t_status") == "planned")
    )
    wd = pl.col("d_weekday")
    weekday_date = (
        pl.when(future_hint)
        .then(pub + pl.duration(days=((wd - pub_wd - 1) % 7) + 1))
        .otherwise(pub - pl.duration(days=(pub_wd - wd) % 7))
    )
    c = c.with_columns(
        expr_date=pl.when(pl.col("d_kind") == "explicit")
        .then(pl.col("d_date"))
        .when(pl.col("d_kind") == "relative")
        .then(_named_relative_day(pub + pl.duration(days=pl.col("d_offset")), wd))
        .when(pl.col("d_kind") == "weekday")
        .then(weekday_date),
    )
    # Status: an explicit/relative date compared with publication is the strongest evidence.
    is_day = pl.col("d_precision").fill_null("day") == "day"
    date_status = (
        pl.when(pl.col("expr_date").is_null() | pub.is_null())
        .then(pl.lit(None, pl.String))
        .when(is_day & (pl.col("expr_date") > pub))
        .then(pl.lit("planned"))
        .when(_year_month(pl.col("expr_date")) > _year_month(pub))
        .then(pl.lit("planned"))
        # A day of the last week is no earlier month's event even across a month's end ("أمس" or
        # "يوم الأحد" in a text of 1 November): the markers decide, as for a day of the same month.
        .when(is_day & (pl.col("expr_date") >= pub - pl.duration(days=_RECENT_DAYS)))
        .then(pl.lit(None, pl.String))
        .when(_year_month(pl.col("expr_date")) < _year_month(pub))
        .then(pl.lit("historical"))
    )
    marker_status = (
        pl.when(future_hint)
        .then(pl.lit("planned"))
        .when(pl.col("g_historical"))
        .then(pl.lit("historical"))
        .otherwise(pl.lit("occurred"))
    )
    c = c.with_columns(status=pl.coalesce(date_status, marker_status))
    # The publication date only for what the text reports as done: not for an announced,
    # postponed or cancelled event, whose date is the one the text gives, or none.
    from_pub = (
        pl.col("expr_date").is_null()
        & pl.col("d_kind").is_null()
        & pub.is_not_null()
        & (pl.col("status") == "occurred")
        & pl.col("t_status").is_null()
        & ~pl.col("possessive")
    )
    return c.with_columns(
        event_date=pl.when(from_pub).then(pub).otherwise(pl.col("expr_date")),
        date_precision=pl.when(from_pub)
        .then(pl.lit("day"))
        .when(pl.col("expr_date").is_not_null())
        .then(pl.col("d_precision").fill_null("day"))
        .otherwise(pl.lit("unknown")),
        date_from_publication=from_pub,
    ).with_columns(
        # The weekday the text gives for the event, known even when its date is not: it lets the
        # deduplication attach an undated "yesterday, Monday" to the right dated event.
        event_weekday=pl.when(pl.col("event_date").is_not_null())
        .then(pl.col("event_date").dt.weekday().cast(pl.Int32))
        .when(pl.col("d_kind").is_in(["weekday", "relative"]) & pl.col("d_weekday").is_not_null())
        .then(pl.col("d_weekday").cast(pl.Int32))
        .when(pl.col("d_kind") == "relative")
        .then(((pl.col("text_pub_weekday") - 1 + pl.col("d_offset")) % 7 + 1).cast(pl.Int32))
    )
