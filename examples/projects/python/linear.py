"""Reading the data and fitting y = w * x + b, shared by the two entry points."""

from __future__ import annotations

import csv
import math
from pathlib import Path


def read_points(path: str) -> list[tuple[float, float]]:
    with Path(path).open(newline="") as handle:
        return [(float(row["x"]), float(row["y"])) for row in csv.DictReader(handle)]


def rmse(points: list[tuple[float, float]], w: float, b: float) -> float:
    return math.sqrt(sum((w * x + b - y) ** 2 for x, y in points) / len(points))


def gradient_step(points: list[tuple[float, float]], w: float, b: float, alpha: float) -> tuple[float, float]:
    n = len(points)
    grad_w = sum(2 * (w * x + b - y) * x for x, y in points) / n
    grad_b = sum(2 * (w * x + b - y) for x, y in points) / n
    return w - alpha * grad_w, b - alpha * grad_b
