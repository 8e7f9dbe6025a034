"""Generated reference lexicons: the GeoNames gazetteer (merged into ``kb.places``) and the Arabic
name lexicons built from Faker."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.reference import REFERENCE_DIR, load_kb
from orchestration.transforms.text import normalize_expr

ARABIC_ONLY = r"^[\u0621-\u064A]+( [\u0621-\u064A]+)*$"


@pytest.fixture(scope="module")
def gazetteer() -> pl.DataFrame:
    return pl.read_csv(REFERENCE_DIR / "gazetteer.csv", infer_schema=False)


def _copy_reference(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, target)
    return target


def test_load_kb_appends_the_gazetteer_and_the_hand_row_wins(tmp_path: Path) -> None:
    ref = _copy_reference(tmp_path)
    (ref / "regions.csv").unlink(missing_ok=True)  # the regions file has its own test (test_regions_geo)
    hand = pl.read_csv(ref / "places.csv", infer_schema=False)
    gaz = pl.read_csv(ref / "gazetteer.csv", infer_schema=False)
    # A gazetteer row reusing a hand id must not replace or duplicate the hand row.
    clash = gaz.head(1).with_columns(entity_id=pl.lit(hand["entity_id"][0]), name_ar=pl.lit("اسم آخر"))
    pl.concat([gaz, clash]).write_csv(ref / "gazetteer.csv")
    places = load_kb(ref).places
    assert places.height == hand.height + gaz.height
    assert places["entity_id"].n_unique() == places.height
    row = places.filter(pl.col("entity_id") == hand["entity_id"][0])
    assert row["name_ar"].to_list() == [hand["name_ar"][0]]
    assert places.schema["latitude"] == pl.Float64
    assert places.schema["population"] == pl.String


def test_load_kb_without_a_gazetteer_reads_the_hand_places(tmp_path: Path) -> None:
    ref = _copy_reference(tmp_path)
    (ref / "gazetteer.csv").unlink()
    (ref / "regions.csv").unlink(missing_ok=True)
    assert load_kb(ref).places.height == pl.read_csv(ref / "places.csv", infer_schema=False).height


def test_gazetteer_rows_are_complete(gazetteer: pl.DataFrame) -> None:
    required = ["entity_id", "name_en", "name_ar", "country_iso3", "latitude", "longitude", "population"]
    assert gazetteer.select(pl.col(required).is_null().any()).row(0) == (False,) * len(required)
    assert gazetteer["entity_id"].str.contains(r"^place:[a-z0-9_]+$").all()
    assert gazetteer["name_ar"].str.contains(ARABIC_ONLY).all()
    assert (gazetteer["population"].cast(pl.Int64) >= 5_000).all()
    assert gazetteer.height > 5_000


def test_gazetteer_forms_are_not_common_words(gazetteer: pl.DataFrame) -> None:
    """Words that were read as towns before the frequency filter (إطار Atar, دولة Dhule, أمن
    Emmen, الأشهر Alaşehir, بايدن via ب+ايدن Eden)."""
    forms = (
        gazetteer.select(
            f=pl.concat_list(pl.col("name_ar"), pl.col("aliases_ar").fill_null("").str.split("|"))
        )
        .explode("f")
        .filter(pl.col("f") != "")
        .select(normalize_expr(pl.col("f")))["f"]
    )
    words = pl.Series(["إطار", "دولة", "أمن", "الأشهر", "قوله", "ايدن", "اريس", "أول", "العين", "الأبيض"])
    assert not set(words.to_frame("w").select(normalize_expr(pl.col("w")))["w"]) & set(forms)


@pytest.mark.parametrize(("name", "iso3"), [("كراتشي", "PAK"), ("طنجة", "MAR"), ("الزبداني", "SYR")])
def test_gazetteer_spot_checks(gazetteer: pl.DataFrame, name: str, iso3: str) -> None:
    assert gazetteer.filter(pl.col("name_ar") == name)["country_iso3"].to_list() == [iso3]


@pytest.mark.parametrize(
    ("file", "column"),
    [
        ("given_names_ar.csv", "name_ar"),
        ("family_names_ar.csv", "name_ar"),
        ("name_connectors_ar.csv", "form"),
    ],
)
def test_name_lexicons_are_unique_undiacritised_arabic(file: str, column: str) -> None:
    values = pl.read_csv(REFERENCE_DIR / file, infer_schema=False)[column]
    assert values.n_unique() == values.len() > 50
    assert all(re.fullmatch(ARABIC_ONLY, v) for v in values), file


def test_given_names_carry_gender_and_connectors_have_divine_names() -> None:
    given = pl.read_csv(REFERENCE_DIR / "given_names_ar.csv", infer_schema=False)
    assert set(given["gender"]) == {"m", "f", "mf"}
    assert {"محمد", "فاطمة"} <= set(given["name_ar"])
    conn = pl.read_csv(REFERENCE_DIR / "name_connectors_ar.csv", infer_schema=False)
    assert {"بن", "بنت", "ابن", "أبو", "آل", "عبد"} <= set(
        conn.filter(pl.col("kind") != "divine_name")["form"]
    )
    assert {"الله", "الرحمن", "العزيز"} <= set(conn.filter(pl.col("kind") == "divine_name")["form"])
