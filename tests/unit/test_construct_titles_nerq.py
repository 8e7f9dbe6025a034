"""issue #12: a tagged person right after a title in construct state is the place the title is of
(``resolve.construct_places``): ملك أراجون، رئيس بوركينا فاسو; the titled person's own name follows
the definite title (الملك خايمي)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.resolve import construct_places

TITLES = pl.Series(["الملك", "الرئيس"])


def _words(*bare: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "bare": list(bare),
            "al": [b.startswith("ال") for b in bare],
            "joined": [i > 0 for i in range(len(bare))],
        }
    )


def _spans(s: int, e: int) -> pl.DataFrame:
    return pl.DataFrame({"s": [s], "e": [e], "entity_type": ["PERSON"]})


def test_the_complement_of_an_indefinite_title_is_a_place() -> None:
    # وواصل ملك أراجون حملته
    out = construct_places(_spans(2, 2), _words("واصل", "ملك", "اراجون", "حملته"), TITLES)
    assert out["entity_type"].to_list() == ["PLACE"]


def test_a_name_after_a_definite_title_stays_a_person() -> None:
    # وقال الملك خايمي
    out = construct_places(_spans(2, 2), _words("قال", "الملك", "خايمي"), TITLES)
    assert out["entity_type"].to_list() == ["PERSON"]
    # A word that is no title before the name changes nothing (قال خايمي).
    out = construct_places(_spans(1, 1), _words("قال", "خايمي"), TITLES)
    assert out["entity_type"].to_list() == ["PERSON"]
