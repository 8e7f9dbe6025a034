"""Organization names that a head noun introduces in apposition: quoted titles and facility names.

- A head noun (``org_head``, ``appositive_head`` or ``facility_head`` of ``openworld_cues.csv``)
  right before an opening quotation mark introduces the name inside the quotes: ``صحيفة « الشرق
  الاوسط »``, ``جماعة « انصار الشريعة »``, ``مجلة " New Yorker "``. The quoted words are the name
  (at most ``MAX_QUOTED`` words glued by spaces, then a closing mark).
- A facility head (``مسجد، سجن، مستشفى، فندق``) followed by a proper name names the institution:
  ``مسجد فنسبري بارك``, ``سجن بيل مارش``, ``سجن الحائر``. The head is a common noun in apposition,
  so the name alone is the span (as ``شركة نوكيا`` -> ``نوكيا`` in ``orgs.py``).

- A place designator (``place_head``: مدينة، مخيم، نهر، ولاية) before a proper name names a place
  the gazetteer lacks: ``مخيم البريج``, ``نهر مهروت`` (a rule span: the tagger's span wins).

The organization spans are firm: where the token tagger read the same words otherwise, the quotes and the head
say more about the extent than its word-by-word guess (``resolve.find_open_world``).
"""

from __future__ import annotations

import polars as pl

MAX_QUOTED = 4
MAX_FACILITY_NAME = 3
# Zipf frequency above which a word after a facility head is an ordinary word (سجن المدينة).
COMMON_FACILITY = 3.0
# Zipf frequency from which a later word of a facility's name is an ordinary word (شمال 5.2).
COMMON_NAME_PART = 4.8
# Zipf frequency below which the word after an appositive head is a name, not a common noun.
COMMON_APPOSED = 4.0
# Zipf frequency from which a lone word is an ordinary noun, not a place name (المدينة 5.3).
COMMON_PLACE = 5.0
_QUOTE = r"[\"«»“”]"


def _head() -> pl.Expr:
    c = pl.col
    return (c("org_head") | c("appositive") | c("facility")) & ~c("al") & ~c("cov")


def quoted_orgs(w: pl.DataFrame) -> pl.DataFrame:
    """``aidx, s, e, n, method`` of the quoted names right after a head noun."""
    c = pl.col
    # Only the word after a head noun can open a quoted name: the tests run on those few words and
    # the MAX_QUOTED after each (gathered by row number), not on every word's gap.
    pos = w.select(_head().fill_null(False).arg_true().cast(pl.Int64) + 1).to_series()
    pos = pos.filter(pos < w.height)
    cols = {}
    for k in range(MAX_QUOTED + 1):
        rows = pos + k
        inside = rows < w.height
        at = w.select("aidx", "gap", "joined").gather(rows.clip(upper_bound=w.height - 1))
        same = (at["aidx"] == w["aidx"].gather((rows - 1).clip(upper_bound=w.height - 1))).fill_null(False)
        qgap = at["gap"].str.contains(_QUOTE) | ~same
        # Beyond the last word a quote gap is implied, and no word is joined.
        cols[f"q{k}"] = qgap if k == 0 else qgap.zip_with(inside, pl.Series([True] * pos.len()))
        cols[f"j{k}"] = at["joined"].zip_with(inside, pl.Series([False] * pos.len(), dtype=pl.Boolean))
        if k == 0:
            cols["same"] = same
    x = w.select("aidx", "wid", "arabic", "latin", "stop").gather(pos).with_columns(**cols)
    opens = c("q0") & c("same") & (c("arabic") | c("latin")) & ~c("stop")
    # The quoted run closes at the first quote gap within MAX_QUOTED words glued by spaces.
    ends = []
    ok = pl.lit(True)
    for k in range(1, MAX_QUOTED + 1):
        if k > 1:
            ok = ok & c(f"j{k - 1}").fill_null(False)
        ends.append(pl.when(ok & c(f"q{k}").fill_null(True)).then(c("wid") + (k - 1)))
    spans = x.with_columns(e=pl.coalesce(ends)).filter(opens & c("e").is_not_null())
    return spans.select("aidx", s="wid", e="e", n=c("e") - c("wid") + 1, method=pl.lit("head-noun"))


def facility_orgs(w: pl.DataFrame) -> pl.DataFrame:
    """``aidx, s, e, n, method`` of the proper names right after a facility head noun."""
    return names_after_head(w, pl.col("facility"))


def names_after_head(w: pl.DataFrame, head: pl.Expr) -> pl.DataFrame:
    """``aidx, s, e, n, method`` of the proper names right after an indefinite ``head`` word (a
    facility: سجن بيل مارش; a place designator: مخيم البريج)."""
    c = pl.col
    # Letters, no grammar word, knowledge-base match or cue.
    word = (
        (c("arabic") | c("latin"))
        & ~c("stop")
        & ~c("cov")
        & ~c("title")
        & ~c("org_head")
        & ~c("facility")
        & ~c("place_head")
        & ~c("speech")
        & c("joined")
    )
    # The first word is rare as an ordinary word or a listed name (سجن الحائر، سجن بيل مارش), and
    # no adjective or plural (سجن انفرادي، المستشفيات). Transliterated words that follow may be
    # frequent (بارك، مارش) but are no verb, adjective or direction (سجن فنسبري شمال لندن).
    first = word & ((c("zipf") < COMMON_FACILITY) | c("given") | c("family")) & ~c("adjish") & ~c("plural")
    more = word & ~c("al") & ~c("verbish") & ~c("adjish") & (c("zipf") < COMMON_NAME_PART)
    x = w.with_columns(f=first, m=more)
    n = c("f").shift(-1).fill_null(False).cast(pl.Int64)
    ok = c("f").shift(-1).fill_null(False)
    for k in range(2, MAX_FACILITY_NAME + 1):
        ok = ok & c("m").shift(-k).fill_null(False)
        n = n + ok.cast(pl.Int64)
    heads = x.with_columns(n=n).filter(head & ~c("al") & ~c("cov") & (c("n") >= 1))
    return heads.select("aidx", s=c("wid") + 1, e=c("wid") + c("n"), n=c("n"), method=pl.lit("head-noun"))


def appositive_names(w: pl.DataFrame) -> pl.DataFrame:
    """Quoted and facility names (``aidx, s, e, n, method, a_iso3``), leftmost-longest."""
    spans = pl.concat([quoted_orgs(w), facility_orgs(w)], how="vertical_relaxed").with_columns(
        entity_type=pl.lit("ORG")
    )
    return spans.with_columns(a_iso3=pl.lit(None, pl.String)).sort("s", pl.col("e"), descending=[False, True])


def prefer_firm(spans: pl.DataFrame, firm: pl.DataFrame) -> pl.DataFrame:
    """``spans`` (rules and tagger, ``aidx, s, e`` ...) less those sharing a word with a ``firm``
    span, plus the firm spans as organizations."""
    c = pl.col
    if firm.is_empty():
        return spans
    taken = firm.select(wid=pl.int_ranges("s", c("e") + 1)).explode("wid")["wid"].cast(pl.Int64)
    own = spans.with_columns(_w=pl.int_ranges("s", c("e") + 1))
    hit = own.select(pl.col("_w").list.eval(pl.element().cast(pl.Int64).is_in(taken.implode())).list.any())
    kept = spans.filter(~hit.to_series().fill_null(False))
    orgs = firm.with_columns(a_role=pl.lit(None, pl.String), a_cameo=pl.lit(None, pl.String), whole=True)
    return pl.concat([kept, orgs], how="diagonal_relaxed")


def trim_appositive(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """Organization spans that open on an appositive head noun before a rarer word start after it:
    ``صحيفة التايمز`` -> ``التايمز``, ``نادي تشلسي`` -> ``تشلسي`` (the tagger takes the head in). A
    frequent word after the head is part of a descriptive name and keeps it (وكالة الأنباء)."""
    c = pl.col
    first = w.select("appositive", "al").gather(spans["s"])
    second = w["zipf"].gather((spans["s"] + 1).clip(0, w.height - 1))
    trim = (
        (spans["entity_type"] == "ORG")
        & (spans["e"] > spans["s"])
        & first["appositive"].fill_null(False)
        & ~first["al"].fill_null(False)
        & (second < COMMON_APPOSED)
    )
    # An institution over a known place keeps its head (شركة قطر is not the country).
    if "method" in spans.columns:
        trim = trim & (spans["method"] != "place-org").fill_null(True)
    return spans.with_columns(s=c("s") + pl.lit(trim).cast(pl.Int64))


def whole_first_word(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``spans`` with text (``span_text``) whose ``whole`` ones start on their first word's first
    letter: a name right after a head noun or a quote has no conjunction to strip (فيتش ريتنغز,
    فنسبري بارك: not ف + يتش)."""
    c = pl.col
    if "whole" not in spans.columns:
        return spans
    start = w["char_start"].gather(spans["s"])
    token = w["token"].gather(spans["s"])
    whole = c("whole").fill_null(False)
    return (
        spans.with_columns(_st=start, _tok=token)
        .with_columns(
            surf=pl.when(whole)
            .then(c("_tok").str.slice(0, c("cs") - c("_st")) + c("surf"))
            .otherwise(c("surf")),
            cs=pl.when(whole).then(c("_st")).otherwise(c("cs")),
        )
        .drop("_st", "_tok", "whole")
    )


def nisba_after(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """Organization spans without a country take that of a nationality adjective right after them
    (``حزب المحافظين البريطاني``, ``نادي تشلسي الإنجليزي``): the adjective qualifies the body."""
    c = pl.col
    nxt = (spans["e"] + 1).clip(0, w.height - 1)
    # Glued by spaces, or by the closing quote of a quoted name (صحيفة " الغد " الأردنية).
    glued = c("joined") | c("gap").str.contains(r"^\s*[\"»”]\s*$")
    after = w.select("aidx", "cov_kind", "cov_iso3", glued=glued).gather(nxt)
    qualifies = (
        (spans["entity_type"] == "ORG")
        & (spans["e"] + 1 < w.height)
        & (after["aidx"] == spans["aidx"])
        & after["glued"].fill_null(False)
        & (after["cov_kind"] == "nisba").fill_null(False)
    )
    iso = pl.Series("iso", after["cov_iso3"]).zip_with(
        qualifies, pl.Series([None] * spans.height, dtype=pl.String)
    )
    return spans.with_columns(a_iso3=c("a_iso3").fill_null(iso))


def designated_places(w: pl.DataFrame) -> pl.DataFrame:
    """A place designator names the place after it (مخيم البريج، نهر دجلة، ولاية غوجارات):
    ``aidx, s, e, n, method, entity_type``."""
    return names_after_head(w, pl.col("place_head")).with_columns(entity_type=pl.lit("PLACE"))


def drop_bare_heads(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``spans`` less one-word organizations that are a head noun alone (جامعة، معهد، مكتب): the
    common noun before a name (often a known place the tagger left out: جامعة ليدز), never a name."""
    c = pl.col
    head = w.select(c("org_head") | c("appositive") | c("facility") | c("place_head"))
    bare = (spans["s"] == spans["e"]) & (spans["entity_type"] == "ORG") & head.to_series().gather(spans["s"])
    return spans.filter(~bare.fill_null(False))


def drop_common_places(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``spans`` less one-word places that are a frequent ordinary word (المدينة "the city",
    البحر، دار): the tagger's slip on a common noun; a real town the gazetteer lacks is rare."""
    common = ((w["zipf"] >= COMMON_PLACE) & w["al"]).gather(spans["s"])
    lone = (spans["s"] == spans["e"]) & (spans["entity_type"] == "PLACE") & common
    return spans.filter(~lone.fill_null(False))
