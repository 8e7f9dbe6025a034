"""A titled new person's family name alone, later in the article, is that person (issue #11)."""

from __future__ import annotations

from datetime import date

import polars as pl

from tests.unit.test_roles import run


def test_a_later_family_name_is_the_titled_new_person() -> None:
    # r190 shape: وصل ... محمد الغالي ... وبحسب اعلام مجلس السيادة أن الغالي سيلتقي الرئيس.
    body = "اتصل الرئيس الإيراني مسعود بزشكيان مع بوتين. وقال بزشكيان إن"
    mentions, _ = run(body, date(2024, 12, 1))
    new = mentions.filter(pl.col("entity_id").str.starts_with("person:new:")).sort("char_start")
    assert new["surface"].to_list() == ["مسعود بزشكيان", "بزشكيان"]
    assert new["entity_id"].n_unique() == 1
    # The later mention carries what the article said about the person.
    assert new.row(1, named=True)["actor_code"] == "IRNGOV"


def test_a_family_name_before_the_full_name_or_a_known_name_stays_alone() -> None:
    # Before the full name nothing is known yet; a known person's word is never re-read.
    body = "وقال بزشكيان إن. اتصل الرئيس الإيراني مسعود بزشكيان مع بوتين."
    mentions, _ = run(body, date(2024, 12, 1))
    full = mentions.filter(pl.col("surface") == "مسعود بزشكيان")["entity_id"][0]
    assert mentions.filter(pl.col("entity_id") == full)["surface"].to_list() == ["مسعود بزشكيان"]
    assert "person:vladimir_putin" in mentions["entity_id"].to_list()
