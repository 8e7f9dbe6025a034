"""``trim_type_heads`` runs its tests on the organization rows only and writes them back in place
(issue #10): same output as the former whole-frame expression, row order included."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.type_heads import MEDIA_HEADS, MOVEMENT_HEADS, trim_type_heads
from orchestration.transforms.text import normalize_expr


def _former(mentions: pl.DataFrame, lex: pl.DataFrame) -> pl.DataFrame:
    c = pl.col
    first = normalize_expr(c("surf").str.extract(r"^(\S+)\s+\S", 1))
    bare = pl.when(first.str.contains(r"^[وفبل]..")).then(first.str.slice(1)).otherwise(first)
    head = pl.coalesce(
        pl.when(first.is_in(list(MEDIA_HEADS + MOVEMENT_HEADS))).then(first),
        pl.when(bare.is_in(list(MEDIA_HEADS + MOVEMENT_HEADS))).then(bare),
    )
    rest = c("surf").str.extract(r"^\S+\s+(.+)$", 1)
    keys = lex.select(_rest_key="key", entity_id="entity_id").unique()
    m = mentions.with_columns(_head=head, _rest_key=normalize_expr(rest), _cut=rest.str.len_chars())
    m = m.join(keys.with_columns(_listed=pl.lit(True)), on=["_rest_key", "entity_id"], how="left")
    cut = (
        (c("entity_type") == "ORG")
        & c("_head").is_not_null()
        & (c("_head").is_in(list(MEDIA_HEADS)) | c("_listed").fill_null(False))
    )
    return m.with_columns(
        cs=pl.when(cut).then(c("cs") + c("surf").str.len_chars() - c("_cut")).otherwise(c("cs")),
        surf=pl.when(cut).then(rest).otherwise(c("surf")),
    ).drop("_head", "_rest_key", "_cut", "_listed")


def test_organization_rows_trimmed_in_place() -> None:
    rows = [
        ("ORG", "org:jazeera", "قناة الجزيرة"),
        ("PERSON", "p:1", "قناة الجزيرة"),
        ("ORG", "org:taliban", "حركة طالبان"),
        ("ORG", "org:hamas", "حركة المقاومة الإسلامية"),
        ("ORG", "org:nyt", "وقالت صحيفة"),
        ("PLACE", "pl:1", "بغداد"),
        ("ORG", "org:times", "لصحيفة نيويورك تايمز"),
        ("ORG", "org:x", "الجزيرة"),
    ]
    mentions = pl.DataFrame(
        {
            "aidx": pl.Series(range(len(rows)), dtype=pl.UInt32),
            "cs": pl.Series([10 * i for i in range(len(rows))], dtype=pl.Int64),
            "surf": [r[2] for r in rows],
            "entity_id": [r[1] for r in rows],
            "entity_type": [r[0] for r in rows],
            "method": ["exact"] * len(rows),
        }
    )
    lex = pl.DataFrame({"key": ["طالبان", "الجزيره"], "entity_id": ["org:taliban", "org:jazeera"]})
    got = trim_type_heads(mentions, lex)
    assert got.equals(_former(mentions, lex))
    assert got["surf"].to_list()[:4] == ["الجزيرة", "قناة الجزيرة", "طالبان", "حركة المقاومة الإسلامية"]
    assert got["surf"][6] == "نيويورك تايمز"
    no_orgs = mentions.filter(pl.col("entity_type") != "ORG")
    assert trim_type_heads(no_orgs, lex).equals(_former(no_orgs, lex))
