"""Role and title resolution: role nouns, country nisba adjectives, office holders on a date.

A role phrase is a role noun from ``roles.csv`` (``الرئيس``, ``وزير الخارجية``, ``ولي العهد``)
optionally followed by a country: a nisba adjective (``الرئيس الروسي``) or a country name in
idafa (``رئيس روسيا``, ``أمير قطر``). ``matching.py`` matches the phrases; this module holds the
dictionaries derived from the knowledge base; the date-dependent office lookups are in ``spells``
(re-exported here for the callers that use ``rl.office_holders`` and the like).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.spells import (  # noqa: F401  (re-exported: callers use rl.*)
    GENERIC_OFFICE,
    in_spell,
    office_holders,
    person_spells_on,
    spell_order,
)
from orchestration.transforms.text import WORD_PATTERN, normalize_expr

# Counterpart nouns with their pronoun suffixes: "his/her/their counterpart(s)". Closed-class
# grammar (one lemma), so it lives here rather than in a reference CSV.
COUNTERPART_FORMS: tuple[str, ...] = (
    "نظيره",
    "نظيرها",
    "نظيريه",
    "نظيريها",
    "نظيرهم",
    "نظرائه",
    "نظرائها",
    "نظرائهم",
    "نظيرته",
    "نظيرتها",
    "نظيراه",
    "نظيرتيه",
)
# Honorifics that may stand between a role phrase and a name (أمير قطر الشيخ تميم ...).
HONORIFIC_FORMS: tuple[str, ...] = (
    "الشيخ",
    "الشيخة",
    "السيد",
    "السيدة",
    "الدكتور",
    "الدكتورة",
    "المشير",
    "الفريق",
    "اللواء",
    "العميد",
    "العماد",
    "العقيد",
    "الجنرال",
    "الأمير",
    "الأميرة",
    "السلطان",
    "المستشار",
    "سمو",
    "سماحة",
    "فخامة",
)
# Particles that occur inside Arabic names but never end one.
NAME_PARTICLES: tuple[str, ...] = ("بن", "ابن", "بنت", "عبد", "أبو", "أبي", "آل", "ذو", "أم")

# Adjectives marking a former or late office holder (closed class, like the honorifics).
FORMER_FORMS: tuple[str, ...] = (
    "السابق",
    "السابقة",
    "الأسبق",
    "الأسبقة",
    "الراحل",
    "الراحلة",
    "المخلوع",
    "المعزول",
)

_NISBA_SUFFIXES: tuple[str, ...] = ("ه", "ين", "ون", "ان", "تين", "تان")


def _key(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    tokens = normalize_expr(expr).str.extract_all(WORD_PATTERN)
    return tokens.list.join(" ").alias("key"), tokens.list.len().cast(pl.Int64).alias("n")


def _split(col: str) -> pl.Expr:
    return pl.col(col).fill_null("").str.split("|")


def nisba_lexicon(countries: pl.DataFrame) -> pl.DataFrame:
    """``key, n, iso3``: normalized nisba forms of each country, with regular inflections added.

    The reference lists the forms an editor wrote down; the regular feminine, dual and sound plural
    (الروسي -> الروسية/الروسيان/الروسيين/الروسيون) are derived here so the list need not repeat them.
    """
    forms = (
        countries.select("iso3", form=_split("nisba_ar"))
        .explode("form")
        .with_columns(form=normalize_expr(pl.col("form").str.strip_chars()))
        .filter(pl.col("form").str.len_chars() > 1)
    )
    # Only masculine singular forms (ending in ي) inflect regularly.
    inflected = pl.concat(
        [
            forms.filter(pl.col("form").str.ends_with("ي")).select("iso3", form=pl.col("form") + suffix)
            for suffix in _NISBA_SUFFIXES
        ]
    )
    all_forms = pl.concat([forms, inflected]).unique()
    key, n = _key(pl.col("form"))
    return all_forms.select(key, n, "iso3").filter(pl.col("n") > 0).unique(maintain_order=True)


def role_lexicon(roles: pl.DataFrame) -> pl.DataFrame:
    """``key, n, kind, role, office, cameo_role, rank, org_id`` for role nouns, counterparts and honorifics.

    Each role pattern is expanded with and without the article on every token: the nisba
    construction is definite (الرئيس الروسي, وزير الخارجية الروسي) while idafa drops the article
    inside the chain (رئيس روسيا, وزير خارجية روسيا, رئيس وزراء إسرائيل).
    """
    key, _ = _key(pl.col("pattern_ar"))
    # ``org_id``: the organization a pattern names by itself (المبعوث الأممي is the UN's envoy).
    org_id = pl.col("org_id") if "org_id" in roles.columns else pl.lit(None, pl.String())
    base = roles.select(
        "role",
        "office",
        "cameo_role",
        pl.col("rank").cast(pl.Int64),
        org_id.alias("org_id"),
        tokens=key.str.split(" "),
    ).filter(pl.col("tokens").list.len() > 0)
    max_tokens = int(base["tokens"].list.len().max() or 0)
    variants = base
    for i in range(max_tokens):
        tok = pl.col("tokens").list.get(i, null_on_oob=True)
        toggled = (
            pl.when(tok.str.starts_with("ال") & (tok.str.len_chars() > 3))
            .then(tok.str.slice(2))
            .otherwise(pl.lit("ال") + tok)
        )
        swapped = variants.filter(pl.col("tokens").list.len() > i).with_columns(
            tokens=pl.concat_list(
                pl.col("tokens").list.head(i), pl.concat_list(toggled), pl.col("tokens").list.slice(i + 1)
            )
        )
        variants = pl.concat([variants, swapped])
    role_rows = variants.select(
        key=pl.col("tokens").list.join(" "),
        n=pl.col("tokens").list.len().cast(pl.Int64),
        kind=pl.lit("role"),
        role="role",
        office="office",
        cameo_role="cameo_role",
        rank="rank",
        org_id="org_id",
    )
    closed = pl.concat(
        [
            pl.DataFrame({"form": list(COUNTERPART_FORMS), "kind": "counterpart"}),
            pl.DataFrame({"form": list(HONORIFIC_FORMS), "kind": "honorific"}),
        ]
    ).select(*_key(pl.col("form")), "kind")
    return (
        pl.concat([role_rows, closed], how="diagonal_relaxed")
        # Ties on rank: by role, code and organization (a total order, not the concat's).
        .sort("key", "kind", "office", "rank", "role", "cameo_role", "org_id", nulls_last=True)
        .unique(["key", "kind", "office"], keep="first", maintain_order=True)
    )


def office_roles(roles: pl.DataFrame) -> pl.DataFrame:
    """One row per office: ``office, role, cameo_role, rank``.

    ``role`` is the office's only role key when it has one (foreign_minister), else the office
    itself (head_of_state covers president, king, emir ...): a counterpart of a president is
    whatever heads the other state.
    """
    return (
        roles.select("office", "role", "cameo_role", pl.col("rank").cast(pl.Int64))
        .sort("rank", nulls_last=True)
        .group_by("office", maintain_order=True)
        .agg(
            role=pl.when(pl.col("role").n_unique() == 1)
            .then(pl.col("role").first())
            .otherwise(pl.col("office").first()),
            # ``mode`` returns tied values in no set order: the smallest of them.
            cameo_role=pl.col("cameo_role").mode().sort().first(),
            rank=pl.col("rank").min(),
        )
    )


def actor_id(country_iso3: pl.Expr, cameo_role: pl.Expr, role: pl.Expr) -> pl.Expr:
    """``actor:<CAMEO>:<role>`` (``actor:USAGOV:president``): a country+role actor.

    The role suffix keeps ids unique when two offices share a CAMEO code (president and foreign
    minister are both USAGOV) while the prefix stays the CAMEO actor code.
    """
    return pl.concat_str([pl.lit("actor:"), country_iso3, cameo_role.fill_null(""), pl.lit(":"), role])


def actor_name(role: pl.Expr, country_name_en: pl.Expr) -> pl.Expr:
    """``President of Russia`` from the role key ``president`` and the country's English name."""
    words = role.str.replace_all("_", " ")
    title = words.str.head(1).str.to_uppercase() + words.str.slice(1)
    return pl.concat_str([title, pl.lit(" of "), country_name_en])


def actor_type(office: pl.Expr) -> pl.Expr:
    """A seat (president, foreign minister) is held by a person; a generic role with a country
    (الجيش السوري, الحكومة السورية) is a collective actor."""
    return pl.when(office == GENERIC_OFFICE).then(pl.lit("ORG")).otherwise(pl.lit("PERSON"))
