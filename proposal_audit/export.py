"""Writing an audit out: findings as JSON, the executed notebook as self-contained HTML."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import re
from enum import Enum
from fractions import Fraction
from html import escape
from importlib import metadata
from pathlib import Path
from typing import Any

from .audit import AuditResult
from .figures import Figures
from .fonts import embedded_font_css
from .formatting import fmt_fraction
from .ledger_audit import to_json as ledger_json
from .params import Params
from .paths import relative
from .rounding import Percent

__all__ = ["SCHEMA_VERSION", "figures_json", "result_to_json", "write_json", "export_html", "versions"]

SCHEMA_VERSION = "2.1"  # 2.0: the corpus readings' kinds; figures carry scope, certainty, alternatives; 2.1: bound
TEMPLATES = Path(__file__).parent / "templates"
_LIBRARIES = (
    "proposal-audit",
    "papermill",
    "nbconvert",
    "nbformat",
    "pandas",
    "matplotlib",
    "seaborn",
    "pydantic",
)


def versions() -> dict[str, str]:
    """The package, Python and library versions an audit ran with (for the record in the JSON)."""
    found = {"python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _plain(value: Any) -> Any:
    """Dataclasses, enums, fractions and printed percentages as JSON values (numbers stay exact text)."""
    if isinstance(value, Percent):
        return value.text
    if isinstance(value, Fraction):
        return fmt_fraction(value, 4)
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def figures_json(figures: Figures) -> list[dict[str, Any]]:
    """One JSON object per figure (documented in README.md)."""
    out = []
    for f in figures:
        base = figures.base_of(f)
        out.append(
            {
                "key": f.key,
                "kind": f.kind.value,
                "label": f.display_label,
                "rank": f.rank,
                "level": f.level.value if f.level else None,
                "dimension": f.dimension,
                "count": f.count,
                "pct": f.pct.text if f.pct else None,
                "base": base.key if base is not None and base is not f else None,
                "base_count": base.count if base is not None and base is not f else None,
                "parts": list(f.parts),
                "ranks": list(f.ranks),
                "scope": f.scope,
                "bound": f.bound or None,
                "certainty": f.certainty.value,
                "alternatives": list(f.alternatives),
                "evidence": list(f.evidence),
                "origin": f.provenance.origin,
                "text": f.provenance.text,
                "sentence": f.provenance.sentence,
                "span": list(f.provenance.span) if f.provenance.span else None,
            }
        )
    return out


def result_to_json(result: AuditResult, params: Params | None = None) -> dict[str, Any]:
    """The whole audit as one JSON-ready dict (schema documented in README.md)."""
    checks = []
    for r in result.results:
        item = _plain(r)
        item["positions"] = [list(p) for p in r.positions]
        item["title_zh"], item["title_en"] = r.title.zh, r.title.en
        item["message_zh"], item["message_en"] = r.message.zh, r.message.en
        del item["title"], item["message"]
        checks.append(item)
    gaps = result.gaps
    return {
        "schema_version": SCHEMA_VERSION,
        "report_id": result.report_id,
        "parameters": params.model_dump() if params else None,
        "report": _plain(result.figures.meta),
        "report_sources": {k: f.source or None for k, f in result.meta_found},
        "figures_file": relative(result.figures.path) if result.figures.path else None,
        "policy": {
            "name": result.policy.name,
            "accepted_modes": [m.value for m in result.policy.accepted],
            "gap_threshold_points": fmt_fraction(result.policy.gap_threshold, 2),
        },
        "summary": _summary(result),
        "figures": figures_json(result.figures),
        "document": result.document or None,
        "unplaced": [
            {"text": u.text, "span": list(u.span), "sentence": u.sentence, "reason": u.reason} for u in result.unparsed
        ],
        "checks": checks,
        "gaps": {
            "population": gaps.population,
            "rates": [{**_plain(r), "title": r.title.zh, "title_en": r.title.en} for r in gaps.rates],
            "gaps": [{"zh": t.zh, "en": t.en, "points": fmt_fraction(p, 4)} for t, p in gaps.gaps],
            "frechet": [
                {
                    "row": c.row.zh,
                    "col": c.col.zh,
                    "lower": c.lower,
                    "upper": c.upper,
                    "row_count": c.row_count,
                    "col_count": c.col_count,
                }
                for c in gaps.cells
            ],
            "headlines": [{"zh": h.zh, "en": h.en} for h in gaps.headlines],
        },
        "ledger": ledger_json(result.ledger),
        "versions": versions(),
    }


def _summary(result: AuditResult) -> dict[str, Any]:
    """Counts per status, the exit code, the summary sentence and the most severe finding."""
    worst = result.most_severe()
    sentence = result.summary()
    return {
        "worst": result.worst.value,
        "exit_code": result.exit_code,
        **result.counts(),
        "sentence_zh": sentence.zh,
        "sentence_en": sentence.en,
        "most_severe": None
        if worst is None
        else {
            "check_id": worst.check_id,
            "status": worst.status.value,
            "severity": worst.severity.value,
            "title_zh": worst.title.zh,
            "title_en": worst.title.en,
        },
    }


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_json(result: AuditResult, params: Params | None, path: Path, inputs: dict | None = None) -> Path:
    data = result_to_json(result, params)
    if inputs:
        data["inputs"] = inputs
    _write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return path


def report_characters(result: AuditResult, notebook_text: str = "") -> str:
    """Every character the HTML report of `result` can show (for the embedded font subset):
    the notebook's own words, the labels of tables and verdicts, and everything from the report."""
    from .results import CAUSE_LABELS, SEVERITY_LABELS, STATUS_LABELS
    from .tables import _COLUMNS
    from .wording import WORDING_FILE

    labels = [*_COLUMNS.values(), *CAUSE_LABELS.values(), *SEVERITY_LABELS.values(), *STATUS_LABELS.values()]
    parts: list[str] = [notebook_text, WORDING_FILE.read_text(encoding="utf-8"), *(t.zh for t in labels)]
    for r in result.results:
        parts += [r.title.zh, r.message.zh, r.title.en, r.message.en, r.expected, r.observed]
    meta = result.figures.meta
    parts += [meta.region, meta.body, meta.title]
    for f in result.figures:
        parts += [f.display_label, f.provenance.text, f.provenance.sentence]
    parts += [u.sentence + u.text + u.reason for u in result.unparsed]
    parts += [h.zh + h.en for h in result.gaps.headlines]
    parts += [r.title.zh + r.title.en + c.zh for r in result.gaps.rates for c in (r.title,)]
    parts += [c.row.zh + c.col.zh for c in result.gaps.cells]
    parts.append(Path(__file__).with_name("render.py").read_text(encoding="utf-8"))  # its headings
    from .wording import document_text

    doc = document_text(result)  # the words around each text finding, which the report quotes
    parts += [doc[max(0, a - 40) : b + 40] for r in result.text_checks for a, b in r.positions[:3]]
    return "".join(parts)


def make_exporter() -> Any:
    """The HTML exporter: no code cells or prompts, images embedded, the self-contained template.

    Its templates are loaded and compiled here once (a dry run), so it can be built ahead of time.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="selfcontained",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.from_notebook_node(nbformat.v4.new_notebook())
    return exporter


def export_html(
    notebook: Any, path: Path, title: str, language: str = "zh", font_css: str | None = None, exporter: Any = None
) -> Path:
    """Executed notebook → one UTF-8 HTML file: no code cells, images embedded, no external scripts."""
    exporter = exporter or make_exporter()
    exporter.language_code = "en" if language == "en" else "zh"
    notebook = report_cells(notebook)
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook)
    body = _describe_images(body, notebook)
    if font_css is None or not _covers(font_css, body):
        font_css = embedded_font_css(re.sub(r"<style.*?</style>|<[^>]+>", " ", body, flags=re.S))
    body = body.replace("</head>", font_css + "\n</head>", 1)
    _write_atomic(path, body)
    return path


NOTEBOOK_ONLY = "notebook-only"  # the tag of cells that explain the notebook to its reader, not the report


def report_cells(notebook: Any) -> Any:
    """A copy of the notebook without the cells tagged `notebook-only` (notes for the analyst in
    JupyterLab); the report's own words come from the package, in the report's language."""
    import copy

    kept = copy.copy(notebook)
    kept.cells = [c for c in notebook.cells if NOTEBOOK_ONLY not in c.get("metadata", {}).get("tags", [])]
    kept.metadata = copy.deepcopy(notebook.metadata)
    return kept


_NO_ALT = 'alt="No description has been provided for this image"'


def _describe_images(html: str, notebook: Any) -> str:
    """Give each chart the text form of its data as alt text (nbconvert leaves a placeholder)."""
    for output in (o for cell in notebook.cells for o in cell.get("outputs", [])):
        data = output.get("data", {})
        if "image/png" in data and _NO_ALT in html:
            alt = " ".join(str(data.get("text/plain", "")).split()) or "chart"
            html = html.replace(_NO_ALT, f'alt="{escape(alt, quote=True)}"', 1)
    return html


def _covers(font_css: str, html: str) -> bool:
    """True when the subset was made before the HTML existed and still holds its every CJK character."""
    return "data:font/woff" in font_css and not _missing_glyphs(font_css, html)


def _missing_glyphs(font_css: str, html: str) -> set[str]:
    wanted = {c for c in re.sub(r"<style.*?</style>", "", html, flags=re.S) if "\u3000" <= c <= "\u9fff"}
    return wanted - _subset_chars(font_css)


def _subset_chars(font_css: str) -> set[str]:
    import base64
    import io

    from fontTools.ttLib import TTFont

    from .fonts import SUBSET_CHARS

    data = re.search(r"base64,([A-Za-z0-9+/=]+)", font_css)
    if not data:
        return set()
    known = SUBSET_CHARS.get(data.group(1)[:64] + data.group(1)[-64:])
    if known is not None:
        return set(known)
    font = TTFont(io.BytesIO(base64.b64decode(data.group(1))))
    return {chr(c) for c in font.getBestCmap()}
