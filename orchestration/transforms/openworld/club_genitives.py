"""Clubs named as the genitive of a sports noun: لاعبي يوفنتوس، بنادي الزمالك، مدرب تشيلسي، فريق أس روما.

In sports news a club is most often named right after an indefinite noun in construct that only a
team takes: its club, team, players, coach, ranks (``CLUB_NOUNS``). The word after it (and a second
rare proper word: كايزر تشيفس، مانشستر يونايتد) is the club's name, without the noun (ANERcorp marks
الزمالك in بنادي الزمالك). Only where a sports word is near (``clubs.SPORT_WINDOW``): فريق الإنقاذ in
a disaster report is a rescue team. The name is no frequent word (``MAX_ZIPF``: لاعب الوسط is a
midfielder), no sports word itself (مدرب المنتخب) and no adjective without the article (لاعب سابق).
With ``org_repeats`` the club's later bare mentions (وطلب الزمالك) follow.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.clubs import CLUB, SPORT_WINDOW, org_spans

# Normalized (ة -> ه, as the word table spells them); with a proclitic too (بنادي، لنادي، ولاعبي).
CLUB_NOUNS: tuple[str, ...] = ("نادي", "نادى", "فريق", "لاعب", "لاعبي", "مدرب", "مهاجم", "مدافع", "صفوف")
# Zipf frequency from which the word after the noun is ordinary vocabulary (الوسط 4.6, العمل 5.9);
# club names stay below (الزمالك 4.4, يوفنتوس 4.0; الهلال 4.7 is lost).
MAX_ZIPF = 4.6
# A second word of the name is a rare proper word (يونايتد 4.4، تشيفس).
SECOND_MAX_ZIPF = MAX_ZIPF


def _near_sport(w: pl.DataFrame, rows: pl.Series) -> pl.Series:
    """Whether another sports word than the word itself (فريق is one: فريق الإنقاذ alone is no
    sports news) stands within ``SPORT_WINDOW`` words of each of ``rows`` in its article: a
    running count read at both ends of each window, for the few rows only."""
    c = pl.col
    n = w.height
    bounds = (
        w.select("aidx", "sport")
        .with_row_index("_r")
        .select(
            total=c("sport").fill_null(False).cast(pl.Int64).cum_sum(),
            # First and last row of each word's article.
            a0=c("_r").min().over("aidx").cast(pl.Int64),
            a1=c("_r").max().over("aidx").cast(pl.Int64),
        )
    )
    at = bounds.gather(rows)
    lo = (rows - SPORT_WINDOW).zip_with(rows - SPORT_WINDOW >= at["a0"], at["a0"].cast(pl.Int64))
    hi = (rows + SPORT_WINDOW).zip_with(rows + SPORT_WINDOW <= at["a1"], at["a1"].cast(pl.Int64))
    below = bounds["total"].gather((lo - 1).clip(0, n - 1)).zip_with(lo > 0, pl.Series([0] * len(rows)))
    own = w["sport"].fill_null(False).cast(pl.Int64).gather(rows)
    return (bounds["total"].gather(hi.clip(0, n - 1)) - below - own) > 0


def find_club_genitives(w: pl.DataFrame) -> pl.DataFrame:
    """Club spans after a club noun: ``aidx, s, e, n, method, entity_type, a_iso3``."""
    c = pl.col
    nouns = list(CLUB_NOUNS)
    n = c("norm")
    noun = (n.is_in(nouns) | (n.str.contains(r"^[وفبل]..") & n.str.slice(1).is_in(nouns))) & ~c("al")
    rows = w.select(noun.fill_null(False).arg_true().cast(pl.Int64)).to_series()
    rows = rows.filter(rows + 1 < w.height)
    name = (
        c("joined")
        & (c("arabic") | c("latin"))
        & ~c("stop")
        & ~c("sport")
        & ~c("title")
        & ~c("org_head")
        & ~c("speech")
        & ((c("al") & ~c("lprep")) | ~c("adjish"))
        # A verbal noun of the taf'il pattern behind ل/ب (لاعب لتعزيز خط الوسط) is the purpose, no club.
        & ~c("bare").str.contains(r"^[لب]ت..ي.$")
        & ~c("cov")
        & (c("zipf") < MAX_ZIPF)
    )
    # An imperfect verb is short (ينضم، لينضم، يستعد); a transliterated name may start alike (يونايتد).
    verb = c("bare").str.contains(r"^ل?[يتن]") & (c("bare").str.len_chars() <= 5)
    second = c("joined") & c("arabic") & ~c("al") & ~c("stop") & ~c("cov") & ~c("adjish") & ~verb
    place = (c("cov_kind") == "name") & (c("cov_type") == "PLACE")
    flags = [
        "aidx", "joined", "arabic", "latin", "stop", "sport", "title", "org_head", "speech", "al", "lprep",
        "adjish", "cov", "zipf", "bare", "cov_kind", "cov_type",
    ]  # fmt: skip
    at = lambda k: w.select(flags).gather((rows + k).clip(0, w.height - 1))  # noqa: E731
    one, two = at(1), at(2)
    ok1 = one.select(name.fill_null(False) & ~place.fill_null(False)).to_series()
    ok2 = two.select((second & (c("zipf") < SECOND_MAX_ZIPF)).fill_null(False)).to_series()
    same1 = one["aidx"] == w["aidx"].gather(rows)
    same2 = (two["aidx"] == w["aidx"].gather(rows)) & (rows + 2 < w.height)
    near = _near_sport(w, rows)
    spans = pl.DataFrame(
        {"aidx": w["aidx"].gather(rows), "wid": rows, "ok": ok1 & same1 & near, "k2": ok2 & same2}
    )
    spans = spans.filter(c("ok")).select("aidx", s=c("wid") + 1, e=c("wid") + 1 + c("k2").cast(pl.Int64))
    return org_spans(spans, CLUB, pl.lit(None, pl.String))
