// The columns of the runs table: fixed run attributes, then the params, metrics and tags picked.
import { containsFilter } from "./filters";
import { formatDuration, formatTime, formatValue } from "./format";
import type { TableRow } from "./types";

export type ColumnKind = "attribute" | "param" | "metric" | "tag";

export interface Column {
  id: string; // "attributes.start_time", "params.lr", ...
  kind: ColumnKind;
  key: string;
  label: string;
  sortKey: string;
  width: number;
  numeric: boolean;
  value: (row: TableRow) => string;
}

/** A key as the filter and order_by grammar takes it (backticks when it is not a plain name). */
export function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `\`${key.replace(/`/g, "")}\``;
}

const attribute = (
  key: string,
  label: string,
  width: number,
  value: (row: TableRow) => string,
  sortKey = `attributes.${key}`,
): Column => ({ id: `attributes.${key}`, kind: "attribute", key, label, sortKey, width, numeric: false, value });

export const ATTRIBUTE_COLUMNS: Column[] = [
  attribute("run_name", "Run name", 220, (r) => r.run_name ?? r.run_id),
  attribute("status", "Status", 90, (r) => r.status),
  attribute("start_time", "Started", 200, (r) => formatTime(r.start_time)),
  attribute("duration", "Duration", 100, (r) => formatDuration(r.start_time, r.end_time)),
  attribute("user_id", "User", 100, (r) => r.user_id ?? ""),
  attribute("source", "Source", 150, (r) => r.source_name ?? "", "tags.`mlflow.source.name`"),
];

const find = (items: { key: string; value: string | number }[] | undefined, key: string) =>
  items?.find((i) => i.key === key)?.value;

export function dataColumn(id: string): Column | undefined {
  const dot = id.indexOf(".");
  const prefix = id.slice(0, dot);
  const key = id.slice(dot + 1);
  if (dot < 0 || !key) return undefined;
  if (prefix === "params")
    return { id, kind: "param", key, label: key, sortKey: `params.${quoteKey(key)}`, width: 120, numeric: false,
      value: (r) => String(find(r.params, key) ?? "") };
  if (prefix === "metrics")
    return { id, kind: "metric", key, label: key, sortKey: `metrics.${quoteKey(key)}`, width: 120, numeric: true,
      value: (r) => formatValue(find(r.metrics, key)) };
  if (prefix === "tags")
    return { id, kind: "tag", key, label: key, sortKey: `tags.${quoteKey(key)}`, width: 120, numeric: false,
      value: (r) => String(find(r.tags, key) ?? "") };
  return undefined;
}

/** The filter a search box text means: the grammar as typed, or a run name search for plain words. */
export function searchFilter(text: string): string {
  const q = text.trim();
  if (/[=<>!]|\b(like|ilike|in|is)\b/i.test(q)) return q;
  return containsFilter("attributes.run_name", q) ?? "";
}

/**
 * The column ids shown when the URL names none: the first metric and param keys (by name) of the
 * table's first page of runs, which the server sends all of for that view.
 */
export function defaultColumns(rows: TableRow[]): string[] {
  const keys = (pick: (r: TableRow) => { key: string }[] | undefined) =>
    [...new Set(rows.flatMap((r) => (pick(r) ?? []).map((i) => i.key)))].sort().slice(0, 8);
  return [...keys((r) => r.metrics).map((k) => `metrics.${k}`), ...keys((r) => r.params).map((k) => `params.${k}`)];
}
