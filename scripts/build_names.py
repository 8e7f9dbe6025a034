"""Build the Arabic personal-name lexicons of ``data/reference/`` from Faker's Arabic locales.

Faker (MIT licence) ships hand-curated Arabic given names (by gender) and family, tribal and
nisba names in its ``ar_AA``, ``ar_DZ``, ``ar_PS`` and ``ar_SA`` person providers. This script
reads them from the installed package, strips diacritics, drops entries that are not single
names (glued genealogies such as ``الحجربنالهنوءبنالأزد``) and writes:

- ``given_names_ar.csv``: ``name_ar, gender, locales, zipf_ar``
- ``family_names_ar.csv``: ``name_ar, form, locales, zipf_ar``
- ``name_connectors_ar.csv``: connectors (بن، بنت، ابن، أبو، آل، عبد …) and the divine names
  that follow عبد; the connectors are a small documented list, the divine names are the hand list
  plus every ``عبد X`` attested in Faker's names.

``zipf_ar`` is the word's frequency in general Arabic text (wordfreq, Zipf scale, 0 = unseen):
a high value marks a name that is also an ordinary word (أحلام "dreams", بشرى "good news"),
for which a matcher should want context. Run from the repository root:

    uv run --with faker==40.54.0 --with wordfreq==3.1.1 python scripts/build_names.py
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from orchestration.transforms.reference import write_table

LOCALES = ("ar_AA", "ar_DZ", "ar_PS", "ar_SA")
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A]+( [\u0621-\u064A]+)*$")
# Longer single tokens in Faker's last names are glued genealogies or compound tribe names.
MAX_NAME_LEN = 11

CONNECTORS: list[tuple[str, str, str]] = [
    ("بن", "patronymic", "son of (between given name and father's name)"),
    ("ابن", "patronymic", "son of; also the start of a family name (ابن خلدون)"),
    ("بنت", "patronymic", "daughter of"),
    ("أبو", "kunya", "father of; nominative (أبو مازن); also starts family names (أبو الغيط)"),
    ("أبي", "kunya", "genitive of أبو"),
    ("أبا", "kunya", "accusative of أبو"),
    ("أم", "kunya", "mother of"),
    ("آل", "family", "house of (آل ثاني، آل سعود, آل نهيان); before a family name"),
    ("ذو", "epithet", "possessor of (ذو الفقار)"),
    ("عبد", "theophoric", "servant of; followed by a divine name (عبد الله، عبد العزيز)"),
]
# The divine names that follow عبد in common Arabic names (the Asma al-Husna used in naming),
# plus the Shia theophorics عبد الحسين/الأمير/الزهراء and عبد النبي, which news writes the same way.
DIVINE_NAMES = [
    "الله",
    "الرحمن",
    "الرحيم",
    "الملك",
    "القدوس",
    "السلام",
    "المؤمن",
    "المهيمن",
    "العزيز",
    "الجبار",
    "الخالق",
    "الباري",
    "المصور",
    "الغفار",
    "القهار",
    "الوهاب",
    "الرزاق",
    "الفتاح",
    "العليم",
    "الباسط",
    "الرافع",
    "المعز",
    "السميع",
    "البصير",
    "الحكم",
    "العدل",
    "اللطيف",
    "الخبير",
    "الحليم",
    "العظيم",
    "الغفور",
    "الشكور",
    "العلي",
    "الكبير",
    "الحفيظ",
    "المقيت",
    "الحسيب",
    "الجليل",
    "الكريم",
    "الرقيب",
    "المجيب",
    "الواسع",
    "الحكيم",
    "الودود",
    "المجيد",
    "الباعث",
    "الشهيد",
    "الحق",
    "الوكيل",
    "القوي",
    "المتين",
    "الولي",
    "الحميد",
    "المحسن",
    "المعطي",
    "المنعم",
    "الستار",
    "الحي",
    "القيوم",
    "الواحد",
    "الأحد",
    "الصمد",
    "القادر",
    "المقتدر",
    "الأول",
    "الآخر",
    "الظاهر",
    "الباطن",
    "البر",
    "التواب",
    "المنتقم",
    "العفو",
    "الرؤوف",
    "المالك",
    "الغني",
    "المغني",
    "النور",
    "الهادي",
    "البديع",
    "الباقي",
    "الوارث",
    "الرشيد",
    "الصبور",
    "الإله",
    "الرب",
    "المولى",
    "الناصر",
    "المطلب",
    "المنان",
    "الجواد",
    "الحسين",
    "الأمير",
    "الزهراء",
    "النبي",
    "الرسول",
    "الحسن",
    "الرضا",
]


def strip_diacritics(text: str) -> str:
    return re.sub(r"\s+", " ", _DIACRITICS.sub("", text)).strip()


def _provider(locale: str) -> type:
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def _clean(names: tuple[str, ...] | list[str]) -> list[str]:
    out = [strip_diacritics(n) for n in names]
    return [n for n in out if _ARABIC_WORD.match(n) and len(n.replace(" ", "")) <= MAX_NAME_LEN]


def _zipf(name: str) -> str:
    return f"{zipf_frequency(name, 'ar'):.2f}"


def given_names() -> list[dict[str, str]]:
    seen: dict[str, dict[str, set[str]]] = {}
    for locale in LOCALES:
        provider = _provider(locale)
        for gender, attr in (("m", "first_names_male"), ("f", "first_names_female")):
            for name in _clean(getattr(provider, attr, ())):
                entry = seen.setdefault(name, {"gender": set(), "locales": set()})
                entry["gender"].add(gender)
                entry["locales"].add(locale)
    return [
        {
            "name_ar": name,
            "gender": "mf" if len(e["gender"]) == 2 else next(iter(e["gender"])),
            "locales": "|".join(sorted(e["locales"])),
            "zipf_ar": _zipf(name),
        }
        for name, e in sorted(seen.items())
    ]


def family_names(given: set[str]) -> list[dict[str, str]]:
    seen: dict[str, set[str]] = {}
    for locale in LOCALES:
        for name in _clean(getattr(_provider(locale), "last_names", ())):
            seen.setdefault(name, set()).add(locale)
    rows = []
    for name, locales in sorted(seen.items()):
        nisba = name.endswith("ي") and len(name) > 3
        form = "nisba" if nisba else ("given_name" if name in given else "family")
        rows.append(
            {"name_ar": name, "form": form, "locales": "|".join(sorted(locales)), "zipf_ar": _zipf(name)}
        )
    return rows


def connectors(all_names: list[str]) -> list[dict[str, str]]:
    rows = [{"form": f, "kind": k, "source": "hand", "notes": n} for f, k, n in CONNECTORS]
    attested = {
        strip_diacritics(m.group(1))
        for name in all_names
        for m in [re.match(r"^عبد ?(ال\S+)$", name)]
        if m and m.group(1) != "ال"
    }
    for name in sorted(set(DIVINE_NAMES) | attested):
        source = (
            "hand|faker"
            if name in attested and name in DIVINE_NAMES
            else ("faker" if name in attested else "hand")
        )
        rows.append({"form": name, "kind": "divine_name", "source": source, "notes": "follows عبد"})
    return rows


def main() -> None:
    given = given_names()
    family = family_names({r["name_ar"] for r in given})
    raw = [strip_diacritics(n) for loc in LOCALES for n in getattr(_provider(loc), "first_names_male", ())]
    write_table("given_names_ar.csv", given)
    write_table("family_names_ar.csv", family)
    write_table("name_connectors_ar.csv", connectors(raw))


if __name__ == "__main__":
    main()
