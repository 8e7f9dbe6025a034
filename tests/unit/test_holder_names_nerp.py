"""issue #12: a found name in apposition right after a role phrase names the role's holder
(``entities/holder_names.py``), so an article does not hold one man twice."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.holder_names import holder_names
from orchestration.transforms.entities.roles import HONORIFIC_FORMS
from tests.unit.test_openworld import _extract

OFFICES = ["foreign_minister", "head_of_state", "envoy", "other"]
# The shape of a Somali news agency's report of a ministers' meeting (real/ r49).
BODY = (
    "وذلك في لقاء بين وزير الشؤون الخارجية والتعاون الدولي الصومالي معالي السيد أحمد عيسى عوض "
    "ونظيره المصري معالى السيد سامح شكري في القاهرة."
)


def test_the_name_after_a_role_and_honorifics_is_the_roles_holder() -> None:
    m, _ = _extract(BODY)
    role = m.filter(pl.col("method") == "role").row(0, named=True)
    name = m.filter(pl.col("surface") == "أحمد عيسى عوض").row(0, named=True)
    assert name["entity_id"] == role["entity_id"]
    assert not name["entity_id"].startswith("person:new:")


def _frames(
    gap: str, code: str = "SOMGOV", role_kind: str = "foreign_minister"
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    role = "وزير الخارجية الصومالي"
    body = f"{role}{gap}أحمد عيسى عوض"
    found = pl.DataFrame(
        {
            "aidx": [0],
            "cs": [len(role) + len(gap)],
            "ce": [len(body)],
            "entity_id": ["person:new:x"],
            "entity_type": ["PERSON"],
            "actor_code": [code],
        },
        schema_overrides={"aidx": pl.UInt32},
    )
    roles = pl.DataFrame(
        {
            "aidx": [0],
            "cs": [0],
            "ce": [len(role)],
            "entity_id": ["actor:SOMGOV:fm"],
            "actor_code": ["SOMGOV"],
            "role": [role_kind],
        },
        schema_overrides={"aidx": pl.UInt32},
    )
    arts = pl.DataFrame({"aidx": [0], "body": [body]}, schema_overrides={"aidx": pl.UInt32})
    return found, roles, arts


def test_only_spaces_commas_and_honorifics_may_stand_between() -> None:
    assert (
        holder_names(*_frames(" معالي السيد "), HONORIFIC_FORMS, OFFICES)["entity_id"][0] == "actor:SOMGOV:fm"
    )
    assert holder_names(*_frames("، "), HONORIFIC_FORMS, OFFICES)["entity_id"][0] == "actor:SOMGOV:fm"
    # Another word between (a verb, a clause): the name is someone else.
    assert holder_names(*_frames(" التقى "), HONORIFIC_FORMS, OFFICES)["entity_id"][0] == "person:new:x"
    # Another state's code: not the role's holder.
    assert holder_names(*_frames(" ", "EGYGOV"), HONORIFIC_FORMS, OFFICES)["entity_id"][0] == "person:new:x"
    # A post several people hold (a spokesman, an envoy): the name keeps its own identity.
    assert (
        holder_names(*_frames(" ", role_kind="other"), HONORIFIC_FORMS, OFFICES)["entity_id"][0]
        == "person:new:x"
    )
