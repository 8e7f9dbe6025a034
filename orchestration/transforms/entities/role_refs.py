"""Role phrases that name nobody: the office holder on the article's date, else a country+role actor.

A free phrase (no attached person, not a new titled person) with a country resolves to whoever held
the office on ``published_date``; undated articles use the one person named in the article who ever
held it, else the one holder of all the dates the article can have (``undated``), else none. Countries chained by و after one role (``نظيريه الإيراني والتركي``) are actors of the same
office.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.lexicon import col_or_null
from orchestration.transforms.entities.phrases import IS_COUNTRY
from orchestration.transforms.entities.undated import FLOOR_SCHEMA
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import GAP_SPACE, normalize_expr

# Countries chained by و after one role (نظيريه الإيراني والتركي, زعماء السعودية والإمارات وقطر).
MAX_CONJOINED_COUNTRIES = 4
# How many words before a name may carry "former" (الرئيس الأمريكي الأسبق باراك أوباما).
FORMER_WINDOW = 2


def conjoined_countries(free: pl.DataFrame, elements: pl.DataFrame) -> pl.DataFrame:
    """Second, third ... countries joined by و to a free phrase's country (``s2_*`` columns)."""
    conj_specs = elements.filter(IS_COUNTRY).filter(
        (pl.col("prefix") == "و") & (pl.col("gap_before") == GAP_SPACE)
    )
    link = conj_specs.select(
        "aidx", spec_w1="w0", s2_iso3="iso3", s2_eid="eid", s2_cs="cs", s2_ce="ce", s2_surf="surf", s2_w1="w1"
    )
    step = free.join(link, on=["aidx", "spec_w1"])
    chain = [step]
    for _ in range(MAX_CONJOINED_COUNTRIES - 1):
        step = (
            step.drop("spec_w1", *[c for c in link.columns if c.startswith("s2_") and c != "s2_w1"])
            .rename({"s2_w1": "spec_w1"})
            .join(link, on=["aidx", "spec_w1"])
        )
        chain.append(step)
    return pl.concat(chain, how="diagonal_relaxed")


def _requests(free: pl.DataFrame, second: pl.DataFrame) -> pl.DataFrame:
    common = ["aidx", "date", "role", "office", "cameo_role"]
    return pl.concat(
        [
            free.select("eid", *common, "cs", ce="pce", surf="psurf", iso3="spec_iso3", spec_eid="spec_eid"),
            second.select(
                *common,
                eid="s2_eid",
                cs="s2_cs",
                ce="s2_ce",
                surf="s2_surf",
                iso3="s2_iso3",
                spec_eid="s2_eid",
            ).select("eid", *common, "cs", "ce", "surf", "iso3", "spec_eid"),
        ]
    ).with_row_index("req_id")


def _undated_holders(
    role_refs: pl.DataFrame, firm_persons: pl.DataFrame, words: pl.DataFrame, kb: KnowledgeBase
) -> pl.DataFrame:
    """Undated articles: the holder is the one person named in the article who ever held this
    role in this country (الرئيس الروسي in an article that names بوتين) ..."""
    undated = role_refs.filter(pl.col("date").is_null()).select("req_id", "aidx", "role", "office", "iso3")
    # ... but not a person styled as a former holder (الرئيس الأسبق باراك أوباما): the role then
    # means whoever holds it now, whom the article does not name.
    former_words = pl.DataFrame({"f": list(rl.FORMER_FORMS)}).select(normalize_expr(pl.col("f")))["f"]
    former_wids = words.filter(pl.col("norm").is_in(former_words.implode())).select("aidx", fw="wid")
    former = (
        pl.concat(
            [
                firm_persons.select("aidx", "entity_id", fw=pl.col("w0") - k)
                for k in range(1, FORMER_WINDOW + 1)
            ]
        )
        .join(former_wids, on=["aidx", "fw"])
        .select("aidx", "entity_id")
        .unique()
    )
    named = (
        firm_persons.select("aidx", "entity_id").unique().join(former, on=["aidx", "entity_id"], how="anti")
    )
    ever = kb.office_spells.select(
        "entity_id",
        s_office="office",
        s_iso3="country_iso3",
        s_code="cameo_code",
        s_title=pl.col("title") if "title" in kb.office_spells.columns else pl.lit(None, pl.String()),
    )
    return (
        undated.join(named, on="aidx")
        .join(ever, on="entity_id")
        .filter(
            (pl.col("s_iso3") == pl.col("iso3"))
            & (
                (pl.col("s_title") == pl.col("role"))
                | ((pl.col("s_office") == pl.col("office")) & (pl.col("office") != rl.GENERIC_OFFICE))
            )
        )
        .filter(pl.col("entity_id").n_unique().over("req_id") == 1)
        # One person, maybe several spells that fit: the code of the title's own spell, then a
        # total order (not the joins' row order).
        .sort("req_id", pl.col("s_title") != pl.col("role"), "s_code", "s_office", nulls_last=True)
        .unique("req_id", keep="first", maintain_order=True)
        .select("req_id", holder_id="entity_id", cameo_code="s_code")
    )


def _spanning_holders(role_refs: pl.DataFrame, floors: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """Undated articles naming no holder: the holder on the article's earliest plausible date
    (``floors``) whose spell then is still open, so they held the office on every plausible date
    (الرئيس الروسي in an article of 2013 or later: Putin, president since 2012)."""
    requests = (
        role_refs.filter(pl.col("date").is_null())
        .join(floors, on="aidx")
        .select("req_id", "role", "office", country_iso3="iso3", date="floor")
    )
    # Only the holder's own title counts (الرئيس for a president, الملك for a king), not a vague
    # noun read through the office (زعماء السعودية ومصر, "leaders"): with the date unknown, the
    # stronger reading is required.
    spells = kb.office_spells
    titled = spells.filter(pl.col("end_date").is_null()).select(
        holder_id="entity_id", country_iso3="country_iso3", role=col_or_null(spells, "title")
    )
    requests = requests.join(titled.select("country_iso3", "role").unique(), on=["country_iso3", "role"])
    on_floor = rl.office_holders(requests, kb.office_spells)
    # The same lookup over the spells still running: a holder found on the floor in both has held
    # the office ever since (not only on the floor, then again today).
    still_open = rl.office_holders(requests, kb.office_spells.filter(pl.col("end_date").is_null()))
    both = on_floor.join(still_open.select("req_id", "holder_id"), on=["req_id", "holder_id"])
    own_title = requests.select("req_id", "country_iso3", "role").join(titled, on=["country_iso3", "role"])
    return both.join(own_title.select("req_id", "holder_id"), on=["req_id", "holder_id"], how="semi")


def resolve_roles(
    free: pl.DataFrame,
    elements: pl.DataFrame,
    firm_persons: pl.DataFrame,
    words: pl.DataFrame,
    kb: KnowledgeBase,
    floors: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(role mentions, country+role actors, conjoined-country rows) of the free role phrases.
    ``floors``: ``aidx, floor``, the earliest plausible date of each undated article."""
    second = conjoined_countries(free, elements)
    role_refs = _requests(free, second)
    # Generic roles (office "other": ministers of anything, soldiers, officials) name no single seat,
    # so only real offices are looked up.
    holders = rl.office_holders(
        role_refs.select("req_id", "role", "office", country_iso3="iso3", date="date"), kb.office_spells
    )
    named = _undated_holders(role_refs, firm_persons, words, kb)
    spanning = _spanning_holders(
        role_refs, pl.DataFrame(schema=FLOOR_SCHEMA) if floors is None else floors, kb
    )
    holders = pl.concat([holders, named, spanning.join(named, on="req_id", how="anti")])
    role_refs = role_refs.join(holders, on="req_id", how="left")
    countries_en = kb.countries.select(iso3="iso3", country_en=col_or_null(kb.countries, "name_en"))
    role_refs = role_refs.join(countries_en, on="iso3", how="left").with_columns(
        code=pl.concat_str([pl.col("iso3"), pl.col("cameo_role").fill_null("")])
    )
    actor = rl.actor_id(pl.col("iso3"), pl.col("cameo_role"), pl.col("role"))
    role_mentions = role_refs.select(
        "aidx",
        "cs",
        "ce",
        "surf",
        entity_id=pl.coalesce("holder_id", actor),
        entity_type=pl.when(pl.col("holder_id").is_null())
        .then(rl.actor_type(pl.col("office")))
        .otherwise(pl.lit("PERSON")),
        method=pl.lit("role"),
        actor_code=pl.coalesce("cameo_code", "code"),
        role="role",
    )
    actors = role_refs.filter(pl.col("holder_id").is_null()).select(
        entity_id=actor,
        entity_type=rl.actor_type(pl.col("office")),
        name_en=rl.actor_name(pl.col("role"), pl.col("country_en").fill_null(pl.col("iso3"))),
        name_ar=pl.lit(None, pl.String()),
        country_iso3="iso3",
        cameo_code="code",
        origin=pl.lit("role"),
    )
    return role_mentions, actors, second
