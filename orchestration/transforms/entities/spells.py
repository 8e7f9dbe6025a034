"""Office spells on a date: who held a role in a country, and which office a person held.

The date-dependent lookups over ``office_spells`` shared by the role resolvers (``role_refs``,
``igo_roles``, ``known_persons``, ``phrases``, ``selection``); ``roles`` holds the dictionaries.
"""

from __future__ import annotations

import polars as pl

# roles.csv files roles that are not a single seat (soldiers, officials, any minister) under this office.
GENERIC_OFFICE = "other"


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
    undated = _drop_concurrent_portfolios(undated)
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


def _drop_concurrent_portfolios(undated: pl.DataFrame) -> pl.DataFrame:
    """Spells held within a more senior office of the same person, from its start to its end: a
    portfolio the head of state keeps (Tebboune's defence ministry, DZAMIL, inside his presidency,
    DZAGOV). Undated, the person acts in the senior office; the portfolio's code must not make
    his codes disagree and leave him none."""
    if undated.is_empty():
        return undated
    rank = pl.col("office").replace_strict(_SENIORITY, default=len(_SENIORITY), return_dtype=pl.Int8)
    rows = undated.with_row_index("_sid").with_columns(_rank=rank)
    senior = rows.select("req_id", _t_rank="_rank", _t_start="start_date", _t_end="end_date")
    open_end = pl.col("_t_end").is_null()
    covered = (
        rows.join(senior, on="req_id")
        .filter(
            (pl.col("_t_rank") < pl.col("_rank"))
            & (pl.col("_t_start") <= pl.col("start_date"))
            & (open_end | (pl.col("end_date").is_not_null() & (pl.col("end_date") <= pl.col("_t_end"))))
        )
        .select("_sid")
        .unique()
    )
    return rows.join(covered, on="_sid", how="anti").drop("_sid", "_rank")
