"""Build ``data/reference/countries.csv`` from pycountry plus the hand-kept supplement.

Every ISO 3166-1 country comes from pycountry (codes, English name, Arabic name from its
``iso3166-1`` gettext catalogue, diacritics stripped). ``countries_supplement.csv`` overrides
names where news usage differs from the ISO form and adds aliases, nisba adjectives, capitals
and surface forms that are also ordinary words. Run from the repository root:

    uv run python scripts/build_countries.py
"""

from __future__ import annotations

import csv
import gettext
import re
import sys
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from orchestration.transforms.reference import REFERENCE_DIR, write_table

SUPPLEMENT = REFERENCE_DIR / "countries_supplement.csv"
OUTPUT = REFERENCE_DIR / "countries.csv"
COLUMNS = [
    "iso3",
    "iso2",
    "name_en",
    "name_ar",
    "aliases_ar",
    "nisba_ar",
    "capital_place_id",
    "ambiguous_ar",
    "name_ar_iso",
]

# Harakat, shadda, sukun, superscript alef and tatweel: pycountry's Arabic catalogue is vocalised
# ("السّعوديّة") while news text almost never is.
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def strip_diacritics(text: str) -> str:
    text = _DIACRITICS.sub("", text)
    # The catalogue writes the conjunction detached ("البوسنة و الهرسك"); Arabic attaches it.
    text = re.sub(r" و (?=\S)", " و", text)
    return re.sub(r"\s+", " ", text).strip()


def split_iso_name(name: str) -> tuple[str, list[str]]:
    """Base name and extra forms of a catalogue entry: "X، Y" and "X (Y)" give base X and alias Y."""
    extras = re.findall(r"\(([^)]*)\)", name)
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if "،" in name:
        base, rest = (part.strip() for part in name.split("،", 1))
        extras.append(rest)
    else:
        base = name
    return base, [e.strip() for e in extras if e.strip()]


def expand_nisba(forms: list[str]) -> list[str]:
    """Regular inflections of each single-word definite nisba: الروسي -> الروسية, روسي, روسية, ...

    Multi-word and irregular forms (الروس, الكوري الشمالي) are kept exactly as the supplement
    lists them.
    """
    out: list[str] = []
    for form in forms:
        out.append(form)
        if " " in form or not (form.startswith("ال") and form.endswith("ي")):
            continue
        stem = form[2:]
        # Indefinite plurals too: news counts people without the article (مقتل ثلاثة فلسطينيين).
        out += [f"ال{stem}ة", f"ال{stem}ون", f"ال{stem}ين", stem, f"{stem}ة", f"{stem}ون", f"{stem}ين"]
    return list(dict.fromkeys(out))


def derive_nisba(name_ar: str) -> str:
    """The regular definite nisba of a one-word country name, or "" when no regular rule applies.

    كينيا -> الكيني, بوتسوانا -> البوتسواني, مدغشقر -> المدغشقري, السنغال -> السنغالي,
    ملاوي -> الملاوي. Names ending in و (توغو -> التوغولي) and multi-word names are irregular and
    stay for the supplement.
    """
    if not name_ar or " " in name_ar:
        return ""
    stem = name_ar[2:] if name_ar.startswith("ال") else name_ar
    if stem.endswith("يا"):
        stem = stem[:-2] + "ي"
    elif stem.endswith(("ا", "ة")):
        stem = stem[:-1] + "ي"
    elif stem.endswith(("و", "ى", "ه")):
        return ""
    elif not stem.endswith("ي"):
        stem += "ي"
    return f"ال{stem}" if len(stem) > 3 else ""


def _derived_nisbas(rows: list[dict[str, str]]) -> None:
    """A country the supplement gives no nisba gets its regular one (``derive_nisba``), unless its
    name is also an ordinary word (مالي, بنين: their nisba would be too) or a form would collide with
    another country's name, alias or nisba."""
    taken: dict[str, set[str]] = {}
    for row in rows:
        for form in [row["name_ar"], *split_list(row["aliases_ar"]), *split_list(row["nisba_ar"])]:
            taken.setdefault(form, set()).add(row["iso3"])
    for row in rows:
        if row["nisba_ar"] or row["name_ar"] in split_list(row["ambiguous_ar"]):
            continue
        forms = expand_nisba([derive_nisba(row["name_ar"])] if derive_nisba(row["name_ar"]) else [])
        if forms and not any(taken.get(f, set()) - {row["iso3"]} for f in forms):
            row["nisba_ar"] = "|".join(forms)


def split_list(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def build() -> list[dict[str, str]]:
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    with SUPPLEMENT.open(encoding="utf-8", newline="") as f:
        supplement = {row["iso3"]: row for row in csv.DictReader(f)}
    unknown = set(supplement) - {c.alpha_3 for c in pycountry.countries}
    if unknown:
        raise SystemExit(f"supplement rows for unknown ISO3 codes: {sorted(unknown)}")

    rows: list[dict[str, str]] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        sup = supplement.get(country.alpha_3, {})
        iso_ar = strip_diacritics(ar.gettext(country.name))
        if not _ARABIC_LETTER.search(iso_ar):
            iso_ar = ""  # untranslated in the catalogue (Türkiye): the supplement must name it
        base, extras = split_iso_name(iso_ar) if iso_ar else ("", [])
        name_ar = strip_diacritics(sup.get("name_ar") or base)
        if not name_ar:
            raise SystemExit(f"{country.alpha_3}: no Arabic name in pycountry; add one to the supplement")
        aliases = split_list(sup.get("aliases_ar"))
        if sup.get("iso_alias") != "no":
            aliases += [base, *extras]
        aliases = [strip_diacritics(a) for a in aliases]
        name_en = sup.get("name_en") or getattr(country, "common_name", None) or country.name
        rows.append(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                "name_en": name_en,
                "name_ar": name_ar,
                "aliases_ar": "|".join(a for a in dict.fromkeys(aliases) if a and a != name_ar),
                "nisba_ar": "|".join(expand_nisba(split_list(sup.get("nisba_ar")))),
                "capital_place_id": sup.get("capital_place_id", ""),
                "ambiguous_ar": sup.get("ambiguous_ar", ""),
                "name_ar_iso": iso_ar,
            }
        )
    _drop_colliding_aliases(rows)
    _derived_nisbas(rows)
    return rows


def _drop_colliding_aliases(rows: list[dict[str, str]]) -> None:
    """An alias that names two countries is useless for matching ("الكونغو"): drop it from both
    alias lists and report it, so the supplement can give each country a distinct form."""
    owners: dict[str, set[str]] = {}
    for row in rows:
        for form in [row["name_ar"], *split_list(row["aliases_ar"])]:
            owners.setdefault(form, set()).add(row["iso3"])
    shared = {form for form, isos in owners.items() if len(isos) > 1}
    for row in rows:
        if row["name_ar"] in shared:
            raise SystemExit(f"{row['iso3']}: name_ar {row['name_ar']!r} is shared; fix the supplement")
        kept = [a for a in split_list(row["aliases_ar"]) if a not in shared]
        for alias in set(split_list(row["aliases_ar"])) - set(kept):
            print(f"dropped shared alias {alias!r} from {row['iso3']}", file=sys.stderr)
        row["aliases_ar"] = "|".join(kept)


def main() -> None:
    write_table(OUTPUT.name, build(), COLUMNS)


if __name__ == "__main__":
    main()
