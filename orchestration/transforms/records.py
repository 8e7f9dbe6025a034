"""JSON and JSON Lines records: one article per object, or a reject with a reason a person reads.

A `.jsonl` feed is read record by record from the file, so a day's feed of tens of thousands of
records is never held whole in memory, and the size limit applies to each record, not to the feed.
Any failure while reading one record (a decoder bug, `RecursionError` on absurd nesting,
`MemoryError`) rejects that record; the rest of the feed is read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

BODY_FIELDS: tuple[str, ...] = ("text", "body", "content")
META_FIELDS: dict[str, tuple[str, ...]] = {
    "meta_id": ("id",),
    "meta_url": ("url", "link"),
    "meta_title": ("title", "headline"),
    "meta_published_at": ("published_at", "published", "date", "pubDate"),
    "meta_source": ("source", "source_name"),
}

Record = tuple[int | None, "dict[str, Any] | Reject"]


class Reject(Exception):
    """An input that cannot become an article: a reason code (docs/contracts.md) and a message."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def human_size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def unexpected(where: str, exc: BaseException) -> Reject:
    """A reject for an error no rule foresaw: named plainly, so the file can be found and fixed."""
    if isinstance(exc, RecursionError):
        return Reject("malformed_json", f"{where} is nested too deeply to read (thousands of levels)")
    if isinstance(exc, MemoryError):
        return Reject("too_large", f"{where} needs more memory than is available to read")
    detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return Reject(
        "unreadable", f"{where} could not be read: {type(exc).__name__}{': ' if detail else ''}{detail}"
    )


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    if isinstance(value, bool | int | float):
        return str(value)
    return None


def record(obj: Any, where: str) -> dict[str, Any]:
    """The body and metadata of one JSON object (raises Reject)."""
    if not isinstance(obj, dict):
        raise Reject("malformed_json", f"{where} is a JSON {type(obj).__name__}, not an object")
    body = next((_as_text(obj.get(f)) for f in BODY_FIELDS if _as_text(obj.get(f))), None)
    if body is None or not body.strip():
        fields = ", ".join(sorted(map(str, obj))) or "none"
        raise Reject(
            "no_body",
            f"{where} has no text under 'text', 'body' or 'content' (fields present: {fields})",
        )
    meta = {
        col: next((_as_text(obj.get(k)) for k in keys if _as_text(obj.get(k)) is not None), None)
        for col, keys in META_FIELDS.items()
    }
    return {"raw_text": body, **meta}


def parse_json(text: str, where: str) -> Any:
    """`json.loads` whose errors say what is wrong in plain words (raises Reject)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        rest = text[exc.pos :].strip()
        if not rest or exc.msg.startswith("Unterminated string"):
            raise Reject(
                "malformed_json",
                f"{where} is truncated: the JSON stops before it is complete ({exc.msg})",
            ) from None
        raise Reject(
            "malformed_json",
            f"{where} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
        ) from None
    except RecursionError:
        raise unexpected(where, RecursionError()) from None


def json_document_records(text: str) -> list[Record]:
    """Records of a `.json` file: one object, or a list of them."""
    try:
        obj = parse_json(text, "file")
    except Reject as rej:
        return [(None, rej)]
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        return [(None, Reject("empty", "JSON file holds an empty list"))]
    out: list[Record] = []
    for i, item in enumerate(items):
        where = f"item {i} of the list" if isinstance(obj, list) else "the JSON object"
        try:
            out.append((i, record(item, where)))
        except Reject as rej:
            out.append((i, rej))
    return out


def _skip_rest_of_line(handle: Any, size: int) -> int:
    """Read past the rest of an oversized line without keeping it; returns the line's full size."""
    while chunk := handle.readline(1 << 20):
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return size


def jsonl_records(
    path: Path, max_record_bytes: int, decode: Callable[[bytes], tuple[str, str]]
) -> Iterator[tuple[int | None, dict[str, Any] | Reject, str | None]]:
    """(line index, record or Reject, encoding) for each non-blank line of a UTF-8/1256 feed."""
    seen = False
    with path.open("rb") as handle:
        index = 0
        while line := handle.readline(max_record_bytes + 2):
            where = f"line {index + 1}"
            body = line.rstrip(b"\r\n")
            if len(body) > max_record_bytes:
                size = len(line) if line.endswith(b"\n") else _skip_rest_of_line(handle, len(line))
                msg = (
                    f"{where} is {human_size(size)}, over the {human_size(max_record_bytes)} per-record limit"
                )
                yield index, Reject("too_large", msg), None
                seen, index = True, index + 1
                continue
            if index == 0 and body.startswith(b"\xef\xbb\xbf"):
                body = body[3:]
            if body.strip():
                seen = True
                try:
                    text, encoding = decode(body)
                    yield index, record(parse_json(text, where), where), encoding
                except Reject as rej:
                    yield index, Reject(rej.reason, _located(where, rej.message)), None
                except Exception as exc:  # one poison record must not stop the feed
                    yield index, unexpected(where, exc), None
            index += 1
    if not seen:
        yield None, Reject("empty", "JSON Lines file has no records (only blank lines)"), None


def _located(where: str, message: str) -> str:
    return message if message.startswith(where) else f"{where}: {message.replace('file ', 'record ', 1)}"
