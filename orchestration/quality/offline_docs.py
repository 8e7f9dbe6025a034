"""GX Data Docs that open offline.

GX's pages fetch Bootstrap, jQuery, Font Awesome and Vega from public CDNs, and its index page is
drawn by JavaScript from inline JSON, so offline it is blank. The validation and suite pages are
plain HTML tables underneath: we drop every remote reference, give them a small inline stylesheet,
and write the index ourselves from the latest result of each suite (kept as JSON beside the pages).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

RESULTS_DIR = "akhbar_results"
_REMOTE = re.compile(
    r"<link\b[^>]*\bhref=[\"']https?://[^>]*>"
    r"|<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>"
    r"|<img\b[^>]*\bsrc=[\"']https?://[^>]*>",
    re.IGNORECASE,
)
STYLE = """<style id="akhbar-offline">
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans Arabic",sans-serif;margin:1.5rem;
color:#1d2330;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #c9ced6;padding:.3rem .55rem;text-align:start;vertical-align:top}
th{background:#eef1f5}.text-success,.ok{color:#11703a}.text-danger,.fail{color:#b3261e}
.text-warning,.warn{color:#8a5a00}
nav,.navbar,.ge-navbar,.d-none,.modal,footer,.sticky-footer{display:none!important}
code,pre{background:#f5f6f8;padding:.1rem .25rem}a{color:#0b57d0}
</style>"""


def make_offline(page: str) -> str:
    """The page without any remote stylesheet, script or image, with the inline stylesheet."""
    page = _REMOTE.sub("", page)
    if 'id="akhbar-offline"' not in page:
        page = page.replace("</head>", STYLE + "\n</head>", 1)
    return page


def offline_pages(quality_dir: Path) -> int:
    """Rewrite every HTML page under `quality_dir`; returns how many changed."""
    changed = 0
    for path in quality_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        fixed = make_offline(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


def save_result(quality_dir: Path, summary: dict[str, Any]) -> None:
    folder = quality_dir / RESULTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{summary['suite']}.json").write_text(json.dumps(summary, default=str), encoding="utf-8")


def _latest_page(quality_dir: Path, suite: str) -> str | None:
    pages = sorted((quality_dir / "validations" / suite).glob("*/*/*.html"), key=lambda p: p.parent.name)
    return pages[-1].relative_to(quality_dir).as_posix() if pages else None


def _suite_section(quality_dir: Path, summary: dict[str, Any]) -> str:
    suite = html.escape(summary["suite"])
    status = '<span class="ok">passed</span>' if summary["success"] else '<span class="fail">failed</span>'
    links = [f'<a href="expectations/{suite}.html">expectations</a>']
    page = _latest_page(quality_dir, summary["suite"])
    if page:
        links.insert(0, f'<a href="{html.escape(page)}">latest validation</a>')
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            *(
                html.escape(str(v))
                for v in (
                    f.get("severity", ""),
                    f.get("expectation", ""),
                    f.get("column") or "",
                    "" if f.get("unexpected_count") is None else f["unexpected_count"],
                    f.get("error") or ", ".join(map(str, f.get("unexpected_values", []))),
                )
            )
        )
        for f in summary.get("failed_expectations", [])
    )
    failures = (
        "<table><tr><th>severity</th><th>expectation</th><th>column</th><th>unexpected</th>"
        f"<th>examples</th></tr>{rows}</table>"
        if rows
        else ""
    )
    return (
        f"<h2>{suite} — {status}</h2><p>{summary['successful_expectations']}/"
        f"{summary['evaluated_expectations']} expectations met on {summary['rows']} rows · "
        f"{' · '.join(links)}</p>{failures}"
    )


def write_index(quality_dir: Path, title: str) -> Path:
    """index.html from the saved results: one section per suite, failures listed, no script."""
    summaries = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((quality_dir / RESULTS_DIR).glob("*.json"))
    ]
    body = "".join(_suite_section(quality_dir, s) for s in summaries) or "<p>No validation yet.</p>"
    page = (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{STYLE}</head><body>"
        f"<h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    index = quality_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
