"""Peer entity matchers on the same input as the pipeline's entity stage.

Both peers get the pipeline's own name lexicon (``entities.build_lexicon``: names and aliases of
persons, places, organizations and countries, already matching-normalized by
``text.normalize_expr``) and the bodies normalized the same way, so they do the same dictionary
work: find every alias in every body. They do less than the pipeline (no clitics, roles, nisba
adjectives, fuzzy names, sentence ids, offsets back to the raw body), which favours them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import polars as pl

from orchestration.transforms.entities import build_lexicon
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import normalize_expr


@dataclass(frozen=True)
class PeerResult:
    name: str
    build_seconds: float  # building the matcher from the lexicon
    seconds: float  # matching every body
    mentions: int


def name_lexicon(kb: KnowledgeBase) -> pl.DataFrame:
    """``key`` (normalized alias, words joined by one space), ``entity_id``, ``entity_type``."""
    return (
        build_lexicon(kb)
        .filter(pl.col("kind") == "name")
        .select("key", "entity_id", "entity_type")
        .unique("key", keep="first", maintain_order=True)
    )


def normalized_bodies(articles: pl.DataFrame) -> list[str]:
    return articles.select(normalize_expr(pl.col("body").fill_null("")))["body"].to_list()


def run_spacy(lexicon: pl.DataFrame, texts: list[str], batch_size: int = 256) -> PeerResult:
    """``spacy.blank("ar")`` + ``EntityRuler`` (phrase patterns) over ``texts``."""
    import spacy

    started = time.perf_counter()
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False})
    ruler.add_patterns(
        [
            {"label": t, "pattern": k, "id": e}
            for k, e, t in lexicon.select("key", "entity_id", "entity_type").iter_rows()
        ]
    )
    built = time.perf_counter()
    n = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size))
    return PeerResult("spacy_entity_ruler", built - started, time.perf_counter() - built, n)


def run_aho(lexicon: pl.DataFrame, texts: list[str]) -> PeerResult:
    """``pyahocorasick`` automaton over the aliases; a hit counts when it is a whole word."""
    import ahocorasick

    started = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for key, entity_id in lexicon.select("key", "entity_id").iter_rows():
        automaton.add_word(key, (len(key), entity_id))
    automaton.make_automaton()
    built = time.perf_counter()
    n = 0
    for text in texts:
        size = len(text)
        for end, (length, _entity_id) in automaton.iter_long(text):
            start = end - length + 1
            if (start == 0 or not text[start - 1].isalpha()) and (
                end + 1 == size or not text[end + 1].isalpha()
            ):
                n += 1
    return PeerResult("pyahocorasick", built - started, time.perf_counter() - built, n)
