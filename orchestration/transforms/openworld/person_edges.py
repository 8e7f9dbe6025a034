"""The edges of found person spans: a given name before a patronymic, words that close no name.

The tagger and the rules often cut a name on a connector or run it into the next word:

- ``معاوية بن أبي سفيان`` found as ``بن أبي سفيان``, ``أبا هريرة`` as ``هريرة``: a name never opens on
  a patronymic connector (بن، بنت، ابن) when a name word stands right before it, and a kunya
  particle (أبو، أبا، أبي، أم) right before a name belongs to it.
- ``محمد على المدينة``, ``جلال محمود عضو لجنة``, ``الركن عبدالحميد حجي``: a grammar word or a
  frequent ordinary word (a role noun, a rank, an adverb) at either end of a person span is the
  sentence around the name, not the name.

Both work on the ``aidx, s, e, entity_type`` spans of ``resolve.find_open_world`` (global word ids of
the per-word table ``w`` of ``features.word_table``), by gathering the few words at the span edges.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.text import normalize_text

# An unlisted word at least this frequent (wordfreq Zipf) is an ordinary word: عضو 5.1, قبل 6.0,
# المؤقت 4.5. Names the lexicons miss are rarer (سلطانوف, حجي); the tagger's own floor for a lone
# person word is the same (resolve.MODEL_COMMON_PERSON).
COMMON_EDGE = 4.5
# A name's last word is cut only when this frequent: rarer ones are surnames that are also words
# (كندي 3.6, خان, روني), more frequent ones the sentence going on (عضو 5.1, قبل 6.3).
COMMON_TAIL = 5.0
# A word with ب/ل/ك on it is that preposition on another word where the rest is this frequent.
COMMON_REST = 3.0
# Regnal ordinals close a name (محمد الخامس، تشارلز الأول).
ORDINALS = tuple(
    normalize_text(f)
    for f in (
        "الأول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
        "العاشر",
        "عشر",
    )
)
# Names that the lexicons lose to a grammar word or miss: علي (على once normalized), the الله of
# نصر الله, the particles of European names (رود فان نيستلروي، جان مارك دو لا سابليير) and regnal
# ordinals (محمد الخامس، تشارلز الأول).
NAME_WORDS = tuple(normalize_text(f) for f in ("علي", "الله", "فان", "فون", "دي", "دو", "دا")) + ORDINALS
# Connectors a name may open on only when no name word stands before them: «son/daughter of».
PATRONYMIC = tuple(normalize_text(f) for f in ("بن", "بنت", "ابن"))
# Particles that open a name (kunya, house): أبا هريرة، آل نهيان. Not أم: it is also «or».
OPENERS = tuple(normalize_text(f) for f in ("أبو", "أبي", "أبا", "آل"))
# Rounds of edge moves: عائشة + بنت + أبي بكر needs two steps left.
ROUNDS = 2


def _gather(w: pl.DataFrame, cols: list[str], idx: pl.Series) -> pl.DataFrame:
    return w.select(cols).gather(idx.clip(0, max(w.height - 1, 0)))


def _edge_words(d: pl.DataFrame) -> pl.DataFrame:
    """Per edge word: ``head`` (it may be cut from a name's start: grammar, a title or cue word, a
    nationality adjective the knowledge base knows, a frequent definite or suffixed word no name
    lexicon lists) and ``tail`` (it may be cut from a name's end: grammar, a cue word, or a very
    frequent unlisted word that is no title or nisba)."""
    c = pl.col
    listed = c("given") | c("family") | c("connector") | c("bare").is_in(NAME_WORDS)
    stop = c("stop") & ~listed
    common = (c("zipf") >= COMMON_EDGE) & ~listed & ~c("latin")
    nisba = (c("cov_kind") == "nisba").fill_null(False)
    # A title or nisba after a name is mostly a family name (طارق السيد، فيصل السويدي، جون كندي).
    very_common = (c("zipf") >= COMMON_TAIL) & ~listed & ~c("latin") & ~c("title") & ~nisba
    return d.select(
        head=(stop | c("speech") | nisba | c("title") | (common & (c("al") | c("suffixed")))).fill_null(
            False
        ),
        tail=(stop | c("speech") | very_common).fill_null(False),
    )


def trim_person_edges(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """Person spans of two words or more lose an ordinary word (``_edge_words``) at either end, but
    never the word before a patronymic or after a connector (الحسن بن علي، عبد الله، أبو الحسن)."""
    c = pl.col
    cols = ["stop", "title", "speech", "cov_kind", "zipf", "given", "family", "connector", "latin", "bare"]
    cols += ["al", "suffixed"]
    for _ in range(ROUNDS):
        person = spans["entity_type"] == "PERSON"
        first, last = _edge_words(_gather(w, cols, spans["s"])), _edge_words(_gather(w, cols, spans["e"]))
        # الحسن بن علي: a word before a patronymic is a given name, whatever else it is.
        after_first = _gather(w, ["bare"], spans["s"] + 1)["bare"].is_in(PATRONYMIC).fill_null(False)
        before_last = _gather(w, ["connector"], spans["e"] - 1)["connector"].fill_null(False)
        cut_head = person & (spans["e"] > spans["s"]) & first["head"] & ~after_first
        long2 = spans["e"] > spans["s"] + cut_head.cast(pl.Int64)
        cut_tail = person & long2 & last["tail"] & ~before_last
        spans = spans.with_columns(
            s=c("s") + pl.lit(cut_head).cast(pl.Int64), e=c("e") - pl.lit(cut_tail).cast(pl.Int64)
        )
    return spans


def _name_before(d: pl.DataFrame) -> pl.Series:
    """A word that can be the given name before a patronymic: a listed name, or a rare word that is
    no grammar, cue or knowledge-base match."""
    c = pl.col
    return d.select(
        (
            (c("given") | c("family") | (c("zipf") < COMMON_EDGE))
            & c("arabic")
            & ~c("stop")
            & ~c("title")
            & ~c("office")
            & ~c("speech")
            & ~c("org_head")
            & ~c("connector")
            & ~c("cov")
        ).fill_null(False)
    ).to_series()


def widen_over_patronyms(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """Person spans that open on بن/بنت/ابن take the name word right before it (معاوية بن أبي
    سفيان), and those right after a kunya particle or a patronymic take it (أبا هريرة، بنت أبي بكر). Only over a free
    word glued by spaces: not into another span, across punctuation or into another article."""
    c = pl.col
    if spans.is_empty():
        return spans
    cols = ["aidx", "arabic", "stop", "title", "office", "speech", "org_head", "connector", "cov"]
    cols += ["given", "family", "zipf", "bare"]
    for _ in range(ROUNDS):
        spans = spans.sort("aidx", "s")
        # The end of the span before, in the same article: a widened span must not reach into it.
        prev_end = spans.select(c("e").shift(1).over("aidx").fill_null(-1))["e"]
        head = _gather(w, ["bare", "joined"], spans["s"])
        prev = _gather(w, cols, spans["s"] - 1)
        free = (
            (spans["entity_type"] == "PERSON")
            & (spans["s"] > 0)
            & (prev_end < spans["s"] - 1)
            & (prev["aidx"] == spans["aidx"])
            & head["joined"].fill_null(False)
        )
        patronym = head["bare"].is_in(PATRONYMIC) & _name_before(prev)
        opener = prev["bare"].is_in(OPENERS + PATRONYMIC) & ~prev["cov"].fill_null(False)
        grow = free & (patronym | opener).fill_null(False)
        spans = spans.with_columns(s=c("s") - pl.lit(grow).cast(pl.Int64))
    return spans


def drop_inflected_lone_words(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """One-word person spans whose word is inflected as an ordinary word are dropped: a pronoun
    suffix (هويته، رغبته), an imperfect verb's prefix on a word the corpus knows (يرجحون), or a
    preposition on a likelier word (بتأييد، لانفاق، بمانشستر). Listed names stay (يوسف، لبنى)."""
    c = pl.col
    if spans.is_empty():
        return spans
    cols = ["given", "family", "suffixed", "verbish", "zipf", "clitic_prep", "rest_zipf"]
    d = _gather(w, cols, spans["s"])
    clitic = c("clitic_prep") & (c("rest_zipf") >= c("zipf")) & (c("rest_zipf") >= COMMON_REST)
    inflected = d.select(
        ((c("suffixed") | (c("verbish") & (c("zipf") > 0)) | clitic) & ~(c("given") | c("family"))).fill_null(
            False
        )
    ).to_series()
    lone = (spans["entity_type"] == "PERSON") & (spans["s"] == spans["e"])
    return spans.filter(~(lone & inflected))


def given_name_places(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """The tagger's places of two words or more that open on a listed given name the knowledge
    base does not read as anything else are persons (احمد سليم حمدان، محمد بن عبد الكريم الخطابي):
    the tagger takes a rare surname for a town."""
    c = pl.col
    if spans.is_empty() or "method" not in spans.columns:
        return spans
    d = _gather(w, ["given", "cov"], spans["s"])
    person = (
        (spans["entity_type"] == "PLACE")
        & (spans["method"] == "model").fill_null(False)
        & (spans["e"] > spans["s"])
        & d["given"].fill_null(False)
        & ~d["cov"].fill_null(False)
    )
    return spans.with_columns(
        entity_type=pl.when(pl.lit(person)).then(pl.lit("PERSON")).otherwise(c("entity_type"))
    )


def fix_person_edges(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``given_name_places``, ``trim_person_edges``, ``widen_over_patronyms`` then
    ``drop_inflected_lone_words``."""
    spans = trim_person_edges(given_name_places(spans, w), w)
    return drop_inflected_lone_words(widen_over_patronyms(spans, w), w)
