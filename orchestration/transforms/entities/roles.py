"""Role and title resolution: role nouns, country nisba adjectives, office holders on a date.

A role phrase is a role noun from ``roles.csv`` (``الرئيس``, ``وزير الخارجية``, ``ولي العهد``)
optionally followed by a country: a nisba adjective (``الرئيس الروسي``) or a country name in
idafa (``رئيس روسيا``, ``أمير قطر``). ``matching.py`` matches the phrases; this module holds the
dictionaries derived from the knowledge base and the date-dependent office lookups.
"""

from __future__ import annotations

import polars as pl

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

# roles.csv files roles that are not a single seat (soldiers, officials, any minister) under this office.
GENERIC_OFFICE = "other"

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
            cameo_role=pl.col("cameo_role").mode().first(),
            rank=pl.col("rank").min(),
        )
    )


def in_spell(date: pl.Expr) -> pl.Expr:
    """``reference.spell_active``, except that a spell without a start date counts as in force up
    to its end (shared by the role and IGO-office resolvers).

    Half-open [start_date, end_date): on a hand-over day the successor holds the office
    (data/reference/README.md, office_spells)."""
    return (pl.col("start_date").is_null() | (pl.col("start_date") <= date)) & (
        pl.col("end_date").is_null() | (date < pl.col("end_date"))
    )


def _spell_cols(office_spells: pl.DataFrame) -> list[pl.Expr]:
    def opt(name: str) -> pl.Expr:
        return pl.col(name) if name in office_spells.columns else pl.lit(None, dtype=pl.String())

    return [
        pl.col("entity_id"),
        pl.col("office"),
        pl.col("country_iso3"),
        pl.col("cameo_code"),
        pl.col("start_date"),
        pl.col("end_date"),
        opt("title").alias("title"),
        opt("status").alias("status"),
        opt("source").alias("source"),
    ]


# Offices by seniority: a person holding two at once is coded by the senior one (a president who
# keeps the defence portfolio is DZAGOV, not DZAMIL), whatever order the spell rows come in.
_SENIORITY = {
    "head_of_state": 0,
    "head_of_government": 1,
    "crown_prince": 2,
    "deputy_crown_prince": 3,
    "foreign_minister": 4,
    "defence_minister": 5,
    "igo_head": 6,
    "envoy": 7,
    "vice_president": 8,
    "speaker": 9,
}


def spell_order(holder: str = "entity_id") -> tuple[list[pl.Expr], list[bool]]:
    """A total order on concurrent spells (after the caller's own keys): latest start first, then the
    senior office, then the remaining columns, so that ``unique(keep="first")`` is reproducible."""
    seniority = pl.col("office").replace_strict(_SENIORITY, default=len(_SENIORITY), return_dtype=pl.Int8)
    keys = [pl.col("start_date"), seniority, pl.col("office"), pl.col("cameo_code"), pl.col(holder)]
    return keys, [True, False, False, False, False]


def office_holders(requests: pl.DataFrame, office_spells: pl.DataFrame) -> pl.DataFrame:
    """Who held a role in ``country_iso3`` on ``date``.

    ``requests``: ``req_id, role, office, country_iso3, date``. The role key is matched against the
    spell's ``title`` first and its ``office`` second (الرئيس الإيراني is the president, who is head
    of government, not the supreme leader who is head of state); the generic office ``other`` is
    never matched by office. Regular holders beat acting ones, and rival claimants come last.
    Returns ``req_id, holder_id, cameo_code`` for requests with a date and a holder.
    """
    spells = office_spells.select(_spell_cols(office_spells)).rename(
        {"entity_id": "holder_id", "office": "s_office", "title": "s_title"}
    )
    dated = requests.filter(pl.col("date").is_not_null())
    by_title = dated.join(spells, left_on=["role", "country_iso3"], right_on=["s_title", "country_iso3"])
    # The office is a fallback only where nobody in that country is styled by the role in another
    # office: if Iran has presidents (heads of government) but none on this date, the supreme leader
    # is no answer; but Syria having had a "leader" who was head of state does not stop "الزعيم
    # السوري" of 2017 from meaning its head of state then.
    titled = (
        spells.select(role="s_title", country_iso3="country_iso3", t_office="s_office").drop_nulls().unique()
    )
    blocked = (
        dated.join(titled, on=["role", "country_iso3"])
        .filter(pl.col("t_office") != pl.col("office"))
        .select("req_id")
        .unique()
    )
    by_office = (
        dated.filter(pl.col("office") != GENERIC_OFFICE)
        .join(blocked, on="req_id", how="anti")
        .join(
            spells.drop("s_title"), left_on=["office", "country_iso3"], right_on=["s_office", "country_iso3"]
        )
    )
    both = pl.concat(
        [
            by_title.select(
                "req_id", "holder_id", "cameo_code", "start_date", "end_date", "status", how=pl.lit(0)
            ),
            by_office.select(
                "req_id", "holder_id", "cameo_code", "start_date", "end_date", "status", how=pl.lit(1)
            ),
        ]
    )
    status_order = pl.col("status").replace_strict({"acting": 1, "rival": 2}, default=0, return_dtype=pl.Int8)
    return (
        both.join(dated.select("req_id", "date"), on="req_id")
        .filter(in_spell(pl.col("date")))
        .with_columns(status_order=status_order)
        .sort(
            ["req_id", "how", "status_order", "start_date", "cameo_code", "holder_id"],
            descending=[False, False, False, True, False, False],
            nulls_last=True,
        )
        .unique("req_id", keep="first", maintain_order=True)
        .select("req_id", "holder_id", "cameo_code")
    )


def person_spells_on(requests: pl.DataFrame, office_spells: pl.DataFrame) -> pl.DataFrame:
    """The office a person held on a date: ``requests`` ``req_id, entity_id, date`` ->
    ``req_id, office, title, spell_country_iso3, spell_cameo_code``.

    With a known date the spell covering it is used. With no date, a person whose spells all carry
    one CAMEO code (Putin: RUSGOV as president and as prime minister) still gets that code and
    their latest office; with conflicting codes, those of the hand-kept spells if they agree, else
    none. An optional ``floor`` column
    (the undated article's earliest plausible date) leaves out the spells ended by then.
    """
    spells = office_spells.select(_spell_cols(office_spells)).rename(
        {"country_iso3": "spell_country_iso3", "cameo_code": "spell_cameo_code"}
    )
    joined = requests.join(spells, on="entity_id")
    keys, descending = spell_order()
    order = [pl.col("req_id"), *[k.alias(f"_k{i}") for i, k in enumerate(keys)]]
    joined = joined.with_columns(cameo_code=pl.col("spell_cameo_code")).sort(
        order, descending=[False, *descending], nulls_last=True
    )
    dated = joined.filter(pl.col("date").is_not_null() & in_spell(pl.col("date"))).unique(
        "req_id", keep="first", maintain_order=True
    )
    undated = joined.filter(pl.col("date").is_null())
    if "floor" in joined.columns:
        # Only offices the person can still have held when the article was written (``undated``):
        # Moussa Faki in an article of 2018 or later chairs the AU Commission, not Chad's cabinet.
        undated = undated.filter(pl.col("end_date").is_null() | (pl.col("end_date") > pl.col("floor")))
    # Codes that disagree are settled by the hand-kept spells when those agree (the office the news
    # names the person by; the generated career adds the rest: ElBaradei's IAEA, not his weeks
    # as Egypt's vice president).
    code = pl.col("spell_cameo_code")
    hand = pl.col("source") == "hand"
    one = code.n_unique().over("req_id") == 1
    one_hand = code.filter(hand).n_unique().over("req_id") == 1
    undated = undated.filter(one | (one_hand & hand)).unique("req_id", keep="first", maintain_order=True)
    return pl.concat([dated, undated]).select(
        "req_id", "office", "title", "spell_country_iso3", "spell_cameo_code"
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
