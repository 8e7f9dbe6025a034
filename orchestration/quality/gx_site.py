"""GX Data Docs pages rendered with one GX `SiteBuilder` per site and process (issue #14, fixed cost).

`context.build_data_docs` builds a new `SiteBuilder` on every call: new Jinja environments, so every
template is compiled again (three calls a run, one per suite), then copies GX's 4 MB of static files
(fonts, images, styles) and renders GX's index page, which `offline_docs` replaces by its own anyway.
Here the builder is kept per site, so its views' Jinja environments (and their compiled templates)
live for the process; the static files are copied once per site (a stamp file records the GX version
they came from); GX's index is not built. What that index build also did is kept: pages of a suite's
results that the in-memory results store no longer holds are removed, so a suite keeps only the page
of its latest validation.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

# Written into the static folder after a copy: the GX version the files came from.
STATIC_STAMP = ".akhbar_gx_static"
_SECTIONS = ("expectations", "validations")


def site_name(quality_dir: Path) -> str:
    """A site name per quality folder (one set of docs per warehouse)."""
    return "akhbar_" + hashlib.sha1(str(quality_dir).encode()).hexdigest()[:10]


@functools.cache
def _builder(context: Any, quality_dir: Path) -> Any:
    """The site's builder, made once per process (its views compile each template once)."""
    from great_expectations.render.renderer.site_builder import SiteBuilder

    return SiteBuilder(
        data_context=context,
        store_backend={"class_name": "TupleFilesystemStoreBackend", "base_directory": str(quality_dir)},
        site_name=site_name(quality_dir),
        show_how_to_buttons=False,
        runtime_environment={"root_directory": None},
    )


def _copy_static_once(builder: Any, quality_dir: Path) -> None:
    """GX's static files, copied when the site lacks them or holds another GX version's."""
    import great_expectations as gx

    stamp = quality_dir / "static" / STATIC_STAMP
    if stamp.exists() and stamp.read_text(encoding="utf-8") == gx.__version__:
        return
    builder.target_store.copy_static_assets()
    stamp.write_text(gx.__version__, encoding="utf-8")


def _resources(context: Any, suite: str | None) -> list[Any] | None:
    """The pages to render: those of `suite` (its expectations and its results), or all when None."""
    if suite is None:
        return None
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    keys = context.validation_results_store.list_keys()
    return [
        ExpectationSuiteIdentifier(name=suite),
        *(k for k in keys if k.expectation_suite_identifier.name == suite),
    ]


def _drop_stale_pages(context: Any, builder: Any, suite: str | None) -> None:
    """Remove validation pages of `suite` (all suites when None) whose result the store no longer holds."""
    from great_expectations.data_context.types.resource_identifiers import ValidationResultIdentifier

    held = {k.to_tuple() for k in context.validation_results_store.list_keys()}
    backend = builder.target_store.store_backends[ValidationResultIdentifier]
    for key in backend.list_keys():
        page = ValidationResultIdentifier.from_tuple(key)
        if key not in held and (suite is None or page.expectation_suite_identifier.name == suite):
            backend.remove_key(key)


def render_site(context: Any, quality_dir: Path, suite: str | None = None) -> None:
    """Render the pages of `suite` (or of every suite the context holds) into `quality_dir`.

    The caller holds the lock around the GX context; `quality_dir` is an absolute path.
    """
    builder = _builder(context, quality_dir)
    resources = _resources(context, suite)
    for section in _SECTIONS:
        builder.site_section_builders[section].build(resource_identifiers=resources)
    _drop_stale_pages(context, builder, suite)
    _copy_static_once(builder, quality_dir)
