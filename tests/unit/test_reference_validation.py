"""Reference CSV validation: the shipped data passes, each kind of damage is named by file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orchestration.settings import REFERENCE_DIR
from orchestration.transforms.reference_validation import describe, validate_reference


@pytest.fixture()
def reference(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the line containing `old` (once) and return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if old in line][:1]
    lines[index] = lines[index].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def _problems(reference: Path) -> list[tuple[str, int | None, str]]:
    return validate_reference(reference).rows()


def test_shipped_reference_data_is_valid() -> None:
    issues = validate_reference(REFERENCE_DIR)
    assert issues.is_empty(), describe(issues)


def test_row_that_lost_its_last_fields_is_named(reference: Path) -> None:
    # The issue's case: Trump's row cut after his Arabic aliases -> country NULL, mentions lost.
    path = reference / "persons.csv"
    line = _edit(
        path, "ترامب|ترمب|دونالد ترمب|دونالد جون ترامب,USA,,", "ترامب|ترمب|دونالد ترمب|دونالد جون ترامب"
    )
    assert ("persons.csv", line, "has 4 fields, the header has 7") in _problems(reference)


def test_duplicate_id_missing_required_field_and_bad_values(reference: Path) -> None:
    places = reference / "places.csv"
    lat_line = _edit(
        places, "place:manama,Manama,المنامة,,BHR,26.23,", "place:manama,Manama,المنامة,,BHR,260.23,"
    )
    persons = reference / "persons.csv"
    text = persons.read_text(encoding="utf-8")
    obama = text.split("\n")[1]
    persons.write_text(text.rstrip("\n") + "\n" + obama + "\n", encoding="utf-8")
    dup_line = len(text.rstrip("\n").split("\n")) + 1
    name_line = _edit(persons, "person:donald_trump,Donald Trump,", "person:donald_trump,,")
    found = describe(validate_reference(reference), limit=50)
    assert f"places.csv:{lat_line}: 'latitude' 260.23 is not a number in [-90, 90]" in found
    assert f"persons.csv:{dup_line}: 'entity_id' person:barack_obama appears more than once" in found
    assert "persons.csv:2: 'entity_id' person:barack_obama appears more than once" in found
    assert f"persons.csv:{name_line}: 'name_en' is empty" in found


def test_unparseable_date_and_overlapping_spells(reference: Path) -> None:
    spells = reference / "office_spells.csv"
    date_line = _edit(
        spells,
        "person:barack_obama,head_of_state,USA,USAGOV,2009-01-20,",
        "person:barack_obama,head_of_state,USA,USAGOV,2009-13-45,",
    )
    # Obama's head-of-government spell now runs into Trump's: two presidents at once.
    overlap_line = _edit(
        spells,
        "person:barack_obama,head_of_government,USA,USAGOV,2009-01-20,2017-01-20",
        "person:barack_obama,head_of_government,USA,USAGOV,2009-01-20,2019-01-20",
    )
    found = describe(validate_reference(reference), limit=50)
    assert f"office_spells.csv:{date_line}: 'start_date' 2009-13-45 is not a YYYY-MM-DD date" in found
    assert (
        f"office_spells.csv:{overlap_line}: head_of_government spell of person:barack_obama overlaps line"
        in found
    )


def test_missing_column_and_missing_file(reference: Path) -> None:
    roles = reference / "roles.csv"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("role,office,pattern_ar", "role,office,pattern", 1),
        encoding="utf-8",
    )
    (reference / "countries.csv").unlink()
    problems = _problems(reference)
    assert ("roles.csv", 1, "header lacks column(s) pattern_ar") in problems
    assert ("countries.csv", None, "file is missing") in problems


def test_blocking_check_names_file_and_line(reference: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orchestration.defs import reference_checks

    path = reference / "persons.csv"
    line = _edit(path, "person:donald_trump,Donald Trump,دونالد ترامب,", "person:donald_trump,Donald Trump")
    monkeypatch.setattr(reference_checks, "REFERENCE_DIR", reference)
    result = reference_checks.reference_data_valid()
    assert not result.passed
    assert f"persons.csv:{line}: has 5 fields, the header has 7" in (result.description or "")
    monkeypatch.setattr(reference_checks, "REFERENCE_DIR", REFERENCE_DIR)
    assert reference_checks.reference_data_valid().passed
