"""GX Data Docs through one site builder per folder (orchestration/quality/gx_site.py, issue #14)."""

from __future__ import annotations

from pathlib import Path

import orchestration.quality.gx_suites as q
from orchestration.quality import gx_site
from tests.unit.test_gx_suites import TODAY, _articles


def test_static_files_are_copied_once_per_site_and_again_for_another_gx_version(tmp_path: Path) -> None:
    site = (tmp_path / "quality").resolve()
    q.write_data_docs(site, q.validate_articles(_articles(), today=TODAY))
    stamp = site / "static" / gx_site.STATIC_STAMP
    assert stamp.exists()
    styles = sorted((site / "static" / "styles").glob("*.css"))
    assert styles
    styles[0].unlink()
    q.write_data_docs(site, q.validate_articles(_articles(), today=TODAY))
    assert not styles[0].exists()  # the stamp says the files are there: not copied again
    stamp.write_text("0.0.0", encoding="utf-8")
    q.write_data_docs(site, q.validate_articles(_articles(), today=TODAY))
    assert styles[0].exists() and stamp.read_text(encoding="utf-8") != "0.0.0"


def test_gx_index_is_not_built_and_each_suite_keeps_its_latest_page(tmp_path: Path) -> None:
    site = (tmp_path / "quality").resolve()
    for _ in range(3):
        index = q.write_data_docs(site, q.validate_articles(_articles(), today=TODAY))
    pages = list((site / "validations" / "articles").rglob("*.html"))
    assert len(pages) == 1
    # our index (no script), not GX's JavaScript-drawn one
    assert "<script" not in index.read_text(encoding="utf-8")
    assert "articles" in index.read_text(encoding="utf-8")
