"""Build ``data/reference/regions.csv``: first-level regions of the world (provinces, states,
governorates, autonomous communities…) with their Arabic names.

Source: the ``states`` table of the countries-states-cities database (github.com/dr5hn/
countries-states-cities-database, **ODbL 1.0**), whose ``translations`` carry an ``ar`` name and
``native`` the local one. Download its ``parquet/states.parquet`` at a pinned commit and run from
the repository root:

    uv run --with wordfreq==3.1.1 --with pycountry python scripts/build_regions.py states.parquet

Which regions: rows of the first level (``level`` empty or 1) that are not towns (municipalities,
communes, cities…: the city gazetteer's business). Which names: the ``ar`` translation and an
Arabic-script ``native`` name (the same Arabic-letters test as ``build_gazetteer.py``), each also
without its designator (محافظة الأنبار -> الأنبار), and with the designator Arabic news puts
before the type (محافظة for a governorate, ولاية for a state, إمارة for an emirate). The guards
are the city gazetteer's (``gazetteer_rules.form_status``): a form the knowledge base already
knows is dropped (so a bare بغداد stays the city; محافظة بغداد is the region), a frequent single
word is dropped or goes to ``ambiguous_ar``; a form already claimed by a gazetteer city stays the
city's. A region whose bare name is a hand governorate or region of ``places.csv`` is left out.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import polars as pl
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from build_gazetteer import _arabic_forms, _slug, _split, known_keys, person_words  # noqa: E402
from gazetteer_rules import form_status, typo_neighbours, word_frequencies  # noqa: E402

from orchestration.transforms.reference import REFERENCE_DIR, write_table  # noqa: E402
from orchestration.transforms.text import normalize_text  # noqa: E402

OUTPUT = REFERENCE_DIR / "regions.csv"
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
    "iso3166_2",
    "wikidata_id",
    "source_id",
]
# Not regions: towns and their parts (the city gazetteer covers towns).
TOWN_TYPES = {
    "municipality",
    "city",
    "commune",
    "village",
    "quarter",
    "local council",
    "urban municipality",
    "city with county rights",
    "state city",
    "special municipality",
    "island council",
    "parish",
    "metropolitan city",
    "district",  # second-level in most countries of the source (Czech okresy, Ugandan districts)
}
DESIGNATORS = ("محافظة", "ولاية", "إقليم", "اقليم", "منطقة", "مقاطعة", "إمارة", "جهة", "شعبية", "لواء")
PREFIX_BY_TYPE = {"governorate": "محافظة", "state": "ولاية", "emirate": "إمارة"}
# A region with no population in the source is weighed as a small town by the frequency rules:
# most of them are small provinces whose machine-translated name may be a word (هضبة Plateau).
DEFAULT_POP = 50_000
# Types that are large units wherever they occur (England, Tibet, Catalonia), for a row without
# population: weighed as a big city, so their frequent name (إنجلترا، التبت) is not a word.
TYPE_POP = {"country": 5_000_000, "autonomous region": 1_000_000, "autonomous community": 1_000_000}
# A multi-word form made only of frequent words is a phrase, not a name (شمال شرق North-East,
# عقوبة الاعدام for the Slovak Penal-Debe).
PHRASE_WORD_ZIPF = 3.5
HAND_REGION_TYPES = {"governorate", "region", "macro_region"}
FOCUS = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA"}
FOCUS |= {"SA", "SO", "SD", "SY", "TN", "AE", "YE", "IL"}


def _bare(form: str) -> str:
    """The name without a leading designator word (محافظة الأنبار -> الأنبار)."""
    first, _, rest = form.partition(" ")
    return rest if first in DESIGNATORS and rest else form


def region_forms(ar: str | None, native: str | None, kind: str) -> tuple[list[str], list[str]]:
    """Arabic forms of one region: the bare names (the span a NER corpus tags: ولاية [كاليفورنيا])
    and the names with their designator (used only when no bare form survives the guards)."""
    names = _arabic_forms([n for n in (ar, native) if n])
    bare = list(dict.fromkeys(_bare(n) for n in names))
    prefix = PREFIX_BY_TYPE.get(kind)
    prefixed = [f"{prefix} {b}" for b in bare if prefix and not b.startswith(prefix)]
    full = [n for n in dict.fromkeys([*names, *prefixed]) if n not in bare]
    return bare, full


def _phrase(form: str, freq: dict[str, float]) -> bool:
    words = normalize_text(form).split()
    return len(words) > 1 and all(freq.get(w, 0.0) >= PHRASE_WORD_ZIPF for w in words)


def _usable(forms: list[str], status: dict[str, str], owner: set[str], freq: dict[str, float]) -> list[str]:
    return [
        f for f in forms if status[f] != "drop" and normalize_text(f) not in owner and not _phrase(f, freq)
    ]


def _hand_forms() -> tuple[set[str], set[str]]:
    """Normalized forms of the hand places: of its regions/governorates, and of all of them."""
    regions: set[str] = set()
    every: set[str] = set()
    with (REFERENCE_DIR / "places.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            forms = {normalize_text(v) for v in [row["name_ar"], *_split(row["aliases_ar"])]}
            every |= forms
            if row["place_type"] in HAND_REGION_TYPES:
                regions |= forms
    return regions, every


def _city_forms() -> set[str]:
    gaz = pl.read_csv(REFERENCE_DIR / "gazetteer.csv", infer_schema=False)
    return {
        normalize_text(v)
        for a, b in zip(gaz["name_ar"], gaz["aliases_ar"], strict=True)
        for v in [a, *_split(b)]
    }


def _states(path: Path) -> pl.DataFrame:
    df = pl.read_parquet(path)
    df = df.filter(
        (pl.col("level").is_null() | (pl.col("level").cast(pl.Utf8) == "1"))
        & ~pl.col("type").is_in(list(TOWN_TYPES))
    )
    return df.sort(pl.col("population").fill_null(DEFAULT_POP), "id", descending=[True, False])


def build(path: Path) -> list[dict[str, str]]:
    taken, personal = known_keys()
    known = (taken | _city_forms(), personal, typo_neighbours(person_words()))
    freq = word_frequencies()
    hand_regions, _ = _hand_forms()
    taken_ids = set(pl.read_csv(REFERENCE_DIR / "places.csv", infer_schema=False)["entity_id"])
    taken_ids |= set(pl.read_csv(REFERENCE_DIR / "gazetteer.csv", infer_schema=False)["entity_id"])
    owner: set[str] = set()
    rows: list[dict[str, str]] = []
    for r in _states(path).iter_rows(named=True):
        country = pycountry.countries.get(alpha_2=r["country_code"])
        ar = json.loads(r["translations"]).get("ar") if r["translations"] else None
        bare, full = region_forms(ar, r["native"], r["type"] or "")
        if country is None or not bare or normalize_text(bare[0]) in hand_regions:
            continue
        pop = int(r["population"]) if r["population"] else TYPE_POP.get(r["type"] or "", DEFAULT_POP)
        focus = r["country_code"] in FOCUS
        status = {f: form_status(f, pop, focus, known, freq) for f in [*bare, *full]}
        if not focus:
            # A foreign province whose name is also a word or a name (شيراك Shirak: Chirac) is
            # seldom what an Arabic article means by it: no context rule rescues it, so it goes.
            status = {f: "drop" if v == "ambiguous" else v for f, v in status.items()}
        # محافظة بغداد only because بغداد is the city; ولاية كاليفورنيا is read as ولاية + place.
        usable = _usable(bare, status, owner, freq) or _usable(full, status, owner, freq)
        if not usable:
            continue
        owner.update(normalize_text(f) for f in usable)
        entity_id = f"place:{_slug(r['name']) or r['id']}"
        for suffix in ("_region", f"_{(r['iso3166_2'] or str(r['id'])).lower().replace('-', '_')}"):
            if entity_id in taken_ids:
                entity_id = f"place:{_slug(r['name'])}{suffix}"
        taken_ids.add(entity_id)
        rows.append(
            {
                "entity_id": entity_id,
                "name_en": r["name"].strip(),
                "name_ar": usable[0],
                "aliases_ar": "|".join(usable[1:]),
                "country_iso3": country.alpha_3,
                "latitude": f"{float(r['latitude']):.4f}" if r["latitude"] else "",
                "longitude": f"{float(r['longitude']):.4f}" if r["longitude"] else "",
                "place_type": "region",
                "ambiguous_ar": "|".join(f for f in usable if status[f] == "ambiguous"),
                "notes": r["type"] or "",
                "population": str(int(r["population"])) if r["population"] else "",
                "iso3166_2": r["iso3166_2"] or "",
                "wikidata_id": r["wikiDataId"] or "",
                "source_id": f"csc:states:{r['id']}",
            }
        )
    return rows


def main() -> None:
    write_table(OUTPUT.name, build(Path(sys.argv[1])), COLUMNS)


if __name__ == "__main__":
    main()
