"""The token table: every body is split into words once, and every later stage joins on it.

One row per word (``TOKENS_SCHEMA``): its article, sentence and position, character offsets into
``body``, the surface form, the matching-normalized form (``text.normalize_expr``), the form with
proclitics removed (``bare``) and the proclitics (``clitics``), plus ``gap``, the non-word text
before the word (gap classes in ``text.gap_class``).

Words are the same as ``text.WORD_PATTERN`` finds: letter runs (with their combining marks) and
digit runs. Speed comes from never running a regex over the whole text: bodies are split on the
space character (a plain byte split), the *distinct* space-separated pieces are decomposed into
words with the word regex, normalized and clitic-split once, and joined back onto every piece.
A news corpus has about one distinct piece for every seven pieces.
"""

from __future__ import annotations

import polars as pl

# The clitic readings live in their own module (issue #10); re-exported for the callers that
# import them from here.
from orchestration.transforms.clitics import CLITIC_READINGS_SCHEMA, bare_forms, clitic_readings
from orchestration.transforms.text import PIECE_PATTERN, normalize_expr

TOKENS_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    # Row number of the article in the frame the table was built from: an integer article key
    # (joins and group-bys on it are cheaper than on the string id; slices of articles are ranges).
    "aidx": pl.UInt32(),
    "sentence_index": pl.Int64(),
    "token_index": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "surface": pl.String(),
    "norm": pl.String(),
    "bare": pl.String(),
    "clitics": pl.String(),
    "gap": pl.String(),
    # Id of the normalized form within this table (equal norms, equal ids): stages find distinct
    # words and join on it as an integer instead of hashing strings.
    "form_id": pl.UInt32(),
}


def validate_frame(frame: pl.DataFrame, schema: dict[str, pl.DataType], name: str) -> pl.DataFrame:
    """``frame`` unchanged when it has every column of ``schema`` with its dtype, else a clear error.

    Extra columns are allowed: a stage may carry its own keys (``aidx``) along."""
    missing = [c for c in schema if c not in frame.columns]
    wrong = [
        f"{c}: {frame.schema[c]} != {t}"
        for c, t in schema.items()
        if c in frame.columns and frame.schema[c] != t
    ]
    if missing or wrong:
        raise ValueError(f"{name} breaks its contract: missing {missing}, wrong dtypes {wrong}")
    return frame


def _piece_words(uniq: pl.DataFrame, known: pl.Series | None) -> pl.DataFrame:
    """Words of each distinct space-separated piece (``uniq``: ``h, piece``): ``h, k`` (word number
    in the piece), ``offset`` (start in the piece), ``surface``, ``inner_gap`` (non-word text
    before it inside the piece), ``trail`` (non-word text after it, up to the next word or the
    piece's end), ``norm``, ``bare``, ``clitics``."""
    parts = uniq.with_columns(part=pl.col("piece").str.extract_all(PIECE_PATTERN)).with_columns(
        part_end=pl.col("part").list.eval(pl.element().str.len_chars().cast(pl.Int64).cum_sum()),
        k=pl.int_ranges(pl.col("part").list.len()),
    )
    words = (
        parts.explode(["part", "part_end", "k"])
        .drop_nulls("part")
        .with_columns(surface=pl.col("part").str.extract(r"(?:[\p{L}\p{M}]+|\p{N}+)$", 0))
    )
    s_len = pl.col("surface").str.len_chars().cast(pl.Int64)
    p_len = pl.col("part").str.len_chars().cast(pl.Int64)
    words = words.select(
        "h",
        "piece",
        pl.col("k").cast(pl.Int64),
        "surface",
        offset=pl.col("part_end") - s_len,
        inner_gap=pl.col("part").str.head(p_len - s_len),
        trail=pl.col("piece").str.slice(pl.col("part_end")),
        norm=normalize_expr(pl.col("surface")),
    )
    forms = bare_forms(words.select("norm").unique(), known).with_row_index("form_id")
    return words.join(forms, on="norm", how="left", maintain_order="left")


def _pieces(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """One row per space-separated piece: ``_art`` (article row), ``_p`` (piece row), ``g_start``
    (start in the concatenation of all bodies, each followed by one separator), ``h`` (hash of the
    piece); and the start of each article in that concatenation."""
    body = pl.col("body").fill_null("")
    art_start = articles.select((body.str.len_chars().cast(pl.Int64) + 1).cum_sum().shift(1, fill_value=0))
    pieces = (
        articles.select(piece=body.str.split(" "))
        .with_row_index("_art")
        .explode("piece")
        .with_row_index("_p")
        .with_columns(plen=pl.col("piece").str.len_chars().cast(pl.Int64) + 1)
        .with_columns(g_start=pl.col("plen").cum_sum() - pl.col("plen"), h=pl.col("piece").hash())
    )
    return pieces, art_start.to_series()


def _attach_words(pieces: pl.DataFrame, known: pl.Series | None) -> pl.DataFrame:
    """Pieces joined to their words. Distinct pieces are found by hash (a 64-bit key joins far
    faster than a string); a hash collision is detected by comparing the strings and falls back to
    the exact string join."""
    uniq = pieces.select("h", "piece").unique("h")
    words = _piece_words(uniq, known)
    cols = ["_art", "_p", "g_start", "h", "piece"]
    tokens = pieces.select(cols).join(words, on="h", how="inner", maintain_order="left_right", suffix="_w")
    if not tokens.select((pl.col("piece") == pl.col("piece_w")).all()).item():
        words = _piece_words(pieces.select("h", "piece").unique("piece"), known).drop("h")
        tokens = pieces.select(cols).join(words, on="piece", how="inner", maintain_order="left_right")
    return tokens.drop("piece_w", strict=False)


def build_tokens(
    articles: pl.DataFrame,
    sentences: pl.DataFrame | None = None,
    keep: tuple[str, ...] = (),
    known: pl.Series | None = None,
) -> pl.DataFrame:
    """The token table of ``articles.body`` (``TOKENS_SCHEMA`` plus the ``keep`` columns).

    ``token_index`` counts words within the article. ``sentence_index`` comes from ``sentences``
    (``sentences.split_sentences`` output: the sentence whose span starts at or before the word);
    without it, it is null. ``known`` lets ``bare`` strip clitics from dictionary words (see
    ``bare_forms``). Rows are in article order, then text order."""
    cols = ["article_id", *[c for c in keep if c != "article_id"]]
    pieces, art_start = _pieces(articles)
    tokens = _attach_words(pieces, known)
    # The gap before a piece's first word starts in the previous piece: its trailing non-word text
    # and the space. Gaps across word-less pieces (and before the first word) are sliced instead.
    same_art = pl.col("_art").shift(1) == pl.col("_art")
    after_prev_piece = same_art & (pl.col("_p").shift(1) == pl.col("_p") - 1)
    g_start = pl.col("g_start") + pl.col("offset")
    tokens = tokens.select(
        "_art",
        "surface",
        "norm",
        "bare",
        "clitics",
        "form_id",
        aidx="_art",
        g_start=g_start,
        char_start=g_start - pl.lit(art_start).gather(pl.col("_art")),
        gap=_gaps(tokens, after_prev_piece),
        same_art=same_art.fill_null(False),
    )
    tokens = _fill_long_gaps(tokens, articles)
    # Rows are in article order: the index within an article is the row number minus the row
    # number of the article's first word (no window function over millions of rows).
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    tokens = tokens.with_columns(
        char_end=pl.col("char_start") + pl.col("surface").str.len_chars().cast(pl.Int64),
        token_index=row - pl.when(~pl.col("same_art")).then(row).forward_fill(),
        sentence_index=_sentence_of(tokens, sentences, articles, art_start)
        if sentences is not None
        else pl.lit(None, dtype=pl.Int64),
    )
    picked = articles.select(cols)
    tokens = tokens.with_columns(picked.get_column(c).gather(tokens["_art"]) for c in cols)
    return tokens.select(*cols, *[c for c in TOKENS_SCHEMA if c not in cols]).cast(TOKENS_SCHEMA)  # type: ignore[arg-type]


def _gaps(tokens: pl.DataFrame, after_prev_piece: pl.Expr) -> pl.Series:
    """The gap before each word: inside its piece, ``inner_gap``; at a piece's start right after the
    previous piece, that piece's ``trail``, the space and ``inner_gap``; otherwise null (sliced
    later). Nearly every gap is one space: it is the default, and the strings are built only for
    the few words with punctuation around the space (no string concatenation over every word)."""
    c = pl.col
    flags = tokens.select(
        inner=c("k") > 0,
        after=after_prev_piece.fill_null(False),
        plain=((c("trail").shift(1) == "") & (c("inner_gap") == "")).fill_null(False),
    )
    inner = flags["inner"].arg_true()
    joined = (~flags["inner"] & flags["after"] & ~flags["plain"]).arg_true()
    sliced = (~flags["inner"] & ~flags["after"]).arg_true()
    pieces = pl.DataFrame(
        {
            "p": tokens["trail"].gather((joined.cast(pl.Int64) - 1).clip(0)),
            "i": tokens["inner_gap"].gather(joined),
        }
    ).select(pl.concat_str(["p", pl.lit(" "), "i"]))
    gap = pl.repeat(" ", tokens.height, eager=True, dtype=pl.String)
    gap = gap.scatter(inner, tokens["inner_gap"].gather(inner)).scatter(joined, pieces.to_series())
    return gap.scatter(sliced, None).alias("gap")


def _fill_long_gaps(tokens: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Gaps that span word-less pieces (``القاهرة - أ ش أ``) or open the body: sliced from the body.

    Rare, so the per-row slice of the body costs little."""
    todo = tokens["gap"].is_null()
    if not todo.any():
        return tokens
    ends = tokens.select(
        "_art",
        "char_start",
        prev_end=pl.when(pl.col("same_art"))
        .then((pl.col("char_start") + pl.col("surface").str.len_chars().cast(pl.Int64)).shift(1))
        .otherwise(0),
    )
    rows = ends.filter(todo)
    bodies = articles["body"].fill_null("").gather(rows["_art"])
    gaps = rows.with_columns(body=bodies).select(
        pl.col("body").str.slice(pl.col("prev_end"), pl.col("char_start") - pl.col("prev_end"))
    )["body"]
    return tokens.with_columns(tokens["gap"].scatter(todo.arg_true(), gaps))


def _sentence_of(
    tokens: pl.DataFrame, sentences: pl.DataFrame, articles: pl.DataFrame, art_start: pl.Series
) -> pl.Series:
    """The sentence holding each word: a binary search of the word's start among the sentence
    starts, all as positions in the concatenation of the bodies (sorted, articles in order)."""
    starts = (
        sentences.select("article_id", "sentence_index", "char_start")
        .join(articles.select("article_id").with_row_index("_art"), on="article_id")
        .select("_art", "sentence_index", g=pl.col("char_start") + pl.lit(art_start).gather(pl.col("_art")))
        .sort("g")
    )
    if starts.is_empty():
        return pl.Series("sentence_index", [None] * tokens.height, dtype=pl.Int64)
    at = (starts["g"].search_sorted(tokens["g_start"], side="right").cast(pl.Int64) - 1).clip(lower_bound=0)
    found = starts.select(pl.all().gather(at))
    inside = (found["_art"] == tokens["_art"]) & (tokens["g_start"] >= found["g"])
    return found["sentence_index"].scatter((~inside).arg_true(), None)


def concat_tokens(parts: list[pl.DataFrame], n_articles: list[int]) -> pl.DataFrame:
    """One token table from the tables of consecutive article slices (``n_articles`` each).

    ``aidx`` continues across the slices, and ``form_id`` is renumbered over the whole table (each
    slice numbered its own words from 0): equal norms get equal ids again. Only the distinct words
    of each slice are hashed; every row is then relabelled by an integer gather."""
    forms = [p.select("form_id", "norm").unique("form_id") for p in parts]
    ids = pl.concat([f.select("norm") for f in forms]).unique("norm", maintain_order=True)
    ids = ids.with_row_index("new_id")
    out, offset = [], 0
    for part, part_forms, n in zip(parts, forms, n_articles, strict=True):
        relabel = part_forms.join(ids, on="norm", how="left")
        # Position i of the lookup holds the new id of the slice's form i.
        size = int(relabel["form_id"].max() or 0) + 1
        lut = pl.zeros(size, dtype=pl.UInt32, eager=True).scatter(relabel["form_id"], relabel["new_id"])
        out.append(
            part.with_columns(
                (pl.col("aidx") + offset).cast(pl.UInt32), form_id=pl.lit(lut).gather(pl.col("form_id"))
            )
        )
        offset += n
    return pl.concat(out) if out else pl.DataFrame(schema=TOKENS_SCHEMA)


__all__ = [
    "CLITIC_READINGS_SCHEMA",
    "TOKENS_SCHEMA",
    "bare_forms",
    "build_tokens",
    "clitic_readings",
    "concat_tokens",
    "validate_frame",
]
