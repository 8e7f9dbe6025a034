"""Stage 6: dates and status.

Each sentence's date expressions (explicit dates found by ``transforms.dates.find_dates``,
relative days and weekday names matched by the lexicon) attach to the nearest trigger; a date
before a complementizer (أن) dates the reporting verb, not the event reported after it. The date
resolves against ``published_date``; without one an occurring event gets the publication date
at lower confidence; an unknown publication date leaves the event date NULL. Status comes from
the resolved date against publication, else from planned/historical markers (both in date_status.py).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.dates import find_dates
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
# "Since" (normalized): a date a few words after it starts a period ("وتعد زيارة المقداد للقاهرة هي
# الأولى منذ عام 2011", "منذ توليه سدة الرئاسة فى عام 2014"): it dates no event of the sentence.
_SINCE = ["منذ", "ومنذ"]
_SINCE_GAP = 6
# A pluperfect clause ("وكان قد", "وكان X قد") after the trigger recalls an earlier event: "التقى
# السيسي اليوم بوتين، وكان بوتين قد زار القاهرة في 12 مايو". Its date is that event's, not the trigger's.
_BACKGROUND = ["كان", "وكان", "كانت", "وكانت"]
_BACKGROUND_QAD_GAP = 4
# A time-of-day word may stand between a trigger and its date ("اتصال هاتفي صباح الإثنين").
_TRAILING_DATE_GAP = 2
# A first day before a date's day, joined by و or a dash ("يومي 4 و 5 أبريل", "من 7-13 ديسمبر"), at
# most a fortnight before it.
_RANGE_START = r"(?:^|[^0-9])([0-9]{1,2}) *(?:و|-|–|إلى|الى|حتى) *$"
_RANGE_LOOKBACK = 12
_RANGE_MAX_DAYS = 14
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
        _range_starts(find_dates(kept.select(*KEYS, "sentence"), "sentence", KEYS), kept)
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


def _range_starts(found: pl.DataFrame, kept: pl.DataFrame) -> pl.DataFrame:
    """A span of days dates its event by its first day: "زيارة الى تونس يومي 4 و 5 أبريل 2021" starts
    on 4 April, "خلال الفترة من 7-13 ديسمبر" on 7 December (find_dates reads the last day, the one
    written with the month). ``found``: find_dates rows of ``kept`` (sentence-relative offsets)."""
    before = pl.col("sentence").str.slice(
        pl.max_horizontal(pl.col("char_start") - _RANGE_LOOKBACK, 0),
        pl.min_horizontal(pl.col("char_start"), _RANGE_LOOKBACK),
    )
    first = before.str.extract(_RANGE_START, 1).cast(pl.Int32, strict=False)
    span = pl.col("day") - pl.col("_first")
    starts = (span > 0) & (span <= _RANGE_MAX_DAYS) & pl.col("precision").is_in(["day", "day_no_year"])
    return (
        found.join(kept.select(*KEYS, "sentence"), on=KEYS, how="left")
        .with_columns(_first=first)
        .with_columns(
            date=pl.when(starts.fill_null(False))
            .then(pl.col("date") - pl.duration(days=span))
            .otherwise(pl.col("date")),
            day=pl.when(starts.fill_null(False)).then(pl.col("_first")).otherwise(pl.col("day")),
        )
        .drop("sentence", "_first")
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
    """The nearest date expression of each trigger's sentence (ties: all triggers get it); none
    that a منذ before it makes the start of a period."""
    dates = nearest_word(dates, tokens, _SINCE, pl.col("d_start") - 1, "_since", "backward")
    dates = dates.filter(~(pl.col("d_start") - pl.col("_since") <= _SINCE_GAP).fill_null(False)).drop(
        "_since"
    )
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
    pairs = nearest_word(pairs, _background_marks(tokens), ["<bg>"], pl.col("end") + 1, "b_index", "forward")
    pairs = pairs.filter(
        ~((pl.col("d_start") > pl.col("end")) & (pl.col("b_index") < pl.col("d_start"))).fill_null(False)
    ).drop("b_index")
    best = (
        pairs.sort("d_rank", "d_dist", "t_id", "d_start", "d_end")
        .unique(subset=["t_id"], keep="first", maintain_order=True)
        .select("t_id", *DATE_COLS)
    )
    return triggers.join(best, on="t_id", how="left")


def _background_marks(tokens: pl.DataFrame) -> pl.DataFrame:
    """The كان tokens that open a pluperfect clause (قد within _BACKGROUND_QAD_GAP words), as "<bg>"."""
    qad = pl.any_horizontal(
        [pl.col("norm").shift(-k).over("article_id") == "قد" for k in range(1, _BACKGROUND_QAD_GAP + 1)]
    )
    return (
        tokens.select("article_id", "token_index", "norm")
        .sort("article_id", "token_index")
        .filter(pl.col("norm").is_in(_BACKGROUND) & qad.fill_null(False))
        .with_columns(norm=pl.lit("<bg>"))
    )


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
    # ("التقى X، وزير الخارجية، اليوم، بنظيره": targets.partners).
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
