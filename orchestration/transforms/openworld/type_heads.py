"""An organization's name mention starts after the word that says what kind of body it is.

قناة الجزيرة، صحيفة نيويورك تايمز، مجلة الثقافة الجديدة، شبكة سي.أن.أن: the medium's type word is a
description before the name, the way a title is before a person's (``titled.trim_titles``); a reader
(and ANERcorp) marks الجزيرة، نيويورك تايمز. A movement's type word (حركة، تنظيم) is cut only when
what follows is itself a listed form of the same body (حركة طالبان -> طالبان، تنظيم القاعدة), since
حركة المقاومة الفلسطينية حماس is named with its head. The mention stays the same entity.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.text import normalize_expr

# Normalized (ة -> ه as the matcher spells them).
MEDIA_HEADS: tuple[str, ...] = ("قناه", "فضائيه", "صحيفه", "جريده", "مجله", "شبكه")
MOVEMENT_HEADS: tuple[str, ...] = ("حركه", "تنظيم")


def trim_type_heads(mentions: pl.DataFrame, lex: pl.DataFrame) -> pl.DataFrame:
    """``mentions`` (``cs, surf, entity_type, entity_id``, any other columns kept) with an
    organization's leading type word cut off. ``lex``: the matcher's lexicon (``key, entity_id``)."""
    c = pl.col
    if mentions.is_empty():
        return mentions
    # Only organizations lose a type word: the regexes, normalization and lexicon join run on their
    # rows (a few percent of the name mentions), which are then written back in place.
    rows = mentions.select(pl.arg_where(c("entity_type") == "ORG")).to_series()
    if rows.is_empty():
        return mentions
    orgs = _trim_orgs(mentions[rows], lex)
    return mentions.with_columns(
        mentions["cs"].scatter(rows, orgs["cs"]),
        mentions["surf"].scatter(rows, orgs["surf"]),
    )


def _trim_orgs(mentions: pl.DataFrame, lex: pl.DataFrame) -> pl.DataFrame:
    """``cs, surf`` of organization mentions (``trim_type_heads``), in their order."""
    c = pl.col
    first = normalize_expr(c("surf").str.extract(r"^(\S+)\s+\S", 1))
    # A proclitic conjunction or preposition on the type word (وقالت صحيفة، لقناة، بحركة).
    bare = pl.when(first.str.contains(r"^[وفبل]..")).then(first.str.slice(1)).otherwise(first)
    head = pl.coalesce(
        pl.when(first.is_in(list(MEDIA_HEADS + MOVEMENT_HEADS))).then(first),
        pl.when(bare.is_in(list(MEDIA_HEADS + MOVEMENT_HEADS))).then(bare),
    )
    rest = c("surf").str.extract(r"^\S+\s+(.+)$", 1)
    keys = lex.select(_rest_key="key", entity_id="entity_id").unique()
    m = mentions.select(
        "cs", "surf", "entity_id", _head=head, _rest_key=normalize_expr(rest), _cut=rest.str.len_chars()
    )
    m = m.join(
        keys.with_columns(_listed=pl.lit(True)),
        on=["_rest_key", "entity_id"],
        how="left",
        maintain_order="left",
    )
    cut = c("_head").is_not_null() & (c("_head").is_in(list(MEDIA_HEADS)) | c("_listed").fill_null(False))
    return m.select(
        cs=pl.when(cut).then(c("cs") + c("surf").str.len_chars() - c("_cut")).otherwise(c("cs")),
        surf=pl.when(cut).then(rest).otherwise(c("surf")),
    )


# A designator (state, city, strip, camp, area, governorate, province) or a compass direction before
# a place's name: دولة قطر، مدينة غزة، بمخيم جنين، جنوب لبنان. The name after it is the mention
# (ANERcorp marks قطر، غزة، جنين، لبنان). Normalized as the matcher spells them.
PLACE_DESIGNATORS: tuple[str, ...] = ("دوله", "مدينه", "قطاع", "مخيم", "منطقه", "محافظه", "ولايه", "اقليم")
DIRECTIONS: tuple[str, ...] = ("جنوب", "شمال", "شرق", "غرب")


def trim_place_designators(
    mentions: pl.DataFrame,
    lex: pl.DataFrame,
    roles: pl.DataFrame | None = None,
    arts: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """``mentions`` (``aidx, cs, ce, surf, entity_type, entity_id``, any other columns kept) with a
    place's leading designator or direction cut off where the rest is itself a listed place name.
    The mention keeps its entity (جنوب لبنان stays South Lebanon, مدينة غزة the city). A direction
    that is part of a country's name stays (جنوب أفريقيا، جنوب السودان), and so does a place inside
    a role phrase of ``roles`` (``aidx, cs, ce``): رئيس دولة جنوب السودان is the head of state's
    title, which the events read whole."""
    c = pl.col
    if mentions.is_empty():
        return mentions
    # Only places opening on a designator or a direction are read further (a few of every mention).
    first = normalize_expr(c("surf").str.extract(r"^(\S+)\s+\S", 1))
    bare = pl.when(first.str.contains(r"^[وفبل]..")).then(first.str.slice(1)).otherwise(first)
    heads = [*PLACE_DESIGNATORS, *DIRECTIONS]
    m = mentions.with_row_index("_row")
    is_cand = ((c("entity_type") == "PLACE") & (first.is_in(heads) | bare.is_in(heads))).fill_null(False)
    cand = m.filter(is_cand)
    if cand.is_empty():
        return mentions
    trimmed = _trim_designators(cand, lex, roles, arts)
    return pl.concat([m.filter(~is_cand), trimmed]).sort("_row").drop("_row")


def _trim_designators(
    mentions: pl.DataFrame, lex: pl.DataFrame, roles: pl.DataFrame | None, arts: pl.DataFrame | None
) -> pl.DataFrame:
    """``trim_place_designators`` on the place mentions that open on a designator or direction."""
    c = pl.col
    in_role = pl.lit(False)
    if roles is not None and not roles.is_empty():
        inside = (
            mentions.with_row_index("_mid")
            .select("_mid", "aidx", "cs", "ce")
            .join(roles.select("aidx", r_cs="cs", r_ce="ce"), on="aidx")
            .filter((c("r_cs") <= c("cs")) & (c("r_ce") >= c("ce")))["_mid"]
            .unique()
        )
        in_role = pl.int_range(pl.len()).is_in(inside.implode())
    first = normalize_expr(c("surf").str.extract(r"^(\S+)\s+\S", 1))
    bare = pl.when(first.str.contains(r"^[وفبل]..")).then(first.str.slice(1)).otherwise(first)
    is_desig = first.is_in(list(PLACE_DESIGNATORS)) | bare.is_in(list(PLACE_DESIGNATORS))
    is_dir = first.is_in(list(DIRECTIONS)) | bare.is_in(list(DIRECTIONS))
    rest = c("surf").str.extract(r"^\S+\s+(.+)$", 1)
    places = lex.filter((c("kind") == "name") & (c("entity_type") == "PLACE")).select("key").unique()
    # دولة after في (في دولة قطر، بدولة قطر) stays: the events read في + the place as a location.
    state_in = pl.lit(False)
    if arts is not None:
        state_in = bare.is_in(["دوله"]) & (
            first.str.starts_with("ب") | c("_before").str.contains(r"(?:^|\s)في\s*$").fill_null(False)
        )
        mentions = (
            mentions.join(arts.select("aidx", "body"), on="aidx", how="left")
            .with_columns(_before=c("body").str.slice((c("cs") - 6).clip(0), c("cs") - (c("cs") - 6).clip(0)))
            .drop("body")
        )
    m = mentions.with_columns(
        _in=state_in,
        _in_role=in_role,
        _d=is_desig,
        _r=is_dir,
        _rest_key=normalize_expr(rest),
        _cut=rest.str.len_chars(),
    ).join(places.select(_rest_key="key", _listed=pl.lit(True)), on="_rest_key", how="left")
    cut = (
        (c("entity_type") == "PLACE")
        & ~c("_in_role")
        & ~c("_in")
        & c("_listed").fill_null(False)
        & (c("_d") | (c("_r") & ~c("entity_id").str.starts_with("country:")))
    ).fill_null(False)
    return m.with_columns(
        cs=pl.when(cut).then(c("cs") + c("surf").str.len_chars() - c("_cut")).otherwise(c("cs")),
        surf=pl.when(cut).then(rest).otherwise(c("surf")),
    ).drop("_in", "_in_role", "_d", "_r", "_rest_key", "_cut", "_listed", "_before", strict=False)


# A news agency's type word (وكالة "نوفا"، لوكالة رويترز): with the media heads, a medium's.
MEDIUM_CODE = "MED"


def code_media(spans: pl.DataFrame, w: pl.DataFrame) -> pl.DataFrame:
    """Found organization spans (``s, entity_type, a_cameo``) right after a medium's type word, also
    behind a proclitic (قالت لوكالة “نوفا”، ذكرت صحيفة التايمز), take the media code: they report
    events (the event stage drops media actors) and are not parties to them."""
    c = pl.col
    if spans.is_empty():
        return spans
    media = [*MEDIA_HEADS, "وكاله"]
    # Only the word before each span is read (gathered first, then tested).
    word = w["norm"].gather((spans["s"] - 1).clip(0, None))
    prev = (word.is_in(media) | (word.str.contains(r"^[وفبل]..") & word.str.slice(1).is_in(media))).fill_null(
        False
    )
    is_media = (spans["entity_type"] == "ORG") & (spans["s"] > 0) & prev
    return spans.with_columns(
        a_cameo=pl.when(pl.lit(is_media)).then(pl.lit(MEDIUM_CODE)).otherwise(c("a_cameo"))
    )
