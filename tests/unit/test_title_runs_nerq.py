"""issue #12: a titled new person's name (``new_persons.title_persons``) stops before the verb and
object that follow it. The run took up to four name-like words after the role phrase, so a
two-word name swallowed the clause after it (الرئيس العراقي صدام حسين يشكل تهديدا): from the third
word on an unlisted frequent word ends the name, and so does a very frequent one in second place
(الرئيس عباس يتحدث)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.pipeline import extract_entity_mentions
from tests.unit.reference_kb import reference_kb


def _persons(*texts: str) -> list[str]:
    arts = pl.DataFrame({"article_id": [str(i) for i in range(len(texts))], "body": list(texts)})
    mentions, _ = extract_entity_mentions(arts, reference_kb())
    return mentions.filter(pl.col("entity_type") == "PERSON")["surface"].to_list()


def test_a_titled_name_ends_before_the_clause_after_it() -> None:
    found = _persons(
        "وكان وزير الخارجية العراقي ناجي صبري عقد اجتماعا مع الامين العام للمنظمة امس .",
        "ويود ان يؤكد ان الرئيس العراقي صدام حسين يشكل تهديدا لجيرانه .",
    )
    assert "ناجي صبري" in found and "صدام حسين" in found
    assert not any("عقد" in f or "يشكل" in f for f in found), found


def test_given_names_still_make_long_names() -> None:
    # علي and حسن are frequent words but listed given names: the name runs on.
    found = _persons("وقال وزير الداخلية العراقي محمد علي حسن ان الامن تحسن .")
    assert "محمد علي حسن" in found, found
