"""The run-wide token table, held narrow between the stages that read it (issue #10, memory).

A run builds the token table once and keeps it in memory while the entity and event stages read
it slice by slice. In ``TOKENS_SCHEMA`` form it costs ~85 bytes a word (1.6 GB at 100k articles):
an ``article_id`` string per word, four Int64 positions and three strings (``norm``, ``bare``,
``clitics``) that are functions of ``form_id``. ``TokenTable`` keeps instead

- ``words``: ``WORDS_SCHEMA``, the per-word columns only, with 32-bit positions;
- ``forms``: row ``i`` holds ``norm``, ``bare``, ``clitics`` of ``form_id`` ``i`` (a few thousand
  to a few hundred thousand rows);
- ``article_ids``: row ``i`` holds the ``article_id`` of ``aidx`` ``i``;

and gives each slice back in ``TOKENS_SCHEMA`` form (``slice_tokens``), the very frame
``batching.tokens_of_slice`` cuts from the wide table: the stages are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from orchestration.transforms.tokens import TOKENS_SCHEMA

# Positions fit 32 bits (a body is at most tens of MB); casts are strict, so an overflow raises.
WORDS_SCHEMA: dict[str, pl.DataType] = {
    "aidx": pl.UInt32(),
    "sentence_index": pl.Int32(),
    "token_index": pl.Int32(),
    "char_start": pl.Int32(),
    "char_end": pl.Int32(),
    "surface": pl.String(),
    "gap": pl.String(),
    "form_id": pl.UInt32(),
}
FORM_COLUMNS = ("norm", "bare", "clitics")


@dataclass(frozen=True)
class TokenTable:
    words: pl.DataFrame
    forms: pl.DataFrame
    article_ids: pl.Series
    # The wide frame of the whole table, once built: a run of one slice (up to 20k articles) reads
    # it twice (entities, events) and held the wide table anyway; a larger run never builds it.
    _whole: list[pl.DataFrame] = field(default_factory=list, compare=False, repr=False)

    @property
    def height(self) -> int:
        return self.words.height

    @classmethod
    def from_tokens(cls, tokens: pl.DataFrame, article_ids: pl.Series) -> TokenTable:
        """The narrow form of ``build_tokens`` output; ``article_ids`` is the ``article_id`` column
        of the frame it was built from (``aidx`` numbers its rows)."""
        forms = tokens.select("form_id", *FORM_COLUMNS).unique("form_id").sort("form_id")
        size = int(forms["form_id"].max() or 0) + 1 if forms.height else 0
        if forms.height != size:
            # Ids with holes: renumber densely (the numbering carries no meaning).
            forms = forms.with_row_index("new_id")
            lut = pl.zeros(size, dtype=pl.UInt32, eager=True).scatter(forms["form_id"], forms["new_id"])
            tokens = tokens.with_columns(form_id=pl.lit(lut).gather(pl.col("form_id")))
        words = tokens.select(list(WORDS_SCHEMA)).cast(WORDS_SCHEMA)  # type: ignore[arg-type]
        return cls(words, forms.select(FORM_COLUMNS), article_ids.alias("article_id"))

    @classmethod
    def from_wide(cls, tokens: pl.DataFrame) -> TokenTable:
        """A wide table alone (article ids read from its words; an article without words has a
        null id, which no article frame matches)."""
        firsts = tokens.select("aidx", "article_id").unique("aidx")
        size = int(firsts["aidx"].max() or 0) + 1 if firsts.height else 0
        ids = pl.Series("article_id", [None] * size, pl.String).scatter(firsts["aidx"], firsts["article_id"])
        return cls.from_tokens(tokens, ids)

    def slice_tokens(self, offset: int = 0, size: int | None = None) -> pl.DataFrame:
        """``TOKENS_SCHEMA`` rows of the articles ``offset .. offset + size``, ``aidx`` counted from
        the slice's first article. Words are in article order: the rows are found by binary search."""
        end = self.article_ids.len() if size is None else offset + size
        whole = offset == 0 and end >= self.article_ids.len()
        if whole and self._whole:
            return self._whole[0]
        part = self._widen(offset, end)
        if whole:
            self._whole.append(part)
        return part

    def _widen(self, offset: int, end: int) -> pl.DataFrame:
        bounds = pl.Series([offset, end], dtype=pl.UInt32)
        lo, hi = self.words["aidx"].search_sorted(bounds, side="left").to_list()
        part = self.words.slice(lo, hi - lo)
        aidx = (pl.col("aidx") - offset).cast(pl.UInt32)
        fid = pl.col("form_id")
        return part.select(
            article_id=pl.lit(self.article_ids.slice(offset, end - offset)).gather(aidx),
            aidx=aidx,
            sentence_index="sentence_index",
            token_index="token_index",
            char_start="char_start",
            char_end="char_end",
            surface="surface",
            **{c: pl.lit(self.forms[c]).gather(fid) for c in FORM_COLUMNS},
            gap="gap",
            form_id=fid,
        ).cast(TOKENS_SCHEMA)  # type: ignore[arg-type]

    def aligned(self, articles: pl.DataFrame) -> TokenTable:
        """This table with ``aidx`` as the row number of each article in ``articles`` (see
        ``batching.aligned_tokens``). Raises when an article with words is not in ``articles``."""
        ids = articles["article_id"]
        if ids.len() == self.article_ids.len() and (ids == self.article_ids).all():
            return self
        old = self.article_ids.to_frame().with_row_index("old")
        new = ids.to_frame().with_row_index("new")
        moved = old.join(new, on="article_id", how="left", maintain_order="left")["new"]
        aidx = moved.gather(self.words["aidx"])
        if aidx.null_count():
            raise ValueError("the token table holds articles that are not in the article frame")
        # A stable sort keeps each article's words in text order.
        words = self.words.with_columns(aidx=aidx).sort("aidx", maintain_order=True)
        return TokenTable(words, self.forms, ids)

    def write_ipc(self, path: Path) -> None:
        """Three Arrow files (words at ``path``, forms and article ids beside it), each written
        beside and renamed; the words file last, so a reader that finds it finds the others."""
        frames = [(_side(path, "forms"), self.forms), (_side(path, "ids"), self.article_ids.to_frame())]
        for target, frame in [*frames, (path, self.words)]:
            partial = target.with_suffix(target.suffix + ".partial")
            frame.write_ipc(partial, compression="lz4")
            partial.replace(target)

    @staticmethod
    def saved_at(path: Path) -> bool:
        return _side(path, "ids").exists() and _side(path, "forms").exists()

    @classmethod
    def read_ipc(cls, path: Path) -> TokenTable:
        ids = pl.read_ipc(_side(path, "ids"))["article_id"]
        return cls(pl.read_ipc(path), pl.read_ipc(_side(path, "forms")), ids)


def _side(path: Path, name: str) -> Path:
    return path.with_name(f"{path.stem}.{name}{path.suffix}")


def concat_tables(parts: list[TokenTable]) -> TokenTable:
    """One table from those of consecutive article slices: ``aidx`` continues across the slices and
    ``form_id`` is renumbered over the whole run (equal norms, equal ids). The parts' words are
    appended as chunks, not copied into one buffer (the stages read row ranges of it)."""
    if not parts:
        return TokenTable(
            pl.DataFrame(schema=WORDS_SCHEMA),
            pl.DataFrame(schema={c: pl.String() for c in FORM_COLUMNS}),
            pl.Series("article_id", [], pl.String),
        )
    forms = pl.concat([p.forms for p in parts]).unique("norm", keep="first", maintain_order=True)
    ids = forms.select("norm").with_row_index("new_id")
    words, offset = [], 0
    for part in parts:
        lut = part.forms.select("norm").join(ids, on="norm", how="left", maintain_order="left")["new_id"]
        words.append(
            part.words.with_columns(
                (pl.col("aidx") + offset).cast(pl.UInt32), form_id=pl.lit(lut).gather(pl.col("form_id"))
            )
        )
        offset += part.article_ids.len()
    article_ids = pl.concat([p.article_ids for p in parts])
    return TokenTable(pl.concat(words, rechunk=False), forms, article_ids)


__all__ = ["FORM_COLUMNS", "WORDS_SCHEMA", "TokenTable", "concat_tables"]
