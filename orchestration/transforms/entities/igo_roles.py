"""Offices of international organizations: who holds an office phrase (``igo_phrases`` finds
the phrases: a role with its organization).

The person named with the phrase (after it, or right before it when they ever held a post in that
organization) acts for the organization: CAMEO codes such officials with the organization's code
(IGOUNO, IGOARL ...), not their nationality. A phrase naming nobody resolves through
``office_spells.org_id`` on the article's date, else to the one person named in the article who
ever held it, else to an ``actor:<code>:<role>`` actor of the organization.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.lexicon import col_or_null
from orchestration.transforms.entities.spells import in_spell
from orchestration.transforms.entities.undated import FLOOR_SCHEMA, spans_all_plausible
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import GAP_COMMA, GAP_SPACE


def _org_spells(kb: KnowledgeBase) -> pl.DataFrame:
    s = kb.office_spells
    return s.select(
        holder_id="entity_id",
        s_office="office",
        s_title=col_or_null(s, "title"),
        s_code="cameo_code",
        org_id=col_or_null(s, "org_id"),
        start_date="start_date",
        end_date="end_date",
        status=col_or_null(s, "status"),
    ).filter(pl.col("org_id").is_not_null())


def attach_igo_persons(phrases: pl.DataFrame, elements: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """``eid`` (the person's element), ``a_role``, ``a_code`` and ``phrase_eid`` for persons named
    with an organization's office: right after it (apposition, comma allowed, an honorific between),
    or right before it when they ever held a post in that organization (أحمد أبو الغيط الأمين العام
    لجامعة الدول العربية)."""
    persons = elements.filter((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON"))
    follow = elements.filter(pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA]) & (pl.col("prefix") == ""))
    honor = follow.filter(pl.col("kind") == "honorific").select("aidx", pw1="w0", h_w1="w1")
    starts = phrases.select("eid", "aidx", "pw1").join(honor, on=["aidx", "pw1"], how="left")
    starts = starts.with_columns(s=pl.coalesce("h_w1", "pw1"))
    forward = starts.join(
        follow.filter((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON")).select(
            "aidx", s="w0", person_eid="eid"
        ),
        on=["aidx", "s"],
    ).select("eid", "person_eid")
    held = _org_spells(kb).select("org_id", person_id="holder_id").unique()
    backward = (
        phrases.filter(pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA]) & (pl.col("prefix") == ""))
        .select("eid", "aidx", "w0", "org_id")
        .join(persons.select("aidx", w0="w1", person_eid="eid", person_id="entity_id"), on=["aidx", "w0"])
        .join(held, on=["person_id", "org_id"], how="semi")
        .select("eid", "person_eid")
    )
    return (
        # A person right after an office before one right before it; then the phrase that starts
        # first: «المبعوث الشخصي للأمين العام للأمم المتحدة هورست كولر» names the envoy, whose
        # phrase the secretary-general's is a complement of. A total order, not the joins' one.
        pl.concat([forward.with_columns(_back=pl.lit(0)), backward.with_columns(_back=pl.lit(1))])
        .join(phrases.select("eid", _w0="w0"), on="eid")
        .sort("person_eid", "_back", "_w0", "eid")
        .unique("person_eid", keep="first", maintain_order=True)
        .drop("_back", "_w0")
        .join(phrases.select("eid", "role", "org_code"), on="eid")
        .select(eid="person_eid", phrase_eid="eid", a_role="role", a_code="org_code")
    )


def resolve_igo_roles(
    free: pl.DataFrame, firm_persons: pl.DataFrame, kb: KnowledgeBase, floors: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, actor entities) of offices naming nobody.

    The holder on the article's date by organization and title (or office); several holders at
    once (envoys to different countries) leave the choice to the one the article names. Undated:
    the one person named in the article who ever held it, else the one holder of every date the
    article can have (``floors``: ``aidx, floor``, see ``undated``). Else the organization's role
    actor.
    """
    spells = _org_spells(kb)
    floors = pl.DataFrame(schema=FLOOR_SCHEMA) if floors is None else floors
    cand = (
        free.select("eid", "aidx", "date", "role", "office", "org_id")
        .join(floors, on="aidx", how="left")
        .join(spells, on="org_id")
    )
    cand = cand.filter(
        (pl.col("s_title") == pl.col("role")) | (pl.col("s_office") == pl.col("office"))
    ).filter(pl.col("date").is_null() | in_spell(pl.col("date")))
    named = firm_persons.select("aidx", holder_id="entity_id").unique().with_columns(in_article=pl.lit(True))
    cand = cand.join(named, on=["aidx", "holder_id"], how="left").with_columns(
        pl.col("in_article").fill_null(False)
    )
    # Undated, the role noun must be the holder's own title (as for countries' offices, role_refs).
    spans = (
        pl.col("floor").is_not_null()
        & spans_all_plausible(pl.col("floor"))
        & (pl.col("s_title") == pl.col("role")).fill_null(False)
    )
    cand = cand.filter(pl.col("date").is_not_null() | pl.col("in_article") | spans)
    # Regular holders before acting ones; named ones first; a choice must be unique at its level.
    cand = cand.with_columns(
        level=pl.col("in_article").not_().cast(pl.Int8) * 2
        + (pl.col("status").fill_null("") != "").cast(pl.Int8)
    ).filter(pl.col("level") == pl.col("level").min().over("eid"))
    holders = (
        cand.filter(pl.col("holder_id").n_unique().over("eid") == 1)
        # One holder; of their spells' codes, the latest spell's (a total order, not the join's).
        .sort(["eid", "start_date", "s_code"], descending=[False, True, False], nulls_last=True)
        .unique("eid", keep="first", maintain_order=True)
        .select("eid", "holder_id", "s_code")
    )
    refs = free.join(holders, on="eid", how="left")
    actor = pl.concat_str([pl.lit("actor:"), pl.col("org_code"), pl.lit(":"), pl.col("role")])
    mentions = refs.select(
        "aidx",
        "cs",
        "ce",
        "surf",
        entity_id=pl.coalesce("holder_id", actor),
        entity_type=pl.lit("PERSON"),
        method=pl.lit("role"),
        actor_code=pl.coalesce("s_code", "org_code"),
        role="role",
    )
    words = pl.col("role").str.replace_all("_", " ")
    actors = refs.filter(pl.col("holder_id").is_null()).select(
        entity_id=actor,
        entity_type=pl.lit("PERSON"),
        name_en=pl.concat_str(
            [words.str.head(1).str.to_uppercase() + words.str.slice(1), pl.lit(" of "), pl.col("org_en")]
        ),
        name_ar=pl.lit(None, pl.String()),
        country_iso3=pl.lit(None, pl.String()),
        cameo_code="org_code",
        origin=pl.lit("role"),
    )
    return mentions, actors
