"""The comparison table (text and Markdown) and the JSON document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .base import COUNT, HIGHER, LOWER

NAMES = {"mlflow": "MLflow", "trackline": "Trackline"}


def ratio(better: str, mlflow: float | None, trackline: float | None) -> float | None:
    """How many times better Trackline is (above 1) or worse (below 1); None when not comparable."""
    if better not in (LOWER, HIGHER) or mlflow is None or trackline is None:
        return None
    if mlflow <= 0 or trackline <= 0:
        return None
    return mlflow / trackline if better == LOWER else trackline / mlflow


def ratio_text(row: dict[str, Any]) -> str:
    r = row.get("ratio")
    if r is None:
        if row["better"] == COUNT and row.get("mlflow") is not None and row.get("trackline") is not None:
            return "(count)"
        return "-"
    word = "smaller" if row["unit"] in ("MiB", "KiB", "processes") else "faster"
    if r >= 1:
        return f"Trackline {r:,.1f}x {word}"
    return f"MLflow {1 / r:,.1f}x {word}"


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit in ("count", "processes"):
        return f"{value:,.0f}"
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _cell(section: dict[str, Any], row: dict[str, Any], server: str) -> str:
    status = section["status"].get(server, "ok")
    if status != "ok" and row.get(server) is None:
        return "n/a" if status.startswith("not available") else "FAILED"
    return fmt(row.get(server), row["unit"])


def table_lines(doc: dict[str, Any]) -> list[str]:
    header = ("figure", "unit", "MLflow", "Trackline", "ratio")
    body: list[tuple[str, ...] | str] = []
    for section in doc["sections"]:
        body.append(section["title"])
        for row in section["rows"]:
            body.append(
                (
                    "  " + row["label"],
                    row["unit"],
                    _cell(section, row, "mlflow"),
                    _cell(section, row, "trackline"),
                    ratio_text(row),
                )
            )
        for server, status in section["status"].items():
            if status != "ok":
                body.append(f"  {NAMES[server]}: {status}")
    cells = [header] + [r for r in body if isinstance(r, tuple)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(
            r[i].ljust(widths[i]) if i in (0, 1, 4) else r[i].rjust(widths[i]) for i in range(len(r))
        ).rstrip()

    out = [line(header), "-" * (sum(widths) + 2 * (len(widths) - 1))]
    for r in body:
        out.append(r if isinstance(r, str) else line(r))
    return out


def markdown_lines(doc: dict[str, Any]) -> list[str]:
    out = ["| workload / figure | unit | MLflow | Trackline | ratio |", "|---|---|--:|--:|---|"]
    for section in doc["sections"]:
        out.append(f"| **{section['title']}** | | | | |")
        for row in section["rows"]:
            out.append(
                f"| {row['label']} | {row['unit']} | {_cell(section, row, 'mlflow')} | "
                f"{_cell(section, row, 'trackline')} | {ratio_text(row)} |"
            )
        for server, status in section["status"].items():
            if status != "ok":
                out.append(f"| {NAMES[server]}: {status} | | | | |")
    return out


def notes_lines(doc: dict[str, Any]) -> list[str]:
    out = []
    for section in doc["sections"]:
        for server, notes in section["notes"].items():
            for note in notes:
                out.append(f"- {section['id']} / {NAMES[server]}: {note}")
    return out


def write_json(doc: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(doc, indent=2) + "\n")
