"""Matching a result against an expectation; returns the differences, one string each.

Rules:
  * A mapping matches when every expected key matches (extra keys in the result are fine).
  * A list matches item by item, in order, with the same length.
  * A key that is absent matches an expected empty value ("", [], {}, null) and `$absent`,
    because servers and SDKs may leave empty fields out.
  * Strings: "$any" (anything present), "$any_string" (a non-empty string), "$any_number",
    "$absent". A leading "$$" stands for a literal "$".
  * One-key operator mappings: $len, $contains, $not_contains, $unordered, $strlen,
    $startswith, $endswith, $regex, $gt, $ge, $lt, $le, $one_of, $eq.
"""

from __future__ import annotations

import re
from typing import Any

MISSING = object()
OPERATORS = {
    "$len",
    "$contains",
    "$not_contains",
    "$unordered",
    "$strlen",
    "$startswith",
    "$endswith",
    "$regex",
    "$gt",
    "$ge",
    "$lt",
    "$le",
    "$one_of",
    "$eq",
}
MARKERS = {"$any", "$any_string", "$any_number", "$absent"}


def is_empty(value: Any) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


def show(value: Any, limit: int = 120) -> str:
    if value is MISSING:
        return "<absent>"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_operator(expected: Any) -> bool:
    return isinstance(expected, dict) and len(expected) == 1 and next(iter(expected)) in OPERATORS


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def match(expected: Any, actual: Any, path: str = "") -> list[str]:
    where = path or "<result>"
    if isinstance(expected, str) and expected in MARKERS:
        return _marker(expected, actual, where)
    if isinstance(expected, str) and expected.startswith("$$"):
        expected = expected[1:]
    if is_operator(expected):
        return _operator(next(iter(expected)), next(iter(expected.values())), actual, where)
    if is_empty(expected) and is_empty(actual):
        return []
    if actual is MISSING:
        return [f"{where}: expected {show(expected)}, but the key is absent"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {show(actual)}"]
        diffs: list[str] = []
        for key, value in expected.items():
            diffs += match(value, actual.get(key, MISSING), f"{path}.{key}" if path else str(key))
        return diffs
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {show(actual)}"]
        if len(expected) != len(actual):
            return [f"{where}: expected {len(expected)} items, got {len(actual)}: {show(actual, 300)}"]
        diffs = []
        for index, (exp, act) in enumerate(zip(expected, actual, strict=True)):
            diffs += match(exp, act, f"{path}[{index}]")
        return diffs
    if is_number(expected) and is_number(actual):
        return [] if expected == actual else [f"{where}: expected {show(expected)}, got {show(actual)}"]
    if type(expected) is not type(actual) or expected != actual:
        return [f"{where}: expected {show(expected)}, got {show(actual)}"]
    return []


def _marker(marker: str, actual: Any, where: str) -> list[str]:
    if marker == "$absent":
        return [] if is_empty(actual) else [f"{where}: expected the key to be absent, got {show(actual)}"]
    if actual is MISSING or actual is None:
        return [f"{where}: expected {marker[1:].replace('_', ' ')}, but the key is absent"]
    if marker == "$any_string" and not (isinstance(actual, str) and actual):
        return [f"{where}: expected a non-empty string, got {show(actual)}"]
    if marker == "$any_number" and not is_number(actual):
        return [f"{where}: expected a number, got {show(actual)}"]
    return []


def _items(actual: Any, where: str) -> tuple[list[Any] | None, list[str]]:
    if is_empty(actual):
        return [], []
    if not isinstance(actual, list):
        return None, [f"{where}: expected a list, got {show(actual)}"]
    return actual, []


def _operator(op: str, arg: Any, actual: Any, where: str) -> list[str]:
    if op == "$eq":
        if (is_empty(arg) and is_empty(actual)) or (actual is not MISSING and arg == actual):
            return []
        return [f"{where}: expected exactly {show(arg)}, got {show(actual)}"]
    if op == "$one_of":
        if any(not match(option, actual, where) for option in arg):
            return []
        return [f"{where}: expected one of {show(arg)}, got {show(actual)}"]
    if op in ("$len", "$contains", "$not_contains", "$unordered"):
        items, problems = _items(actual, where)
        if items is None:
            return problems
        if op == "$len":
            if len(items) == arg:
                return []
            return [f"{where}: expected {arg} items, got {len(items)}: {show(actual, 300)}"]
        if op == "$not_contains":
            return [
                f"{where}: expected no item matching {show(exp)}, found {show(item)}"
                for exp in arg
                for item in items
                if not match(exp, item)
            ]
        if op == "$unordered" and len(items) != len(arg):
            return [f"{where}: expected {len(arg)} items in any order, got {len(items)}: {show(actual, 300)}"]
        return _contains(arg, items, where)
    if actual is MISSING:
        return [f"{where}: expected a value ({op} {show(arg)}), but the key is absent"]
    if op == "$strlen":
        if isinstance(actual, str) and len(actual) == arg:
            return []
        got = len(actual) if isinstance(actual, str) else show(actual)
        return [f"{where}: expected a string of {arg} characters, got {got}"]
    if op in ("$startswith", "$endswith", "$regex"):
        ok = isinstance(actual, str) and (
            actual.startswith(arg)
            if op == "$startswith"
            else actual.endswith(arg)
            if op == "$endswith"
            else re.fullmatch(arg, actual) is not None
        )
        return [] if ok else [f"{where}: expected a string {op[1:]} {show(arg)}, got {show(actual)}"]
    if not is_number(actual):
        return [f"{where}: expected a number {op} {arg}, got {show(actual)}"]
    ok = {"$gt": actual > arg, "$ge": actual >= arg, "$lt": actual < arg, "$le": actual <= arg}[op]
    return [] if ok else [f"{where}: expected a number {op[1:]} {arg}, got {show(actual)}"]


def _contains(expected_items: list[Any], items: list[Any], where: str) -> list[str]:
    """Each expected item must match a different actual item (any order)."""
    candidates = [[j for j, item in enumerate(items) if not match(exp, item)] for exp in expected_items]
    assignment: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in assignment or assign(assignment[j], seen):
                assignment[j] = i
                return True
        return False

    diffs = []
    for i, exp in enumerate(expected_items):
        if not assign(i, set()):
            diffs.append(f"{where}: no item matches {show(exp)} (items: {show(items, 300)})")
    return diffs
