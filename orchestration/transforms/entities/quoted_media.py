"""A place's name in quotation marks as a medium's name: ``لـ « الشرق الاوسط »``، ``صحيفة " القادسية "``.

Newspapers and channels are often named after places (الشرق الأوسط، القادسية، بابل، الجزيرة), and
the press quotes a medium's name. A listed place mention enclosed in quotes is read as the medium
when the knowledge base lists a medium of that name, with or without its type word (صحيفة الشرق
الأوسط): the mention becomes that organization. A quoted place right after a medium's type word
(صحيفة " القادسية ") that no listed medium bears is no place mention either: it yields to the found
organization that the quotes and the head make of it (``openworld.org_names.quoted_orgs``).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.lexicon import col_or_null, key_exprs
from orchestration.transforms.openworld.type_heads import MEDIA_HEADS
from orchestration.transforms.text import normalize_expr

_OPEN = r"[\"«“]\s*$"
_CLOSE = r"^\s*[\"»”]"
# Type words of media before a quoted name (normalized): the type heads, a news agency, a broadcaster.
_HEADS: tuple[str, ...] = (*MEDIA_HEADS, "وكاله", "اذاعه", "تلفزيون")
_MEDIA_TYPES = ("media", "news_agency")


def media_keys(organizations: pl.DataFrame) -> pl.DataFrame:
    """``key, m_id, m_code``: each listed medium's names, also without their type word."""
    c = pl.col
    # A knowledge base may list organizations without their type (tests' small ones): no media then.
    media = organizations.filter(col_or_null(organizations, "org_type").is_in(list(_MEDIA_TYPES)))
    forms = pl.concat(
        [
            media.select("entity_id", "cameo_code", form="name_ar"),
            media.select(
                "entity_id", "cameo_code", form=c("aliases_ar").fill_null("").str.split("|")
            ).explode("form"),
        ]
    ).filter(c("form").fill_null("") != "")
    keys = forms.select("entity_id", "cameo_code", key_exprs(c("form"))[0])
    first = c("key").str.extract(r"^(\S+) \S", 1)
    bare = keys.filter(first.is_in(list(_HEADS))).with_columns(key=c("key").str.replace(r"^\S+ ", ""))
    return (
        pl.concat([keys, bare])
        .select("key", m_id="entity_id", m_code="cameo_code")
        .unique("key", keep="first", maintain_order=True)
    )


def quoted_media(names: pl.DataFrame, arts: pl.DataFrame, media: pl.DataFrame) -> pl.DataFrame:
    """``names`` (``aidx, cs, ce, surf, entity_id, entity_type, actor_code`` ...) with quoted places
    read as media: a listed medium's name becomes it, any other after a type word is dropped."""
    c = pl.col
    places = names.with_row_index("_row").filter(c("entity_type") == "PLACE")
    if places.is_empty():
        return names
    body = c("body")
    q = (
        places.select("_row", "aidx", "cs", "ce", "surf")
        .join(arts.select("aidx", "body"), on="aidx", how="left")
        .with_columns(
            _before=body.str.slice((c("cs") - 30).clip(0), c("cs") - (c("cs") - 30).clip(0)),
            _after=body.str.slice(c("ce"), 4),
        )
        .filter(c("_before").str.contains(_OPEN) & c("_after").str.contains(_CLOSE))
    )
    if q.is_empty():
        return names
    head = normalize_expr(c("_before").str.extract(r"(\S+)\s*[\"«“]\s*$", 1))
    bare = pl.when(head.str.contains(r"^[وفبل]..")).then(head.str.slice(1)).otherwise(head)
    q = (
        q.with_columns(_head=head.is_in(list(_HEADS)) | bare.is_in(list(_HEADS)), key=key_exprs(c("surf"))[0])
        .join(media, on="key", how="left")
        .select("_row", "_head", "m_id", "m_code")
    )
    out = names.with_row_index("_row").join(q, on="_row", how="left", maintain_order="left")
    medium = c("m_id").is_not_null()
    out = out.filter(~(c("_head").fill_null(False) & ~medium)).with_columns(
        entity_id=pl.when(medium).then(c("m_id")).otherwise(c("entity_id")),
        entity_type=pl.when(medium).then(pl.lit("ORG")).otherwise(c("entity_type")),
        actor_code=pl.when(medium).then(c("m_code")).otherwise(c("actor_code")),
    )
    return out.drop("_row", "_head", "m_id", "m_code")


# Words after which a listed medium's name without its type word is that medium: the type words and
# the people who report for it (مراسل الجزيرة، فضائية الجزيرة), normalized.
_CUES: tuple[str, ...] = (*_HEADS, "مراسل", "مراسله", "مذيع", "مذيعه")


def cued_media(words: pl.DataFrame, names: pl.DataFrame, media: pl.DataFrame) -> pl.DataFrame:
    """Mentions (the ``names`` frame's columns) of listed media named without their type word right
    after a cue (``فضائية الجزيرة``، ``مراسل الجزيرة``), where no name mention is already. The bare
    الجزيرة "the island" is no alias: only the cue makes it the channel."""
    c = pl.col
    w = words.select("aidx", "wid", "char_start", "char_end", "surface", "norm", "bare", "gap")
    cue = (c("bare").is_in(list(_CUES)) | c("norm").is_in(list(_CUES))).fill_null(False)
    pos = w.filter(cue)["wid"]
    if pos.is_empty():
        return names.head(0)
    found = []
    for k in (1, 2):
        rows = [(pos + j).clip(0, w.height - 1) for j in range(1, k + 1)]
        parts = [w.select("aidx", "norm", "gap", "surface", "char_start", "char_end").gather(r) for r in rows]
        same = pl.Series([True] * pos.len(), dtype=pl.Boolean)
        for p in parts:
            same = same & (p["aidx"] == w["aidx"].gather(pos)) & (p["gap"].str.strip_chars(" ") == "")
        same = same & (pos + k < w.height)
        key = parts[0]["norm"] if k == 1 else parts[0]["norm"] + " " + parts[1]["norm"]
        surf = parts[0]["surface"] if k == 1 else parts[0]["surface"] + parts[1]["gap"] + parts[1]["surface"]
        found.append(
            pl.DataFrame(
                {"aidx": parts[0]["aidx"], "cs": parts[0]["char_start"], "ce": parts[-1]["char_end"]}
            )
            .with_columns(surf=surf, key=key, ok=same)
            .filter(c("ok"))
            .drop("ok")
        )
    hits = pl.concat(found).join(media, on="key")
    if hits.is_empty():
        return names.head(0)
    taken = names.select("aidx", t_cs="cs", t_ce="ce")
    clash = hits.join(taken, on="aidx").filter((c("t_cs") < c("ce")) & (c("t_ce") > c("cs")))
    hits = hits.join(clash.select("aidx", "cs").unique(), on=["aidx", "cs"], how="anti")
    rows = hits.select(
        "aidx",
        "cs",
        "ce",
        "surf",
        entity_id="m_id",
        entity_type=pl.lit("ORG"),
        method=pl.lit("alias"),
        actor_code="m_code",
    )
    flags = {f: pl.lit(False) for f in ("nisba", "weak") if f in names.columns}
    return pl.concat([names.head(0), rows.with_columns(**flags)], how="diagonal_relaxed").select(
        names.columns
    )
