"""Entity extraction and resolution against the knowledge base (pure, vectorized Polars).

Pipeline, all on whole columns:

1. ``tokenize`` the bodies into words with character offsets (one row per word, global ``wid``).
2. Normalize the *unique* word forms once, derive proclitic-stripped stems (و ف ب ل ك and their
   combinations, ل + ال -> لل) and typo corrections (symmetric-delete join, one edit, long
   names only), then grow n-grams from every word whose stem starts a dictionary entry by joining
   the next word on ``wid + 1``; a growing n-gram survives only while it is a prefix of some entry.
3. Keep the leftmost-longest match per span, separately for names (+ nisba adjectives) and for role
   nouns (+ counterparts and honorifics), since a role phrase wraps names (``أمير قطر``).
4. Resolve role phrases (roles.py): a role followed by a name annotates that name; a role with a
   country and no name resolves to the office holder on ``published_date``, or to a country+role
   actor when the date or holder is unknown; a role with a country followed by an unknown name that
   starts with a known given name mints a ``title-pattern`` person.

Nisba-only mentions (``القضية السورية``) are emitted as the country with low confidence
(``NISBA_CONFIDENCE``): GDELT would not count an adjective as a place mention, so consumers that
want place mentions filter ``confidence >= 0.5``; the event extractor can still use them as actors
(``الجانب الإيراني``). A nisba that is part of a role phrase is not emitted separately.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from orchestration.transforms import roles as rl
from orchestration.transforms.openworld import find_open_world, merge_found
from orchestration.transforms.openworld.lexicon import load_lexicons
from orchestration.transforms.reference import REFERENCE_DIR, KnowledgeBase
from orchestration.transforms.sentences import split_sentences
from orchestration.transforms.text import (
    GAP_COMMA,
    GAP_SPACE,
    WORD_PATTERN,
    gap_class,
    load_function_words,
    normalize_expr,
    original_prefix_len,
    tokenize,
)

CONFIDENCE: dict[str, float] = {"exact": 0.95, "alias": 0.9, "role": 0.8, "fuzzy": 0.7, "title-pattern": 0.6}
NISBA_CONFIDENCE = 0.3
# A form the reference flags as ambiguous (القاعدة "the base", عمان Amman/Oman) with no supporting
# context; persons in that situation are dropped instead (رئيسي "main" is not Raisi).
AMBIGUOUS_CONFIDENCE = 0.5
# Typo tolerance only for dictionary words this long (without the article): short names sit one edit
# away from ordinary words.
FUZZY_MIN_LEN = 6
MAX_NAME_TOKENS = 4
# How many words before a name may carry "former" (الرئيس الأمريكي الأسبق باراك أوباما).
FORMER_WINDOW = 2
# Countries chained by و after one role (نظيريه الإيراني والتركي, زعماء السعودية والإمارات وقطر).
MAX_CONJOINED_COUNTRIES = 4
_TYPE_PRIORITY = {"country": 0, "place": 1, "org": 2, "person": 3}

ENTITY_SCHEMA: dict[str, pl.DataType] = {
    "entity_id": pl.String(),
    "entity_type": pl.String(),
    "name_en": pl.String(),
    "name_ar": pl.String(),
    "country_iso3": pl.String(),
    "cameo_code": pl.String(),
    "latitude": pl.Float64(),
    "longitude": pl.Float64(),
    "origin": pl.String(),
}
MENTION_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "entity_id": pl.String(),
    "entity_type": pl.String(),
    "surface": pl.String(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "sentence_index": pl.Int64(),
    "method": pl.String(),
    "confidence": pl.Float64(),
    "actor_code": pl.String(),
    "role": pl.String(),
}


# --------------------------------------------------------------------------- dictionaries


def _col_or_null(df: pl.DataFrame, name: str, dtype: pl.DataType | None = None) -> pl.Expr:
    dtype = dtype or pl.String()
    return pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype=dtype)


def kb_entities(kb: KnowledgeBase) -> pl.DataFrame:
    """Every knowledge-base entity in the ``entities`` schema (origin ``kb``)."""
    c = kb.countries
    countries = c.select(
        entity_id=pl.lit("country:") + pl.col("iso3"),
        entity_type=pl.lit("PLACE"),
        name_en=_col_or_null(c, "name_en"),
        name_ar=_col_or_null(c, "name_ar"),
        country_iso3=pl.col("iso3"),
        cameo_code=pl.col("iso3"),
    )
    # A person's cameo_code is that of their latest office spell (the mention-level actor_code is
    # dated; this is only the entity's default).
    latest_code = (
        kb.office_spells.sort("start_date", descending=True, nulls_last=True)
        .unique("entity_id", keep="first", maintain_order=True)
        .select("entity_id", cameo_code=pl.col("cameo_code"))
    )
    persons = kb.persons.select(
        "entity_id",
        entity_type=pl.lit("PERSON"),
        name_en=_col_or_null(kb.persons, "name_en"),
        name_ar=_col_or_null(kb.persons, "name_ar"),
        country_iso3=_col_or_null(kb.persons, "country_iso3"),
    ).join(latest_code, on="entity_id", how="left")
    p = kb.places
    places = p.select(
        "entity_id",
        entity_type=pl.lit("PLACE"),
        name_en=_col_or_null(p, "name_en"),
        name_ar=_col_or_null(p, "name_ar"),
        country_iso3=_col_or_null(p, "country_iso3"),
        latitude=_col_or_null(p, "latitude", pl.Float64()),
        longitude=_col_or_null(p, "longitude", pl.Float64()),
    )
    o = kb.organizations
    orgs = o.select(
        "entity_id",
        entity_type=pl.lit("ORG"),
        name_en=_col_or_null(o, "name_en"),
        name_ar=_col_or_null(o, "name_ar"),
        country_iso3=_col_or_null(o, "country_iso3"),
        cameo_code=_col_or_null(o, "cameo_code"),
    )
    return (
        pl.concat([countries, persons, places, orgs], how="diagonal_relaxed")
        .with_columns(origin=pl.lit("kb"))
        .select(list(ENTITY_SCHEMA))
        .cast(ENTITY_SCHEMA)  # type: ignore[arg-type]
        .unique("entity_id", keep="first", maintain_order=True)
    )


def _key_exprs(expr: pl.Expr) -> list[pl.Expr]:
    tokens = normalize_expr(expr).str.extract_all(WORD_PATTERN)
    return [tokens.list.join(" ").alias("key"), tokens.list.len().cast(pl.Int64).alias("n")]


def _alias_rows(df: pl.DataFrame, entity_id: pl.Expr, kind: str) -> pl.DataFrame:
    iso3 = pl.col("iso3") if kind == "country" else _col_or_null(df, "country_iso3")
    etype = {"country": "PLACE", "place": "PLACE", "org": "ORG", "person": "PERSON"}[kind]
    base = df.select(
        entity_id=entity_id,
        iso3=iso3,
        primary=_col_or_null(df, "name_ar"),
        aliases=_col_or_null(df, "aliases_ar").fill_null("").str.split("|"),
        ambiguous=_col_or_null(df, "ambiguous_ar").fill_null("").str.split("|"),
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
        .select("entity_id", _key_exprs(pl.col("form"))[0], ambiguous=pl.lit(True))
        .unique()
    )
    return (
        rows.filter(pl.col("alias").is_not_null() & (pl.col("alias").str.strip_chars() != ""))
        .select(
            *_key_exprs(pl.col("alias")),
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


def build_lexicon(kb: KnowledgeBase) -> pl.DataFrame:
    """All dictionary entries: ``key`` (normalized tokens joined by a space), ``n``, ``kind``
    (``name``, ``nisba``, ``role``, ``counterpart``, ``honorific``) and their payload columns."""
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
    roles = rl.role_lexicon(kb.roles).with_columns(prio=pl.lit(0, dtype=pl.Int64))
    # Nisba forms a country lists as ambiguous (القمري "lunar", الهندي) are flagged too.
    amb_nisba = (
        kb.countries.select(
            iso3="iso3", form=_col_or_null(kb.countries, "ambiguous_ar").fill_null("").str.split("|")
        )
        .explode("form")
        .filter(pl.col("form") != "")
        .select("iso3", _key_exprs(pl.col("form"))[0], amb=pl.lit(True))
    )
    nisba = (
        nisba.join(amb_nisba, on=["iso3", "key"], how="left")
        .with_columns(ambiguous=pl.col("amb").fill_null(False))
        .drop("amb")
    )
    lex = pl.concat([names, nisba, roles], how="diagonal_relaxed")
    return lex.with_columns(pl.col("ambiguous").fill_null(False))


# --------------------------------------------------------------------------- matching


def _stems(vocab: pl.DataFrame) -> pl.DataFrame:
    """Proclitic decompositions of each normalized word: ``token, stem, strip, prefix``.

    ``strip`` is how many normalized letters of the word precede the span reported as the surface.
    For ل + ال (للكرملين) the article's alef is elided, so the stem restores it and the whole word
    is the surface.
    """
    t = pl.col("norm")
    first, first2 = t.str.head(1), t.str.head(2)
    conj, prep = first.is_in(["و", "ف"]), first.is_in(["ب", "ل", "ك"])
    frames = [
        vocab.select("token", stem=t, strip=pl.lit(0), prefix=pl.lit("")),
        vocab.filter(conj | prep).select("token", stem=t.str.slice(1), strip=pl.lit(1), prefix=first),
        vocab.filter(t.str.contains(r"^[وف][بلك]")).select(
            "token", stem=t.str.slice(2), strip=pl.lit(2), prefix=first2
        ),
        vocab.filter(t.str.starts_with("لل")).select(
            "token", stem=pl.lit("ا") + t.str.slice(1), strip=pl.lit(0), prefix=pl.lit("ل")
        ),
        vocab.filter(t.str.contains(r"^[وف]لل")).select(
            "token", stem=pl.lit("ا") + t.str.slice(2), strip=pl.lit(1), prefix=first2
        ),
    ]
    return (
        pl.concat(frames)
        .filter(pl.col("stem").str.len_chars() >= 2)
        .with_columns(pl.col("strip").cast(pl.Int64))
    )


def _deletes(words: pl.DataFrame, col: str) -> pl.DataFrame:
    """The word itself (``pos`` -1) and every one-letter deletion of it (``pos`` = deleted index)."""
    s = pl.col(col)
    dels = (
        words.select(col, pos=pl.int_ranges(s.str.len_chars()))
        .explode("pos")
        .with_columns(pl.col("pos").cast(pl.Int64))
        .with_columns(dkey=s.str.head(pl.col("pos")) + s.str.slice(pl.col("pos") + 1))
    )
    return pl.concat([words.select(col, pos=pl.lit(-1, dtype=pl.Int64), dkey=s), dels])


def fuzzy_corrections(queries: pl.Series, targets: pl.Series, min_len: int = FUZZY_MIN_LEN) -> pl.DataFrame:
    """Map each query word to the single target word one edit away (``query, fix``).

    Symmetric-delete join: a query and a target within one insertion, deletion, substitution or
    adjacent transposition share a key in their deletion neighbourhoods. Targets shorter than
    ``min_len`` letters without the article are not eligible. A correction must keep the first and
    last letters (Arabic inflection lives at the word's edges: الروسي/الروسية, طالبات/طالبان) and
    must not be a prefix relation (truncation or suffix), and must be unambiguous.
    """
    tgt = (
        pl.DataFrame({"target": targets})
        .unique()
        .filter(pl.col("target").str.replace(r"^ال", "").str.len_chars() >= min_len)
    )
    qry = (
        pl.DataFrame({"query": queries})
        .unique()
        .filter(pl.col("query").str.len_chars() >= min_len - 1)
        .filter(~pl.col("query").is_in(targets.implode()))
    )
    if tgt.is_empty() or qry.is_empty():
        return pl.DataFrame(schema={"query": pl.String(), "fix": pl.String()})
    pairs = _deletes(qry, "query").join(_deletes(tgt, "target"), on="dkey", suffix="_t")
    edit = (
        ((pl.col("pos") == -1) & (pl.col("pos_t") >= 0))
        | ((pl.col("pos") >= 0) & (pl.col("pos_t") == -1))
        | ((pl.col("pos") >= 0) & (pl.col("pos_t") >= 0) & ((pl.col("pos") - pl.col("pos_t")).abs() <= 1))
    )
    q, t = pl.col("query"), pl.col("target")
    ok = (
        pairs.filter(edit)
        .filter(q.str.head(1) == t.str.head(1))
        .filter(q.str.tail(1) == t.str.tail(1))
        .filter(~q.str.starts_with(t) & ~t.str.starts_with(q))
        .select("query", fix="target")
        .unique()
    )
    return ok.filter(pl.len().over("query") == 1)


def _match(
    words: pl.DataFrame, lex: pl.DataFrame, fix_targets: pl.Series, exact_vocab: pl.Series
) -> pl.DataFrame:
    """Every dictionary match: ``aidx, w0, w1`` (word range), ``cs, ce`` (char offsets), ``prefix``,
    ``nfix`` (corrected words) plus the lexicon row."""
    vocab = words.select("token").unique().with_columns(norm=normalize_expr(pl.col("token")))
    stems = _stems(vocab)
    fixes = fuzzy_corrections(
        pl.concat([stems["stem"], vocab["norm"]]).filter(
            ~pl.concat([stems["stem"], vocab["norm"]]).is_in(exact_vocab.implode())
        ),
        fix_targets,
    )
    vocab = vocab.join(fixes, left_on="norm", right_on="query", how="left").select(
        "token", norm_fix=pl.coalesce("fix", "norm"), fixed=pl.col("fix").is_not_null().cast(pl.Int64)
    )
    stems = stems.join(fixes, left_on="stem", right_on="query", how="left").with_columns(
        fixed=pl.col("fix").is_not_null().cast(pl.Int64), stem=pl.coalesce("fix", "stem")
    )
    tokens = lex.select("key", "n", toks=pl.col("key").str.split(" "))
    first = tokens.select(stem=pl.col("toks").list.first()).unique()
    stems = stems.join(first, on="stem", how="semi")
    cur = (
        words.select("wid", "aidx", "token", "char_start", "char_end")
        .join(stems.select("token", "stem", "strip", "prefix", "fixed"), on="token")
        .select(
            "aidx",
            w0="wid",
            w1=pl.col("wid") + 1,
            cs=pl.col("char_start") + original_prefix_len(pl.col("token"), pl.col("strip")),
            ce="char_end",
            # Surfaces are built from the words: slicing the body by character offsets is
            # linear in the offset, per mention.
            surf=pl.col("token").str.slice(original_prefix_len(pl.col("token"), pl.col("strip"))),
            key="stem",
            prefix="prefix",
            nfix="fixed",
        )
    )
    max_n = int(lex["n"].max() or 0)
    found: list[pl.DataFrame] = []
    for i in range(1, max_n + 1):
        found.append(cur.join(lex.filter(pl.col("n") == i), on="key"))
        if i == max_n:
            break
        prefixes = (
            tokens.filter(pl.col("n") > i).select(key=pl.col("toks").list.head(i).list.join(" ")).unique()
        )
        cur = cur.join(prefixes, on="key", how="semi")
        if cur.is_empty():
            break
        cur = (
            _words_at(words, cur, "w1", {"token": "token", "gap": "gap", "char_end": "ce_next"})
            .filter(gap_class(pl.col("gap")) == GAP_SPACE)
            .join(vocab, on="token")
            .select(
                "aidx",
                "w0",
                w1=pl.col("w1") + 1,
                cs="cs",
                ce="ce_next",
                surf=pl.col("surf") + pl.col("gap") + pl.col("token"),
                key=pl.col("key") + " " + pl.col("norm_fix"),
                prefix="prefix",
                nfix=pl.col("nfix") + pl.col("fixed"),
            )
        )
    m = pl.concat(found, how="diagonal_relaxed")
    # Typo corrections only count for names, and only where other evidence backs them: a whole
    # one-word match only for persons (ORG/PLACE single words collide with ordinary vocabulary:
    # طالبين vs طالبان), and at most one corrected word in a longer name.
    fuzzy_ok = (pl.col("nfix") == 0) | (
        (pl.col("kind") == "name")
        & (
            ((pl.col("n") == 1) & (pl.col("entity_type") == "PERSON"))
            | ((pl.col("n") > 1) & (pl.col("nfix") == 1))
        )
    )
    return m.filter(fuzzy_ok)


def _words_at(words: pl.DataFrame, frame: pl.DataFrame, wid_col: str, cols: dict[str, str]) -> pl.DataFrame:
    """``frame`` rows whose ``wid_col`` is a word of the same article, with that word's ``cols``
    (renamed). ``wid`` is the row number of ``words``, so this is a gather, not a hash join
    against millions of words."""
    frame = frame.filter(pl.col(wid_col) < words.height)
    picked = words.select(
        pl.col("aidx").alias("_aidx"), *[pl.col(src).alias(dst) for src, dst in cols.items()]
    ).select(pl.all().gather(frame[wid_col]))
    return (
        pl.concat([frame, picked], how="horizontal").filter(pl.col("_aidx") == pl.col("aidx")).drop("_aidx")
    )


def _select_longest(m: pl.DataFrame, tie_break: list[str]) -> pl.DataFrame:
    """Leftmost-longest non-overlapping matches; ``tie_break`` orders candidates on the same span.

    ``wid`` is global and increasing across articles, so one running maximum over the sorted frame
    suffices."""
    ordered = m.with_columns(length=pl.col("w1") - pl.col("w0")).sort(
        ["w0", "length", *tie_break], descending=[False, True, *([False] * len(tie_break))]
    )
    prev_end = pl.col("w1").cum_max().shift(1, fill_value=-1)
    return ordered.filter(pl.col("w0") >= prev_end).drop("length")


# --------------------------------------------------------------------------- resolution helpers


def _stop_words(kb: KnowledgeBase, reference_dir: Path) -> pl.Series:
    """Normalized words that cannot be part of a person's name: function words, trigger words,
    date words and months (the latter from their reference CSVs when present)."""
    parts = [load_function_words(reference_dir / "function_words.csv")["word"]]
    sources = [(kb.event_triggers, "pattern_ar")]
    for file, col in (
        ("date_words.csv", "word"),
        ("months.csv", "name"),
        ("relative_days.csv", "pattern_ar"),
        ("event_markers.csv", "pattern_ar"),
    ):
        path = reference_dir / file
        if path.exists():
            sources.append((pl.read_csv(path, infer_schema=False, truncate_ragged_lines=True), col))
    for df, col in sources:
        if col in df.columns:
            toks = df.select(t=normalize_expr(pl.col(col)).str.extract_all(WORD_PATTERN)).explode("t")
            parts.append(toks["t"].drop_nulls())
    return pl.concat(parts).unique()


def _given_names(kb: KnowledgeBase, reference_dir: Path) -> pl.Series:
    """First words of known person names: evidence that unknown words after a title are a name."""
    names = pl.concat(
        [
            kb.persons.select(n=pl.col("name_ar")),
            kb.persons.select(n=pl.col("aliases_ar").fill_null("").str.split("|")).explode("n"),
        ]
    )
    path = reference_dir / "given_names.csv"
    if path.exists():
        names = pl.concat([names, pl.read_csv(path, infer_schema=False).select(n=pl.col("name_ar"))])
    first = names.select(t=normalize_expr(pl.col("n")).str.extract_all(WORD_PATTERN).list.first())
    particles = pl.DataFrame({"p": [*rl.NAME_PARTICLES, *rl.HONORIFIC_FORMS]}).select(
        normalize_expr(pl.col("p"))
    )
    return first.filter(
        pl.col("t").is_not_null()
        & ~pl.col("t").str.starts_with("ال")
        & ~pl.col("t").is_in(particles["p"].implode())
    )["t"].unique()


def _with_gaps(e: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Add ``gap_before`` (class of the text before the element's first word)."""
    return _words_at(words, e, "w0", {"gap": "gap_text"}).with_columns(
        gap_before=gap_class(pl.col("gap_text"))
    )


def _supported(
    names: pl.DataFrame, used_specs: pl.Series, annotated: pl.Series, words: pl.DataFrame, stop: pl.Series
) -> pl.DataFrame:
    """Name and nisba elements to report, with ``weak`` marking unsupported ambiguous forms.

    An ambiguous form is supported when it is a role's country (أمير قطر), carries a role (الرئيس
    الأسد), the same entity is named unambiguously elsewhere in the article (بشار الأسد ... الأسد),
    or a preposition precedes it (في عمان, بالقدس). Unsupported: persons are dropped, others kept weak.
    """
    amb = pl.col("ambiguous") & (pl.col("kind") == "name")
    firm = (
        names.filter(~pl.col("ambiguous"))
        .select("aidx", "entity_id")
        .unique()
        .with_columns(firm=pl.lit(True))
    )
    prev = _words_at(
        words, names.filter(amb).select("eid", "aidx", pw=pl.col("w0") - 1), "pw", {"token": "ptok"}
    )
    after_prep = prev.filter(normalize_expr(pl.col("ptok")).is_in(stop.implode()))["eid"]
    out = names.join(firm, on=["aidx", "entity_id"], how="left").with_columns(
        support=pl.col("firm").fill_null(False)
        | pl.col("eid").is_in(used_specs.implode())
        | pl.col("eid").is_in(annotated.implode())
        # A preposition supports places and bodies (في عمان، بالقدس), not persons: لرئيسي تركيا is
        # "to the two presidents of Turkey".
        | (
            (pl.col("entity_type") != "PERSON")
            & (
                pl.col("eid").is_in(after_prep.implode())
                | pl.col("prefix").is_in(["ب", "ل", "وب", "ول", "فب", "فل"])
            )
        )
    )
    out = out.with_columns(weak=amb & ~pl.col("support"))
    # Nisba forms flagged ambiguous are only ever a role's country.
    return out.filter(
        ~(pl.col("weak") & (pl.col("entity_type") == "PERSON"))
        & ~((pl.col("kind") == "nisba") & pl.col("ambiguous") & ~pl.col("eid").is_in(used_specs.implode()))
    ).drop("firm", "support")


def _hash_ids(names: pl.Series) -> pl.DataFrame:
    # A handful of new names per batch: hashed in Python because Polars' hash is not stable
    # across versions and ids must be.
    uniq = names.unique().drop_nulls().to_list()
    return pl.DataFrame(
        {
            "name_norm": uniq,
            "entity_id": [f"person:new:{hashlib.sha1(n.encode('utf-8')).hexdigest()[:12]}" for n in uniq],
        },
        schema={"name_norm": pl.String(), "entity_id": pl.String()},
    )


# --------------------------------------------------------------------------- main


def extract_entity_mentions(
    articles: pl.DataFrame,
    kb: KnowledgeBase,
    sentences: pl.DataFrame | None = None,
    reference_dir: Path = REFERENCE_DIR,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Find knowledge-base entities, role references and titled new persons in ``articles.body``.

    Returns ``(entity_mentions, entities)`` per docs/contracts.md.
    """
    date_col = (
        pl.col("published_date").cast(pl.Date)
        if "published_date" in articles.columns
        else pl.lit(None, dtype=pl.Date)
    )
    arts = articles.select("article_id", "body", date=date_col).with_row_index("aidx")
    words = tokenize(arts, keep=("aidx",)).with_row_index("wid").with_columns(pl.col("wid").cast(pl.Int64))
    lex = build_lexicon(kb)
    name_tokens = (
        lex.filter(pl.col("kind") == "name").select(t=pl.col("key").str.split(" ")).explode("t")["t"]
    )
    stop = _stop_words(kb, reference_dir)
    exact_vocab = pl.concat([lex.select(t=pl.col("key").str.split(" ")).explode("t")["t"], stop]).unique()

    m = _match(words, lex, name_tokens.unique(), exact_vocab)
    m = m.with_columns(
        method=pl.when(pl.col("nfix") > 0)
        .then(pl.lit("fuzzy"))
        .when(pl.col("is_primary"))
        .then(pl.lit("exact"))
        .otherwise(pl.lit("alias"))
    )
    names = _select_longest(
        m.filter(pl.col("kind").is_in(["name", "nisba"])).with_columns(
            kind_order=(pl.col("kind") == "nisba").cast(pl.Int8)
        ),
        ["kind_order", "nfix", "prio", "entity_id"],
    ).drop("kind_order")
    # A standalone ambiguous form (a nisba that is also an ordinary word) is dropped; it may still
    # serve as a role's country below.
    role_pool = _select_longest(
        m.filter(pl.col("kind").is_in(["role", "counterpart", "honorific"])).with_columns(
            kind_order=pl.col("kind").replace_strict({"role": 0, "counterpart": 1, "honorific": 2}, default=3)
        ),
        ["kind_order", "rank"],
    ).drop("kind_order")
    elements = _with_gaps(pl.concat([names, role_pool], how="diagonal_relaxed"), words).with_row_index("eid")
    elements = elements.join(arts.select("aidx", "date"), on="aidx", how="left")

    persons = elements.filter((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON"))
    # Persons named by an unambiguous form: the antecedents for counterparts and undated roles.
    firm_persons = persons.filter(~pl.col("ambiguous"))
    office_map = rl.office_roles(kb.roles)

    # Counterparts take the office of the nearest person named before them in the article.
    cps = elements.filter(pl.col("kind") == "counterpart").drop("role", "office", "cameo_role", "rank")
    if not cps.is_empty() and not firm_persons.is_empty():
        prev_person = (
            cps.select("eid", "aidx", "w0")
            .sort("w0")
            .join_asof(
                firm_persons.select("aidx", pw0="w0", person_id="entity_id", pdate="date").sort("pw0"),
                left_on="w0",
                right_on="pw0",
                by="aidx",
                strategy="backward",
                check_sortedness=False,
            )
        )
        prev_office = rl.person_spells_on(
            prev_person.select(req_id="eid", entity_id="person_id", date="pdate").drop_nulls("entity_id"),
            kb.office_spells,
        ).join(office_map, on="office")
        cps = cps.join(
            prev_office.select(
                eid="req_id",
                role=pl.coalesce("title", "role"),
                office="office",
                cameo_role="cameo_role",
                rank="rank",
            ),
            on="eid",
            how="inner",
        )
    else:
        cps = cps.head(0).with_columns(
            role=pl.lit(None, pl.String()),
            office=pl.lit(None, pl.String()),
            cameo_role=pl.lit(None, pl.String()),
            rank=pl.lit(None, pl.Int64()),
        )
    heads = pl.concat(
        [elements.filter(pl.col("kind") == "role"), cps.select(elements.columns)], how="vertical_relaxed"
    )

    # Country of a role: a nisba or a country name right after it, without clitic or punctuation.
    specs = elements.filter(
        (pl.col("kind") == "nisba")
        | ((pl.col("kind") == "name") & pl.col("entity_id").str.starts_with("country:"))
    ).filter((pl.col("prefix") == "") & (pl.col("gap_before") == GAP_SPACE))
    phrases = heads.join(
        specs.select(
            "aidx",
            w1="w0",
            spec_eid="eid",
            spec_iso3="iso3",
            spec_w1="w1",
            spec_ce="ce",
            spec_surf=pl.col("gap_text") + pl.col("surf"),
        ),
        on=["aidx", "w1"],
        how="left",
    ).with_columns(
        pw1=pl.coalesce("spec_w1", "w1"),
        pce=pl.coalesce("spec_ce", "ce"),
        psurf=pl.col("surf") + pl.col("spec_surf").fill_null(""),
    )

    # What follows the phrase: a person (apposition, comma allowed), or an honorific/role then a person.
    follow = elements.filter(pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA]) & (pl.col("prefix") == ""))
    nxt = phrases.select("eid", "aidx", "pw1").join(
        follow.select(
            "aidx", pw1="w0", n_eid="eid", n_kind="kind", n_type="entity_type", n_w1="w1", n_gap="gap_before"
        ),
        on=["aidx", "pw1"],
    )
    direct = nxt.filter((pl.col("n_kind") == "name") & (pl.col("n_type") == "PERSON")).select(
        "eid", person_eid="n_eid"
    )
    mid = nxt.filter(pl.col("n_kind").is_in(["honorific", "role"]))
    via = (
        mid.join(
            follow.filter((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON")).select(
                "aidx", n_w1="w0", person_eid="eid", p_gap="gap_before"
            ),
            on=["aidx", "n_w1"],
        )
        .filter(pl.col("p_gap") == GAP_SPACE)
        .select("eid", "person_eid")
    )
    forward = pl.concat([direct, via]).unique("eid", keep="first", maintain_order=True)
    # Postposed apposition (محمد بن سلمان ولي العهد السعودي): only when the countries agree, since
    # "subject object" order puts a person right before a role just as often (أطلع بوتين العاهل السعودي).
    backward = (
        phrases.filter(
            pl.col("spec_iso3").is_not_null()
            & (pl.col("prefix") == "")
            & pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA])
        )
        .filter(~pl.col("eid").is_in(forward["eid"].implode()))
        .select("eid", "aidx", "w0", "spec_iso3")
        .join(persons.select("aidx", w0="w1", person_eid="eid", p_iso3="iso3"), on=["aidx", "w0"])
        .filter(pl.col("p_iso3") == pl.col("spec_iso3"))
        .select("eid", "person_eid")
    )
    attached = pl.concat([forward, backward])
    # Counterparts followed by a full role phrase (نظيره الرئيس الإيراني ...) leave it to that phrase.
    consumed = mid.join(phrases.select("eid", "kind"), on="eid").filter(pl.col("kind") == "counterpart")[
        "eid"
    ]

    # Annotations on attached persons; without a country the role must be one the person holds.
    annot = attached.join(phrases, on="eid").join(
        persons.select(person_eid="eid", person_id="entity_id"), on="person_eid"
    )
    spell_keys = kb.office_spells.select(
        person_id="entity_id",
        office="office",
        title=pl.col("title") if "title" in kb.office_spells.columns else pl.lit(None, pl.String()),
    )
    holds = (
        pl.concat(
            [
                spell_keys.filter(pl.col("office") != rl.GENERIC_OFFICE).select("person_id", key="office"),
                spell_keys.select("person_id", key="title").drop_nulls(),
            ]
        )
        .unique()
        .with_columns(held=pl.lit(True))
    )
    annot = (
        annot.join(holds, left_on=["person_id", "role"], right_on=["person_id", "key"], how="left")
        .join(
            holds.rename({"held": "held_office"}),
            left_on=["person_id", "office"],
            right_on=["person_id", "key"],
            how="left",
        )
        .filter(
            pl.col("spec_iso3").is_not_null()
            | pl.col("held").fill_null(False)
            | pl.col("held_office").fill_null(False)
        )
        .sort(pl.col("spec_iso3").is_null(), "rank", nulls_last=True)
        .unique("person_eid", keep="first", maintain_order=True)
        .select(eid="person_eid", a_role="role", a_iso3="spec_iso3", a_cameo_role="cameo_role")
    )

    free = phrases.filter(
        ~pl.col("eid").is_in(attached["eid"].implode()) & ~pl.col("eid").is_in(consumed.implode())
    )
    new_mentions, new_entities, titled = _title_persons(
        free, elements, words, stop, _given_names(kb, reference_dir)
    )
    # What is left resolves through its country; a role with neither name nor country says too little.
    free = free.filter(pl.col("spec_iso3").is_not_null() & ~pl.col("eid").is_in(titled.implode()))
    # A second country joined by و (نظيريه الإيراني والتركي) is a second actor of the same office.
    conj_specs = elements.filter(
        (pl.col("kind") == "nisba")
        | ((pl.col("kind") == "name") & pl.col("entity_id").str.starts_with("country:"))
    ).filter((pl.col("prefix") == "و") & (pl.col("gap_before") == GAP_SPACE))
    # ... and so is a third or fourth (زعماء السعودية والإمارات وقطر).
    link = conj_specs.select(
        "aidx", spec_w1="w0", s2_iso3="iso3", s2_eid="eid", s2_cs="cs", s2_ce="ce", s2_surf="surf", s2_w1="w1"
    )
    step = free.join(link, on=["aidx", "spec_w1"])
    chain = [step]
    for _ in range(MAX_CONJOINED_COUNTRIES - 1):
        step = (
            step.drop("spec_w1", *[c for c in link.columns if c.startswith("s2_") and c != "s2_w1"])
            .rename({"s2_w1": "spec_w1"})
            .join(link, on=["aidx", "spec_w1"])
        )
        chain.append(step)
    second = pl.concat(chain, how="diagonal_relaxed")
    role_refs = pl.concat(
        [
            free.select(
                "eid",
                "aidx",
                "date",
                "cs",
                ce="pce",
                surf="psurf",
                iso3="spec_iso3",
                role="role",
                office="office",
                cameo_role="cameo_role",
                spec_eid="spec_eid",
            ),
            second.select(
                eid="s2_eid",
                aidx="aidx",
                date="date",
                cs="s2_cs",
                ce="s2_ce",
                surf="s2_surf",
                iso3="s2_iso3",
                role="role",
                office="office",
                cameo_role="cameo_role",
                spec_eid="s2_eid",
            ),
        ]
    ).with_row_index("req_id")
    # Generic roles (office "other": ministers of anything, soldiers, officials) name no single seat,
    # so only real offices are looked up.
    holders = rl.office_holders(
        role_refs.select("req_id", "role", "office", country_iso3="iso3", date="date"),
        kb.office_spells,
    )
    # Undated articles: the holder is the one person named in the article who ever held this
    # role in this country (الرئيس الروسي in an article that names بوتين).
    undated = role_refs.filter(pl.col("date").is_null()).select("req_id", "aidx", "role", "office", "iso3")
    # ... but not a person styled as a former holder (الرئيس الأسبق باراك أوباما): the role then
    # means whoever holds it now, whom the article does not name.
    former_words = pl.DataFrame({"f": list(rl.FORMER_FORMS)}).select(normalize_expr(pl.col("f")))["f"]
    former_wids = words.filter(normalize_expr(pl.col("token")).is_in(former_words.implode())).select(
        "aidx", fw="wid"
    )
    former = (
        pl.concat(
            [
                firm_persons.select("aidx", "entity_id", fw=pl.col("w0") - k)
                for k in range(1, FORMER_WINDOW + 1)
            ]
        )
        .join(former_wids, on=["aidx", "fw"])
        .select("aidx", "entity_id")
        .unique()
    )
    named = (
        firm_persons.select("aidx", "entity_id").unique().join(former, on=["aidx", "entity_id"], how="anti")
    )
    ever = kb.office_spells.select(
        "entity_id",
        s_office="office",
        s_iso3="country_iso3",
        s_code="cameo_code",
        s_title=pl.col("title") if "title" in kb.office_spells.columns else pl.lit(None, pl.String()),
    )
    coref = (
        undated.join(named, on="aidx")
        .join(ever, on="entity_id")
        .filter(
            (pl.col("s_iso3") == pl.col("iso3"))
            & (
                (pl.col("s_title") == pl.col("role"))
                | ((pl.col("s_office") == pl.col("office")) & (pl.col("office") != rl.GENERIC_OFFICE))
            )
        )
        .filter(pl.col("entity_id").n_unique().over("req_id") == 1)
        .unique("req_id", keep="first")
        .select("req_id", holder_id="entity_id", cameo_code="s_code")
    )
    holders = pl.concat([holders, coref])
    role_refs = role_refs.join(holders, on="req_id", how="left")
    countries_en = kb.countries.select(iso3="iso3", country_en=_col_or_null(kb.countries, "name_en"))
    role_refs = role_refs.join(countries_en, on="iso3", how="left").with_columns(
        code=pl.concat_str([pl.col("iso3"), pl.col("cameo_role").fill_null("")])
    )
    role_mentions = role_refs.select(
        "aidx",
        "cs",
        "ce",
        "surf",
        entity_id=pl.coalesce("holder_id", rl.actor_id(pl.col("iso3"), pl.col("cameo_role"), pl.col("role"))),
        entity_type=pl.when(pl.col("holder_id").is_null())
        .then(rl.actor_type(pl.col("office")))
        .otherwise(pl.lit("PERSON")),
        method=pl.lit("role"),
        actor_code=pl.coalesce("cameo_code", "code"),
        role="role",
    )
    actors = role_refs.filter(pl.col("holder_id").is_null()).select(
        entity_id=rl.actor_id(pl.col("iso3"), pl.col("cameo_role"), pl.col("role")),
        entity_type=rl.actor_type(pl.col("office")),
        name_en=rl.actor_name(pl.col("role"), pl.col("country_en").fill_null(pl.col("iso3"))),
        name_ar=pl.lit(None, pl.String()),
        country_iso3="iso3",
        cameo_code="code",
        origin=pl.lit("role"),
    )

    # Name mentions with their dated actor codes.
    used_specs = pl.concat([phrases["spec_eid"].drop_nulls(), second["s2_eid"]])
    name_mentions = _supported(
        elements.filter(pl.col("kind").is_in(["name", "nisba"])), used_specs, annot["eid"], words, stop
    )
    spells = rl.person_spells_on(
        name_mentions.filter(pl.col("entity_type") == "PERSON").select(
            req_id="eid", entity_id="entity_id", date="date"
        ),
        kb.office_spells,
    ).rename({"req_id": "eid"})
    org_codes = kb.organizations.select("entity_id", org_code=_col_or_null(kb.organizations, "cameo_code"))
    name_mentions = (
        name_mentions.join(annot, on="eid", how="left")
        .join(spells, on="eid", how="left")
        .join(org_codes, on="entity_id", how="left")
        .select(
            "aidx",
            "cs",
            "ce",
            "surf",
            "entity_id",
            "entity_type",
            method="method",
            actor_code=pl.when(pl.col("entity_id").str.starts_with("country:"))
            .then(pl.col("iso3"))
            .when(pl.col("entity_type") == "ORG")
            .then(pl.col("org_code"))
            .when(pl.col("entity_type") == "PERSON")
            .then(pl.coalesce("spell_cameo_code", pl.concat_str([pl.col("a_iso3"), pl.col("a_cameo_role")])))
            .otherwise(None),
            role="a_role",
            nisba=pl.col("kind") == "nisba",
            weak="weak",
        )
    )

    # New persons can recur without their title elsewhere in the batch: match their full names.
    if not new_entities.is_empty():
        new_lex = new_entities.select(
            *_key_exprs(pl.col("name_ar")),
            kind=pl.lit("name"),
            entity_id="entity_id",
            entity_type=pl.lit("PERSON"),
            iso3="country_iso3",
            is_primary=pl.lit(True),
            prio=pl.lit(3),
        ).unique("key")
        again = _match(words, new_lex, pl.Series([], dtype=pl.String()), exact_vocab).filter(
            pl.col("prefix").is_in(["", "و", "ف", "ب", "ل", "ك"])
        )
        new_mentions = pl.concat(
            [
                new_mentions,
                again.select(
                    "aidx",
                    "cs",
                    "ce",
                    "surf",
                    "entity_id",
                    entity_type=pl.lit("PERSON"),
                    method=pl.lit("title-pattern"),
                ),
            ],
            how="diagonal_relaxed",
        )

    mentions = (
        pl.concat([name_mentions, role_mentions, new_mentions], how="diagonal_relaxed")
        .with_columns(
            confidence=pl.when(pl.col("nisba").fill_null(False))
            .then(pl.lit(NISBA_CONFIDENCE))
            .when(pl.col("weak").fill_null(False))
            .then(pl.lit(AMBIGUOUS_CONFIDENCE))
            .otherwise(pl.col("method").replace_strict(CONFIDENCE, default=None, return_dtype=pl.Float64))
        )
        # Ties on confidence (a title-pattern person found twice, with and without its role) break on
        # the role, so that reruns keep the same row.
        .sort(
            ["aidx", "cs", "confidence", "role", "actor_code"],
            descending=[False, False, True, False, False],
            nulls_last=True,
        )
        .unique(["aidx", "cs", "entity_id"], keep="first", maintain_order=True)
    )
    # Persons and organizations the knowledge base lacks; a known match always wins.
    found_mentions, found_entities = find_open_world(words, elements, load_lexicons(kb, reference_dir, stop))
    # Nisba adjectives are no names: they do not block a found span (جمعية الصيادين التونسية).
    found_mentions = merge_found(mentions.filter(~pl.col("nisba").fill_null(False)), found_mentions)
    found_entities = found_entities.join(
        found_mentions.select("entity_id").unique(), on="entity_id", how="semi"
    )
    mentions = pl.concat([mentions, found_mentions], how="diagonal_relaxed").sort("aidx", "cs")
    sents = split_sentences(articles) if sentences is None else sentences
    sent_starts = (
        sents.select("article_id", "sentence_index", s_start="char_start")
        .join(arts.select("article_id", "aidx"), on="article_id")
        .sort("s_start")
    )
    # Work on the article's row number; ids and bodies are gathered once at the end.
    # Already sorted by (aidx, cs): the as-of join only needs order within each article.
    mentions = mentions.join_asof(
        sent_starts.drop("article_id").sort(["aidx", "s_start"]),
        left_on="cs",
        right_on="s_start",
        by="aidx",
        strategy="backward",
        check_sortedness=False,
    )
    aidx = mentions["aidx"]
    mentions = (
        mentions.with_columns(
            article_id=arts["article_id"].gather(aidx),
        )
        .rename({"cs": "char_start", "ce": "char_end", "surf": "surface"})
        .select(list(MENTION_SCHEMA))
        .cast(MENTION_SCHEMA)  # type: ignore[arg-type]
    )

    entities = (
        pl.concat([kb_entities(kb), actors, new_entities, found_entities], how="diagonal_relaxed")
        .select(list(ENTITY_SCHEMA))
        .cast(ENTITY_SCHEMA)  # type: ignore[arg-type]
        .unique("entity_id", keep="first", maintain_order=True)
    )
    return mentions, entities


def _title_persons(
    free: pl.DataFrame,
    elements: pl.DataFrame,
    words: pl.DataFrame,
    stop: pl.Series,
    given: pl.Series,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.Series]:
    """Persons introduced by a role phrase and absent from the base (``title-pattern``).

    The name is the 2-4 words after the phrase (or after an honorific there) that are not stop
    words, dictionary matches, conjunction-prefixed or article-prefixed (at the start) words, with
    a clean boundary after it, and whose first word is a known given name. Precision over recall:
    a title followed by ordinary words (أمير قطر سيستكمل باتصالات) mints nothing.
    """
    honor = elements.filter(pl.col("kind") == "honorific").select("aidx", pw1="w0", h_w1="w1")
    starts = (
        free.select("eid", "aidx", "pw1", "spec_iso3", "role", "cameo_role")
        .join(honor, on=["aidx", "pw1"], how="left")
        .with_columns(s=pl.coalesce("h_w1", "pw1"))
    )
    # Cheap first cut: the first name word must be a known given name.
    starts = (
        _words_at(words, starts, "s", {"token": "_first"})
        .filter(normalize_expr(pl.col("_first")).is_in(given.implode()))
        .drop("_first")
    )
    # Only the few words after each candidate phrase are looked at.
    needed = (
        starts.select(wid=pl.int_ranges(pl.col("s"), pl.col("s") + MAX_NAME_TOKENS + 1))
        .explode("wid")
        .drop_nulls()
        .with_columns(pl.col("wid").cast(pl.Int64))
        .unique()
    )
    covered = (
        elements.select(wid=pl.int_ranges("w0", "w1"))
        .explode("wid")
        .with_columns(pl.col("wid").cast(pl.Int64), cov=pl.lit(True))
        .unique()
    )
    needed = needed.filter(pl.col("wid") < words.height)
    w = (
        words.select(pl.all().gather(needed["wid"]))
        .join(covered, on="wid", how="left")
        .select(
            "wid",
            "aidx",
            "char_start",
            "char_end",
            raw="token",
            gap_text="gap",
            norm=normalize_expr(pl.col("token")),
            gap=gap_class(pl.col("gap")),
            cov=pl.col("cov").fill_null(False),
        )
    )
    particles = pl.DataFrame({"p": list(rl.NAME_PARTICLES)}).select(normalize_expr(pl.col("p")))["p"]
    frame = starts
    oks: list[pl.Expr] = []
    for p in range(MAX_NAME_TOKENS + 1):
        sub = w.select(
            "aidx",
            wid=pl.col("wid") - p,
            **{
                f"tok{p}": "norm",
                f"raw{p}": "raw",
                f"gap{p}": "gap_text",
                f"cs{p}": "char_start",
                f"ce{p}": "char_end",
            },
            **{
                f"ok{p}": pl.col("norm").str.contains(r"^\p{L}{2,}$")
                & ~pl.col("norm").is_in(stop.implode())
                & ~pl.col("cov")
                & ~pl.col("norm").str.contains(r"^(?:و|[فبلك]?ال|[وف][بلك]?ال|لل)")
                & (pl.col("gap").is_in([GAP_SPACE, GAP_COMMA]) if p == 0 else pl.col("gap") == GAP_SPACE)
            },
        )
        frame = frame.join(sub, left_on=["aidx", "s"], right_on=["aidx", "wid"], how="left")
        oks.append(pl.col(f"ok{p}").fill_null(False))
    run = pl.sum_horizontal([pl.all_horizontal(oks[: k + 1]).cast(pl.Int64) for k in range(len(oks))])
    frame = frame.with_columns(run=run).filter(
        (pl.col("run") >= 2) & (pl.col("run") <= MAX_NAME_TOKENS) & pl.col("tok0").is_in(given.implode())
    )
    last_tok = pl.coalesce(
        [pl.when(pl.col("run") == k + 1).then(pl.col(f"tok{k}")) for k in range(MAX_NAME_TOKENS)]
    )
    last_ce = pl.coalesce(
        [pl.when(pl.col("run") == k + 1).then(pl.col(f"ce{k}")) for k in range(MAX_NAME_TOKENS)]
    )
    name_norm = pl.concat_list([pl.col(f"tok{k}") for k in range(MAX_NAME_TOKENS)]).list.head(pl.col("run"))
    pieces = [pl.col("raw0")] + [pl.col(f"{c}{k}") for k in range(1, MAX_NAME_TOKENS) for c in ("gap", "raw")]
    surface = pl.concat_list(pieces).list.head(2 * pl.col("run") - 1).list.join("")
    found = frame.filter(~last_tok.is_in(particles.implode())).with_columns(
        cs="cs0", ce=last_ce, name_norm=name_norm.list.join(" "), surf=surface
    )
    ids = _hash_ids(found["name_norm"])
    found = found.join(ids, on="name_norm")
    mentions = found.select(
        "aidx",
        "cs",
        "ce",
        "surf",
        "entity_id",
        entity_type=pl.lit("PERSON"),
        method=pl.lit("title-pattern"),
        actor_code=pl.concat_str([pl.col("spec_iso3"), pl.col("cameo_role").fill_null("")]),
        role="role",
    )
    entities = (
        found.sort("aidx", "cs")
        .unique("entity_id", keep="first", maintain_order=True)
        .select(
            "entity_id",
            entity_type=pl.lit("PERSON"),
            name_en=pl.lit(None, pl.String()),
            name_ar="surf",
            country_iso3="spec_iso3",
            cameo_code=pl.concat_str([pl.col("spec_iso3"), pl.col("cameo_role").fill_null("")]),
            origin=pl.lit("title-pattern"),
        )
    )
    return mentions, entities, found["eid"]
