// Runs side by side: params and metrics with differences marked, overlaid metric charts, a
// scatter plot of any two values and parallel coordinates. MLflow's URL form:
// `#/compare-runs?runs=["id1","id2"]&experiments=["1"]`.
import * as api from "../api";
import { ChartControls, chartSettings, MetricCharts } from "../charts/MetricCharts";
import { ParallelCoordinates } from "../charts/ParallelCoordinates";
import { Scatter } from "../charts/Scatter";
import { ErrorMessage, Loading } from "../components/Status";
import { quoted } from "../filters";
import { formatDuration, formatValue } from "../format";
import { useAsync } from "../hooks";
import { href, listParam, listValue, type Location, setQuery } from "../router";
import type { Run } from "../types";

const MAX_RUNS = 100;

/** A list parameter in MLflow's JSON form (`["a","b"]`) or as plain commas. */
export function idList(text: string | null): string[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String).filter(Boolean);
  } catch {
    // not JSON: commas
  }
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

async function loadRuns(runIds: string[], experimentIds: string[]): Promise<Run[]> {
  if (!runIds.length) throw new Error("No runs to compare: the URL names none.");
  if (runIds.length > MAX_RUNS) throw new Error(`At most ${MAX_RUNS} runs can be compared at once.`);
  const found = experimentIds.length
    ? await api.searchRuns(experimentIds, `attributes.run_id IN (${runIds.map(quoted).join(", ")})`, MAX_RUNS)
    : await Promise.all(runIds.map((id) => api.getRun(id)));
  const byId = new Map(found.map((r) => [r.info.run_id, r]));
  const missing = runIds.filter((id) => !byId.has(id));
  if (missing.length) throw new Error(`Runs not found in the experiments named: ${missing.join(", ")}`);
  return runIds.map((id) => byId.get(id) as Run);
}

export function valueOf(run: Run, id: string): string | number | undefined {
  const [kind, ...rest] = id.split(".");
  const key = rest.join(".");
  if (kind === "params") return run.data.params?.find((p) => p.key === key)?.value;
  if (kind === "metrics") return run.data.metrics?.find((m) => m.key === key)?.value;
  return undefined;
}

const runLabel = (run: Run) => run.info.run_name ?? run.info.run_id;

function CompareTable({ runs, keys, onlyDiff }: { runs: Run[]; keys: string[]; onlyDiff: boolean }) {
  const rows = keys
    .map((id) => {
      const values = runs.map((r) => valueOf(r, id));
      const differs = new Set(values.map((v) => String(v ?? ""))).size > 1;
      return { id, values, differs };
    })
    .filter((r) => !onlyDiff || r.differs);
  return (
    <div class="table-scroll">
      <table class="grid compare" data-testid="compare-table">
        <thead>
          <tr>
            <th />
            {runs.map((r) => (
              <th key={r.info.run_id}>
                <a href={href(["experiments", r.info.experiment_id, "runs", r.info.run_id])}>{runLabel(r)}</a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>Duration</th>
            {runs.map((r) => (
              <td key={r.info.run_id}>{formatDuration(r.info.start_time, r.info.end_time)}</td>
            ))}
          </tr>
          {rows.map((row) => (
            <tr key={row.id} class={row.differs ? "diff" : ""} data-key={row.id} data-differs={row.differs ? "1" : "0"}>
              <th>{row.id}</th>
              {row.values.map((v, i) => (
                <td key={i} class="num">
                  {formatValue(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!rows.length && <p class="muted">No {onlyDiff ? "differing " : ""}params or metrics.</p>}
    </div>
  );
}

function KeySelect({ label, value, keys, name }: { label: string; value: string; keys: string[]; name: string }) {
  return (
    <label>
      {label}{" "}
      <select data-testid={`select-${name}`} value={value} onChange={(e) => setQuery({ [name]: (e.target as HTMLSelectElement).value })}>
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function ComparePage({ location }: { location: Location }) {
  const query = location.query;
  const runIds = idList(query.get("runs"));
  const experimentIds = idList(query.get("experiments"));
  const runs = useAsync(() => loadRuns(runIds, experimentIds), [runIds.join(","), experimentIds.join(",")]);
  if (runs.error) {
    return (
      <div class="page">
        <h1>Compare runs</h1>
        <ErrorMessage error={runs.error} title="Could not compare the runs" />
      </div>
    );
  }
  if (!runs.data) return <Loading what="the runs" />;
  const list = runs.data;
  const paramKeys = [...new Set(list.flatMap((r) => (r.data.params ?? []).map((p) => `params.${p.key}`)))].sort();
  const metricNames = [...new Set(list.flatMap((r) => (r.data.metrics ?? []).map((m) => m.key)))].sort();
  const metricKeys = metricNames.map((k) => `metrics.${k}`);
  const allKeys = [...paramKeys, ...metricKeys];
  const onlyDiff = query.get("diff") === "1";
  const chartMetrics = query.has("metrics") ? listParam(query, "metrics").filter((k) => metricNames.includes(k)) : metricNames.slice(0, 2);
  const sx = query.get("sx") ?? paramKeys[0] ?? allKeys[0] ?? "";
  const sy = query.get("sy") ?? metricKeys[0] ?? allKeys[1] ?? "";
  const differing = allKeys.filter((k) => new Set(list.map((r) => String(valueOf(r, k) ?? ""))).size > 1);
  const pc = query.has("pc") ? listParam(query, "pc").filter((k) => allKeys.includes(k)) : differing.slice(0, 6);
  const settings = chartSettings(query);
  const flip = (name: string, items: string[], item: string) =>
    setQuery({ [name]: listValue(items.includes(item) ? items.filter((k) => k !== item) : [...items, item]) || "," });
  return (
    <div class="page compare-page">
      <h1>Compare {list.length} runs</h1>
      <section>
        <h2>Params and metrics</h2>
        <label class="check">
          <input type="checkbox" data-testid="only-diff" checked={onlyDiff} onChange={() => setQuery({ diff: !onlyDiff })} />
          Only rows that differ
        </label>
        <CompareTable runs={list} keys={allKeys} onlyDiff={onlyDiff} />
      </section>
      <section>
        <h2>Metric charts</h2>
        <div class="toolbar metric-picker">
          {metricNames.map((k) => (
            <label key={k} class="check">
              <input type="checkbox" checked={chartMetrics.includes(k)} onChange={() => flip("metrics", chartMetrics, k)} />
              {k}
            </label>
          ))}
        </div>
        <ChartControls settings={settings} />
        <MetricCharts runs={list.map((r) => ({ id: r.info.run_id, label: runLabel(r) }))} metricKeys={chartMetrics} settings={settings} />
      </section>
      {allKeys.length > 0 && (
        <section>
          <h2>Scatter plot</h2>
          <div class="toolbar">
            <KeySelect label="X" value={sx} keys={allKeys} name="sx" />
            <KeySelect label="Y" value={sy} keys={allKeys} name="sy" />
          </div>
          <Scatter points={list.map((r) => ({ label: runLabel(r), x: valueOf(r, sx), y: valueOf(r, sy) }))} xLabel={sx} yLabel={sy} />
        </section>
      )}
      {allKeys.length > 0 && (
        <section>
          <h2>Parallel coordinates</h2>
          <details>
            <summary>Axes ({pc.length})</summary>
            <div class="toolbar">
              {allKeys.map((k) => (
                <label key={k} class="check">
                  <input type="checkbox" checked={pc.includes(k)} onChange={() => flip("pc", pc, k)} />
                  {k}
                </label>
              ))}
            </div>
          </details>
          {pc.length >= 2 ? (
            <ParallelCoordinates axes={pc} lines={list.map((r) => ({ label: runLabel(r), values: pc.map((k) => valueOf(r, k)) }))} />
          ) : (
            <p class="muted">Pick at least two axes.</p>
          )}
        </section>
      )}
    </div>
  );
}
