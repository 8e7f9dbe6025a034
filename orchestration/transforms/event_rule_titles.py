"""Titles of actors in event candidates: a state, organization or role that is only part of a
person's title is not a party of its own (issue 11: titles and honorifics are part of the actor's
span). Frames here are the per-candidate frames of ``event_rules`` (``_row``, ``a1_rel``...) and
their sentence mentions (``m_entity``, ``m_rel``...).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.event_rule_patterns import RulePatterns, country_of

# How far (characters) an apposition title may run from a name to the organization it names.
_TITLE_REACH = 30
# Nothing but spaces, quotes or a comma between a name and the role after it.
_BARE_GAP = r"^[\s\"«»“”'،,]*$"


def _first_holder(m: pl.DataFrame, by: list[str], descending: list[bool]) -> pl.DataFrame:
    """The first person mention per candidate row (``_row``) by ``by``, entity and code breaking ties:
    ``h_entity``, ``h_code``, ``h_start``, ``h_rel``."""
    return (
        m.sort(["_row", *by, "m_entity", "m_code"], descending=[False, *descending, False, False])
        .group_by("_row", maintain_order=True)
        .agg(
            h_entity=pl.col("m_entity").first(),
            h_code=pl.col("m_code").first(),
            h_start=pl.col("m_start").first(),
            h_rel=pl.col("m_rel").first(),
        )
    )


def _take_holder(c: pl.DataFrame, holders: pl.DataFrame, n: int, code: pl.Expr) -> pl.DataFrame:
    """Side ``n`` of the rows that have a holder becomes that person (entity, ``code``, offsets)."""
    return (
        c.join(holders, on="_row", how="left")
        .with_columns(
            pl.coalesce("h_entity", f"actor{n}_entity_id").alias(f"actor{n}_entity_id"),
            pl.when(pl.col("h_entity").is_not_null())
            .then(code)
            .otherwise(f"actor{n}_code")
            .alias(f"actor{n}_code"),
            pl.coalesce("h_start", f"actor{n}_char_offset").alias(f"actor{n}_char_offset"),
            pl.coalesce("h_rel", f"a{n}_rel").alias(f"a{n}_rel"),
        )
        .drop("h_entity", "h_code", "h_start", "h_rel")
    )


def title_holders(c: pl.DataFrame, cm: pl.DataFrame) -> pl.DataFrame:
    """A state, organization or role whose mention runs into a person's name is that person's title
    (وزير الخارجية السوري، فيصل المقداد; الأمين العام لجامعة الدول العربية أحمد أبو الغيط): the side
    becomes the person, of the same state or of none. Paired with that very person, it is a self pair
    (handled by the sanity rules)."""
    for n in (1, 2):
        ends = (
            cm.filter(
                (pl.col("m_entity") == pl.col(f"actor{n}_entity_id"))
                & (pl.col("m_start") == pl.col(f"actor{n}_char_offset"))
                & ~pl.col("m_entity").str.starts_with("person:")
            )
            .group_by("_row")
            # The code of the longest reading (ties: by code), not of whichever row came first.
            .agg(
                t_end=pl.col("m_end_rel").max(),
                t_code=pl.col("m_code").sort_by("m_end_rel", "m_code", descending=[True, False]).first(),
            )
        )
        holders = (
            cm.join(ends, on="_row")
            .filter(
                pl.col("m_entity").str.starts_with("person:")
                & (pl.col("m_rel") >= pl.col("t_end"))
                & (pl.col("m_rel") <= pl.col("t_end") + 3)
                & (country_of(pl.col("m_code")) == country_of(pl.col("t_code"))).fill_null(True)
            )
            .pipe(_first_holder, ["m_rel", "m_end_rel"], [False, True])
        )
        c = _take_holder(c, holders, n, pl.col("h_code"))
    return c


def appositions(c: pl.DataFrame, cm: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """title{n}: side n is an organization or state named in the other side's title after his name
    (أحمد أبو الغيط الأمين العام لجامعة الدول العربية): the person and his own organization."""
    for n, o in ((1, 2), (2, 1)):
        name_ends = (
            cm.filter(
                (pl.col("m_entity") == pl.col(f"actor{o}_entity_id"))
                & (pl.col("m_start") == pl.col(f"actor{o}_char_offset"))
                & pl.col("m_entity").str.starts_with("person:")
            )
            .group_by("_row")
            .agg(name_end=pl.col("m_end_rel").max())
        )
        c = c.join(name_ends, on="_row", how="left")
        gap = pl.col("sentence").str.slice(
            pl.col("name_end"), (pl.col(f"a{n}_rel") - pl.col("name_end")).clip(lower_bound=0)
        )
        c = c.with_columns(
            (
                ~pl.col(f"actor{n}_entity_id").str.starts_with("person:")
                & (pl.col(f"a{n}_rel") >= pl.col("name_end"))
                & (pl.col(f"a{n}_rel") <= pl.col("name_end") + _TITLE_REACH)
                & gap.str.contains(p.title_gap)
            )
            .fill_null(False)
            .alias(f"title{n}")
        ).drop("name_end")
    return c


def trailing_titles(c: pl.DataFrame, cm: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """A role, state or organization side that only continues a person's titles after his name
    («الأمير محمد بن سلمان ولي العهد ورئيس مجلس الوزراء السعودي») is that person: the side takes
    him (a repeat of his own pair, or a self pair for the sanity rules)."""
    for n in (1, 2):
        gap = pl.col("sentence").str.slice(
            pl.col("m_end_rel"), (pl.col(f"a{n}_rel") - pl.col("m_end_rel")).clip(lower_bound=0)
        )
        # The side is a role even when the events stage gave it the office's holder of the day.
        role_rows = cm.filter(
            (pl.col("m_start") == pl.col(f"actor{n}_char_offset"))
            & pl.col("m_entity").str.starts_with("actor:")
        )["_row"].unique()
        holders = cm.filter(
            (
                ~pl.col(f"actor{n}_entity_id").str.starts_with("person:")
                | pl.col("_row").is_in(role_rows.implode())
            )
            & pl.col("m_entity").str.starts_with("person:")
            & (pl.col("m_end_rel") <= pl.col(f"a{n}_rel"))
            & (pl.col(f"a{n}_rel") - pl.col("m_end_rel") <= _TITLE_REACH)
            & (
                (
                    gap.str.contains(p.title_gap)
                    & (country_of(pl.col("m_code")) == country_of(pl.col(f"actor{n}_code"))).fill_null(True)
                )
                # «"علي أكبر صالحي" وزير الخارجية الإيراني السابق»: a role right after the name
                # of a person of its very state is his apposition.
                | (
                    gap.str.contains(_BARE_GAP)
                    & (pl.col("m_code") == pl.col(f"actor{n}_code")).fill_null(False)
                )
            )
        ).pipe(_first_holder, ["m_end_rel", "m_rel"], [True, False])
        c = _take_holder(c, holders, n, pl.coalesce("h_code", f"actor{n}_code"))
    return c
