"""Which matches become mentions, with what confidence, actor code and sentence.

Nisba-only mentions (``القضية السورية``) are emitted as the country with low confidence
(``NISBA_CONFIDENCE``) and method ``nisba``: a nationality adjective is never a place mention; GDELT would not count an adjective as a place mention, so consumers that
want place mentions filter ``confidence >= 0.5``; the event extractor can still use them as actors
(``الجانب الإيراني``). A nisba that is part of a role phrase is not emitted separately.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.contracts import ENTITY_SCHEMA, MENTION_SCHEMA
from orchestration.transforms.entities.lexicon import col_or_null
from orchestration.transforms.entities.matching import words_at
from orchestration.transforms.entities.phrases import IS_COUNTRY
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import GAP_COMMA, GAP_SPACE

CONFIDENCE: dict[str, float] = {"exact": 0.95, "alias": 0.9, "role": 0.8, "fuzzy": 0.7, "title-pattern": 0.6}
NISBA_CONFIDENCE = 0.3
NISBA_METHOD = "nisba"
# A form the reference flags as ambiguous (القاعدة "the base", عمان Amman/Oman) with no supporting
# context; persons in that situation are dropped instead (رئيسي "main" is not Raisi).
AMBIGUOUS_CONFIDENCE = 0.5
# A definite adjective of the nisba shape (الأوروبي، الأوروبيين، الأوروبية), diacritics allowed.
ORG_NISBA = r"^(?:[وفبلك]|لل)?(?:ال)?\S+ي[\u064B-\u0652]*(?:ة|ين|ون)?[\u064B-\u0652]*$"


def supported(
    names: pl.DataFrame, used_specs: pl.Series, annotated: pl.Series, words: pl.DataFrame, stop: pl.Series
) -> pl.DataFrame:
    """Name and nisba elements to report, with ``weak`` marking unsupported ambiguous forms.

    An ambiguous form is supported when it is a role's country (أمير قطر), carries a role (الرئيس
    الأسد), the same entity is named unambiguously elsewhere in the article (بشار الأسد ... الأسد),
    or a preposition precedes it (في عمان, بالقدس). Unsupported: persons are dropped, others kept weak.
    """
    amb = pl.col("ambiguous") & (pl.col("kind") == "name")
    firm = (
        names.filter(~pl.col("ambiguous"))
        .select("aidx", "entity_id")
        .unique()
        .with_columns(firm=pl.lit(True))
    )
    prev = words_at(
        words, names.filter(amb).select("eid", "aidx", pw=pl.col("w0") - 1), "pw", {"norm": "ptok"}
    )
    after_prep = prev.filter(pl.col("ptok").is_in(stop.implode()))["eid"]
    out = names.join(firm, on=["aidx", "entity_id"], how="left").with_columns(
        support=pl.col("firm").fill_null(False)
        | pl.col("eid").is_in(used_specs.implode())
        | pl.col("eid").is_in(annotated.implode())
        # A preposition supports places and bodies (في عمان، بالقدس), not persons: لرئيسي تركيا is
        # "to the two presidents of Turkey".
        | (
            (pl.col("entity_type") != "PERSON")
            & (
                pl.col("eid").is_in(after_prep.implode())
                | pl.col("prefix").is_in(["ب", "ل", "وب", "ول", "فب", "فل"])
            )
        )
    )
    out = out.with_columns(weak=amb & ~pl.col("support"))
    # Nisba forms flagged ambiguous are only ever a role's country.
    out = out.filter(
        ~(pl.col("weak") & (pl.col("entity_type") == "PERSON"))
        & ~((pl.col("kind") == "nisba") & pl.col("ambiguous") & ~pl.col("eid").is_in(used_specs.implode()))
    )
    # An organization's ambiguous adjective form (الأوروبي for the EU) with no support qualifies a
    # noun (القرار الأوروبي): like a country's nisba it gives the body, it is no name mention.
    adjective = pl.col("weak") & (pl.col("entity_type") == "ORG") & pl.col("surf").str.contains(ORG_NISBA)
    return out.with_columns(kind=pl.when(adjective).then(pl.lit("nisba")).otherwise("kind")).drop(
        "firm", "support"
    )


def short_fixes_supported(
    names: pl.DataFrame, annotated: pl.Series, elements: pl.DataFrame, words: pl.DataFrame
) -> pl.DataFrame:
    """``names`` less one-word person names read through a typo of a short name (``nshort``; عبس
    is one edit from عباس, تراب from ترامب) that nothing supports: a role phrase naming the person
    (``annotated``: الرئيس الفلسطيني محمود عبس) or their country named in the same sentence."""
    short = names.filter((pl.col("nshort").fill_null(0) > 0) & (pl.col("n") == 1))
    if short.is_empty():
        return names
    sent = words_at(words, short.select("eid", "aidx", "w0", "iso3"), "w0", {"sentence_index": "sent"})
    countries = elements.filter(IS_COUNTRY).select("aidx", "w0", "iso3")
    countries = words_at(words, countries, "w0", {"sentence_index": "sent"}).select("aidx", "sent", "iso3")
    same_country = sent.join(countries.unique(), on=["aidx", "sent", "iso3"], how="semi")["eid"]
    unsupported = short.filter(
        ~pl.col("eid").is_in(annotated.implode()) & ~pl.col("eid").is_in(same_country.implode())
    )["eid"]
    return names.filter(~pl.col("eid").is_in(unsupported.implode()))


def drop_foreign_short_fixes(elements: pl.DataFrame) -> pl.DataFrame:
    """``elements`` less one-word person names read through a short-name typo right after another
    country's role (وزير الخارجية التونسي مولدي الكافي: مولدي is no typo of India's مودي), an
    honorific allowed between. The role ends on its country (nisba or name), and that country is
    the holder's; the name then stays free for the title to mint its true bearer."""
    short = elements.filter(
        (pl.col("kind") == "name")
        & (pl.col("entity_type") == "PERSON")
        & (pl.col("nshort").fill_null(0) > 0)
        & (pl.col("n") == 1)
        & (pl.col("gap_before") == GAP_SPACE)
    )
    if short.is_empty():
        return elements
    before = elements.filter(IS_COUNTRY).select("aidx", w0="w1", c_iso3="iso3")
    # An honorific may stand between (وزير الخارجية التونسي السيد مولدي): the country ends where it
    # starts; a comma may stand before it (رئيس الجمهورية السنغالية، السيد باسيرو: no typo of بايرو).
    honor = elements.filter(
        (pl.col("kind") == "honorific") & pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA])
    )
    via = (
        honor.select("aidx", h_w0="w0", w0="w1")
        .join(before.rename({"w0": "h_w0"}), on=["aidx", "h_w0"])
        .select("aidx", "w0", "c_iso3")
    )
    foreign = short.join(pl.concat([before, via]), on=["aidx", "w0"]).filter(
        pl.col("c_iso3") != pl.col("iso3")
    )["eid"]
    return elements.filter(~pl.col("eid").is_in(foreign.implode()))


def spread_person_codes(names: pl.DataFrame, others: list[pl.DataFrame]) -> pl.DataFrame:
    """Known persons' name mentions (``names``) without a code take the one code the article gave
    the same person elsewhere (in ``names`` or ``others``: role and office mentions): أحمد أبو
    الغيط، الأمين العام لجامعة الدول العربية ... والتقى أبو الغيط: the bare name still acts for
    the office (IGOARL), undated articles included. Several codes in one article: left alone."""
    cols = ["aidx", "entity_id", "actor_code", "role"]
    pool = pl.concat(
        [
            f.select([c if c in f.columns else pl.lit(None, pl.String()).alias(c) for c in cols])
            for f in [names, *others]
        ],
        how="vertical_relaxed",
    ).filter(pl.col("entity_id").str.starts_with("person:") & pl.col("actor_code").is_not_null())
    given = (
        pool.group_by("aidx", "entity_id")
        .agg(g_code=pl.col("actor_code").unique(), g_role=pl.col("role").drop_nulls().unique())
        .filter(pl.col("g_code").list.len() == 1)
        .select(
            "aidx",
            "entity_id",
            g_code=pl.col("g_code").list.first(),
            g_role=pl.when(pl.col("g_role").list.len() == 1).then(pl.col("g_role").list.first()),
        )
    )
    bare = (pl.col("entity_type") == "PERSON") & pl.col("actor_code").is_null()
    return (
        names.join(given, on=["aidx", "entity_id"], how="left")
        .with_columns(
            actor_code=pl.when(bare).then(pl.col("g_code")).otherwise(pl.col("actor_code")),
            role=pl.when(bare).then(pl.coalesce("role", "g_role")).otherwise(pl.col("role")),
        )
        .drop("g_code", "g_role")
    )


def name_mentions(
    names: pl.DataFrame, annot: pl.DataFrame, kb: KnowledgeBase, floors: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Supported name and nisba elements as mentions, with their dated actor codes (undated
    articles: their codes since ``floors``, ``aidx, floor``)."""
    persons = names.filter(pl.col("entity_type") == "PERSON").select(
        "aidx", req_id="eid", entity_id="entity_id", date="date"
    )
    if floors is not None:
        persons = persons.join(floors, on="aidx", how="left")
    spells = rl.person_spells_on(persons.drop("aidx"), kb.office_spells).rename({"req_id": "eid"})
    org_codes = kb.organizations.select("entity_id", org_code=col_or_null(kb.organizations, "cameo_code"))
    # ``a_code``: the code an annotation gives outright (an organization's office: IGOARL), which
    # beats the dated spell: the text says whom the person acts for.
    annot = annot.with_columns(a_code=col_or_null(annot, "a_code"))
    return (
        names.join(annot, on="eid", how="left")
        .join(spells, on="eid", how="left")
        .join(org_codes, on="entity_id", how="left")
        .select(
            "aidx",
            "cs",
            "ce",
            "surf",
            "entity_id",
            "entity_type",
            method="method",
            actor_code=pl.when(pl.col("entity_id").str.starts_with("country:"))
            .then(pl.col("iso3"))
            .when(pl.col("entity_type") == "ORG")
            .then(pl.col("org_code"))
            .when(pl.col("entity_type") == "PERSON")
            .then(
                pl.coalesce(
                    "a_code", "spell_cameo_code", pl.concat_str([pl.col("a_iso3"), pl.col("a_cameo_role")])
                )
            )
            .otherwise(None),
            role="a_role",
            nisba=pl.col("kind") == "nisba",
            weak="weak",
        )
    )


def finish_mentions(parts: list[pl.DataFrame], arts: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """One row per (article, start, entity) with its confidence and sentence (``MENTION_SCHEMA``)."""
    mentions = (
        pl.concat(parts, how="diagonal_relaxed")
        .with_columns(
            confidence=pl.when(pl.col("nisba").fill_null(False))
            .then(pl.lit(NISBA_CONFIDENCE))
            .when(pl.col("weak").fill_null(False))
            .then(pl.lit(AMBIGUOUS_CONFIDENCE))
            # Parts that bring their own confidence (open-world stages) keep it.
            .otherwise(
                pl.coalesce(
                    pl.col("method").replace_strict(CONFIDENCE, default=None, return_dtype=pl.Float64),
                    pl.col("confidence"),
                )
            ),
            # A nationality adjective is no place mention: its own method says so (it still carries
            # its country, which events read as an agent: الغارات الإسرائيلية).
            method=pl.when(pl.col("nisba").fill_null(False)).then(pl.lit(NISBA_METHOD)).otherwise("method"),
        )
        # Ties on confidence (a title-pattern person found twice, with and without its role) break on
        # the role, so that reruns keep the same row.
        .sort(
            ["aidx", "cs", "confidence", "role", "actor_code"],
            descending=[False, False, True, False, False],
            nulls_last=True,
        )
        .unique(["aidx", "cs", "entity_id"], keep="first", maintain_order=True)
    )
    sent_starts = (
        sentences.select("article_id", "sentence_index", s_start="char_start")
        .join(arts.select("article_id", "aidx"), on="article_id")
        .drop("article_id")
        .sort(["aidx", "s_start"])
    )
    # Already sorted by (aidx, cs): the as-of join only needs order within each article.
    mentions = mentions.join_asof(
        sent_starts,
        left_on="cs",
        right_on="s_start",
        by="aidx",
        strategy="backward",
        check_sortedness=False,
    )
    # Work on the article's row number; ids are gathered once at the end.
    return (
        mentions.with_columns(article_id=arts["article_id"].gather(mentions["aidx"]))
        .rename({"cs": "char_start", "ce": "char_end", "surf": "surface"})
        .select(list(MENTION_SCHEMA))
        .cast(MENTION_SCHEMA)  # type: ignore[arg-type]
    )


def entities_table(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """Knowledge-base entities, role actors and new persons, one row per id (``ENTITY_SCHEMA``)."""
    return (
        pl.concat(parts, how="diagonal_relaxed")
        .select(list(ENTITY_SCHEMA))
        .cast(ENTITY_SCHEMA)  # type: ignore[arg-type]
        .unique("entity_id", keep="first", maintain_order=True)
    )


def merge_slice_entities(entities: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """One row per entity from the tables of several article slices.

    A found entity (``person:new:*``, ``place:new:*``) seen in two slices has one row per slice,
    each named after the slice's own most frequent surface form. The kept row is the one whose name
    is the most frequent surface over all slices, then the smallest row: the choice does not depend
    on the order in which the slices were read.
    """
    counts = mentions.group_by("entity_id", "surface").agg(_n=pl.len())
    ranked = entities.join(
        counts, left_on=["entity_id", "name_ar"], right_on=["entity_id", "surface"], how="left"
    ).with_columns(pl.col("_n").fill_null(0))
    ties = [c for c in entities.columns if c != "entity_id"]
    return (
        ranked.sort(
            ["entity_id", "_n", *ties], descending=[False, True, *[False] * len(ties)], nulls_last=True
        )
        .unique("entity_id", keep="first", maintain_order=True)
        .drop("_n")
    )
