"""The narrow run-wide token table (transforms.token_table) gives every slice the wide frame."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.batching import (
    article_slices,
    for_articles,
    map_slices_with_tokens,
    tokens_of_slice,
)
from orchestration.transforms.sentences import split_sentences
from orchestration.transforms.token_table import WORDS_SCHEMA, TokenTable, concat_tables
from orchestration.transforms.tokens import TOKENS_SCHEMA, build_tokens, concat_tokens

BODIES = [
    "قال الرئيس المصري عبد الفتاح السيسي إن القاهرة - أ ش أ ترحب. والرئيس يزور بغداد.",
    "",
    "استقبل وزير الخارجية الأمريكي نظيره الروسي في واشنطن، وبحث معه الأزمة.",
    "وزير وزير والوزير: بالقاهرة (2024) ٣ أيام.",
    "أدان الرئيس الهجوم. وقال إن الرئيس سيزور القاهرة.",
]


def _articles() -> pl.DataFrame:
    return pl.DataFrame({"article_id": [f"a{i}" for i in range(len(BODIES))], "body": BODIES})


def _same_forms(frame: pl.DataFrame) -> bool:
    """Equal norms have equal ids and equal ids equal norms (the numbering itself is arbitrary)."""
    by_id = frame.group_by("form_id").agg(pl.col("norm").n_unique())["norm"].max()
    by_norm = frame.group_by("norm").agg(pl.col("form_id").n_unique())["form_id"].max()
    return frame.is_empty() or (by_id == 1 and by_norm == 1)


def _tables(size: int) -> tuple[pl.DataFrame, TokenTable]:
    arts = _articles()
    sents = split_sentences(arts)
    chunks = list(article_slices(arts, size))
    parts = [build_tokens(c, for_articles(sents, c)) for c in chunks]
    wide = concat_tokens(parts, [c.height for c in chunks])
    narrow = concat_tables(
        [TokenTable.from_tokens(p, c["article_id"]) for p, c in zip(parts, chunks, strict=True)]
    )
    return wide, narrow


@pytest.mark.parametrize("size", [1, 2, 5])
def test_every_slice_of_the_narrow_table_equals_the_wide_table_s(size: int) -> None:
    wide, narrow = _tables(size)
    assert narrow.words.schema == pl.Schema(WORDS_SCHEMA)
    for offset, length in [(0, 5), (0, 2), (1, 2), (3, 5), (4, 1)]:
        got = narrow.slice_tokens(offset, length)
        want = tokens_of_slice(wide, offset, length)
        assert got.schema == pl.Schema(TOKENS_SCHEMA)
        assert got.drop("form_id").equals(want.drop("form_id"))
        assert _same_forms(got)
    assert narrow.slice_tokens().drop("form_id").equals(wide.drop("form_id"))


def test_stages_get_the_same_slices_from_the_narrow_table_in_any_article_order() -> None:
    wide, narrow = _tables(2)
    shuffled = _articles()[[3, 0, 4, 2, 1]]
    ((got,), (want,)) = (
        map_slices_with_tokens(shuffled, t, lambda _c, t: (t,), size=2) for t in (narrow, wide)
    )
    assert got.drop("form_id").equals(want.drop("form_id"))
    with pytest.raises(ValueError, match="not in the article frame"):
        narrow.aligned(_articles().head(2))


def test_the_narrow_table_is_saved_and_read_back(tmp_path: Path) -> None:
    _, narrow = _tables(2)
    path = tmp_path / "tokens.arrow"
    narrow.write_ipc(path)
    assert TokenTable.saved_at(path)
    back = TokenTable.read_ipc(path)
    assert back.words.equals(narrow.words) and back.forms.equals(narrow.forms)
    assert back.article_ids.equals(narrow.article_ids)


def test_a_wide_table_saved_by_an_earlier_version_is_narrowed() -> None:
    wide, _ = _tables(5)
    narrow = TokenTable.from_wide(wide)
    assert narrow.slice_tokens().drop("form_id").equals(wide.drop("form_id"))


def test_only_a_slice_over_the_whole_table_is_kept_wide() -> None:
    _, narrow = _tables(2)
    assert narrow.slice_tokens(0, 20) is narrow.slice_tokens(0, 5)
    assert narrow.slice_tokens(0, 2) is not narrow.slice_tokens(0, 2)
    assert len(narrow._whole) == 1


def test_the_token_store_keeps_the_narrow_table_and_saves_it_for_later_runs(tmp_path: Path) -> None:
    import dagster as dg

    from orchestration.defs.resources import TokenStoreIOManager

    _, narrow = _tables(2)
    store = TokenStoreIOManager(directory=str(tmp_path))
    key = dg.AssetKey(["intermediate", "tokens"])
    store.handle_output(dg.build_output_context(asset_key=key, run_id="run-1"), narrow)
    loaded = store.load_input(dg.build_input_context(asset_key=key))
    assert isinstance(loaded, TokenTable) and loaded is not narrow
    assert loaded.slice_tokens().equals(narrow.slice_tokens())
