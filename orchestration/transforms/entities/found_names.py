"""Stage 9 of ``extract_entity_mentions``: persons, organizations and places the knowledge base lacks.

``openworld.find_open_world`` finds them in the words; this stage sets them beside the known
mentions. A known match always wins, but a nisba adjective blocks no found span (جمعية الصيادين
التونسية); the known mentions give way where a found span shows them to be part of a longer name
(a titled alias, a ruling family, a club named after its city, a town inside a person's name), and
found names next to a role or office phrase take its holder or its country.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from orchestration.transforms.entities import known_persons as kp
from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.holder_names import holder_names
from orchestration.transforms.entities.lexicon import EntityLexicon
from orchestration.transforms.entities.office_appositions import office_appositions, with_office_countries
from orchestration.transforms.entities.quoted_media import cued_media, media_keys, quoted_media
from orchestration.transforms.openworld import find_open_world, merge_found
from orchestration.transforms.openworld.clubs import yield_places
from orchestration.transforms.openworld.lexicon import load_lexicons
from orchestration.transforms.openworld.org_repeats import drop_known_short_forms
from orchestration.transforms.openworld.person_places import yield_places_to_persons
from orchestration.transforms.openworld.tagger import TAGGER_CSV, load_tagger
from orchestration.transforms.openworld.titled import trim_titles, widen_over_family, widen_to_tagged
from orchestration.transforms.openworld.type_heads import trim_place_designators, trim_type_heads
from orchestration.transforms.reference import KnowledgeBase, read_table


@dataclass(frozen=True)
class KnownContext:
    """What the known-entity stages (1-8) hand to this one."""

    arts: pl.DataFrame  # aidx, article_id, body, date
    words: pl.DataFrame  # the token table's words (WORDS_SCHEMA)
    elements: pl.DataFrame  # matched lexicon elements (ELEMENT_SCHEMA)
    el: EntityLexicon
    role_mentions: pl.DataFrame
    titles: pl.DataFrame  # role and IGO-office mentions
    dates: pl.DataFrame  # aidx, date, undated floor
    named: pl.DataFrame  # aidx, entity_id of firmly named known persons
    person_keys: pl.DataFrame  # the lexicon's person name keys


def find_unlisted(
    known: list[pl.DataFrame], ctx: KnownContext, kb: KnowledgeBase, reference_dir: Path
) -> tuple[list[pl.DataFrame], pl.DataFrame, pl.DataFrame]:
    """``known`` = [name mentions, role mentions, IGO mentions, new persons] ->
    ``(known, found mentions, found entities)``, the name mentions trimmed and widened."""
    el, arts, words = ctx.el, ctx.arts, ctx.words
    ow_lex = load_lexicons(kb, reference_dir, el.stop, rl.HONORIFIC_FORMS, rl.NAME_PARTICLES)
    # A titled alias (الرئيس بشار الأسد) names the person from بشار on; a medium's name starts after
    # its type word (قناة الجزيرة -> الجزيرة) and a place's after its designator (دولة قطر -> قطر)
    # outside a role phrase.
    names = trim_type_heads(trim_titles(known[0], ow_lex.titles), el.lex)
    names = trim_place_designators(names, el.lex, ctx.role_mentions, arts)
    # A quoted place's name is a medium's (لـ « الشرق الاوسط »، صحيفة " القادسية ").
    media = media_keys(kb.organizations)
    names = quoted_media(names, arts, media)
    # ... and a medium's name without its type word after a cue (فضائية الجزيرة، مراسل الجزيرة).
    names = pl.concat([names, cued_media(words, names, media)], how="vertical_relaxed")
    found, found_entities = find_open_world(
        words, ctx.elements, ow_lex, load_tagger(reference_dir / TAGGER_CSV)
    )
    # A listed surname or short form inside a tagged full name (ستيفان هاربر) names it whole.
    names = widen_to_tagged(names, found, words)
    # ... and over the ruling family's name after it (خليفة بن زايد + آل نهيان).
    names = widen_over_family(names, words)
    # A city inside a club's name (ريال مدريد) is no place mention: the found club takes it.
    names = yield_places(names, found)
    # ... and a town's name inside a tagged person's (كولن باول، الملكة صوفيا) to the person.
    known = [yield_places_to_persons(names, found), *known[1:]]
    blocking = pl.concat(known, how="diagonal_relaxed").filter(~pl.col("nisba").fill_null(False))
    found = merge_found(blocking, found)
    # A found name in quotes right after a listed body's name is its short form (حلف شمال الأطلسي "ناتو").
    found = drop_known_short_forms(found, blocking, arts)
    found = trim_type_heads(found, el.lex)
    is_new = pl.col("entity_id").str.starts_with("person:new:")
    resolved = kp.resolve_to_known(
        found.filter(is_new), ctx.dates, ctx.named, ctx.person_keys, kb, ctx.titles
    )
    found = pl.concat([found.filter(~is_new), resolved], how="diagonal_relaxed")
    # A found name right after a state's office phrase is its official (الخارجية الصينية وانغ ون بين).
    nisbas = pl.concat(known, how="diagonal_relaxed").filter(pl.col("nisba").fill_null(False))
    offices = pl.concat([ctx.titles, nisbas], how="diagonal_relaxed")
    heads = _title_heads(reference_dir)
    found, office_coded = office_appositions(found, offices, arts, el.stop, heads, blocking)
    # ... and a found name right after a role phrase names the role's holder (holder_names).
    holders = kb.office_spells["office"].unique().to_list()
    found = holder_names(found, ctx.role_mentions, arts, rl.HONORIFIC_FORMS, holders)
    found_entities = found_entities.join(found.select("entity_id").unique(), on="entity_id", how="semi")
    return known, found, with_office_countries(found_entities, office_coded)


def _title_heads(reference_dir: Path) -> pl.Series:
    """Office words that may open a title in apposition (``actor_title_words.csv``); none when a
    test's reference folder lacks the table."""
    if not (reference_dir / "actor_title_words.csv").exists():
        return pl.Series("word", [], dtype=pl.String)
    return read_table("actor_title_words.csv", reference_dir).filter(pl.col("kind") == "office")["word"]
