"""Institutions named by a definite head noun, adjectives and a ل-complement naming their field.

``الاتحاد الدولي لكرة القدم``، ``المنظمة العالمية للملكية الفكرية``، ``البنك الافريقي للتنمية``،
``المكتب العربي للتعاون الانمائي``: the canonical shape of an Arabic institution's name is a head
noun with the article (an ``org_head`` of ``openworld_cues.csv``: الاتحاد، المنظمة، البنك، المكتب),
one or two definite adjectives (الدولي، العالمية، الوطني، الالمانية) and a complement with لـ (للتنمية)
followed by at most ``MAX_TAIL`` definite words (القدم، الفكرية) and a second such complement
(للمقاطعات الفرنسية). Without the adjective the phrase is an ordinary one (المجلس للمرة الثالثة),
and without the complement a common noun phrase (الاتحاد الدولي "the international union", which
the knowledge base names where it is one body). The span is firm: the head and the ل fix its extent.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.clubs import org_spans

MAX_ADJ = 2
MAX_TAIL = 2
# The complement's noun is a field (التنمية، الملكية، كرة), not an ordinary word of the sentence
# (لهذا 5.5, للسلام 5.6): Zipf frequency below this (الشرطة 5.4).
FIELD_MAX_ZIPF = 5.5
METHOD = "head-noun"


def _flags(heads: pl.Series) -> dict[str, pl.Expr]:
    """Word tests: ``hd`` (a definite head noun), ``adj`` (a definite adjective), ``lp`` (a
    ل-complement opening), ``dw`` (a definite word continuing a complement), ``pw`` (a listed
    place), ``indef`` (لـ on an indefinite noun)."""
    c = pl.col
    plain = c("joined") & ~c("stop") & ~c("conj") & ~c("speech") & ~c("title")
    nisba = (c("cov_kind") == "nisba").fill_null(False)
    definite = ("ال" + heads).implode()
    # لـ on an indefinite noun in construct (لكرة القدم), and a body read as a collective actor
    # (للشرطة): the field of the institution.
    indef_l = c("bare").str.contains(r"^ل[^ا]\p{Arabic}{2,}$")
    collective = (c("cov_kind") == "collective").fill_null(False)
    flags = {
        "hd": c("al") & ~c("lprep") & ~c("cov") & c("bare").is_in(definite),
        "adj": plain & c("al") & ~c("lprep") & ((c("adjish") & ~c("cov")) | nisba),
        "lp": plain & (c("lprep") | indef_l) & (~c("cov") | collective) & (c("zipf") < FIELD_MAX_ZIPF),
        "dw": plain & c("al") & ~c("lprep") & (~c("cov") | nisba),
        # A listed place as the genitive of a construct ل-word (لتحرير فلسطين).
        "pw": plain & (c("cov_kind") == "name") & (c("cov_type") == "PLACE"),
        "indef": indef_l,
    }
    return {k: v.fill_null(False).alias(k) for k, v in flags.items()}


_COLS = ["aidx", "joined", "stop", "conj", "speech", "title", "cov_kind", "cov_type", "al", "lprep"]
_COLS += ["cov", "bare", "adjish", "zipf"]


def find_definite_orgs(w: pl.DataFrame, heads: pl.Series) -> pl.DataFrame:
    """Spans ``aidx, s, e, n, method, entity_type, a_iso3`` of definite-head institution names.
    ``heads``: the indefinite head nouns (``Lexicons.org_heads``), normalized. The word tests run on
    the head words' neighbours only (gathered by row), not on every word."""
    c = pl.col
    flags = _flags(heads)
    n = w.height
    s = w.select(flags["hd"].arg_true().cast(pl.Int64)).to_series()
    cand = pl.DataFrame({"aidx": w["aidx"].gather(s), "s": s})
    cols = w.select(_COLS)

    def at(name: str, idx: pl.Series) -> pl.Series:
        """Test ``name`` at word ``idx`` of the same article (False beyond the table or the article)."""
        j = idx.clip(0, max(n - 1, 0))
        got = cols.gather(j).select(flags[name], same=c("aidx") == pl.lit(cand["aidx"]))
        return (got[name] & got["same"] & (idx < n)).fill_null(False)

    none = pl.Series([False] * len(s), dtype=pl.Boolean)
    # Adjectives right after the head.
    n_adj = pl.Series([0] * len(s), dtype=pl.Int64)
    ok = ~none
    for k in range(1, MAX_ADJ + 1):
        ok = ok & at("adj", s + k)
        n_adj = n_adj + ok.cast(pl.Int64)
    e = s + n_adj
    # An indefinite ل-word is in construct: its genitive follows (لكرة القدم, not لدول رابطة).
    construct = at("indef", e + 1)
    has = (n_adj > 0) & at("lp", e + 1) & (~construct | at("dw", e + 2) | at("pw", e + 2))
    e = e + has.cast(pl.Int64)
    # The complement's definite words, then a second complement with the article (للمقاطعات
    # الفرنسية): an indefinite one there is a purpose clause (لوضع آلية، لعقد الاجتماع).
    go = has
    for round_ in range(2):
        if round_ == 1:
            go = has & at("lp", e + 1) & ~at("indef", e + 1)
            e = e + go.cast(pl.Int64)
        more = go
        for k in range(MAX_TAIL):
            place = at("pw", e + 1) & construct if (round_ == 0 and k == 0) else none
            more = more & (at("dw", e + 1) | place)
            e = e + more.cast(pl.Int64)
    spans = cand.with_columns(e=e, has=has).filter(c("has")).drop("has")
    return org_spans(spans, METHOD, pl.lit(None, pl.String))
