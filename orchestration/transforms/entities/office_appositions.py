"""A found name right after an office phrase is its official (issue 11).

``المتحدث باسم وزارة الخارجية الصينية وانغ ون بين``, ``الأمين العام لوزارة الخارجية الجزائرية لوناس
مقرمان``: the office (a role mention with a state's code: ``CHNGOV``) stands in apposition before the
name the tagger found, which has no title of its own and would be dropped as a weak actor. Title
before name is the order of Arabic apposition; only a space or a comma may separate them, so a
sentence or clause boundary never does. Codes of international organizations are left to their own
rules (their officials have no state).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.text import normalize_expr

# Characters allowed between the office and the name: nothing but spaces and commas.
_GAP = r"^[\s,،]{0,2}$"
# Between an envoy's office and his name, where he serves: «سفير مصر لدى اليمن أحمد فاروق», «سفير
# ألمانيا في نواكشوط X», «سفير بريطانيا لدى ليبيا، مارتن لونغدن» (a host of one to three words).
_HOST_GAP = r"^\s+(?:لدى\s+|في\s+|ب)[^\s،,.؛:!?؟\n]+(?:\s+[^\s،,.؛:!?؟\n]+){0,2}\s*[،,]?\s*$"
# A title in apposition after a name reaches its state within this many characters.
_MAX_TITLE_CHARS = 80


def office_appositions(
    found: pl.DataFrame,
    titles: pl.DataFrame,
    arts: pl.DataFrame,
    stop: pl.Series,
    heads: pl.Series,
    states: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``found`` mentions (``aidx, cs, ce, surf, entity_id, entity_type, actor_code`` ...) with a
    found person that has no code given the code of the state office (or nisba) right before it,
    and ``entity_id, code`` of the entities so coded (for their rows in the entities table).

    Only a name of two words or more whose first word is no stop word takes the code: a one-word
    span after a nisba is as often an adverb or a verb the tagger misread (العراقي آنذاك،
    والسنغالي، صافح) as a name; the entity's later one-word mentions follow its code anyway."""
    empty = pl.DataFrame(schema={"entity_id": pl.String(), "code": pl.String()})
    named = _named_states(states)
    if found.is_empty() or (titles.is_empty() and named.is_empty()):
        return found, empty
    bare = found.filter(
        (pl.col("entity_type") == "PERSON")
        & pl.col("entity_id").str.starts_with("person:new:")
        & pl.col("actor_code").is_null()
        & (pl.col("surf").str.strip_chars().str.count_matches(r"\s+") >= 1)
        & ~normalize_expr(pl.col("surf").str.extract(r"^\s*(\S+)")).is_in(stop.implode())
    ).select("aidx", "cs", "ce", "entity_id")
    offices = (
        titles.filter(pl.col("actor_code").is_not_null() & ~pl.col("actor_code").str.starts_with("IGO"))
        .select("aidx", t_cs="cs", t_ce="ce", code="actor_code")
        .cast(named.schema)
        if not titles.is_empty()
        else named.clear()
    )
    words = pl.select(normalize_expr(pl.lit(heads))).to_series()
    # A state named by its name closes a title after the name as its nisba does («سيمونا لوان،
    # السفيرة الجديدة لرومانيا», «إلير هوسا، سفير غير مقيم لجمهورية ألبانيا لدى العراق»); before
    # the name it is as often the host country («سفير روسيا لدى ليبيا حيدر أغانين»): after only.
    near = pl.concat(
        [
            _before(bare, offices, arts),
            _after(bare, offices, arts, words),
            _after(bare, named, arts, words, host_free=True),
        ],
        how="vertical_relaxed",
    )
    # One code per entity: that of its first titled mention (text order); an office's (CHNGOV)
    # before the nisba that ends it (CHN), then by value.
    coded = (
        near.with_columns(_len=pl.col("code").str.len_chars())
        .sort(["aidx", "cs", "_len", "code"], descending=[False, False, True, False])
        .unique("entity_id", keep="first", maintain_order=True)
        .select("entity_id", "code")
    )
    if coded.is_empty():
        return found, empty
    out = (
        found.join(coded, on="entity_id", how="left")
        .with_columns(actor_code=pl.coalesce("actor_code", "code"))
        .drop("code")
    )
    return out, coded


def with_office_countries(entities: pl.DataFrame, coded: pl.DataFrame) -> pl.DataFrame:
    """Entity rows of ``coded`` persons without a country get the office's state and code."""
    if coded.is_empty():
        return entities
    return (
        entities.join(coded, on="entity_id", how="left")
        .with_columns(
            country_iso3=pl.coalesce("country_iso3", pl.col("code").str.slice(0, 3)),
            cameo_code=pl.coalesce("cameo_code", "code"),
        )
        .drop("code")
    )


def _before(bare: pl.DataFrame, offices: pl.DataFrame, arts: pl.DataFrame) -> pl.DataFrame:
    """The office ends right before the name (المتحدث باسم وزارة الخارجية الصينية وانغ ون بين), or
    before where its holder serves (سفير مصر لدى اليمن أحمد فاروق: ``_HOST_GAP``)."""
    gap = pl.col("body").str.slice(pl.col("t_ce"), pl.col("cs") - pl.col("t_ce"))
    near = (
        bare.join(offices, on="aidx")
        .filter((pl.col("cs") - pl.col("t_ce")).is_between(0, 40))
        .join(arts.select("aidx", "body"), on="aidx")
        # a host only after a civil office (an army «في أبو رأسين» is where it fights)
        .filter(gap.str.contains(_GAP) | (gap.str.contains(_HOST_GAP) & pl.col("code").str.ends_with("GOV")))
    )
    # the nearest office before the name (a host's own nisba may close the gap: «في العاصمة الليبية»)
    return (
        near.sort("aidx", "cs", "t_ce", descending=[False, False, True])
        .unique(["aidx", "cs"], keep="first", maintain_order=True)
        .select("aidx", "cs", "entity_id", "code")
    )


def _named_states(states: pl.DataFrame | None) -> pl.DataFrame:
    """(aidx, t_cs, t_ce, code) of the states named by their names (``country:`` mentions)."""
    schema = {"aidx": pl.Int64(), "t_cs": pl.Int64(), "t_ce": pl.Int64(), "code": pl.String()}
    if states is None or states.is_empty():
        return pl.DataFrame(schema=schema)
    return (
        states.filter(pl.col("entity_id").str.starts_with("country:"))
        .select("aidx", t_cs="cs", t_ce="ce", code=pl.col("entity_id").str.slice(8, 3))
        .cast(schema)
    )


def _after(
    bare: pl.DataFrame,
    offices: pl.DataFrame,
    arts: pl.DataFrame,
    heads: pl.Series,
    *,
    host_free: bool = False,
) -> pl.DataFrame:
    """A title in apposition after the name, opened by a title word after a comma and ending in the
    office's state before any other punctuation (إبراهيم ولد داداه، وزير العدل والمبعوث الشخصي
    للرئيس الموريتاني): the first such office of the segment."""
    gap = pl.col("body").str.slice(pl.col("ce"), pl.col("t_cs") - pl.col("ce"))
    first_word = normalize_expr(gap.str.extract(r"^\s*[،,]\s*(\S+)"))
    # The word itself or without its article (الوزير). A title opened by و (، ونائب رئيس …) is the
    # next item of a list, not this name's apposition.
    forms = [first_word, first_word.str.replace(r"^ال", "")]
    near = (
        bare.join(offices, on="aidx")
        .filter((pl.col("t_cs") - pl.col("ce")).is_between(3, _MAX_TITLE_CHARS))
        .join(arts.select("aidx", "body"), on="aidx")
        .filter(
            gap.str.contains(r"^\s*[،,]\s*[^،,.؛:!?؟\n]+$")
            & pl.any_horizontal([f.is_in(heads.implode()) for f in forms])
        )
    )
    if host_free:
        # the state after لدى/إلى/في is where the official serves or goes («السفير لدى العراق»)
        near = near.filter(~normalize_expr(gap).str.contains(r"(?:لدي|الي|في|ب)\s*$"))
    return (
        near.sort("aidx", "cs", "t_cs")
        .unique(["aidx", "cs"], keep="first", maintain_order=True)
        .select("aidx", "cs", "entity_id", "code")
    )
