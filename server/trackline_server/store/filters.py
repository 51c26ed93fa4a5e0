"""MLflow's search grammar: filter strings and ``order_by`` clauses.

A filter is comparisons joined by ``AND``::

    metrics.rmse < 0.8 and params.alpha = '0.5' and tags.`mlflow.runName` LIKE 'base%'
    attributes.run_id IN ('a', 'b') and params.lr IS NOT NULL

This module only parses; :mod:`trackline_server.store.search` turns clauses into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import invalid

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<backtick>`[^`]*`)
  | (?P<string>'(?:[^']|'')*'|"(?:[^"]|"")*")
  | (?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.]))
  | (?P<op>!=|<>|<=|>=|=|<|>)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
  | (?P<word>[A-Za-z_][\w]*(?:\.(?:[\w]+|(?=[`'"])))*\.?)
    """,
    re.VERBOSE,
)

KEYWORDS = {"AND", "OR", "NOT", "LIKE", "ILIKE", "IN", "IS", "NULL"}


@dataclass
class Token:
    kind: str
    text: str


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise invalid(f"Invalid filter '{text}': unexpected character at position {pos}: '{text[pos]}'.")
        kind = match.lastgroup or ""
        pos = match.end()
        if kind == "ws":
            continue
        value = match.group()
        if kind == "word" and value.upper() in KEYWORDS:
            tokens.append(Token("kw", value.upper()))
        else:
            tokens.append(Token(kind, value))
    return tokens


def _unquote(token: Token) -> str:
    if token.kind == "backtick":
        return token.text[1:-1]
    if token.kind == "string":
        quote = token.text[0]
        return token.text[1:-1].replace(quote * 2, quote)
    return token.text


@dataclass
class Clause:
    kind: str  # "metric" | "param" | "tag" | "attribute" | "dataset"
    key: str
    op: str  # = != < <= > >= LIKE ILIKE IN NOT IN, IS NULL, IS NOT NULL
    value: Any


@dataclass
class OrderBy:
    kind: str
    key: str
    ascending: bool


RUN_PREFIXES = {
    "metric": "metric",
    "metrics": "metric",
    "param": "param",
    "params": "param",
    "parameter": "param",
    "parameters": "param",
    "tag": "tag",
    "tags": "tag",
    "attribute": "attribute",
    "attributes": "attribute",
    "attr": "attribute",
    "run": "attribute",
    "dataset": "dataset",
    "datasets": "dataset",
}
EXPERIMENT_PREFIXES = {"tag": "tag", "tags": "tag", "attribute": "attribute", "attributes": "attribute"}

RUN_ATTRIBUTE_ALIASES = {
    "run_id": "run_id",
    "run_name": "run_name",
    "run name": "run_name",
    "status": "status",
    "user_id": "user_id",
    "artifact_uri": "artifact_uri",
    "start_time": "start_time",
    "created": "start_time",
    "end_time": "end_time",
    "lifecycle_stage": "lifecycle_stage",
}
RUN_STRING_ATTRIBUTES = {"run_id", "run_name", "status", "user_id", "artifact_uri", "lifecycle_stage"}
RUN_NUMERIC_ATTRIBUTES = {"start_time", "end_time"}
DATASET_KEYS = {"name", "digest", "context"}

EXPERIMENT_STRING_ATTRIBUTES = {"name", "experiment_id"}
EXPERIMENT_NUMERIC_ATTRIBUTES = {"creation_time", "last_update_time"}


class _Parser:
    def __init__(self, text: str, prefixes: dict[str, str]) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0
        self.prefixes = prefixes

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise invalid(f"Invalid filter '{self.text}': it ends too early.")
        self.pos += 1
        return token

    def identifier(self) -> tuple[str, str]:
        """``prefix.key`` (key may be quoted) or a bare attribute name."""
        token = self.take()
        if token.kind == "word":
            word = token.text
            if "." in word:
                prefix, _, key = word.partition(".")
                kind = self.prefixes.get(prefix.lower())
                if kind is None:
                    raise invalid(
                        f"Invalid entity type '{prefix}' in '{self.text}'. "
                        f"Valid values are {sorted(set(self.prefixes))}."
                    )
                if key == "":
                    nxt = self.take()
                    if nxt.kind not in ("backtick", "string"):
                        raise invalid(f"Invalid filter '{self.text}': expected a key after '{word}'.")
                    key = _unquote(nxt)
                return kind, key
            return "attribute", word
        if token.kind in ("backtick", "string"):
            return "attribute", _unquote(token)
        raise invalid(f"Invalid clause(s) in filter string: '{token.text}'.")

    def value(self) -> Any:
        token = self.take()
        if token.kind == "string":
            return _unquote(token)
        if token.kind == "number":
            return float(token.text)
        if token.kind == "lparen":
            items: list[Any] = []
            while True:
                item = self.take()
                if item.kind == "number":
                    items.append(float(item.text))
                elif item.kind == "string":
                    items.append(_unquote(item))
                else:
                    raise invalid(f"Invalid filter '{self.text}': a list must hold quoted strings, like ('a', 'b').")
                sep = self.take()
                if sep.kind == "rparen":
                    return items
                if sep.kind != "comma":
                    raise invalid(f"Invalid filter '{self.text}': expected ',' or ')' in a list.")
        raise invalid(f"Invalid filter '{self.text}': expected a value, got '{token.text}'.")

    def comparator(self) -> str:
        token = self.take()
        if token.kind == "op":
            return "!=" if token.text == "<>" else token.text
        if token.kind == "kw":
            if token.text in ("LIKE", "ILIKE", "IN"):
                return token.text
            if token.text == "NOT":
                nxt = self.take()
                if nxt.kind == "kw" and nxt.text == "IN":
                    return "NOT IN"
                raise invalid(f"Invalid clause(s) in filter string: 'NOT {nxt.text}'.")
            if token.text == "IS":
                nxt = self.take()
                if nxt.kind == "kw" and nxt.text == "NULL":
                    return "IS NULL"
                if nxt.kind == "kw" and nxt.text == "NOT":
                    last = self.take()
                    if last.kind == "kw" and last.text == "NULL":
                        return "IS NOT NULL"
                raise invalid(f"Invalid filter '{self.text}': expected IS NULL or IS NOT NULL.")
        raise invalid(f"Invalid filter '{self.text}': '{token.text}' is not a comparison operator.")

    def clauses(self) -> list[Clause]:
        out: list[Clause] = []
        if self.peek() is None:
            return out
        while True:
            kind, key = self.identifier()
            op = self.comparator()
            value = None if op in ("IS NULL", "IS NOT NULL") else self.value()
            out.append(Clause(kind, key, op, value))
            token = self.peek()
            if token is None:
                return out
            self.pos += 1
            if token.kind == "kw" and token.text == "AND":
                continue
            raise invalid(f"Invalid clause(s) in filter string: '{token.text}'. Only AND is supported.")


def _check_run_clause(clause: Clause, text: str) -> Clause:
    op, value = clause.op, clause.value
    if clause.kind == "metric":
        if op not in ("=", "!=", "<", "<=", ">", ">="):
            raise invalid(f"Invalid comparator '{op}' for metrics in '{text}'. Use = != < <= > >=.")
        if not isinstance(value, float):
            raise invalid(f"Expected numeric value type for metric '{clause.key}' in '{text}'.")
        return clause
    if clause.kind in ("param", "tag"):
        if op in ("IS NULL", "IS NOT NULL"):
            return clause
        if op not in ("=", "!=", "LIKE", "ILIKE"):
            raise invalid(f"Invalid comparator '{op}' for {clause.kind}s in '{text}'. Use = != LIKE ILIKE.")
        if not isinstance(value, str):
            raise invalid(f"Expected a quoted string value for {clause.kind} '{clause.key}' in '{text}'.")
        return clause
    if clause.kind == "dataset":
        if clause.key not in DATASET_KEYS:
            raise invalid(f"Invalid dataset key '{clause.key}'. Valid keys are {sorted(DATASET_KEYS)}.")
        return _check_string_op(clause, text, allow_in=True)
    name = RUN_ATTRIBUTE_ALIASES.get(clause.key) or RUN_ATTRIBUTE_ALIASES.get(clause.key.lower())
    if name is None:
        raise invalid(
            f"Invalid attribute key '{clause.key}' specified. Valid keys are "
            f"{sorted(RUN_STRING_ATTRIBUTES | RUN_NUMERIC_ATTRIBUTES | {'created'})}."
        )
    clause.key = name
    if name in RUN_NUMERIC_ATTRIBUTES:
        return _check_numeric_op(clause, text)
    return _check_string_op(clause, text, allow_in=name == "run_id")


def _check_numeric_op(clause: Clause, text: str) -> Clause:
    if clause.op not in ("=", "!=", "<", "<=", ">", ">="):
        raise invalid(f"Invalid comparator '{clause.op}' for attribute '{clause.key}' in '{text}'.")
    if not isinstance(clause.value, float):
        raise invalid(f"Expected numeric value type for attribute '{clause.key}' in '{text}'.")
    return clause


def _check_string_op(clause: Clause, text: str, allow_in: bool) -> Clause:
    allowed = {"=", "!=", "LIKE", "ILIKE"} | ({"IN", "NOT IN"} if allow_in else set())
    if clause.op not in allowed:
        raise invalid(
            f"Invalid comparator '{clause.op}' for attribute '{clause.key}' in '{text}'. "
            f"Use {' '.join(sorted(allowed))}."
        )
    if clause.op in ("IN", "NOT IN"):
        if not isinstance(clause.value, list):
            raise invalid(f"Expected a list like ('a', 'b') after {clause.op} in '{text}'.")
    elif not isinstance(clause.value, str):
        raise invalid(f"Expected a quoted string value for attribute '{clause.key}' in '{text}'.")
    return clause


def parse_run_filter(text: str | None) -> list[Clause]:
    if not text or not text.strip():
        return []
    return [_check_run_clause(c, text) for c in _Parser(text, RUN_PREFIXES).clauses()]


def parse_experiment_filter(text: str | None) -> list[Clause]:
    if not text or not text.strip():
        return []
    out: list[Clause] = []
    for clause in _Parser(text, EXPERIMENT_PREFIXES).clauses():
        if clause.kind == "tag":
            out.append(_check_run_clause(clause, text))
        elif clause.key in EXPERIMENT_NUMERIC_ATTRIBUTES:
            out.append(_check_numeric_op(clause, text))
        elif clause.key in EXPERIMENT_STRING_ATTRIBUTES:
            out.append(_check_string_op(clause, text, allow_in=clause.key == "experiment_id"))
        else:
            raise invalid(
                f"Invalid attribute key '{clause.key}' specified. Valid keys are "
                f"{sorted(EXPERIMENT_STRING_ATTRIBUTES | EXPERIMENT_NUMERIC_ATTRIBUTES)}."
            )
    return out


def _parse_order_item(text: str, prefixes: dict[str, str]) -> tuple[str, str, bool]:
    parser = _Parser(text, prefixes)
    if parser.peek() is None:
        raise invalid(f"Invalid order_by clause '{text}'.")
    kind, key = parser.identifier()
    ascending = True
    token = parser.peek()
    if token is not None:
        parser.pos += 1
        direction = token.text.upper()
        if token.kind != "word" or direction not in ("ASC", "DESC"):
            raise invalid(f"Invalid order_by clause '{text}'. Use '<key> [ASC|DESC]'.")
        ascending = direction == "ASC"
        if parser.peek() is not None:
            raise invalid(f"Invalid order_by clause '{text}'. Use '<key> [ASC|DESC]'.")
    return kind, key, ascending


def parse_run_order_by(items: list[str] | None) -> list[OrderBy]:
    out: list[OrderBy] = []
    seen: set[tuple[str, str]] = set()
    for item in items or []:
        kind, key, ascending = _parse_order_item(item, RUN_PREFIXES)
        if kind == "dataset":
            raise invalid(f"Invalid order_by clause '{item}': datasets cannot be ordered by.")
        if kind == "attribute":
            name = RUN_ATTRIBUTE_ALIASES.get(key) or RUN_ATTRIBUTE_ALIASES.get(key.lower())
            if name is None:
                raise invalid(
                    f"Invalid order_by clause '{item}': unknown attribute '{key}'. Valid keys are "
                    f"{sorted(RUN_STRING_ATTRIBUTES | RUN_NUMERIC_ATTRIBUTES | {'created'})}."
                )
            key = name
        if (kind, key) in seen:
            raise invalid(f"`order_by` contains duplicate fields: '{item}'.")
        seen.add((kind, key))
        out.append(OrderBy(kind, key, ascending))
    return out


def parse_experiment_order_by(items: list[str] | None) -> list[OrderBy]:
    out: list[OrderBy] = []
    seen: set[str] = set()
    valid = EXPERIMENT_STRING_ATTRIBUTES | EXPERIMENT_NUMERIC_ATTRIBUTES
    for item in items or []:
        kind, key, ascending = _parse_order_item(item, EXPERIMENT_PREFIXES)
        if kind != "attribute" or key not in valid:
            raise invalid(f"Invalid order_by clause '{item}'. Valid keys are {sorted(valid)}.")
        if key in seen:
            raise invalid(f"`order_by` contains duplicate fields: '{item}'.")
        seen.add(key)
        out.append(OrderBy(kind, key, ascending))
    return out


# Attribute kinds for the registry and logged-model grammars.
STRING = "string"  # = != LIKE ILIKE
STRING_IN = "string_in"  # ... and IN, NOT IN
NUMERIC = "numeric"  # = != < <= > >=
NUMERIC_IN = "numeric_in"  # ... and IN, NOT IN

ENTITY_PREFIXES = {"tag": "tag", "tags": "tag", "attribute": "attribute", "attributes": "attribute"}
MODEL_PREFIXES = {
    **ENTITY_PREFIXES,
    "param": "param",
    "params": "param",
    "metric": "metric",
    "metrics": "metric",
}


def parse_entity_filter(text: str | None, attributes: dict[str, str], prefixes: dict[str, str]) -> list[Clause]:
    """A filter over ``attributes`` (name -> kind), tags (and params and metrics where allowed)."""
    if not text or not text.strip():
        return []
    out: list[Clause] = []
    for clause in _Parser(text, prefixes).clauses():
        if clause.kind in ("tag", "param", "metric"):
            out.append(_check_run_clause(clause, text))
            continue
        kind = attributes.get(clause.key)
        if kind is None:
            raise invalid(f"Invalid attribute key '{clause.key}' specified. Valid keys are {sorted(attributes)}.")
        if kind in (NUMERIC, NUMERIC_IN):
            if clause.op in ("IN", "NOT IN") and kind == NUMERIC_IN:
                if not isinstance(clause.value, list):
                    raise invalid(f"Expected a list like (1, 2) after {clause.op} in '{text}'.")
                try:
                    clause.value = [int(float(v)) for v in clause.value]
                except ValueError:
                    raise invalid(f"Expected numbers in the list for '{clause.key}' in '{text}'.") from None
                out.append(clause)
                continue
            if isinstance(clause.value, str):
                try:
                    clause.value = float(clause.value)
                except ValueError:
                    raise invalid(f"Expected numeric value type for attribute '{clause.key}' in '{text}'.") from None
            out.append(_check_numeric_op(clause, text))
            continue
        if isinstance(clause.value, list):
            clause.value = [
                v if isinstance(v, str) else str(int(v)) if float(v).is_integer() else str(v) for v in clause.value
            ]
        out.append(_check_string_op(clause, text, allow_in=kind == STRING_IN))
    return out


def parse_entity_order_by(items: list[str] | None, valid: dict[str, str]) -> list[OrderBy]:
    """``valid`` maps accepted order keys to the column key they sort by."""
    out: list[OrderBy] = []
    seen: set[str] = set()
    for item in items or []:
        kind, key, ascending = _parse_order_item(item, ENTITY_PREFIXES)
        if kind != "attribute" or key not in valid:
            raise invalid(f"Invalid order_by clause '{item}'. Valid keys are {sorted(valid)}.")
        target = valid[key]
        if target in seen:
            raise invalid(f"`order_by` contains duplicate fields: '{item}'.")
        seen.add(target)
        out.append(OrderBy(kind, target, ascending))
    return out
