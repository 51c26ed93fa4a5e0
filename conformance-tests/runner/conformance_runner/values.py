"""Substitution of `${...}` expressions and `$range` generators in case arguments.

Expressions:
  ${name} / ${name.path.0}   a value saved by an earlier step (a whole-string reference keeps its type)
  ${i}                       the repetition index of a repeated step, or the item index in a $range
  ${unique:tag}              a name unique to this case run (the same tag gives the same name in a case)
  ${repeat:text:N}           text repeated N times
A mapping {"$range": {"count": N, "item": <template>}} becomes a list of N rendered items.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

EXPR = re.compile(r"\$\{([^}]*)\}")


class SubstitutionError(Exception):
    pass


class PathError(Exception):
    pass


def lookup(value: Any, path: str) -> Any:
    """Follow a dotted path (`run.info.run_id`, `runs.0.info`, `runs.-1`) into a value."""
    current = value
    for part in path.split("."):
        if part == "":
            continue
        if isinstance(current, dict):
            if part not in current:
                raise PathError(f"key {part!r} not found (have: {sorted(current)})")
            current = current[part]
        elif isinstance(current, list):
            try:
                current = current[int(part)]
            except (ValueError, IndexError):
                raise PathError(f"no item {part!r} in a list of {len(current)}") from None
        else:
            raise PathError(f"cannot take {part!r} of {type(current).__name__}")
    return current


class Scope:
    """The variables of one case run."""

    def __init__(self, unique: Callable[[str], str]) -> None:
        self.vars: dict[str, Any] = {}
        self._unique = unique
        self._unique_names: dict[str, str] = {}

    def resolve(self, expr: str) -> Any:
        if expr.startswith("unique:"):
            tag = expr[len("unique:") :]
            if tag not in self._unique_names:
                self._unique_names[tag] = self._unique(tag)
            return self._unique_names[tag]
        if expr.startswith("repeat:"):
            text, _, count = expr[len("repeat:") :].rpartition(":")
            return text * int(count)
        name, _, rest = expr.partition(".")
        if name not in self.vars:
            raise SubstitutionError(f"${{{expr}}}: no saved value {name!r}")
        try:
            return lookup(self.vars[name], rest)
        except PathError as exc:
            raise SubstitutionError(f"${{{expr}}}: {exc}") from None

    def render(self, template: Any) -> Any:
        if isinstance(template, str):
            whole = EXPR.fullmatch(template)
            if whole:
                return self.resolve(whole.group(1))
            return EXPR.sub(lambda m: _text(self.resolve(m.group(1))), template)
        if isinstance(template, list):
            return [self.render(item) for item in template]
        if isinstance(template, dict):
            if set(template) == {"$range"}:
                spec = template["$range"]
                return self._expand_range(spec)
            return {key: self.render(value) for key, value in template.items()}
        return template

    def _expand_range(self, spec: dict[str, Any]) -> list[Any]:
        count = int(self.render(spec["count"]))
        start = int(spec.get("start", 0))
        saved = self.vars.get("i")
        items = []
        for index in range(start, start + count):
            self.vars["i"] = index
            items.append(self.render(spec["item"]))
        if saved is None:
            self.vars.pop("i", None)
        else:
            self.vars["i"] = saved
        return items


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
