"""Offices of international organizations: the phrases that name one (role, organization, the
rest of the office's name, an envoy's destination). ``igo_roles`` resolves who holds them.

An office of an organization (``office`` ``igo_head`` or ``envoy``) is named by a role followed by
the organization, with a few words of the office's own name in between (الأمين العام للأمم المتحدة,
الممثل الأعلى للسياسة الخارجية والأمنية في الاتحاد الأوروبي), or by a pattern that names the
organization by itself (``roles.csv`` ``org_id``: المبعوث الأممي). A role right after such a role is
its complement (مبعوث الأمين العام للأمم المتحدة): the outer role is the office, the inner one names
nobody. An envoy's destination may follow (إلى اليمن).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.lexicon import col_or_null
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import GAP_COMMA, GAP_SPACE, gap_class, normalize_expr

IGO_OFFICES = ("igo_head", "igo_official", "envoy")
# Words of the office's own name between the role and its organization (للسياسة الخارجية والأمنية في).
ORG_WINDOW = 4
# Words introducing an envoy's destination (المبعوث الأممي إلى اليمن).
DESTINATION_WORDS = ("إلى", "لدى")
# The rest of an office's name after its organization, before the holder's name (الممثل الأعلى
# للاتحاد الأوروبي للشؤون الخارجية والسياسة الأمنية جوزيب بوريل): at most this many definite or
# ل-governed words, the first ل-governed (a verb, an indefinite noun or a time word ends it), none
# of them part of a name or role.
OFFICE_NAME_WORDS = 4
_OFFICE_WORD = r"^(?:و?ال|لل|ل)..+$"

_ROLE_COLS = [
    "eid",
    "aidx",
    "w0",
    "w1",
    "cs",
    "ce",
    "surf",
    "date",
    "role",
    "office",
    "cameo_role",
    "prefix",
    "gap_before",
]


def _org_codes(kb: KnowledgeBase) -> pl.DataFrame:
    o = kb.organizations
    return o.select(
        org_id="entity_id", org_code=col_or_null(o, "cameo_code"), org_en=col_or_null(o, "name_en")
    )


def _same_stretch(frame: pl.DataFrame, words: pl.DataFrame, a: str, b: str) -> pl.DataFrame:
    """Rows of ``frame`` whose words ``a`` and ``b`` (``a`` <= ``b``) are separated by inline spaces
    only: the running count of other gaps is the same at both. It runs over the words of the
    stretches only (every word from some ``a`` to the farthest ``b``), not the whole table."""
    if frame.is_empty():
        return frame
    near = _words_near(words, frame[a], int((frame[b] - frame[a]).max() or 0))
    brk = near.select(_aidx="aidx", _brk=(gap_class(pl.col("gap")) != GAP_SPACE).cast(pl.Int64).cum_sum())
    at = {c: near["wid"].search_sorted(frame[c]) for c in (a, b)}
    ga = brk.select(pl.all().gather(at[a])).rename({"_aidx": "_aa", "_brk": "_ba"})
    gb = brk.select(pl.all().gather(at[b])).rename({"_aidx": "_ab", "_brk": "_bb"})
    both = pl.concat([frame, ga, gb], how="horizontal")
    return both.filter((pl.col("_aa") == pl.col("_ab")) & (pl.col("_ba") == pl.col("_bb"))).drop(
        "_aa", "_ab", "_ba", "_bb"
    )


def _words_near(words: pl.DataFrame, starts: pl.Series, width: int) -> pl.DataFrame:
    """The rows of ``words`` (``wid`` is the row number) from each of ``starts`` to ``width`` words
    after it, once each, in ``wid`` order."""
    wids = (
        starts.to_frame("s")
        .select(wid=pl.int_ranges("s", pl.col("s") + width + 1, dtype=pl.Int64))
        .explode("wid")["wid"]
    )
    wids = wids.filter((wids >= 0) & (wids < words.height)).unique().sort()
    return words.select(pl.all().gather(wids))


def igo_phrases(
    elements: pl.DataFrame, words: pl.DataFrame, kb: KnowledgeBase
) -> tuple[pl.DataFrame, pl.Series]:
    """(phrases: role columns + ``org_id, org_code, org_en, pw1, pce``; eids of the roles that are
    no office of their own: complements of another role, and former holders' titles)."""
    orgs = _org_codes(kb).filter(pl.col("org_code").str.starts_with("IGO"))
    roles = elements.filter((pl.col("kind") == "role") & pl.col("office").is_in(IGO_OFFICES))
    roles = roles.select(*_ROLE_COLS, implied=col_or_null(roles, "org_id"))
    inner = roles.join(roles.select("aidx", w0="w1"), on=["aidx", "w0"], how="semi")["eid"]
    outer = roles.filter(~pl.col("eid").is_in(inner.implode()))
    named = elements.filter(
        (pl.col("kind") == "name") & (pl.col("entity_type") == "ORG") & pl.col("prefix").is_in(["", "ل"])
    ).select("aidx", o_w0="w0", o_w1="w1", o_ce="ce", org_id="entity_id")
    near = outer.join(named, on="aidx").filter(
        (pl.col("o_w0") >= pl.col("w1")) & (pl.col("o_w0") <= pl.col("w1") + ORG_WINDOW)
    )
    found = (
        _same_stretch(near.with_columns(last=pl.col("w1") - 1), words, "last", "o_w0")
        # The nearest organization; of two readings starting on one word, the longer.
        .sort(["eid", "o_w0", "o_w1", "org_id"], descending=[False, False, True, False])
        .unique("eid", keep="first", maintain_order=True)
        .select("eid", "o_w1", "o_ce", "org_id")
    )
    phrases = (
        outer.join(found, on="eid", how="left")
        .with_columns(
            org_id=pl.coalesce("org_id", "implied"),
            pw1=pl.max_horizontal("w1", pl.col("o_w1").fill_null(0)),
            pce=pl.max_horizontal("ce", pl.col("o_ce").fill_null(0)),
        )
        .join(orgs, on="org_id")
        .drop("implied", "o_w1", "o_ce")
    )
    phrases = _with_office_name(_with_destination(phrases, elements, words), elements, words)
    # A former holder (الأمين العام السابق للأمم المتحدة) no longer acts for the organization, and
    # the phrase names no one who holds the office now: it is neither coded nor resolved.
    former = _former(phrases, words)
    return phrases.filter(~pl.col("eid").is_in(former.implode())), pl.concat([inner, former])


def _former(phrases: pl.DataFrame, words: pl.DataFrame) -> pl.Series:
    """Eids of phrases with a word of ``FORMER_FORMS`` inside them or right after them."""
    forms = pl.DataFrame({"f": list(rl.FORMER_FORMS)}).select(normalize_expr(pl.col("f")))["f"]
    wids = words.filter(pl.col("norm").is_in(forms.implode())).select("aidx", fw="wid")
    return (
        phrases.select("eid", "aidx", "w1", "pw1")
        .join(wids, on="aidx")
        .filter((pl.col("fw") >= pl.col("w1")) & (pl.col("fw") <= pl.col("pw1")))["eid"]
        .unique()
    )


def _with_destination(phrases: pl.DataFrame, elements: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Extend ``pw1``/``pce`` over an envoy's destination country (إلى اليمن, لليمن)."""
    dest_words = pl.DataFrame({"w": list(DESTINATION_WORDS)}).select(normalize_expr(pl.col("w")))["w"]
    countries = elements.filter(
        (pl.col("kind") == "name") & pl.col("entity_id").str.starts_with("country:")
    ).select("aidx", c_w0="w0", c_w1="w1", c_ce="ce", c_prefix="prefix", c_gap="gap_before")
    nxt = words.select("aidx", d_w0="wid", d_norm="norm")
    after = (
        phrases.select("eid", "aidx", d_w0="pw1")
        .join(nxt, on=["aidx", "d_w0"])
        .join(countries, on="aidx")
        .filter(pl.col("c_gap") == GAP_SPACE)
        .filter(
            ((pl.col("c_w0") == pl.col("d_w0")) & (pl.col("c_prefix") == "ل"))
            | (
                (pl.col("c_w0") == pl.col("d_w0") + 1)
                & (pl.col("c_prefix") == "")
                & pl.col("d_norm").is_in(dest_words.implode())
            )
        )
        .sort(["eid", "c_w0", "c_w1"], descending=[False, False, True])
        .unique("eid", keep="first", maintain_order=True)
        .select("eid", c_w1="c_w1", c_ce="c_ce")
    )
    return (
        phrases.join(after, on="eid", how="left")
        .with_columns(pw1=pl.coalesce("c_w1", "pw1"), pce=pl.coalesce("c_ce", "pce"))
        .drop("c_w1", "c_ce")
    )


def _with_office_name(phrases: pl.DataFrame, elements: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Extend ``pw1`` over the rest of the office's name (``OFFICE_NAME_WORDS``) when a person or
    an honorific starts right after it; ``pce`` keeps the organization's end."""
    # Only the few words after each phrase can extend it: the tests below run on those.
    near = _words_near(words, phrases["pw1"], OFFICE_NAME_WORDS)
    covered = (
        elements.filter(pl.col("aidx").is_in(phrases["aidx"].implode()))
        .select("aidx", wid=pl.int_ranges("w0", "w1"))
        .explode("wid")
        .unique()
        .with_columns(cov=pl.lit(True))
    )
    ok = pl.col("norm").str.contains(_OFFICE_WORD) & (gap_class(pl.col("gap")) == GAP_SPACE)
    w = (
        near.select("aidx", "wid", "norm", "gap")
        .join(covered, on=["aidx", "wid"], how="left")
        .sort("aidx", "wid")
        .with_columns(bad=(~(ok & pl.col("cov").is_null())).cast(pl.Int64))
        # not-ok words before this one (the count runs over articles; only differences are used)
        .with_columns(before=pl.col("bad").cum_sum() - pl.col("bad"))
        .select("aidx", "wid", "before", lead=pl.col("norm").str.starts_with("ل"))
    )
    heads = elements.filter(
        ((pl.col("kind") == "honorific") | (pl.col("entity_type") == "PERSON"))
        & pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA])
        & (pl.col("prefix") == "")
    ).select("aidx", s="w0")
    ends = (
        phrases.select("eid", "aidx", "pw1")
        # the name opens with a complement (للشؤون، لشؤون): a time word (اليوم) before a guest does not
        .join(w.filter("lead").rename({"wid": "pw1", "before": "b0"}).drop("lead"), on=["aidx", "pw1"])
        .join(heads, on="aidx")
        .filter((pl.col("s") > pl.col("pw1")) & (pl.col("s") <= pl.col("pw1") + OFFICE_NAME_WORDS))
        .join(w.rename({"wid": "s", "before": "b1"}).drop("lead"), on=["aidx", "s"])
        .filter(pl.col("b1") == pl.col("b0"))
        .group_by("eid")
        .agg(s=pl.col("s").min())
    )
    return phrases.join(ends, on="eid", how="left").with_columns(pw1=pl.coalesce("s", "pw1")).drop("s")
