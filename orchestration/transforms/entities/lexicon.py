"""Lexicon keys: every knowledge-base name, nisba, role noun, counterpart and honorific as a key of
normalized words (``LEXICON_SCHEMA``), plus the word lists that bound person names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.contracts import ENTITY_SCHEMA
from orchestration.transforms.entities.variants import person_variants
from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase, read_optional
from orchestration.transforms.text import WORD_PATTERN, load_function_words, normalize_expr

_TYPE_PRIORITY = {"country": 0, "place": 1, "org": 2, "person": 3}


def col_or_null(df: pl.DataFrame, name: str, dtype: pl.DataType | None = None) -> pl.Expr:
    dtype = dtype or pl.String()
    return pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype=dtype)


def kb_entities(kb: KnowledgeBase) -> pl.DataFrame:
    """Every knowledge-base entity in the ``entities`` schema (origin ``kb``)."""
    c = kb.countries
    countries = c.select(
        entity_id=pl.lit("country:") + pl.col("iso3"),
        entity_type=pl.lit("PLACE"),
        name_en=col_or_null(c, "name_en"),
        name_ar=col_or_null(c, "name_ar"),
        country_iso3=pl.col("iso3"),
        cameo_code=pl.col("iso3"),
    )
    # A person's cameo_code is that of their latest office spell (the mention-level actor_code is
    # dated; this is only the entity's default).
    keys, descending = rl.spell_order()
    latest_code = (
        kb.office_spells.sort(keys, descending=descending, nulls_last=True)
        .unique("entity_id", keep="first", maintain_order=True)
        .select("entity_id", cameo_code=pl.col("cameo_code"))
    )
    persons = kb.persons.select(
        "entity_id",
        entity_type=pl.lit("PERSON"),
        name_en=col_or_null(kb.persons, "name_en"),
        name_ar=col_or_null(kb.persons, "name_ar"),
        country_iso3=col_or_null(kb.persons, "country_iso3"),
    ).join(latest_code, on="entity_id", how="left")
    p = kb.places
    places = p.select(
        "entity_id",
        entity_type=pl.lit("PLACE"),
        name_en=col_or_null(p, "name_en"),
        name_ar=col_or_null(p, "name_ar"),
        country_iso3=col_or_null(p, "country_iso3"),
        latitude=col_or_null(p, "latitude", pl.Float64()),
        longitude=col_or_null(p, "longitude", pl.Float64()),
    )
    o = kb.organizations
    orgs = o.select(
        "entity_id",
        entity_type=pl.lit("ORG"),
        name_en=col_or_null(o, "name_en"),
        name_ar=col_or_null(o, "name_ar"),
        country_iso3=col_or_null(o, "country_iso3"),
        cameo_code=col_or_null(o, "cameo_code"),
    )
    return (
        pl.concat([countries, persons, places, orgs], how="diagonal_relaxed")
        .with_columns(origin=pl.lit("kb"))
        .select(list(ENTITY_SCHEMA))
        .cast(ENTITY_SCHEMA)  # type: ignore[arg-type]
        .unique("entity_id", keep="first", maintain_order=True)
    )


def key_exprs(expr: pl.Expr) -> list[pl.Expr]:
    """``key`` (normalized words joined by a space) and ``n`` (word count) of a name column."""
    tokens = normalize_expr(expr).str.extract_all(WORD_PATTERN)
    return [tokens.list.join(" ").alias("key"), tokens.list.len().cast(pl.Int64).alias("n")]


def _alias_rows(df: pl.DataFrame, entity_id: pl.Expr, kind: str) -> pl.DataFrame:
    iso3 = pl.col("iso3") if kind == "country" else col_or_null(df, "country_iso3")
    etype = {"country": "PLACE", "place": "PLACE", "org": "ORG", "person": "PERSON"}[kind]
    base = df.select(
        entity_id=entity_id,
        iso3=iso3,
        primary=col_or_null(df, "name_ar"),
        aliases=col_or_null(df, "aliases_ar").fill_null("").str.split("|"),
        ambiguous=col_or_null(df, "ambiguous_ar").fill_null("").str.split("|"),
    )
    rows = pl.concat(
        [
            base.select("entity_id", "iso3", alias="primary", is_primary=pl.lit(True)),
            base.explode("aliases").select("entity_id", "iso3", alias="aliases", is_primary=pl.lit(False)),
        ]
    )
    ambiguous = (
        base.select("entity_id", form="ambiguous")
        .explode("form")
        .filter(pl.col("form") != "")
        .select("entity_id", key_exprs(pl.col("form"))[0], ambiguous=pl.lit(True))
        .unique()
    )
    return (
        rows.filter(pl.col("alias").is_not_null() & (pl.col("alias").str.strip_chars() != ""))
        .select(
            *key_exprs(pl.col("alias")),
            kind=pl.lit("name"),
            entity_id="entity_id",
            entity_type=pl.lit(etype),
            iso3="iso3",
            is_primary="is_primary",
            prio=pl.lit(_TYPE_PRIORITY[kind], dtype=pl.Int64),
        )
        .join(ambiguous, on=["entity_id", "key"], how="left")
        .with_columns(pl.col("ambiguous").fill_null(False))
    )


def _nisba_rows(kb: KnowledgeBase) -> pl.DataFrame:
    nisba = rl.nisba_lexicon(kb.countries).select(
        "key",
        "n",
        kind=pl.lit("nisba"),
        entity_id=pl.lit("country:") + pl.col("iso3"),
        entity_type=pl.lit("PLACE"),
        iso3="iso3",
        is_primary=pl.lit(False),
        prio=pl.lit(9, dtype=pl.Int64),
    )
    # Nisba forms a country lists as ambiguous (القمري "lunar", الهندي) are flagged too.
    amb_nisba = (
        kb.countries.select(
            iso3="iso3", form=col_or_null(kb.countries, "ambiguous_ar").fill_null("").str.split("|")
        )
        .explode("form")
        .filter(pl.col("form") != "")
        .select("iso3", key_exprs(pl.col("form"))[0], amb=pl.lit(True))
    )
    return (
        nisba.join(amb_nisba, on=["iso3", "key"], how="left")
        .with_columns(ambiguous=pl.col("amb").fill_null(False))
        .drop("amb")
    )


def build_lexicon(kb: KnowledgeBase) -> pl.DataFrame:
    """All dictionary entries (``LEXICON_SCHEMA``): ``key``, ``n``, ``kind`` (``name``, ``nisba``,
    ``role``, ``counterpart``, ``honorific``) and their payload columns."""
    names = pl.concat(
        [
            _alias_rows(kb.countries, pl.lit("country:") + pl.col("iso3"), "country"),
            _alias_rows(kb.persons, pl.col("entity_id"), "person"),
            _alias_rows(kb.places, pl.col("entity_id"), "place"),
            _alias_rows(kb.organizations, pl.col("entity_id"), "org"),
        ]
    )
    names = (
        names.filter(pl.col("n") > 0)
        .sort("is_primary", descending=True)
        .unique(["key", "entity_id"], keep="first", maintain_order=True)
    )
    names = pl.concat([names, person_variants(names)])
    roles = rl.role_lexicon(kb.roles).with_columns(prio=pl.lit(0, dtype=pl.Int64))
    lex = pl.concat([names, _nisba_rows(kb), roles], how="diagonal_relaxed")
    return lex.with_columns(pl.col("ambiguous").fill_null(False))


def stop_words(kb: KnowledgeBase, reference_dir: Path) -> pl.Series:
    """Normalized words that cannot be part of a person's name: function words, trigger words,
    date words and months (the latter from their reference CSVs when present)."""
    parts = [load_function_words(reference_dir)["word"]]
    sources = [(kb.event_triggers, "pattern_ar")]
    for file, col in (
        ("date_words.csv", "word"),
        ("months.csv", "name"),
        ("relative_days.csv", "pattern_ar"),
        ("event_markers.csv", "pattern_ar"),
    ):
        table = read_optional(file, reference_dir)
        if table is not None:
            sources.append((table, col))
    for df, col in sources:
        if col in df.columns:
            toks = df.select(t=normalize_expr(pl.col(col)).str.extract_all(WORD_PATTERN)).explode("t")
            parts.append(toks["t"].drop_nulls())
    return pl.concat(parts).unique()


def given_names(kb: KnowledgeBase, reference_dir: Path) -> pl.Series:
    """First words of known person names: evidence that unknown words after a title are a name."""
    names = pl.concat(
        [
            kb.persons.select(n=pl.col("name_ar")),
            kb.persons.select(n=pl.col("aliases_ar").fill_null("").str.split("|")).explode("n"),
        ]
    )
    extra = read_optional("given_names_ar.csv", reference_dir)
    if extra is not None:
        names = pl.concat([names, extra.select(n=pl.col("name_ar"))])
    first = names.select(t=normalize_expr(pl.col("n")).str.extract_all(WORD_PATTERN).list.first())
    particles = pl.DataFrame({"p": [*rl.NAME_PARTICLES, *rl.HONORIFIC_FORMS]}).select(
        normalize_expr(pl.col("p"))
    )
    return first.filter(
        pl.col("t").is_not_null()
        & ~pl.col("t").str.starts_with("ال")
        & ~pl.col("t").is_in(particles["p"].implode())
    )["t"].unique()


@dataclass(frozen=True)
class EntityLexicon:
    """Everything the entity stage derives from the knowledge base alone: built once per
    knowledge base (``entity_lexicon``), not once per batch."""

    lex: pl.DataFrame  # LEXICON_SCHEMA
    name_tokens: pl.Series  # words of names: the targets of typo corrections
    stop: pl.Series
    given: pl.Series
    exact_vocab: pl.Series  # every dictionary or stop word: never corrected
    entities: pl.DataFrame  # kb_entities
    common: pl.Series  # ordinary words (common_words_ar.csv): never corrected to a short name
    zipf: pl.DataFrame  # word, zipf: how frequent each ordinary word is (common_words_ar.csv)


def build_entity_lexicon(kb: KnowledgeBase, reference_dir: Path = REFERENCE_DIR) -> EntityLexicon:
    lex = build_lexicon(kb)
    stop = stop_words(kb, reference_dir)
    words = lex.select(t=pl.col("key").str.split(" ")).explode("t")["t"]
    names = lex.filter(pl.col("kind") == "name").select(t=pl.col("key").str.split(" ")).explode("t")["t"]
    return EntityLexicon(
        lex=lex,
        name_tokens=names.unique(),
        stop=stop,
        given=given_names(kb, reference_dir),
        exact_vocab=pl.concat([words, stop]).unique(),
        entities=kb_entities(kb),
        common=common_words(reference_dir),
        zipf=common_word_zipf(reference_dir),
    )


def common_word_zipf(reference_dir: Path) -> pl.DataFrame:
    """``word`` (normalized), ``zipf`` (the highest of its spellings); empty without the file."""
    table = read_optional("common_words_ar.csv", reference_dir)
    if table is None:
        return pl.DataFrame(schema={"word": pl.String, "zipf": pl.Float64})
    return (
        table.select(
            word=normalize_expr(pl.col("word").cast(pl.String)), zipf=pl.col("zipf").cast(pl.Float64)
        )
        .group_by("word")
        .agg(pl.col("zipf").max())
    )


def common_words(reference_dir: Path) -> pl.Series:
    """Normalized ordinary words; empty without the file."""
    table = read_optional("common_words_ar.csv", reference_dir)
    if table is None:
        return pl.Series("word", [], dtype=pl.String())
    return table.select(normalize_expr(pl.col("word").cast(pl.String)))["word"].unique()


# (knowledge base, reference dir) -> lexicon; the knowledge base object is kept so that its id
# cannot be reused by another object while the entry lives.
_CACHE: dict[tuple[int, Path], tuple[KnowledgeBase, EntityLexicon]] = {}
_CACHE_SIZE = 8


def entity_lexicon(kb: KnowledgeBase, reference_dir: Path = REFERENCE_DIR) -> EntityLexicon:
    """``build_entity_lexicon``, memoized on the knowledge base object (batches of one run share it)."""
    key = (id(kb), Path(reference_dir))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is kb:
        return hit[1]
    built = build_entity_lexicon(kb, reference_dir)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (kb, built)
    return built
