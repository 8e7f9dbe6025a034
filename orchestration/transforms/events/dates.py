"""Stage 6: dates and status.

Each sentence's date expressions (explicit dates found by ``transforms.dates.find_dates``,
relative days and weekday names matched by the lexicon) attach to the nearest trigger; a date
before a complementizer (أن) dates the reporting verb, not the event reported after it. The date
resolves against ``published_date``; without one an occurring event gets the publication date
at lower confidence; an unknown publication date leaves the event date NULL. Status comes from
the resolved date against publication, else from planned/historical markers.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.dates import find_dates, ymd_date
from orchestration.transforms.events.contracts import DATE_COLS, DATE_EXPRESSIONS, KEYS, conform
from orchestration.transforms.events.tokens import nearest_word

# Complementizers (normalized): in "أعلن الكرملين اليوم الثلاثاء أن بوتين التقى ..." a date before
# أن dates the reporting verb, not the event reported after it.
_COMPLEMENTIZERS = ["ان", "بان", "انه", "انها", "بانه", "بانها", "وان"]
# Relative pronouns (normalized). One that stands past _RELATIVE_GAP tokens after the trigger opens a
# clause on another noun ("استعرضا خلال اللقاء مخرجات الزيارة التي قام بها ... في 10 نوفمبر"): a
# date after it dates that clause, not the trigger. Right after the trigger ("الاتصال الهاتفي الذي
# جرى مساء أمس") the clause describes the trigger itself and its date stays.
_RELATIVES = ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"]
_RELATIVE_GAP = 2
# "Next" after a weekday (normalized): المقبل، القادم and their feminine forms.
_NEXT_WORDS = ["المقبل", "المقبله", "القادم", "القادمه"]
# A time-of-day word may stand between a trigger and its date ("اتصال هاتفي صباح الإثنين").
_TRAILING_DATE_GAP = 2
# An article's lead runs to the first line break after this many characters (past a dateline line).
_LEAD_MIN_CHARS = 40
_OPTIONAL_DATE_COLS = {
    "d_date": pl.Date,
    "d_precision": pl.String,
    "d_offset": pl.Int64,
    "d_weekday": pl.Int64,
}


def date_expressions(
    articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame, matches: pl.DataFrame
) -> pl.DataFrame:
    """Date expressions per sentence (contracts.DATE_EXPRESSIONS): explicit dates in ``sentences``
    (the regexes of find_dates run on those alone), date words wherever the lexicon matched."""
    explicit = explicit_dates(articles, sentences.select(*KEYS, "sentence", s_start="char_start"), tokens)
    other = lexicon_dates(matches, tokens)
    out = pl.concat([explicit, other], how="diagonal_relaxed") if explicit.height else other
    for c, tp in _OPTIONAL_DATE_COLS.items():
        if c not in out.columns:
            out = out.with_columns(pl.lit(None, dtype=tp).alias(c))
    return conform(out.with_row_index("d_id"), DATE_EXPRESSIONS, "date expressions")


def explicit_dates(articles: pl.DataFrame, kept: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Explicit dates of the kept sentences on their tokens (d_kind explicit, d_rank 0)."""
    found = (
        find_dates(kept.select(*KEYS, "sentence"), "sentence", KEYS)
        .join(kept.select(*KEYS, "s_start"), on=KEYS)
        .with_columns(pl.col("char_start") + pl.col("s_start"), pl.col("char_end") + pl.col("s_start"))
        .drop("s_start", "sentence_index")
    )
    if found.height == 0:
        return pl.DataFrame()
    # already in article and text order (event_tokens)
    tok = tokens.select("article_id", "token_index", "sentence_index", t_char_start="char_start")
    # Day and month without a year (الـ22 من نوفمبر الجاري): the publication year; an earlier
    # year named in the article is not used, it often belongs to a recalled event.
    no_year = pl.col("precision") == "day_no_year"
    ymd = pl.format("{}-{}-{}", pl.col("pub_year"), pl.col("month"), pl.col("day")).str.to_date(
        "%Y-%m-%d", strict=False
    )
    found = (
        found.join(
            articles.select("article_id", pub_year=pl.col("published_date").dt.year()), on="article_id"
        )
        .with_columns(
            date=pl.when(no_year).then(ymd).otherwise(pl.col("date")),
            precision=pl.when(no_year).then(pl.lit("day")).otherwise(pl.col("precision")),
        )
        .filter(pl.col("date").is_not_null())
    )
    asof = {"by": "article_id", "check_sortedness": False}
    return (
        found.with_columns(end_key=pl.col("char_end") - 1)
        .sort("article_id", "char_start")
        .join_asof(tok, left_on="char_start", right_on="t_char_start", **asof)  # type: ignore[arg-type]
        .rename({"token_index": "d_start"})
        .drop("t_char_start")
        .sort("article_id", "end_key")
        .join_asof(tok.drop("sentence_index"), left_on="end_key", right_on="t_char_start", **asof)  # type: ignore[arg-type]
        .rename({"token_index": "d_end"})
        .filter(pl.col("sentence_index").is_not_null())
        .select(
            *KEYS,
            "d_start",
            "d_end",
            d_kind=pl.lit("explicit"),
            d_rank=pl.lit(0, pl.Int64),
            d_date="date",
            d_precision="precision",
        )
    )


def lexicon_dates(matches: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Relative days (d_rank 1) and weekdays (d_rank 2) matched by the lexicon."""
    other = matches.filter(pl.col("group") == "date").select(
        *KEYS,
        d_start="start",
        d_end="end",
        d_kind="marker",
        d_rank=pl.when(pl.col("marker") == "relative").then(1).otherwise(2).cast(pl.Int64),
        d_offset="day_offset",
        d_weekday="iso_weekday",
    )
    # "أمس الاثنين", "غداً الأربعاء": a weekday right after a relative day names the event's weekday,
    # which survives when the publication date (and so the date) is unknown.
    named = other.filter(pl.col("d_kind") == "weekday").select(
        *KEYS, _next_start="d_start", _named_weekday="d_weekday"
    )
    other = (
        other.with_columns(_next_start=pl.col("d_end") + 1)
        .join(named, on=[*KEYS, "_next_start"], how="left")
        .with_columns(
            d_weekday=pl.when(pl.col("d_kind") == "relative")
            .then(pl.col("_named_weekday"))
            .otherwise(pl.col("d_weekday"))
        )
        .drop("_next_start", "_named_weekday")
        .unique(subset=[*KEYS, "d_start", "d_end", "d_kind"], keep="first", maintain_order=True)
    )
    # "يوم الثلاثاء المقبل": a weekday followed by "next" lies after publication (offset +1 marks it).
    upcoming = tokens.filter(pl.col("norm").is_in(_NEXT_WORDS)).select(
        "article_id", _next_start="token_index", _upcoming=pl.lit(True)
    )
    return (
        other.with_columns(_next_start=pl.col("d_end") + 1)
        .join(upcoming, on=["article_id", "_next_start"], how="left")
        .with_columns(
            d_offset=pl.when((pl.col("d_kind") == "weekday") & pl.col("_upcoming").fill_null(False))
            .then(pl.lit(1, pl.Int64))
            .otherwise(pl.col("d_offset"))
        )
        .drop("_next_start", "_upcoming")
    )


def attach_dates(triggers: pl.DataFrame, dates: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """The nearest date expression of each trigger's sentence (ties: all triggers get it)."""
    dist = (
        pl.when(pl.col("d_end") < pl.col("start"))
        .then(pl.col("start") - pl.col("d_end"))
        .when(pl.col("d_start") > pl.col("end"))
        .then(pl.col("d_start") - pl.col("end"))
        .otherwise(0)
    )
    pairs = nearest_word(
        triggers.select("t_id", *KEYS, "start", "end").join(dates, on=KEYS).with_columns(d_dist=dist),
        tokens,
        _COMPLEMENTIZERS,
        pl.col("start") - 1,
        "c_index",
        "backward",
    )
    pairs = pairs.filter(
        ~((pl.col("d_end") < pl.col("start")) & (pl.col("c_index") > pl.col("d_end"))).fill_null(False)
    ).drop("c_index")
    pairs = nearest_word(pairs, tokens, _RELATIVES, pl.col("end") + _RELATIVE_GAP + 1, "r_index", "forward")
    pairs = pairs.filter(
        ~((pl.col("d_start") > pl.col("end")) & (pl.col("r_index") < pl.col("d_start"))).fill_null(False)
    ).drop("r_index")
    best = (
        pairs.sort("d_rank", "d_dist", "t_id", "d_start", "d_end")
        .unique(subset=["t_id"], keep="first", maintain_order=True)
        .select("t_id", *DATE_COLS)
    )
    return triggers.join(best, on="t_id", how="left")


def over_trailing_dates(triggers: pl.DataFrame, dates: pl.DataFrame) -> pl.DataFrame:
    """``time_end``: the trigger's last token, or the end of a date expression that follows it
    within _TRAILING_DATE_GAP tokens ("جرى اتصال هاتفي صباح الإثنين، بين X وY"): a partner marker
    is measured from there, as the time phrase belongs to the trigger, not to another noun."""
    near = (
        triggers.select("t_id", *KEYS, "end")
        .join(dates.select(*KEYS, "d_start", "d_end"), on=KEYS)
        .filter(
            (pl.col("d_start") > pl.col("end")) & (pl.col("d_start") - pl.col("end") <= _TRAILING_DATE_GAP)
        )
        .group_by("t_id")
        .agg(time_end=pl.col("d_end").max())
    )
    # Every later date of the sentence, for a partner that follows the subject and a time word
    # ("التقى X، وزير الخارجية، اليوم، بنظيره": roles.partners).
    later = (
        triggers.select("t_id", *KEYS, "end")
        .join(dates.select(*KEYS, "d_start", "d_end"), on=KEYS)
        .filter(pl.col("d_start") > pl.col("end"))
        .sort("t_id", "d_start", "d_end")
        .group_by("t_id", maintain_order=True)
        .agg(later_d_start=pl.col("d_start"), later_d_end=pl.col("d_end"))
    )
    return (
        triggers.join(near, on="t_id", how="left")
        .with_columns(time_end=pl.coalesce("time_end", "end"))
        .join(later, on="t_id", how="left")
    )


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
    leads = articles.select("article_id", _lead_end=pl.coalesce(lead_end, body.str.len_chars()))
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
    fits = (p.dt.weekday().cast(pl.Int64) != wd) & (swapped.dt.weekday().cast(pl.Int64) == wd)
    off = ((wd - p.dt.weekday().cast(pl.Int64) + 3) % 7 - 3).abs() > 1
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


def resolve_dates_and_status(c: pl.DataFrame) -> pl.DataFrame:
    """event_date, date_precision, status, date_from_publication, event_weekday of candidates
    carrying their date expression (DATE_COLS), published_date and text_pub_weekday."""
    pub = pl.col("published_date")
    pub_wd = pub.dt.weekday().cast(pl.Int64)
    future_hint = pl.col("g_planned") | (pl.col("d_offset").fill_null(0) > 0)
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
    date_status = (
        pl.when(pl.col("expr_date").is_null() | pub.is_null())
        .then(pl.lit(None, pl.String))
        .when((pl.col("d_precision").fill_null("day") == "day") & (pl.col("expr_date") > pub))
        .then(pl.lit("planned"))
        .when(_year_month(pl.col("expr_date")) > _year_month(pub))
        .then(pl.lit("planned"))
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
    from_pub = (
        pl.col("expr_date").is_null()
        & pl.col("d_kind").is_null()
        & pub.is_not_null()
        & (pl.col("status") == "occurred")
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
