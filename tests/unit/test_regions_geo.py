"""issue #12: first-level regions (``regions.csv``, built by ``scripts/build_regions.py`` from the
countries-states-cities database) are places of the knowledge base, behind the city gazetteer."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.reference import REFERENCE_DIR, load_kb
from orchestration.transforms.text import normalize_expr

ARABIC_ONLY = r"^[\u0621-\u064A]+( [\u0621-\u064A]+)*$"


@pytest.fixture(scope="module")
def regions() -> pl.DataFrame:
    return pl.read_csv(REFERENCE_DIR / "regions.csv", infer_schema=False)


def _forms(df: pl.DataFrame) -> set[str]:
    forms = df.select(f=pl.concat_list(pl.col("name_ar"), pl.col("aliases_ar").fill_null("").str.split("|")))
    return set(forms.explode("f").filter(pl.col("f") != "").select(normalize_expr(pl.col("f")))["f"])


def test_load_kb_appends_regions_after_hand_places_and_cities(tmp_path: Path) -> None:
    ref = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, ref)
    hand = pl.read_csv(ref / "places.csv", infer_schema=False)
    gaz = pl.read_csv(ref / "gazetteer.csv", infer_schema=False)
    reg = pl.read_csv(ref / "regions.csv", infer_schema=False)
    # A region reusing a hand id or a city id must not replace or duplicate that row.
    clash = reg.head(2).with_columns(entity_id=pl.Series([hand["entity_id"][0], gaz["entity_id"][0]]))
    pl.concat([reg, clash]).write_csv(ref / "regions.csv")
    places = load_kb(ref).places
    assert places.height == hand.height + gaz.height + reg.height
    assert places["entity_id"].n_unique() == places.height
    california = places.filter(pl.col("name_ar") == "كاليفورنيا")
    assert california["place_type"].to_list() == ["region"]
    # The bare name is the span: ولاية [كاليفورنيا], as NER corpora tag it.
    assert california["aliases_ar"].to_list() == [None]


def test_region_rows_are_complete_and_licensed(regions: pl.DataFrame) -> None:
    required = ["entity_id", "name_en", "name_ar", "country_iso3", "source_id"]
    assert regions.select(pl.col(required).is_null().any()).row(0) == (False,) * len(required)
    assert regions["entity_id"].str.contains(r"^place:[a-z0-9_]+$").all()
    assert regions["name_ar"].str.contains(ARABIC_ONLY).all()
    assert (regions["place_type"] == "region").all()
    assert regions["source_id"].str.starts_with("csc:states:").all()
    assert regions["entity_id"].n_unique() == regions.height
    assert regions.height > 1_000


def test_regions_leave_hand_places_and_city_forms_alone(regions: pl.DataFrame) -> None:
    # بغداد stays the city and الأنبار the hand governorate.
    hand = pl.read_csv(REFERENCE_DIR / "places.csv", infer_schema=False)
    gaz = pl.read_csv(REFERENCE_DIR / "gazetteer.csv", infer_schema=False)
    forms = _forms(regions)
    assert not forms & _forms(hand)
    assert not forms & _forms(gaz)


def test_constituent_countries_without_population_keep_their_frequent_names(regions: pl.DataFrame) -> None:
    # England has no population in the source: weighed as a small town, إنجلترا would be a word.
    rows = regions.filter(pl.col("name_en").is_in(["England", "Wales", "Scotland"]))
    assert set(rows["name_ar"].to_list()) == {"اسكتلندا", "إنجلترا", "ويلز"}


def test_common_words_are_not_region_names(regions: pl.DataFrame) -> None:
    # Araba (Álava) is عربة "cart" in the source; Eastern districts are شرقي "eastern"; a phrase
    # of frequent words (North-East, Penal-Debe's عقوبة الاعدام) is not a name either.
    forms = _forms(regions)
    assert not {"عربه", "شرقي", "الغربي", "خط", "شمال شرق", "عقوبه الاعدام"} & forms
