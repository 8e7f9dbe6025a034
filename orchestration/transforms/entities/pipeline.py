"""``extract_entity_mentions``: the entity stages in order, each a function of its own module.

1. ``tokens.build_tokens``: the token table (one row per word, normalized, clitic readings).
2. ``lexicon.build_lexicon``: dictionary keys of every name, nisba, role noun and honorific.
3. ``matching.match``: n-gram joins on the token table, typo tolerance (``fuzzy``; short names only
   with support, ``selection.short_fixes_supported``), inserted patronymics; name variants of
   known persons are lexicon keys (``variants``).
4. ``matching.select_longest``: leftmost-longest per span, separately for names (+ nisba) and
   role nouns (+ counterparts, honorifics), since a role phrase wraps names (``أمير قطر``).
5. ``phrases``: counterparts, role phrases with their country, attached persons, annotations;
   ``igo_roles``: offices of international organizations with their organization and holder.
6. ``new_persons.title_persons``: titled persons absent from the base; ``known_persons``: a known
   person wins over a new one minted from a variant of their name.
7. ``role_refs.resolve_roles``: role phrases naming nobody -> office holder or country+role actor.
8. ``selection``: supported names, actor codes, confidence, sentence index, landing schemas.
9. ``found_names.find_unlisted``: persons, organizations and places the base lacks
   (``openworld.find_open_world``), merged under the known.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from orchestration.transforms.entities import dynasties as dyn
from orchestration.transforms.entities import igo_phrases as igp
from orchestration.transforms.entities import igo_roles as igo
from orchestration.transforms.entities import known_persons as kp
from orchestration.transforms.entities import lexicon as lx
from orchestration.transforms.entities import new_persons as np_
from orchestration.transforms.entities import phrases as ph
from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities import selection as sel
from orchestration.transforms.entities.alias_tails import drop_alias_tails
from orchestration.transforms.entities.ambiguous_orgs import drop_phrase_heads
from orchestration.transforms.entities.contracts import ELEMENT_SCHEMA, WORDS_SCHEMA
from orchestration.transforms.entities.found_names import KnownContext, find_unlisted
from orchestration.transforms.entities.hamza import drop_hamza_mismatch, hamza_free_places
from orchestration.transforms.entities.hashtags import drop_hashtag_matches
from orchestration.transforms.entities.host_countries import with_host_country
from orchestration.transforms.entities.matching import match, select_longest, word_readings, words_at
from orchestration.transforms.entities.name_nisbas import drop_name_nisbas
from orchestration.transforms.entities.role_refs import resolve_roles
from orchestration.transforms.entities.undated import kb_present, undated_floors
from orchestration.transforms.openworld.features import word_table
from orchestration.transforms.openworld.lexicon import load_lexicons
from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase
from orchestration.transforms.sentences import split_sentences
from orchestration.transforms.text import gap_class
from orchestration.transforms.tokens import build_tokens, validate_frame


def _words(arts: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame | None) -> pl.DataFrame:
    if tokens is None:
        tokens = build_tokens(arts, sentences)
    words = tokens.with_row_index("wid").with_columns(pl.col("wid").cast(pl.Int64))
    return validate_frame(words, WORDS_SCHEMA, "entity words")


def _total_order(m: pl.DataFrame, first: list[str]) -> list[str]:
    """``first``, then every other sortable column of ``m``: candidates tied on ``first`` (the same
    name reached through its primary key and an alias, with or without an inserted patronymic)
    then always resolve the same way, whatever order the matcher produced them in."""
    rest = [c for c, t in m.schema.items() if c not in first and not isinstance(t, (pl.List, pl.Struct))]
    return [*first, *rest]


def longest_names(m: pl.DataFrame) -> pl.DataFrame:
    """Leftmost-longest name and nisba matches of ``m`` (with ``method``). On one span a name beats
    a nisba, an exact key a typo fix, then ``prio``, the entity id; for the same entity, its primary
    name over an alias (the method says ``exact``), then the reading without an inserted patronymic."""
    x = m.filter(pl.col("kind").is_in(["name", "nisba"])).with_columns(
        kind_order=(pl.col("kind") == "nisba").cast(pl.Int8),
        alias_order=~pl.col("is_primary").fill_null(False),
    )
    order = ["kind_order", "nfix", "prio", "entity_id", "alias_order", "nskip"]
    return select_longest(x, _total_order(x, order)).drop("kind_order", "alias_order")


def longest_roles(m: pl.DataFrame) -> pl.DataFrame:
    """Leftmost-longest role nouns, counterparts and honorifics of ``m`` (a role first, then by
    rank; every other column breaks the remaining ties)."""
    x = m.filter(pl.col("kind").is_in(["role", "counterpart", "honorific"])).with_columns(
        kind_order=pl.col("kind").replace_strict({"role": 0, "counterpart": 1, "honorific": 2}, default=3)
    )
    return select_longest(x, _total_order(x, ["kind_order", "rank"])).drop("kind_order")


def _matches(
    words: pl.DataFrame, readings: pl.DataFrame, el: lx.EntityLexicon, kb: KnowledgeBase
) -> pl.DataFrame:
    """Every dictionary match, less places read from a word spelling a hamza they lack (رأسين) and
    nisbas completing a kunya (مطار أم التونسي), and words of hashtags (#غزة_تحت_القصف)."""
    m = match(words, readings, el.lex, el.name_tokens, el.exact_vocab, el.given, el.common)
    m = drop_hashtag_matches(m, words)
    m = drop_name_nisbas(m, words, rl.NAME_PARTICLES)
    return drop_hamza_mismatch(m, hamza_free_places(kb.places))


def _elements(m: pl.DataFrame, words: pl.DataFrame, arts: pl.DataFrame) -> pl.DataFrame:
    """Kept matches: leftmost-longest names and role nouns, with gap before and article date."""
    m = m.with_columns(
        method=pl.when(pl.col("nfix") > 0)
        .then(pl.lit("fuzzy"))
        .when(pl.col("is_primary"))
        .then(pl.lit("exact"))
        .otherwise(pl.lit("alias"))
    )
    elements = pl.concat([longest_names(m), longest_roles(m)], how="diagonal_relaxed")
    elements = words_at(words, elements, "w0", {"gap": "gap_text"}).with_columns(
        gap_before=gap_class(pl.col("gap_text"))
    )
    elements = elements.with_row_index("eid").join(arts.select("aidx", "date"), on="aidx", how="left")
    return validate_frame(elements, ELEMENT_SCHEMA, "entity elements")


def open_world_words(
    articles: pl.DataFrame, kb: KnowledgeBase, reference_dir: Path = REFERENCE_DIR
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The open-world word table and its distinct forms (``features.word_table``) of ``articles``
    (``article_id``, ``body``), exactly as ``extract_entity_mentions`` builds them: the tagger is
    trained on what it sees at run time (``scripts/train_ner_tagger.py``)."""
    arts = articles.select("article_id", "body", date=pl.lit(None, dtype=pl.Date)).with_row_index("aidx")
    words = _words(arts, split_sentences(articles), None)
    el = lx.entity_lexicon(kb, reference_dir)
    elements = _elements(
        _matches(words, word_readings(words), el, kb),
        words,
        arts,
    )
    ow_lex = load_lexicons(kb, reference_dir, el.stop, rl.HONORIFIC_FORMS, rl.NAME_PARTICLES)
    return word_table(words, elements, ow_lex)


@dataclass(frozen=True)
class _RoleStage:
    annot: pl.DataFrame  # eid (a person element), a_role, a_iso3, a_cameo_role, a_code
    role_mentions: pl.DataFrame
    igo_mentions: pl.DataFrame
    actors: pl.DataFrame
    igo_actors: pl.DataFrame
    new_mentions: pl.DataFrame
    new_entities: pl.DataFrame
    used_specs: pl.Series  # country elements read as a role's country


def _roles(
    elements: pl.DataFrame,
    persons: pl.DataFrame,
    firm_persons: pl.DataFrame,
    words: pl.DataFrame,
    el: lx.EntityLexicon,
    kb: KnowledgeBase,
    floors: pl.DataFrame,
) -> _RoleStage:
    """Stages 5-7: role phrases (of countries and of international organizations), the persons they
    name, titled new persons, and the holders or actors of the phrases naming nobody."""
    cps = ph.counterparts(elements, firm_persons, kb, floors)
    # Offices of international organizations take their organization, not a country.
    igo_phrases, igo_inner = igp.igo_phrases(elements, words, kb)
    igo_eids = pl.concat([igo_phrases["eid"], igo_inner]).implode()
    heads = pl.concat(
        [
            elements.filter((pl.col("kind") == "role") & ~pl.col("eid").is_in(igo_eids)),
            cps.select(elements.columns),
        ],
        how="vertical_relaxed",
    )
    phrases = ph.role_phrases(heads, elements, words)
    attached, consumed = ph.attach_persons(phrases, elements, persons)
    igo_annot = igo.attach_igo_persons(igo_phrases, elements, kb)
    annot = pl.concat(
        [igo_annot.drop("phrase_eid"), ph.annotations(attached, phrases, persons, kb)], how="diagonal_relaxed"
    ).unique("eid", keep="first", maintain_order=True)

    free = phrases.filter(
        ~pl.col("eid").is_in(attached["eid"].implode()) & ~pl.col("eid").is_in(consumed.implode())
    )
    igo_free = igo_phrases.filter(~pl.col("eid").is_in(igo_annot["phrase_eid"].implode()))
    titling = pl.concat([free, igo_free.rename({"org_code": "spec_code"})], how="diagonal_relaxed")
    new_mentions, new_entities, titled = np_.title_persons(
        titling, elements, words, el.stop, el.given, el.zipf
    )
    # What is left resolves through its country; a role with neither name nor country says too little.
    free = free.filter(pl.col("spec_iso3").is_not_null() & ~pl.col("eid").is_in(titled.implode()))
    role_mentions, actors, second = resolve_roles(free, elements, firm_persons, words, kb, floors)
    igo_free = igo_free.filter(~pl.col("eid").is_in(titled.implode()))
    igo_mentions, igo_actors = igo.resolve_igo_roles(igo_free, firm_persons, kb, floors)
    return _RoleStage(
        annot=annot,
        role_mentions=role_mentions,
        igo_mentions=igo_mentions,
        actors=actors,
        igo_actors=igo_actors,
        new_mentions=new_mentions,
        new_entities=new_entities,
        used_specs=pl.concat([phrases["spec_eid"].drop_nulls(), second["s2_eid"]]),
    )


def extract_entity_mentions(
    articles: pl.DataFrame,
    kb: KnowledgeBase,
    sentences: pl.DataFrame | None = None,
    reference_dir: Path = REFERENCE_DIR,
    tokens: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Find knowledge-base entities, role references and titled new persons in ``articles.body``.

    Returns ``(entity_mentions, entities)`` per docs/contracts.md. ``tokens`` is the shared token
    table of ``articles`` (``transforms.tokens.build_tokens`` with ``sentences``, ``aidx`` the row
    of ``articles``); it is built here when not given.
    """
    date_col = (
        pl.col("published_date").cast(pl.Date)
        if "published_date" in articles.columns
        else pl.lit(None, dtype=pl.Date)
    )
    arts = articles.select("article_id", "body", date=date_col).with_row_index("aidx")
    sents = split_sentences(articles) if sentences is None else sentences
    words = _words(arts, sents, tokens)
    el = lx.entity_lexicon(kb, reference_dir)
    readings = word_readings(words)
    elements = _elements(_matches(words, readings, el, kb), words, arts)
    # A short name one letter off is nobody right after another country's role.
    elements = sel.drop_foreign_short_fixes(elements)

    persons = elements.filter((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON"))
    # Persons named by an unambiguous form: the antecedents for counterparts and undated roles.
    firm_persons = persons.filter(~pl.col("ambiguous"))
    floors = undated_floors(arts, kb_present(kb.office_spells), reference_dir)
    r = _roles(elements, persons, firm_persons, words, el, kb, floors)
    # An ambiguous body's name heading a phrase is the common word (فتح حسابات، القاعدة الجوية).
    names = drop_phrase_heads(
        elements.filter(pl.col("kind").is_in(["name", "nisba"])), words, el.stop, el.zipf
    )
    names = sel.supported(names, r.used_specs, r.annot["eid"], words, el.stop)
    names = sel.short_fixes_supported(names, r.annot["eid"], elements, words)
    # A one-word alias closing another person's name (ناكا زونا ديلامي زوما) is not the known person.
    names = drop_alias_tails(
        names, elements, words, el.lex, el.given, pl.concat([el.common, el.stop]).unique()
    )
    new_mentions = np_.rematch(r.new_mentions, r.new_entities, words, readings)
    # ... and by their family name alone later in the article (known matches always win).
    not_names = pl.concat([el.given, el.common, el.stop]).unique()
    family = np_.family_mentions(new_mentions, r.new_entities, words, elements, not_names)
    new_mentions = pl.concat([new_mentions, family], how="diagonal_relaxed")
    # A known person wins over a new one made up from a variant of their name.
    person_keys = el.lex.filter((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON"))
    dates = arts.select("aidx", "date").join(floors, on="aidx", how="left")
    named = firm_persons.select("aidx", "entity_id")
    titles = pl.concat([r.role_mentions, r.igo_mentions], how="diagonal_relaxed")
    new_mentions = kp.resolve_to_known(new_mentions, dates, named, person_keys, kb, titles)
    new_entities = r.new_entities.join(new_mentions.select("entity_id").unique(), on="entity_id", how="semi")
    # A bare later name keeps the code the article gave the person (their office) elsewhere.
    name_ms = sel.spread_person_codes(
        sel.name_mentions(names, r.annot, kb, floors), [r.role_mentions, r.igo_mentions]
    )
    # 9. Persons and organizations the knowledge base lacks (openworld) beside the known mentions.
    known = [name_ms, r.role_mentions, r.igo_mentions, new_mentions]
    ctx = KnownContext(arts, words, elements, el, r.role_mentions, titles, dates, named, person_keys)
    known, found, found_entities = find_unlisted(known, ctx, kb, reference_dir)
    mentions = sel.finish_mentions([*known, found], arts, sents)
    entities = sel.entities_table([el.entities, r.actors, r.igo_actors, new_entities, found_entities])
    # New persons of a ruling family are of its country (عبدالله بن أحمد آل خليفة: Bahrain).
    mentions, entities = dyn.with_ruling_family_country(
        mentions, entities, dyn.load_ruling_families(reference_dir)
    )
    # A titled new person with no country is of the country the article's envoys serve in.
    return with_host_country(mentions, entities, words, arts, kb.roles)
