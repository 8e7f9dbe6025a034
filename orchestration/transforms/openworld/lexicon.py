"""Closed-class cue words and the personal-name lexicons the open-world stages rely on.

The cue lists are grammar (titles, speech verbs, organization head nouns), like the honorifics of
``roles.py``; the name lexicons are data: the knowledge base's own names plus
``data/reference/given_names_ar.csv`` and ``family_names_ar.csv`` (built from a package's locale
data by ``scripts/build_names.py``) when they are present.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase
from orchestration.transforms.text import WORD_PATTERN, normalize_expr

# Cue words (closed-class grammar, hand-kept in data/reference/openworld_cues.csv, column ``kind``):
# ``title`` (الرئيس، اللاعب: right before a name; the matcher's honorifics are added), ``office_head``
# (رئيس، وزير: head of a construct naming an office), ``speech_verb`` (قال، أكد: the name after them is
# their subject), ``org_head`` (وزارة، حزب: head noun of an organization name), ``appositive_head``
# (شركة، صحيفة: stands in apposition before a proper name, which alone is the organization),
# ``facility_head`` (مسجد، سجن: an institution whose proper name follows, ``org_names.py``),
# ``place_head`` (مدينة، مخيم، نهر: a designator whose proper name follows is a place) and
# ``generic_subject`` (مسؤول، مصدر: a common noun after a speech verb, not a name), ``club_prefix``
# (ريال، أتلتيكو: opens a sports club's name before a city) and ``sport_cue`` (مباراة، الدوري، فاز: a
# sports context, in which a city with a masculine nisba is a club, ``clubs.py``) and
# ``place_org_head`` (جامعة، بنك، مطار: an institution named after the known place it heads,
# ``org_places.py``; never وزارة or حكومة, the state's own offices).
CUES_CSV = "openworld_cues.csv"
# Person name words of a published gazetteer (scripts/build_person_gazetteer.py): family names for
# the finders and the tagger alike.
PERSON_GAZETTEER_CSV = "person_gazetteer_ar.csv"
# Roles of roles.csv that name a body or a group, not one person: they never introduce a name.
COLLECTIVE_ROLES: tuple[str, ...] = (
    "government",
    "soldiers",
    "police",
    "rebels",
    "intelligence",
    "air_force",
    "foreign_ministry",
    "defence_ministry",
    "interior_ministry",
    "opposition",
    "official",
)


def _norm_set(forms: Sequence[str]) -> pl.Series:
    return pl.DataFrame({"f": list(forms)}).select(normalize_expr(pl.col("f")))["f"].unique()


@dataclass(frozen=True)
class Lexicons:
    """Normalized word sets (Polars Series) used by the open-world stages."""

    titles: pl.Series
    office_heads: pl.Series
    speech: pl.Series
    org_heads: pl.Series
    appositive: pl.Series
    facility: pl.Series
    place_heads: pl.Series
    connectors: pl.Series
    given: pl.Series
    family: pl.Series
    stop: pl.Series
    generic: pl.Series
    # Normalized frequent words of general Arabic with their Zipf frequency (``word``, ``zipf``).
    common: pl.DataFrame
    club_prefix: pl.Series = field(default_factory=lambda: pl.Series([], dtype=pl.String))
    sport_cue: pl.Series = field(default_factory=lambda: pl.Series([], dtype=pl.String))
    place_org_head: pl.Series = field(default_factory=lambda: pl.Series([], dtype=pl.String))


def _first_words(names: pl.Series) -> pl.Series:
    toks = pl.DataFrame({"n": names}).select(t=normalize_expr(pl.col("n")).str.extract_all(WORD_PATTERN))
    return toks.select(pl.col("t").list.first())["t"].drop_nulls()


@lru_cache(maxsize=8)
def _csv_words(path: Path, col: str = "name_ar") -> pl.Series:
    # Reference CSVs are read once per process: the asset calls the extractor once per slice.
    if not path.exists():
        return pl.Series("f", [], pl.String)
    df = pl.read_csv(path, infer_schema=False)
    return df.select(f=normalize_expr(pl.col(col).str.strip_chars()))["f"].drop_nulls()


def load_lexicons(
    kb: KnowledgeBase,
    reference_dir: Path,
    stop: pl.Series,
    honorifics: Sequence[str],
    connectors_ar: Sequence[str],
) -> Lexicons:
    """Cue words and name lexicons, normalized once per run. ``honorifics`` and ``connectors_ar``
    (name particles: بن، أبو، عبد ...) are the entity matcher's own lists (``entities.roles``)."""
    connectors = _norm_set(list(connectors_ar))
    persons = pl.concat(
        [
            kb.persons["name_ar"].cast(pl.String),
            kb.persons.select(pl.col("aliases_ar").fill_null("").str.split("|")).explode("aliases_ar")[
                "aliases_ar"
            ]
            if "aliases_ar" in kb.persons.columns
            else pl.Series([], dtype=pl.String),
        ]
    )
    given = pl.concat([_first_words(persons), _csv_words(reference_dir / "given_names_ar.csv")])
    # The cue grammar ships with the repository: a reference folder without its own copy (tests,
    # a partial knowledge base) uses the repository's.
    cues_path = reference_dir / CUES_CSV
    cues = _cues(cues_path if cues_path.exists() else REFERENCE_DIR / CUES_CSV)
    titles = [*honorifics, *cues["title"]]
    cue = _norm_set([*titles, *cues["office_head"]])
    given = given.filter(~given.str.starts_with("ال") & ~given.is_in(connectors.implode())).unique()
    given = given.filter(~given.is_in(cue.implode()) & ~given.is_in(stop.implode()))
    family = _csv_words(reference_dir / "family_names_ar.csv")
    # Person name words of ANERgazet (Arabic and transliterated: بلير، ميركل، هانس), rare as words.
    gazetteer = _csv_words(reference_dir / PERSON_GAZETTEER_CSV)
    family = pl.concat([family, gazetteer.filter(~gazetteer.is_in(cue.implode()))]).unique()
    return Lexicons(
        titles=_norm_set(titles),
        office_heads=_norm_set(cues["office_head"]),
        speech=_norm_set(cues["speech_verb"]),
        org_heads=_norm_set(cues["org_head"]),
        appositive=_norm_set(cues["appositive_head"]),
        facility=_norm_set(cues["facility_head"]),
        place_heads=_norm_set(cues["place_head"]),
        connectors=connectors,
        given=given,
        family=family,
        stop=stop,
        generic=_norm_set(cues["generic_subject"]),
        common=_common_words(reference_dir / "common_words_ar.csv"),
        club_prefix=_norm_set(cues["club_prefix"]),
        sport_cue=_norm_set(cues["sport_cue"]),
        place_org_head=_norm_set(cues["place_org_head"]),
    )


CUE_KINDS = (
    "title",
    "office_head",
    "speech_verb",
    "org_head",
    "appositive_head",
    "facility_head",
    "place_head",
    "generic_subject",
    "club_prefix",
    "sport_cue",
    "place_org_head",
)


@lru_cache(maxsize=2)
def _cues(path: Path) -> dict[str, list[str]]:
    """Cue words by kind; a missing file or an unknown kind is a clear error, not silent loss."""
    if not path.exists():
        raise FileNotFoundError(f"open-world cue words missing: {path}")
    df = pl.read_csv(path, infer_schema=False)
    unknown = set(df["kind"].unique().to_list()) - set(CUE_KINDS)
    if unknown:
        raise ValueError(f"{path.name}: unknown cue kinds {sorted(unknown)}; expected {CUE_KINDS}")
    return {k: df.filter(pl.col("kind") == k)["form_ar"].str.strip_chars().to_list() for k in CUE_KINDS}


@lru_cache(maxsize=2)
def _common_words(path: Path) -> pl.DataFrame:
    if not path.exists():
        return pl.DataFrame(schema={"word": pl.String, "zipf": pl.Float64})
    df = pl.read_csv(path, schema_overrides={"word": pl.String, "zipf": pl.Float64})
    return (
        df.select(word=normalize_expr(pl.col("word")), zipf="zipf").group_by("word").agg(pl.col("zipf").max())
    )
