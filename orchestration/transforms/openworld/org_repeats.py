"""In-article repeats of a found organization: one name, one reading within an article.

An article names a club, company or agency many times (الزمالك، يوفنتوس، الويبو، نوكيا) but the cues
that found it (a head noun, quotes, the tagger's context) stand only at some mentions: وطلب الزمالك
من المنطقة has none. A later (or earlier) occurrence of the same words as a found organization of
the article, outside every known or found span, is a mention of it, with its id. Keys are the
found span's bare forms (``name_key``): one to ``MAX_WORDS`` words, a one-word key no ordinary word
(``COMMON_KEY``: الاتحاد "the union" stays out). A key of two bodies of one article is dropped.
A preposition clitic on the first word (ليوفنتوس، للإسماعيلي -> الإسماعيلي) is left out of the mention.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.people import span_text

# Zipf frequency from which a found place's first word is too common to repeat as the place.
PLACE_REPEAT_MAX_ZIPF = 3.5
MAX_WORDS = 4
MIN_KEY_LEN = 3
# Zipf frequency from which a one-word key is an ordinary word (الاتحاد 5.5, البنك 4.7); club and
# company names stay below (الزمالك 4.4, يوفنتوس 4.0, نوكيا 3.8).
COMMON_KEY = 4.5

# Zipf frequency below which the last word of a name of three words or more is its short form.
SHORT_FORM_ZIPF = 2.5

_EMPTY = {"aidx": pl.UInt32, "s": pl.Int64, "e": pl.Int64, "entity_id": pl.String, "clip": pl.Int64}


def _keys(orgs: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """``aidx, key, n, entity_id``: each found organization's words, unique to one body per article."""
    c = pl.col
    first_zipf = w["zipf"].gather(orgs["s"])
    keys = orgs.with_columns(zf=first_zipf).select(
        "aidx",
        "entity_id",
        key="name_key",
        n=(c("e") - c("s") + 1).cast(pl.Int64),
        zf="zf",
    )
    # A rare definite word closing a long name is its short form in apposition (المنظمة العالمية
    # للملكية الفكرية الويبو ... الويبو): a key of its own, no adjective (المتحد) or frequent word.
    last = w.select("zipf", "al", "adjish").gather(orgs["e"])
    tails = (
        orgs.with_columns(_z=last["zipf"], _al=last["al"], _adj=last["adjish"])
        .filter((c("e") - c("s") >= 2) & c("_al") & ~c("_adj") & (c("_z") < SHORT_FORM_ZIPF))
        .select(
            "aidx", "entity_id", key=c("name_key").str.split(" ").list.last(), n=pl.lit(1, pl.Int64), zf="_z"
        )
    )
    keys = pl.concat([keys, tails], how="vertical_relaxed")
    keys = keys.filter(
        (c("n") <= MAX_WORDS)
        & (c("key").str.len_chars() >= MIN_KEY_LEN)
        & ((c("n") > 1) | (c("zf") < COMMON_KEY))
    ).drop("zf")
    keys = keys.unique(["aidx", "key", "entity_id"])
    return keys.filter(c("entity_id").n_unique().over("aidx", "key") == 1)


def repeat_orgs(w: pl.DataFrame, orgs: pl.DataFrame, taken: pl.Series) -> pl.DataFrame:
    """Further mentions of the found organizations ``orgs`` (``aidx, s, e, entity_id, name_key``):
    ``aidx, s, e, entity_id, clip`` (letters of a proclitic left out of the surface). ``taken``
    lists the word ids already inside a known or found span."""
    c = pl.col
    if orgs.is_empty():
        return pl.DataFrame(schema=_EMPTY)
    keys = _keys(orgs, w)
    arts = keys["aidx"].unique().implode()
    free = ~c("cov") & ~c("stop") & (c("arabic") | c("latin")) & ~c("wid").is_in(taken.implode())
    x = w.select("aidx", "bare", "joined", free=free.fill_null(False))
    # A preposition clitic before a name without the article (ليوفنتوس، وليوفنتوس، للوفيغارو: the
    # word table reads لل as ال, so the rest is taken from the whole normalized word). ``clip``:
    # letters removed beyond those the word's offset already skips. Only the words of articles
    # with a key, and free ones, are read (the regex runs on those few).
    pre = c("norm").str.extract(r"^([وف]?[لبك])\p{Arabic}{3,}$", 1)
    cand = (
        w.select("aidx", "wid", "bare", "norm", "strip")
        .filter(c("aidx").is_in(arts) & pl.lit(x["free"]))
        .with_columns(
            rest=c("norm").str.slice(pre.str.len_chars()),
            rclip=(pre.str.len_chars() - c("strip")).cast(pl.Int64),
        )
    )
    firsts = keys.select(k0=c("key").str.split(" ").list.first())["k0"].unique().implode()
    starts = pl.concat(
        [
            cand.filter(c("bare").is_in(firsts)).select("aidx", "wid", w0="bare", clip=pl.lit(0, pl.Int64)),
            cand.filter(c("rest").is_in(firsts) & (c("rclip") >= 0)).select(
                "aidx", "wid", w0="rest", clip="rclip"
            ),
        ]
    )
    hits = []
    key = c("w0")
    ok = pl.lit(True)
    for n in range(1, MAX_WORDS + 1):
        if n > 1:
            nxt = x.select("bare", "joined", "free").gather((starts["wid"] + n - 1).clip(0, x.height - 1))
            starts = starts.with_columns(
                **{f"b{n}": nxt["bare"], f"ok{n}": nxt["joined"].fill_null(False) & nxt["free"]}
            )
            key = key + " " + c(f"b{n}")
            ok = ok & c(f"ok{n}")
        hit = (
            starts.filter(ok & (c("wid") + n - 1 < x.height))
            .with_columns(key=key)
            .join(keys.filter(c("n") == n), on=["aidx", "key"])
            .select("aidx", s="wid", e=c("wid") + (n - 1), entity_id="entity_id", clip="clip")
        )
        hits.append(hit)
    both = pl.concat(hits).sort("s", c("e"), descending=[False, True])
    return both.filter(c("s") > c("e").cum_max().shift(1).fill_null(-1))


# Between a listed body's name and its short form in apposition: quotes or a parenthesis only.
_APPOSED_GAP = r"^\s*[\"«»“”'(\[]\s*$"


def drop_known_short_forms(found: pl.DataFrame, known: pl.DataFrame, arts: pl.DataFrame) -> pl.DataFrame:
    """``found`` mentions (``aidx, cs, ce, entity_id, entity_type``) less the organizations that are
    a listed body's short form: a found name in quotes or parentheses right after a known
    organization's name (حلف شمال الأطلسي "ناتو"، الهيئة الحكومية للتنمية (إيقاد)) is that body, and so
    is every mention of the same found id in the article (its repeats). ``known``: the known
    mentions (``aidx, cs, ce, entity_type``); ``arts``: ``aidx, body``."""
    c = pl.col
    if found.is_empty() or known.is_empty():
        return found
    k = known.filter(c("entity_type") == "ORG").select("aidx", k_ce="ce").sort("k_ce")
    f = found.filter(c("entity_type") == "ORG").select("aidx", "cs", "entity_id").sort("cs")
    near = f.join_asof(
        k, left_on="cs", right_on="k_ce", by="aidx", strategy="backward", check_sortedness=False
    )
    near = near.filter(c("k_ce").is_not_null() & (c("cs") - c("k_ce") <= 4)).join(
        arts.select("aidx", "body"), on="aidx"
    )
    apposed = near.filter(c("body").str.slice(c("k_ce"), c("cs") - c("k_ce")).str.contains(_APPOSED_GAP))
    return found.join(apposed.select("aidx", "entity_id").unique(), on=["aidx", "entity_id"], how="anti")


def found_repeats(w: pl.DataFrame, spans: pl.DataFrame, taken: pl.Series) -> pl.DataFrame:
    """Repeats of the found organizations and places (``repeat_orgs``) as mentions with their
    antecedent's type and country (أراجون found after ملك is the same place later in the article)."""
    c = pl.col
    # A found place repeats only under a rare name: the tagger's places are less sure than its bodies.
    rare = pl.lit(w["zipf"].gather(spans["s"]) < PLACE_REPEAT_MAX_ZIPF)
    orgs = spans.filter((c("entity_type") == "ORG") | ((c("entity_type") == "PLACE") & rare))
    reps = repeat_orgs(w, orgs.select("aidx", "s", "e", "entity_id", "name_key"), taken)
    first = (
        orgs.sort("aidx", "entity_id", "a_iso3", "a_cameo", "s", nulls_last=True)
        .unique(["aidx", "entity_id"], keep="first", maintain_order=True)
        .select("aidx", "entity_id", "entity_type", "a_iso3", "a_cameo")
    )
    return (
        span_text(w, reps.join(first, on=["aidx", "entity_id"], how="left"))
        .with_columns(cs=c("cs") + c("clip"), surf=c("surf").str.slice(c("clip")))
        .drop("clip")
        .with_columns(method=pl.lit("repeat"), a_role=pl.lit(None, pl.String))
    )
