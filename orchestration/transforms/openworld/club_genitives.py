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

from orchestration.transforms.openworld.clubs import CLUB, SPORT_WINDOW, org_spans, place_runs

# Normalized (ة -> ه, as the word table spells them); with a proclitic too (بنادي، لنادي، ولاعبي).
CLUB_NOUNS: tuple[str, ...] = ("نادي", "نادى", "فريق", "لاعب", "لاعبي", "مدرب", "مهاجم", "مدافع", "صفوف")
# Zipf frequency from which the word after the noun is ordinary vocabulary (الوسط 4.6, العمل 5.9);
# club names stay below (الزمالك 4.4, يوفنتوس 4.0; الهلال 4.7 is lost).
MAX_ZIPF = 4.6
# A second word of the name is a rare proper word (يونايتد 4.4، تشيفس).
SECOND_MAX_ZIPF = MAX_ZIPF


def _near_sport() -> pl.Expr:
    c = pl.col
    window = 2 * SPORT_WINDOW + 1
    total = c("sport").cast(pl.Int32).rolling_sum(window_size=window, center=True, min_samples=1).over("aidx")
    # Another sports word than the noun itself (فريق is one): فريق الإنقاذ alone is no sports news.
    return total - c("sport").cast(pl.Int32) > 0


def find_club_genitives(w: pl.DataFrame) -> pl.DataFrame:
    """Club spans after a club noun: ``aidx, s, e, n, method, entity_type, a_iso3``."""
    c = pl.col
    n = c("norm")
    noun = n.is_in(list(CLUB_NOUNS)) | (n.str.contains(r"^[وفبل]..") & n.str.slice(1).is_in(list(CLUB_NOUNS)))
    name = (
        c("joined")
        & (c("arabic") | c("latin"))
        & ~c("stop")
        & ~c("sport")
        & ~c("title")
        & ~c("org_head")
        & ~c("speech")
        & ((c("al") & ~c("lprep")) | ~c("adjish"))
        & ~c("cov")
        & (c("zipf") < MAX_ZIPF)
    )
    # An imperfect verb is short (ينضم، لينضم، يستعد); a transliterated name may start alike (يونايتد).
    verb = c("bare").str.contains(r"^ل?[يتن]") & (c("bare").str.len_chars() <= 5)
    second = c("joined") & c("arabic") & ~c("al") & ~c("stop") & ~c("cov") & ~c("adjish") & ~verb
    x = place_runs(w).with_columns(
        noun=noun.fill_null(False),
        name=name.fill_null(False),
        second=(second & (c("zipf") < SECOND_MAX_ZIPF)).fill_null(False),
        near=_near_sport(),
    )
    nxt = lambda col, k=1: c(col).shift(-k).fill_null(False)  # noqa: E731
    same = (c("aidx") == c("aidx").shift(-2)).fill_null(False)
    # A place's own second word (نيو جيرسي) is no second club word: only a rare word after a one-word name.
    two = pl.when(nxt("second", 2) & same & ~nxt("place")).then(2).otherwise(1)
    opens = c("noun") & ~c("al") & c("near") & nxt("name") & (c("aidx") == c("aidx").shift(-1))
    spans = x.with_columns(k=two).filter(opens.fill_null(False))
    spans = spans.select("aidx", s=c("wid") + 1, e=c("wid") + c("k"))
    return org_spans(spans, CLUB, pl.lit(None, pl.String))
