"""A place is not read from a word that spells a hamza its names lack (رأسين "two heads" is not Racine).

The matcher folds hamza seats (أ إ آ ؤ ئ -> ا و ي) so that an article's اسرائيل finds إسرائيل: writers
often leave a hamza out. They rarely write one that the name does not have, so a hamza inside a
word of the article (not on its first letter, nor right after the article ال, where foreign names
gain one: إسطنبول، الأردن) that no spelling of the place carries means another word: رأسين read as
راسين (Racine), مسائل as مسايل. Only places are checked: the gazetteer's thousands of GeoNames forms
are what collide with ordinary words, and its spellings are plain. Only one-word readings: a
longer name is no ordinary word, and hand spellings may lack a hamza (راس الخيمة for رأس الخيمة).
"""

from __future__ import annotations

import polars as pl

_SEATS = "أإآؤئء"
# A hamza on a word's first letter, behind proclitics and the article or not (للأصنام، بإسطنبول):
# written or left out at will.
_INITIAL = r"(^|\s)[وفبلك]*(?:[اأ]ل)?[أإآ]"
_DIACRITICS = r"[\u064B-\u065F\u0670\u0640]"


def inner_hamza(text: pl.Expr) -> pl.Expr:
    """Whether some word of ``text`` has a hamza seat past its first letter (and past ال)."""
    bare = text.str.replace_all(_DIACRITICS, "").str.replace_all(_INITIAL, "${1}ا")
    return bare.str.contains(f"[{_SEATS}]")


def hamza_free_places(places: pl.DataFrame) -> pl.Series:
    """Ids of the places none of whose Arabic spellings has an inner hamza."""
    forms = places.select(
        "entity_id",
        form=pl.concat_list(
            pl.col("name_ar").fill_null(""), pl.col("aliases_ar").fill_null("").str.split("|")
        ),
    ).explode("form")
    with_hamza = forms.filter(inner_hamza(pl.col("form")))["entity_id"].unique()
    return forms.filter(~pl.col("entity_id").is_in(with_hamza.implode()))["entity_id"].unique()


def drop_hamza_mismatch(matches: pl.DataFrame, free: pl.Series) -> pl.DataFrame:
    """``matches`` (``entity_id``, ``surf``, ``n``) less one-word place readings of a word with an inner hamza that
    no spelling of the place (``free``: ``hamza_free_places``) has."""
    mismatch = (pl.col("n") == 1) & pl.col("entity_id").is_in(free.implode()) & inner_hamza(pl.col("surf"))
    return matches.filter(~mismatch.fill_null(False))
