"""Which Arabic forms of a GeoNames city the gazetteer keeps (see ``build_gazetteer.py``).

Every rule reads the matcher's normalized form (``orchestration.transforms.text``), since that is
what the matcher compares with article words.
"""

from __future__ import annotations

import polars as pl
from wordfreq import get_frequency_dict

from orchestration.transforms.text import normalize_expr, normalize_text

DROP_ZIPF = ((100_000, 2.9), (300_000, 3.3), (1_000_000, 3.8), (10**12, 4.5))  # (population below, zipf)
CLITIC_ZIPF = 3.0
FAMILY_ZIPF = 3.0
BIG_CITY = 1_000_000
FAMILY_DROP_ZIPF = 4.0
AMBIGUOUS_ZIPF = 2.5
_PROCLITICS = ("", "ال", "ب", "ل", "و", "ف", "ك", "بال", "لل", "وال", "فال", "كال", "وب", "ول")
AMBIGUOUS_MAX_POP = 500_000
FUZZY_MIN_LEN = 6  # entities.FUZZY_MIN_LEN


def _deletions(word: str, depth: int = 1) -> set[str]:
    out = {word}
    for _ in range(depth):
        out |= {w[:i] + w[i + 1 :] for w in out for i in range(len(w))}
    return out


def typo_neighbours(taken: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """One- and two-deletion neighbourhoods -> known words, for words long enough for the
    matcher's one-typo correction (6+ letters without the article)."""
    index: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    for key in taken:
        for word in key.split():
            if len(word.removeprefix("ال")) >= FUZZY_MIN_LEN:
                for depth in (1, 2):
                    for d in _deletions(word, depth):
                        index[depth - 1].setdefault(d, set()).add(word)
    return index


def _near_known(key: str, neighbours: tuple[dict[str, set[str]], dict[str, set[str]]]) -> bool:
    """Whether a word of the form and a known word (same first and last letter) are both one typo
    away from some third word: the matcher corrects a typo only when a single word qualifies, so
    a town نيكاهو would leave an article's نتياهو (for نتنياهو) uncorrected."""
    for word in key.split():
        for depth, index in ((1, neighbours[1]), (2, neighbours[0])):
            for d in _deletions(word, depth):
                if any(k != word and k[0] == word[0] and k[-1] == word[-1] for k in index.get(d, ())):
                    return True
    return False


def word_frequencies() -> dict[str, float]:
    """Zipf frequency of every Arabic word wordfreq knows, keyed by its normalized form (the
    matcher folds hamza, alef maqsura and ta marbuta, so آلاشهر is read as الأشهر "the months")."""
    counts = get_frequency_dict("ar")
    table = pl.DataFrame({"w": list(counts), "f": list(counts.values())}).select(
        key=normalize_expr(pl.col("w")), z=pl.col("f").log10() + 9
    )
    agg = table.group_by("key").agg(pl.col("z").max())
    return dict(zip(agg["key"].to_list(), agg["z"].to_list(), strict=True))


def _drop_zipf(population: int) -> float:
    """A single-word name this frequent in Arabic text is mostly an ordinary word for a town this
    small; big cities are named often enough to earn their frequency."""
    return next(z for limit, z in DROP_ZIPF if population < limit)


def _family_zipf(key: str, freq: dict[str, float]) -> float:
    """Highest frequency of the other forms of the word (with/without the article, feminine, the
    noun under a nisba): an ordinary word has a frequent family (القصير: قصير), a town name has
    none (الزبداني: زبداني, زبدان)."""
    stem = key[2:] if key.startswith("ال") else key
    bases = {stem, stem + "ه", stem + "ا"} | ({stem[:-1]} if stem[-1:] in "هيا" else set())
    forms = bases | {"ال" + b for b in bases}
    return max((freq.get(f, 0.0) for f in forms - {key}), default=0.0)


def form_status(
    form: str,
    population: int,
    focus: bool,
    known: tuple[set[str], set[str], tuple[dict[str, set[str]], dict[str, set[str]]]],
    freq: dict[str, float],
) -> str:
    """``keep``, ``ambiguous`` or ``drop`` for one Arabic form of a city."""
    taken, personal, neighbours = known
    key = normalize_text(form)
    stem = key[2:] if key.startswith("ال") else key
    if key in taken or len(stem.replace(" ", "")) < 3:
        return "drop"
    if any(p + stem in taken or p + key in taken for p in _PROCLITICS):
        return "drop"
    if key in personal and population < BIG_CITY:
        return "drop"
    if not focus and population < BIG_CITY and _near_known(key, neighbours):
        return "drop"
    status = _word_status(key, stem, population, focus, freq) if " " not in form else "keep"
    # A big city named like a family (كانو Kano / Kanoo) stays, but only with context.
    return "ambiguous" if key in personal and status == "keep" else status


def _word_status(key: str, stem: str, population: int, focus: bool, freq: dict[str, float]) -> str:
    """Frequency rules for a single-word form (see the module docstring)."""
    zipf = freq.get(key, 0.0)
    # The form behind a proclitic or article the matcher strips: ب+ايدن is بايدن, ال+عثمانية.
    clitic = max(freq.get(p + stem, 0.0) for p in _PROCLITICS)
    if clitic >= CLITIC_ZIPF and clitic > zipf + 0.5:
        return "drop"
    family = _family_zipf(key, freq)
    if family >= FAMILY_DROP_ZIPF and family > zipf:
        return "drop"  # an inflection of a frequent word: كانو (كانوا), الأبيض
    if zipf >= _drop_zipf(population):
        # Arab towns are named in Arabic news often enough to be frequent words themselves; only
        # those whose word family is frequent too are ordinary words (القصير "the short").
        return "ambiguous" if focus and family < FAMILY_ZIPF else "drop"
    return "ambiguous" if zipf >= AMBIGUOUS_ZIPF and population < AMBIGUOUS_MAX_POP else "keep"
