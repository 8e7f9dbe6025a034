"""Found person names cut short or run on: take a foreign surname, cut the verb after the name.

The tagger and the rules read a foreign name word by word, and often stop a word early or late:

- ``بيل فريست``, ``إدوارد مورلي``, ``بافل ندفيد`` found as the given name alone: a rare word that
  nothing else reads, glued right after a person span, is the surname (``widen_right``). So is a
  regnal ordinal (فرناندو الثالث) and the part after a hyphen (كيم جونغ - ايل، ميشال اليو - ماري).
- ``هوانغ يصمم``, ``أسامة بن لادن اندسوا``, ``عبد الحفيظ لشرح``: the verb or preposition phrase
  after a name is the sentence going on (``cut_verb_tail``).

A word starting with ف that neither reads as a word nor as ف + a word is taken for a conjunction
by ``features._vocab`` (the tie at zero frequency); after a name it is a foreign surname
(فيرجسون، فرنانديز، فريست), since a clause opened by ف does not follow a name directly.

All on the ``aidx, s, e, entity_type`` spans of ``resolve.find_open_world`` (global word ids into the
word table ``w`` of ``features.word_table``), by gathering the words at the span edges.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.person_edges import NAME_WORDS, ORDINALS

# An unlisted word rarer than this (wordfreq Zipf) may be a foreign surname after a name: the
# surnames are mostly absent (فريست، مورلي 0); ordinary words after a name are frequent (تزايد
# 4.2, حارس 4.5, قبل 6.3). Same bar as ``people.RARE_WORD``.
RARE_SURNAME = 3.0
# A word shaped like an imperfect verb (ي/ت/ن) is one where it, or it without the prefix, is this
# frequent: يصمم (صمم 4.1), ينجح 4.3; names (ندفيد، تريزيغيه) are rarer both ways.
VERB_ZIPF = 3.5
# A word with ب/ل on it is that preposition on a word at least this frequent (لشرح، بزمام).
PREP_REST = 3.5
# A surname candidate with ب/ل/ك is that preposition on a word where the rest is this frequent.
CLITIC_REST = 3.0
# Gaps that glue the parts of a hyphenated name (كيم جونغ - ايل).
HYPHEN_GAPS = (" - ", "-", " -", "- ")
# A name part after a hyphen may be this frequent (ايل 3.8, ماري): below ``person_edges.COMMON_EDGE``.
HYPHEN_PART = 4.5
# ... and this short: the parts of Korean and French compound names (ايل، هوي، ماري).
HYPHEN_MAX_LEN = 4
# Rounds of widening: جيمس + الأول + ستيوارت takes two words.
ROUNDS = 2
_COLS = ["aidx", "bare", "token", "gap", "joined", "arabic", "al", "stop", "title", "office", "speech"]
_COLS += ["org_head", "cov", "generic", "suffixed", "plural", "conj", "zipf", "rest_zipf", "verbish"]
_COLS += ["clitic_prep", "given", "family", "connector", "latin"]


def _gather(w: pl.DataFrame, idx: pl.Series) -> pl.DataFrame:
    return w.select(_COLS).gather(idx.clip(0, max(w.height - 1, 0)))


def _f_name() -> pl.Expr:
    """ف + a word nothing reads either way: a foreign name (فيرجسون), not ف + a verb (فأطاحوا)."""
    c = pl.col
    return (
        c("conj")
        & c("token").str.starts_with("ف")
        & (c("zipf") == 0)
        & (c("rest_zipf") == 0)
        & ~c("token").str.contains(r"^ف[أإاآ]")
    )


def _verb_like() -> pl.Expr:
    """An unlisted word that carries the sentence on: an imperfect verb, a perfect plural verb
    (اندسوا), a preposition or conjunction on a frequent word (لشرح، فوصف)."""
    c = pl.col
    listed = c("given") | c("family") | c("bare").is_in(NAME_WORDS)
    # The word without its prefix is the likelier word: يصمم (صمم), not نيوتن or يونغ.
    # A stem of three letters at least: تيو is no ت + يو.
    verb = (
        c("verbish")
        & (c("bare").str.len_chars() >= 4)
        & (c("rest_zipf") >= VERB_ZIPF)
        & (c("rest_zipf") > c("zipf"))
    )
    # The future prefix: ستزور، سيقرر (تزور، يقرر are words), not ستيفن.
    future = (
        c("bare").str.contains(r"^س[يتن]") & (c("rest_zipf") >= RARE_SURNAME) & (c("rest_zipf") > c("zipf"))
    )
    plural_verb = c("bare").str.contains(r"..وا$") & (c("zipf") == 0)
    # ب/ل only: ك on a name is mostly its first letter (كندي is no ك + ندي). The whole word must be
    # a word too (لشرح 3.8): a surname nothing reads is a name even where its rest is (لوان: وان).
    prep = (
        c("bare").str.contains(r"^[بل]..")
        & (c("zipf") > 0)
        & (c("rest_zipf") >= PREP_REST)
        & (c("rest_zipf") > c("zipf"))
    )
    conj = c("conj") & ~_f_name()
    return (verb | future | plural_verb | prep | conj) & ~listed & ~c("latin")


def _surname(max_zipf: float = RARE_SURNAME) -> pl.Expr:
    """A word that can close a foreign name: rarer than ``max_zipf`` or a listed family name,
    unlisted as anything else, not a verb's shape."""
    c = pl.col
    rare = (c("zipf") < max_zipf) | (c("family") & ~c("al"))
    plain = (
        c("arabic")
        & ~c("al")
        & ~c("stop")
        & ~c("title")
        & ~c("office")
        & ~c("speech")
        & ~c("org_head")
        & ~c("cov")
        & ~c("generic")
        & ~c("suffixed")
        & ~c("plural")
        & ~c("connector")
        # A conjunction opens the next name of a list (بوش وبلير), not a surname.
        & (~c("conj") | _f_name())
        # A preposition on a word (بوقوع، لتبني، كأشهر، لزيدان) starts the phrase after the name.
        & ~(c("bare").str.contains(r"^[بلك]..") & (c("rest_zipf") >= CLITIC_REST))
        # An accusative or a dual or plural verb (إصلاحياً، متفوقا، انتقلا، أضاعا): the sentence.
        & ~c("token").str.contains("ً")
        & ~c("bare").str.ends_with("ا")
    )
    return (plain & rare & ~_verb_like()) | (c("bare").is_in(ORDINALS) & ~c("conj"))


def widen_right(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """Person spans take the next word when it is a rare surname, a regnal ordinal or a name part
    after a hyphen, glued to the span (spaces or a hyphen only) and in no other span."""
    c = pl.col
    if spans.is_empty():
        return spans
    for _ in range(ROUNDS):
        spans = spans.sort("aidx", "s")
        next_start = spans.select(c("s").shift(-1).over("aidx").fill_null(w.height))["s"]
        nxt = _gather(w, spans["e"] + 1)
        after = _gather(w, spans["e"] + 2)
        # A rare word governing a definite noun is a verb or a noun in construct (زيدان اعتزل
        # اللعب، بوش مسلوب الارادة); a surname ends the phrase: punctuation, a grammar word, و...
        governs = after.select(
            c("joined") & c("al") & ~c("stop") & ~c("conj") & (c("aidx") == pl.lit(nxt["aidx"]))
        ).to_series()
        ordinal = nxt["bare"].is_in(ORDINALS)
        # After a hyphen a name part may be more frequent as a word (ايل، ماري): the hyphen is the cue.
        # The dash after a definite family name (الطراونة - أزاح) is punctuation.
        last_al = pl.lit(_gather(w, spans["e"])["al"].fill_null(False))
        part = nxt.select(
            (c("joined") & (_surname() | _f_name()))
            | (
                c("gap").is_in(list(HYPHEN_GAPS))
                & _surname(HYPHEN_PART)
                & (c("bare").str.len_chars() <= HYPHEN_MAX_LEN)
                & ~last_al
            )
        ).to_series()
        grow = (
            (spans["entity_type"] == "PERSON")
            & (spans["e"] + 1 < w.height)
            & (next_start > spans["e"] + 1)
            & (nxt["aidx"] == spans["aidx"])
            & part.fill_null(False)
            & (~governs.fill_null(False) | ordinal)
        )
        spans = spans.with_columns(e=c("e") + pl.lit(grow).cast(pl.Int64))
    return spans


def cut_verb_tail(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """Person spans of two words or more lose a last word shaped like a verb or a preposition
    phrase (``_verb_like``), never the word after a connector (عبد الله، أبو يحيى)."""
    c = pl.col
    if spans.is_empty():
        return spans
    last = _gather(w, spans["e"])
    before = _gather(w, spans["e"] - 1)["connector"].fill_null(False)
    cut = (
        (spans["entity_type"] == "PERSON")
        & (spans["e"] > spans["s"])
        & last.select(_verb_like()).to_series().fill_null(False)
        & ~before
    )
    return spans.with_columns(e=c("e") - pl.lit(cut).cast(pl.Int64))


def join_person_parts(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``cut_verb_tail`` then ``widen_right``."""
    return widen_right(cut_verb_tail(spans, w), w)
