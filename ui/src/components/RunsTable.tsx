// The runs table: only the rows in view are drawn, and their pages fetched as they come into view,
// so 10,000 runs scroll as smoothly as 100.
import { useEffect, useRef, useState } from "preact/hooks";
import { href } from "../router";
import type { Column } from "../runColumns";
import type { RunsWindow } from "../runsData";

export const ROW_HEIGHT = 30;
const OVERSCAN = 15;

interface Props {
  columns: Column[];
  data: RunsWindow;
  sort: { key: string; ascending: boolean } | undefined;
  onSort: (column: Column) => void;
  selected: Set<string>;
  onSelect: (runId: string) => void;
}

export function RunsTable({ columns, data, sort, onSort, selected, onSelect }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const marked = useRef(false);
  const frame = useRef(0);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const el = box.current;
      if (el) setView({ top: el.scrollTop, height: el.clientHeight });
    });
  };
  useEffect(() => {
    const el = box.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight });
    window.addEventListener("resize", onScroll);
    return () => window.removeEventListener("resize", onScroll);
  }, []);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(data.rows.length - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => data.ensure(first, last), [first, last, data.ensure]);
  useEffect(() => {
    if (data.firstPageShown && !marked.current) {
      marked.current = true;
      performance.mark("trackline:runs-table-ready");
    }
  }, [data.firstPageShown]);

  const width = 36 + columns.reduce((sum, c) => sum + c.width, 0);
  const visible = data.rows.slice(first, last + 1);
  return (
    <div
      class="table-box"
      ref={box}
      onScroll={onScroll}
      data-testid="runs-table"
      data-ready={data.firstPageShown ? "true" : "false"}
      data-total={data.total ?? ""}
    >
      <table class="grid runs" style={{ width: `${width}px` }}>
        <colgroup>
          <col style={{ width: "36px" }} />
          {columns.map((c) => (
            <col key={c.id} style={{ width: `${c.width}px` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th />
            {columns.map((c) => {
              const active = sort?.key === c.sortKey;
              return (
                <th key={c.id} class={c.kind} title={c.id} aria-sort={active ? (sort?.ascending ? "ascending" : "descending") : "none"}>
                  <button type="button" class="sort" onClick={() => onSort(c)} data-column={c.id}>
                    {c.label}
                    {active ? (sort?.ascending ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr class="spacer" style={{ height: `${first * ROW_HEIGHT}px` }} />}
          {visible.map(({ row, depth }, i) => {
            if (!row) {
              return (
                <tr key={`pending-${first + i}`} class="pending">
                  <td colSpan={columns.length + 1}>…</td>
                </tr>
              );
            }
            const link = href(["experiments", row.experiment_id, "runs", row.run_id]);
            return (
              <tr
                key={row.run_id}
                data-run-id={row.run_id}
                data-testid="run-row"
                class={`${row.lifecycle_stage === "deleted" ? "deleted" : ""} depth-${depth}`}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.run_name ?? row.run_id}`}
                    checked={selected.has(row.run_id)}
                    onChange={() => onSelect(row.run_id)}
                  />
                </td>
                {columns.map((c) => (
                  <td key={c.id} class={c.numeric ? "num" : ""} title={c.value(row)}>
                    {c.id === "attributes.run_name" ? (
                      <span class="name-cell" style={{ paddingLeft: `${depth * 18}px` }}>
                        {row.child_count > 0 && depth === 0 ? (
                          <button
                            type="button"
                            class="expander"
                            aria-expanded={data.expanded.has(row.run_id)}
                            aria-label={`Show the ${row.child_count} child runs of ${row.run_name ?? row.run_id}`}
                            onClick={() => data.toggle(row)}
                          >
                            {data.expanded.has(row.run_id) ? "▾" : "▸"} {row.child_count}
                          </button>
                        ) : null}
                        <a href={link}>{c.value(row)}</a>
                      </span>
                    ) : c.id === "attributes.status" ? (
                      <span class={`status status-${row.status.toLowerCase()}`}>{row.status}</span>
                    ) : (
                      c.value(row)
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          {last < data.rows.length - 1 && (
            <tr class="spacer" style={{ height: `${(data.rows.length - 1 - last) * ROW_HEIGHT}px` }} />
          )}
        </tbody>
      </table>
    </div>
  );
}
