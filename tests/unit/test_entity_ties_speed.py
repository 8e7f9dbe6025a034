"""Ties between candidate matches on one span resolve the same way whatever order they come in.

"باراك حسين أوباما" matches Obama twice on the same three words: through the alias "باراك حسين
اوباما" and through the primary name "باراك اوباما" with an inserted patronymic. Both have the same
kind, typo count, priority and entity, so the former sort (on those keys only, unstable) kept
either, depending on the order the matcher produced them in (issue #10).
"""

from __future__ import annotations

import itertools

import polars as pl

from orchestration.transforms.entities.pipeline import longest_names, longest_roles


def _candidates() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "aidx": [0, 0, 0],
            "w0": [5, 5, 5],
            "w1": [8, 8, 7],
            "key": ["باراك حسين اوباما", "باراك اوباما", "باراك حسين"],
            "nfix": [0, 0, 0],
            "nskip": [0, 1, 0],
            "kind": ["name", "name", "name"],
            "entity_id": ["person:barack_obama", "person:barack_obama", "person:other"],
            "is_primary": [False, True, True],
            "prio": [3, 3, 3],
            "method": ["alias", "exact", "exact"],
        }
    )


def test_primary_name_wins_a_tie_in_any_input_order() -> None:
    m = _candidates()
    results = [longest_names(m[list(perm)]) for perm in itertools.permutations(range(m.height))]
    for result in results:
        assert result.equals(results[0])
    assert results[0].select("key", "method", "nskip").rows() == [("باراك اوباما", "exact", 1)]


def test_role_ties_resolve_on_every_column() -> None:
    m = pl.DataFrame(
        {
            "aidx": [0, 0],
            "w0": [2, 2],
            "w1": [4, 4],
            "kind": ["role", "role"],
            "rank": [1, 1],
            "role": ["foreign_minister", "minister"],
        }
    )
    first = longest_roles(m)
    assert longest_roles(m.reverse()).equals(first)
    assert first["role"].to_list() == ["foreign_minister"]
