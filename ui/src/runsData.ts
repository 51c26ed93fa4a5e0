// The rows of the runs table, fetched a page at a time as they scroll into view, plus the
// children of the runs opened to show them.
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import * as api from "./api";
import type { TableRequest, TableRow } from "./types";

export const PAGE = 100;
const MAX_CHILDREN = 1000;

export interface DisplayRow {
  row: TableRow | undefined; // undefined: not fetched yet
  depth: number;
  top: number; // the index of this row's top-level run
}

export interface RunsWindow {
  total: number | undefined;
  rows: DisplayRow[];
  error: Error | undefined;
  firstPageShown: boolean;
  firstPage: TableRow[] | undefined;
  ensure: (from: number, to: number) => void;
  toggle: (row: TableRow) => void;
  expanded: Set<string>;
  reload: () => void;
}

/** `request` without offset and size: a change of it starts over. */
export function useRunsWindow(request: TableRequest | undefined): RunsWindow {
  const [pages, setPages] = useState<Map<number, TableRow[]>>(new Map());
  const [total, setTotal] = useState<number | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [children, setChildren] = useState<Map<string, TableRow[]>>(new Map());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [generation, setGeneration] = useState(0);
  const requested = useRef(new Set<number>());
  const key = JSON.stringify(request ?? null) + generation;
  const currentKey = useRef(key);

  const fetchPage = useCallback(
    (page: number) => {
      if (!request || requested.current.has(page)) return;
      requested.current.add(page);
      const ticket = currentKey.current;
      api.runsTable({ ...request, offset: page * PAGE, max_results: PAGE }).then(
        (result) => {
          if (ticket !== currentKey.current) return;
          setTotal(result.total_count);
          setPages((old) => new Map(old).set(page, result.rows ?? []));
        },
        (err: Error) => {
          if (ticket !== currentKey.current) return;
          requested.current.delete(page);
          setError(err);
        },
      );
    },
    [key],
  );

  useEffect(() => {
    currentKey.current = key;
    requested.current = new Set();
    setPages(new Map());
    setChildren(new Map());
    setTotal(undefined);
    setError(undefined);
    fetchPage(0);
  }, [key]);

  const rows = useMemo(() => {
    const out: DisplayRow[] = [];
    const count = total ?? 0;
    for (let i = 0; i < count; i += 1) {
      const row = pages.get(Math.floor(i / PAGE))?.[i % PAGE];
      out.push({ row, depth: 0, top: i });
      if (row && expanded.has(row.run_id)) {
        for (const child of children.get(row.run_id) ?? []) out.push({ row: child, depth: 1, top: i });
      }
    }
    return out;
  }, [pages, total, children, expanded]);

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let i = Math.max(0, from); i <= Math.min(to, rows.length - 1); i += 1) {
        const item = rows[i];
        if (item && !item.row) fetchPage(Math.floor(item.top / PAGE));
      }
    },
    [fetchPage, rows],
  );

  const toggle = useCallback(
    (row: TableRow) => {
      const next = new Set(expanded);
      if (next.has(row.run_id)) {
        next.delete(row.run_id);
      } else {
        next.add(row.run_id);
        if (request && !children.has(row.run_id)) {
          const ticket = currentKey.current;
          const { top_level_only: _omit, ...rest } = request;
          api.runsTable({ ...rest, parent_run_id: row.run_id, offset: 0, max_results: MAX_CHILDREN }).then(
            (result) =>
              ticket === currentKey.current &&
              setChildren((old) => new Map(old).set(row.run_id, result.rows ?? [])),
            (err: Error) => setError(err),
          );
        }
      }
      setExpanded(next);
    },
    [expanded, children, key],
  );

  return {
    total,
    rows,
    error,
    firstPageShown: pages.has(0),
    firstPage: pages.get(0),
    ensure,
    toggle,
    expanded,
    reload: () => setGeneration((g) => g + 1),
  };
}
