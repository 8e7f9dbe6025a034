"""Closed-class cue words and the personal-name lexicons the open-world stages rely on.

The cue lists are grammar (titles, speech verbs, organization head nouns), like the honorifics of
``roles.py``; the name lexicons are data: the knowledge base's own names plus
``data/reference/given_names_ar.csv`` and ``family_names_ar.csv`` (built from a package's locale
data by ``scripts/build_names.py``) when they are present.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import WORD_PATTERN, normalize_expr

# Titles and occupations that stand right before a person's name (with the matcher's honorifics,
# passed to load_lexicons): الرئيس، الملك، اللاعب، المدرب ...
TITLE_FORMS: tuple[str, ...] = (
    "الرئيس",
    "الرئيسة",
    "الملك",
    "الملكة",
    "الوزير",
    "الوزيرة",
    "السفير",
    "السفيرة",
    "النائب",
    "النائبة",
    "اللاعب",
    "اللاعبة",
    "المدرب",
    "المدير",
    "المديرة",
    "القائد",
    "الزعيم",
    "الزعيمة",
    "القاضي",
    "المحامي",
    "الكاتب",
    "الكاتبة",
    "الصحافي",
    "الصحفي",
    "المخرج",
    "الفنان",
    "الفنانة",
    "الممثل",
    "الممثلة",
    "المطرب",
    "المطربة",
    "الأستاذ",
    "الأستاذة",
    "البروفسور",
    "البروفيسور",
    "المرشح",
    "المرشحة",
    "الإمام",
    "البابا",
    "الكاردينال",
    "المطران",
    "الحاخام",
    "الأب",
    "الدكتورة",
    "المهندس",
    "الشاعر",
    "الروائي",
    "المفكر",
    "الباحث",
    "الناشط",
    "الناشطة",
    "المعارض",
    "المبعوث",
    "المنسق",
    "الجنرال",
    "الأدميرال",
    "الرقيب",
    "النقيب",
    "الرائد",
    "المقدم",
    "الحارس",
    "المهاجم",
    "المدافع",
    "النجم",
    "صاحب",
    "حضرة",
    "جلالة",
    "معالي",
    "سعادة",
    "دولة",
    "مواطنه",
    "زميله",
    "مساعده",
)
# Heads of a construct phrase naming a person's office: رئيس الاتحاد، وزير الخارجية الأمريكي ...
OFFICE_HEADS: tuple[str, ...] = (
    "رئيس",
    "رئيسة",
    "وزير",
    "وزيرة",
    "مدير",
    "مديرة",
    "قائد",
    "زعيم",
    "سفير",
    "نائب",
    "أمين",
    "الأمين",
    "مستشار",
    "مساعد",
    "محافظ",
    "عضو",
    "متحدث",
    "المتحدث",
    "الناطق",
    "ناطق",
    "مندوب",
    "المندوب",
    "ممثل",
    "مبعوث",
    "مفوض",
    "رئيس",
    "حاكم",
    "عمدة",
    "مدرب",
    "لاعب",
    "مؤسس",
    "منسق",
)
# Verbs of saying: the name after them is their subject (قال فلان، أكد فلان).
SPEECH_VERBS: tuple[str, ...] = (
    "قال",
    "قالت",
    "أكد",
    "أكدت",
    "أضاف",
    "أضافت",
    "أوضح",
    "أوضحت",
    "صرح",
    "صرحت",
    "أعلن",
    "أعلنت",
    "ذكر",
    "ذكرت",
    "أشار",
    "أشارت",
    "شدد",
    "شددت",
    "اعتبر",
    "اعتبرت",
    "رأى",
    "رأت",
    "نفى",
    "نفت",
    "دعا",
    "دعت",
    "طالب",
    "طالبت",
    "اعترف",
    "أعرب",
    "أعربت",
    "تابع",
    "كشف",
    "كشفت",
    "حذر",
    "حذرت",
    "يقول",
    "تقول",
)
# Head nouns of organization names: the head and its complement chain (idafa, adjectives) are one ORG.
ORG_HEADS: tuple[str, ...] = (
    "وزارة",
    "هيئة",
    "مجلس",
    "حركة",
    "حزب",
    "جماعة",
    "منظمة",
    "جمعية",
    "شركة",
    "مؤسسة",
    "وكالة",
    "جامعة",
    "بنك",
    "مصرف",
    "اتحاد",
    "لجنة",
    "نادي",
    "نادى",
    "صحيفة",
    "جريدة",
    "مجلة",
    "قناة",
    "إذاعة",
    "تلفزيون",
    "معهد",
    "مركز",
    "مكتب",
    "محكمة",
    "برلمان",
    "جبهة",
    "تحالف",
    "كتلة",
    "ائتلاف",
    "منتدى",
    "صندوق",
    "مجموعة",
    "نقابة",
    "رابطة",
    "أكاديمية",
    "كلية",
    "مستشفى",
    "مفوضية",
    "سلطة",
)
# Heads that stand in apposition before a proper name: the name alone is the organization
# (شركة نوكيا، حركة حماس، صحيفة التايمز), while an idafa chain makes one name with its head.
APPOSITIVE_HEADS: tuple[str, ...] = (
    "شركة",
    "حركة",
    "جماعة",
    "صحيفة",
    "جريدة",
    "مجلة",
    "قناة",
    "إذاعة",
    "تلفزيون",
    "وكالة",
    "نادي",
    "نادى",
    "مجموعة",
    "مصرف",
    "بنك",
)
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
# Subjects of a speech verb that are common nouns, not names (قال مسؤول، أكد مصدر).
GENERIC_SUBJECTS: tuple[str, ...] = (
    "مسؤول",
    "مسؤولة",
    "مصدر",
    "مصادر",
    "شهود",
    "شاهد",
    "بيان",
    "تقرير",
    "متحدث",
    "ناطق",
    "مراسل",
    "مسؤولو",
    "خبير",
    "محلل",
    "دبلوماسي",
    "مواطن",
    "طبيب",
    "ضابط",
    "قائد",
    "عضو",
    "أحد",
    "بعض",
    "كثير",
    "معظم",
    "رئيس",
    "وزير",
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
    connectors: pl.Series
    given: pl.Series
    family: pl.Series
    stop: pl.Series
    generic: pl.Series
    # Normalized frequent words of general Arabic with their Zipf frequency (``word``, ``zipf``).
    common: pl.DataFrame


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
    titles = [*honorifics, *TITLE_FORMS]
    cue = _norm_set([*titles, *OFFICE_HEADS])
    given = given.filter(~given.str.starts_with("ال") & ~given.is_in(connectors.implode())).unique()
    given = given.filter(~given.is_in(cue.implode()) & ~given.is_in(stop.implode()))
    family = _csv_words(reference_dir / "family_names_ar.csv").unique()
    return Lexicons(
        titles=_norm_set(titles),
        office_heads=_norm_set(OFFICE_HEADS),
        speech=_norm_set(SPEECH_VERBS),
        org_heads=_norm_set(ORG_HEADS),
        appositive=_norm_set(APPOSITIVE_HEADS),
        connectors=connectors,
        given=given,
        family=family,
        stop=stop,
        generic=_norm_set(GENERIC_SUBJECTS),
        common=_common_words(reference_dir / "common_words_ar.csv"),
    )


@lru_cache(maxsize=2)
def _common_words(path: Path) -> pl.DataFrame:
    if not path.exists():
        return pl.DataFrame(schema={"word": pl.String, "zipf": pl.Float64})
    df = pl.read_csv(path, schema_overrides={"word": pl.String, "zipf": pl.Float64})
    return (
        df.select(word=normalize_expr(pl.col("word")), zipf="zipf").group_by("word").agg(pl.col("zipf").max())
    )
