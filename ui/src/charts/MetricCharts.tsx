// Charts of some metrics of some runs, one chart per metric with the runs overlaid, from
// server-side downsampled histories. The chart settings live in the URL.
import { useMemo } from "preact/hooks";
import * as api from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../hooks";
import { setQuery } from "../router";
import type { XAxis } from "../types";
import { type ChartSeries, MetricChart } from "./MetricChart";

const X_AXES: { value: XAxis; label: string }[] = [
  { value: "step", label: "Step" },
  { value: "time", label: "Wall time" },
  { value: "relative", label: "Relative time" },
];
const BUCKETS = 1000;

export interface ChartSettings {
  xAxis: XAxis;
  logY: boolean;
  smoothing: number;
  zoom: [number, number] | undefined;
}

export function chartSettings(query: URLSearchParams): ChartSettings {
  const x = query.get("x");
  const zoom = (query.get("zoom") ?? "").split(",").map(Number);
  return {
    xAxis: x === "time" || x === "relative" ? x : "step",
    logY: query.get("log") === "1",
    smoothing: Math.min(0.99, Math.max(0, Number(query.get("smooth") ?? 0) || 0)),
    zoom: zoom.length === 2 && zoom.every(Number.isFinite) ? [zoom[0] ?? 0, zoom[1] ?? 0] : undefined,
  };
}

export function ChartControls({ settings }: { settings: ChartSettings }) {
  return (
    <div class="toolbar chart-controls">
      <label>
        X axis{" "}
        <select
          data-testid="x-axis"
          value={settings.xAxis}
          onChange={(e) => setQuery({ x: (e.target as HTMLSelectElement).value, zoom: undefined })}
        >
          {X_AXES.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input type="checkbox" data-testid="log-scale" checked={settings.logY} onChange={() => setQuery({ log: !settings.logY })} />
        Log scale
      </label>
      <label>
        Smoothing{" "}
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          aria-label="Smoothing"
          onChange={(e) => setQuery({ smooth: Number((e.target as HTMLInputElement).value) || undefined })}
        />{" "}
        {settings.smoothing.toFixed(2)}
      </label>
    </div>
  );
}

interface Props {
  runs: { id: string; label: string }[];
  metricKeys: string[];
  settings: ChartSettings;
}

export function MetricCharts({ runs, metricKeys, settings }: Props) {
  const runIds = runs.map((r) => r.id);
  const data = useAsync(async () => {
    if (!runIds.length || !metricKeys.length) return [];
    return api.downsampledMetrics({
      run_ids: runIds,
      metric_keys: metricKeys,
      x_axis: settings.xAxis,
      buckets: BUCKETS,
      x_min: settings.zoom?.[0],
      x_max: settings.zoom?.[1],
    });
  }, [runIds.join(","), metricKeys.join(","), settings.xAxis, settings.zoom?.join(",")]);
  const labelText = runs.map((r) => r.label).join("\n");
  const byKey = useMemo(() => {
    const labels = new Map(runs.map((r) => [r.id, r.label]));
    const out = new Map<string, { series: ChartSeries[]; points: number }>();
    for (const s of data.data ?? []) {
      const entry = out.get(s.key) ?? { series: [], points: 0 };
      entry.series.push({ label: labels.get(s.run_id) ?? s.run_id, x: s.x, y: s.y });
      entry.points += s.points;
      out.set(s.key, entry);
    }
    return out;
  }, [data.data, labelText]);
  if (data.error) return <ErrorMessage error={data.error} title="Could not load the metric histories" />;
  if (!data.data) return <Loading what="charts" />;
  const onZoom = (range: [number, number] | undefined) => setQuery({ zoom: range ? range.join(",") : undefined });
  return (
    <div class="charts" data-testid="charts">
      {metricKeys.map((key) => {
        const { series, points } = byKey.get(key) ?? { series: [], points: 0 };
        return (
          <section key={key} class="chart-card" data-metric={key}>
            <h3>
              {key} <span class="muted">({points.toLocaleString()} points)</span>
            </h3>
            {series.length ? (
              <MetricChart
                series={series}
                xAxis={settings.xAxis}
                logY={settings.logY}
                smoothing={settings.smoothing}
                onZoom={onZoom}
                zoomed={!!settings.zoom}
              />
            ) : (
              <p class="muted">No points{settings.zoom ? " in the zoomed range" : ""}.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
