"""Read the inbox: decode files, split JSON records, reject bad inputs, drop exact duplicates.

Inbox files are ``*.txt``, ``*.json`` and ``*.jsonl`` (case-insensitive) found recursively under the
inbox; any other extension, and anything under a hidden directory or named ``.*``, is not an inbox
file and is ignored (not listed anywhere). Traversal is sorted, rows carry no timestamps, so the
output is a pure function of the inbox content.

Reading and decoding are per file (I/O). Everything done to the decoded text (control-character
cleanup, normalization, the Arabic-share test, hashing, duplicate detection) is vectorized.

Decoding (``decode.py``), in order: UTF-8 BOM -> ``utf-8-sig``; UTF-16 BOM -> ``utf-16``; NUL-interleaved text
without BOM -> ``utf-16-le``/``utf-16-be``; (stray NUL bytes removed) strict UTF-8 -> ``utf-8``; UTF-8
with at most 0.2 % broken sequences -> ``utf-8-lossy`` (broken bytes dropped); Windows-1256 when at least half
of the letters it yields are Arabic -> ``windows-1256``; else ``latin-1`` (which then fails the
Arabic-share test as ``not_arabic``). HTML (a page saved as .txt, or markup in a JSON body) is reduced
to its text (``<script>``/``<style>``/comments dropped, block tags -> newlines, entities unescaped)
and ``+html`` is appended to ``encoding``.

Binary: known magic numbers (PNG, JPEG, GIF, PDF, ZIP/Office, gzip, ELF, …), or more than 5 % of the
bytes being control bytes (NUL and C0 except tab/newline/CR/FF). A text file with a few stray NUL
bytes stays under that threshold: the NULs are removed and the text ingested.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from orchestration.transforms.decode import (  # noqa: F401  (re-exported: tests patch ingest.decode_bytes)
    MAX_CONTROL_SHARE,
    MIN_ARABIC_SHARE,
    decode_bytes,
    html_to_text,
    looks_html,
    utf16_without_bom,
)
from orchestration.transforms.hashing import sha256_prefix
from orchestration.transforms.normalize import content_key
from orchestration.transforms.records import (
    META_FIELDS,
    Record,
    Reject,
    human_size,
    json_document_records,
    jsonl_records,
    parse_json,
    record,
    unexpected,
)
from orchestration.transforms.schemas import (
    DUPLICATE_ARTICLES_SCHEMA,
    RAW_ARTICLES_SCHEMA,
    REJECTED_ARTICLES_SCHEMA,
)

INBOX_EXTENSIONS: frozenset[str] = frozenset({".txt", ".json", ".jsonl"})
RAW_SCHEMA = RAW_ARTICLES_SCHEMA
DUPLICATE_SCHEMA = DUPLICATE_ARTICLES_SCHEMA
REJECT_SCHEMA = REJECTED_ARTICLES_SCHEMA


def list_inbox_files(inbox: Path) -> list[Path]:
    """Inbox files under ``inbox`` in sorted POSIX-path order."""
    files = [
        p
        for p in inbox.rglob("*")
        if p.is_file()
        and p.suffix.lower() in INBOX_EXTENSIONS
        and not any(part.startswith(".") for part in p.relative_to(inbox).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(inbox).as_posix())


# (is_reject, row): one record of a file, as an article row or a reject row.
Row = tuple[bool, dict[str, Any]]


def _whole_file_records(path: Path, data: bytes) -> tuple[list[Record], str]:
    text, encoding = decode_bytes(data)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return json_document_records(text), encoding
    if suffix == ".jsonl":
        # A UTF-16 feed cannot be split on newline bytes; it is decoded whole (under the file limit).
        lines = [(i, line) for i, line in enumerate(text.splitlines()) if line.strip()]
        out: list[Record] = []
        for i, line in lines:
            try:
                out.append((i, record(parse_json(line, f"line {i + 1}"), f"line {i + 1}")))
            except Reject as rej:
                out.append((i, rej))
        return out or [(None, Reject("empty", "JSON Lines file has no records (only blank lines)"))], encoding
    return [(0, {"raw_text": text, **dict.fromkeys(META_FIELDS)})], encoding


def _streams(path: Path) -> bool:
    """A .jsonl feed in an 8-bit encoding is read line by line; a UTF-16 one is not."""
    if path.suffix.lower() != ".jsonl":
        return False
    with path.open("rb") as handle:
        head = handle.read(4096)
    return not head.startswith((b"\xff\xfe", b"\xfe\xff")) and utf16_without_bom(head) is None


def _read_file(path: Path, rel: str, max_file_bytes: int, max_record_bytes: int) -> Iterator[Row]:
    """(is_reject, row) for each record of one file, one at a time (a feed is never held whole)."""
    size = path.stat().st_size
    base = {"source_file": rel, "file_size_bytes": size}

    def reject(index: int | None, rej: Reject) -> Row:
        return True, {**base, "record_index": index, "reason": rej.reason, "message": rej.message}

    if size == 0:
        yield reject(None, Reject("empty", "file is empty (0 bytes)"))
        return
    if _streams(path):
        records: Iterable[tuple[int | None, Any, str | None]] = jsonl_records(
            path, max_record_bytes, decode_bytes
        )
    elif size > max_file_bytes:
        yield reject(
            None,
            Reject("too_large", f"file is {human_size(size)}, over the {human_size(max_file_bytes)} limit"),
        )
        return
    else:
        try:
            found, encoding = _whole_file_records(path, path.read_bytes())
        except Reject as rej:
            yield reject(None, rej)
            return
        records = ((i, rec, encoding) for i, rec in found)
    for index, rec, encoding in records:
        if isinstance(rec, Reject):
            yield reject(index, rec)
            continue
        enc = encoding
        if looks_html(rec["raw_text"]):
            rec["raw_text"] = html_to_text(rec["raw_text"])
            enc = f"{encoding}+html"
        yield False, {**base, "record_index": index, "encoding": enc, **rec}


def _read_or_reject(path: Path, rel: str, max_file_bytes: int, max_record_bytes: int) -> Iterator[Row]:
    """`_read_file`, with any error no rule foresaw turned into a reject of that file."""
    try:
        yield from _read_file(path, rel, max_file_bytes, max_record_bytes)
    except Exception as exc:  # one poison file must not stop the batch
        rej = unexpected("file", exc)
        size = path.stat().st_size if path.exists() else None
        yield (
            True,
            {
                "source_file": rel,
                "record_index": None,
                "file_size_bytes": size,
                "reason": rej.reason,
                "message": rej.message,
            },
        )


KNOWN_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "source_file": pl.String(),
    "record_index": pl.Int64(),
}


def _prepare(raw: pl.DataFrame) -> pl.DataFrame:
    """Clean control characters, hash the content key and decide the text rejects of one chunk."""
    raw = (
        raw.with_columns(
            # Stray NULs and other control characters from broken exports; CRLF -> LF.
            raw_text=pl.col("raw_text")
            .str.replace_all("\r\n?", "\n")
            .str.replace_all("[\x00-\x08\x0b\x0e-\x1f\x7f]", "")
        )
        .with_columns(
            _key=content_key("raw_text"),
        )
        .with_columns(
            _letters=pl.col("_key").str.count_matches(r"\p{L}"),
            _arabic=pl.col("_key").str.count_matches(r"[\p{Arabic}&&\p{L}]"),
        )
    )
    share = pl.col("_arabic") / pl.col("_letters")
    reason = (
        pl.when(pl.col("_key").str.len_chars() == 0)
        .then(pl.lit("empty"))
        .when((pl.col("_letters") == 0) | (share < MIN_ARABIC_SHARE))
        .then(pl.lit("not_arabic"))
    )
    message = (
        pl.when(pl.col("_key").str.len_chars() == 0)
        .then(pl.lit("text is empty or whitespace only"))
        .when(pl.col("_letters") == 0)
        .then(pl.lit("text contains no letters"))
        .otherwise(
            pl.format(
                "only {}% of the letters are Arabic (minimum {}%), encoding {}",
                (share * 100).round(0).cast(pl.Int64),
                pl.lit(int(MIN_ARABIC_SHARE * 100)),
                pl.col("encoding"),
            )
        )
    )
    raw = raw.with_columns(_reason=reason, _message=message)
    # The key is only needed for the id: dropping it here keeps one copy of the text per chunk.
    return raw.with_columns(article_id=sha256_prefix(raw["_key"])).drop("_key", "_letters", "_arabic")


def _raw_frames(
    inbox: Path, paths: Sequence[Path], max_file_bytes: int, max_record_bytes: int
) -> tuple[pl.DataFrame, list[dict[str, Any]]]:
    """Records of `paths` as one prepared frame (`_prepare`), built chunk by chunk so that a big feed
    is never held as Python dicts, nor its text in several copies, at once."""
    schema = {c: RAW_SCHEMA[c] for c in RAW_SCHEMA if c != "article_id"}
    frames: list[pl.DataFrame] = [_prepare(pl.DataFrame(schema=schema))]
    rows: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for path in paths:
        for is_reject, row in _read_or_reject(
            path, path.relative_to(inbox).as_posix(), max_file_bytes, max_record_bytes
        ):
            (rejects if is_reject else rows).append(row)
            if len(rows) >= _CHUNK_ROWS:
                frames.append(_prepare(pl.DataFrame(rows, schema=schema)))
                rows = []
    if rows:
        frames.append(_prepare(pl.DataFrame(rows, schema=schema)))
    return pl.concat(frames), rejects


_CHUNK_ROWS = 2_000


def read_inbox(
    inbox: Path,
    max_file_bytes: int = 20_000_000,
    files: Sequence[Path] | None = None,
    known_articles: pl.DataFrame | None = None,
    max_record_bytes: int = 20_000_000,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Read inbox files -> (raw_articles, duplicate_articles, rejected_articles).

    Every (source_file, record_index) seen lands in exactly one of the three frames.
    ``article_id`` = first 16 hex chars of sha256 of the normalized body with all whitespace runs
    collapsed (``normalize.content_key``), so re-encoded or re-spaced copies are one article; the
    first copy by (source_file, record_index) is kept, the others are listed as duplicates.

    ``files`` restricts the read to some inbox files (incremental runs read only new or changed
    ones); ``known_articles`` (article_id, source_file, record_index) are articles already in the
    warehouse: a record with one of their ids is a duplicate of that earlier file.
    """
    inbox = Path(inbox)
    paths = list_inbox_files(inbox) if files is None else sorted(files)
    raw, rejects = _raw_frames(inbox, paths, max_file_bytes, max_record_bytes)
    is_json = pl.col("source_file").str.to_lowercase().str.contains(r"\.jsonl?$")
    late_rejects = raw.filter(pl.col("_reason").is_not_null()).select(
        "source_file",
        # A .txt file is one record: its rejects are whole-file rejects (record_index NULL).
        pl.when(is_json).then(pl.col("record_index")).alias("record_index"),
        "file_size_bytes",
        reason=pl.col("_reason"),
        message=pl.col("_message"),
    )
    good = raw.filter(pl.col("_reason").is_null()).sort("source_file", "record_index")
    known = (known_articles if known_articles is not None else pl.DataFrame(schema=KNOWN_SCHEMA)).select(
        "article_id", _known_file="source_file", _known_rec="record_index"
    )
    # ``maintain_order``: the first copy below is the first row of the sorted ``good``.
    good = good.join(known.cast({"_known_rec": pl.Int64}), on="article_id", how="left", maintain_order="left")
    # An article already in the warehouse keeps its first file; otherwise the first copy here wins.
    first = pl.coalesce("_known_file", pl.col("source_file").first().over("article_id"))
    first_rec = pl.when(pl.col("_known_file").is_not_null()).then(pl.col("_known_rec"))
    first_rec = first_rec.otherwise(pl.col("record_index").first().over("article_id"))
    good = good.with_columns(_first_file=first, _first_rec=first_rec)
    is_first = (pl.col("_first_file") == pl.col("source_file")) & (
        pl.col("_first_rec") == pl.col("record_index")
    )
    raw_articles = good.filter(is_first).select(list(RAW_SCHEMA))
    duplicates = good.filter(~is_first).select(
        "source_file",
        "record_index",
        "article_id",
        duplicate_of_file=pl.col("_first_file"),
        duplicate_of_record=pl.col("_first_rec"),
    )
    early = pl.DataFrame(rejects, schema=REJECT_SCHEMA) if rejects else pl.DataFrame(schema=REJECT_SCHEMA)
    rejected = (
        pl.concat([early, late_rejects.cast(REJECT_SCHEMA)])
        .select(list(REJECT_SCHEMA))
        .sort("source_file", "record_index", nulls_last=False)
    )
    return raw_articles.cast(RAW_SCHEMA), duplicates.cast(DUPLICATE_SCHEMA), rejected
