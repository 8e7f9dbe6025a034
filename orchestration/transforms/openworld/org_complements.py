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


def _flags(w: pl.DataFrame, heads: pl.Series) -> pl.DataFrame:
    """Per word: ``hd`` (a definite head noun), ``adj`` (a definite adjective), ``lp`` (a ل-complement
    opening), ``dw`` (a definite word continuing a complement)."""
    c = pl.col
    plain = c("joined") & ~c("stop") & ~c("conj") & ~c("speech") & ~c("title")
    nisba = (c("cov_kind") == "nisba").fill_null(False)
    head = c("al") & ~c("lprep") & ~c("cov") & c("bare").str.slice(2).is_in(heads.implode())
    # لـ on an indefinite noun in construct (لكرة القدم), and a body read as a collective actor
    # (للشرطة): the field of the institution.
    indef_l = c("bare").str.contains(r"^ل[^ا]\p{Arabic}{2,}$")
    collective = (c("cov_kind") == "collective").fill_null(False)
    return w.select(
        "aidx",
        hd=head.fill_null(False),
        adj=(plain & c("al") & ~c("lprep") & ((c("adjish") & ~c("cov")) | nisba)).fill_null(False),
        lp=(
            plain & (c("lprep") | indef_l) & (~c("cov") | collective) & (c("zipf") < FIELD_MAX_ZIPF)
        ).fill_null(False),
        dw=(plain & c("al") & ~c("lprep") & (~c("cov") | nisba)).fill_null(False),
        # A listed place as the genitive of a construct ل-word (لتحرير فلسطين).
        pw=(plain & (c("cov_kind") == "name") & (c("cov_type") == "PLACE")).fill_null(False),
        indef=indef_l.fill_null(False),
    )


def find_definite_orgs(w: pl.DataFrame, heads: pl.Series) -> pl.DataFrame:
    """Spans ``aidx, s, e, n, method, entity_type, a_iso3`` of definite-head institution names.
    ``heads``: the indefinite head nouns (``Lexicons.org_heads``), normalized."""
    c = pl.col
    f = _flags(w, heads)
    n = f.height
    cand = f.with_row_index("s").filter(c("hd")).select("aidx", c("s").cast(pl.Int64))
    s = cand["s"]

    def at(col: str, idx: pl.Series) -> pl.Series:
        """``col`` at word ``idx`` of the same article (False beyond the table or the article)."""
        inside = idx < n
        j = idx.clip(0, max(n - 1, 0))
        return (f[col].gather(j) & (f["aidx"].gather(j) == cand["aidx"]) & inside).fill_null(False)

    # Adjectives right after the head.
    n_adj = pl.Series([0] * len(s), dtype=pl.Int64)
    ok = pl.Series([True] * len(s), dtype=pl.Boolean)
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
            nxt = (
                at("dw", e + 1) | (at("pw", e + 1) & pl.lit(k == 0) & construct)
                if round_ == 0
                else at("dw", e + 1)
            )
            more = more & nxt
            e = e + more.cast(pl.Int64)
    spans = cand.with_columns(e=e, has=has).filter(c("has")).drop("has")
    return org_spans(spans, METHOD, pl.lit(None, pl.String))
