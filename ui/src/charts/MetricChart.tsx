// A line chart of metric series (uPlot, on a canvas): x by step, wall time or relative time, a
// log y axis, smoothing drawn over the faint raw line, and drag-to-zoom that asks the server for
// the finer points of the zoomed range.
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { XAxis } from "../types";
import { colorOf } from "./colors";
import { smooth } from "./smoothing";

export interface ChartSeries {
  label: string;
  x: number[];
  y: number[];
}

interface Props {
  series: ChartSeries[];
  xAxis: XAxis;
  logY: boolean;
  smoothing: number; // 0 (none) to 0.99
  onZoom: (range: [number, number] | undefined) => void;
  zoomed: boolean;
  height?: number;
  title?: string;
}

/** x as uPlot takes it: seconds for the time axes (server values are milliseconds). */
const toChartX = (axis: XAxis, x: number) => (axis === "step" ? x : x / 1000);
const fromChartX = (axis: XAxis, x: number) => (axis === "step" ? x : x * 1000);

function build(series: ChartSeries[], logY: boolean, smoothing: number, axis: XAxis): uPlot.AlignedData {
  const positive = (ys: number[]) => (logY ? ys.map((y) => (y > 0 ? y : null)) : ys);
  const tables: uPlot.AlignedData[] = [];
  for (const s of series) {
    const xs = s.x.map((x) => toChartX(axis, x));
    const ys = positive(s.y) as number[];
    tables.push([xs, ys] as uPlot.AlignedData);
    if (smoothing > 0) tables.push([xs, positive(smooth(s.y, smoothing))] as uPlot.AlignedData);
  }
  return tables.length === 1 ? (tables[0] as uPlot.AlignedData) : uPlot.join(tables);
}

export function MetricChart({ series, xAxis, logY, smoothing, onZoom, zoomed, height = 300, title }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const zoomRef = useRef(onZoom);
  zoomRef.current = onZoom;

  useEffect(() => {
    const el = box.current;
    if (!el || !series.length) return undefined;
    el.dataset.drawn = "0";
    const lines: uPlot.Series[] = [{ label: xAxis === "step" ? "step" : xAxis === "time" ? "time" : "seconds" }];
    series.forEach((s, i) => {
      const color = colorOf(i);
      if (smoothing > 0) {
        lines.push({ label: `${s.label} (raw)`, stroke: `${color}55`, width: 1, spanGaps: true });
        lines.push({ label: s.label, stroke: color, width: 2, spanGaps: true });
      } else {
        lines.push({ label: s.label, stroke: color, width: 1.5, spanGaps: true });
      }
    });
    const opts: uPlot.Options = {
      title,
      width: Math.max(300, el.clientWidth),
      height,
      series: lines,
      scales: { x: { time: xAxis === "time" }, y: logY ? { distr: 3 } : {} },
      axes: [
        { label: xAxis === "step" ? "step" : xAxis === "time" ? undefined : "seconds since the first point" },
        {},
      ],
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 3) return;
            const min = u.posToVal(u.select.left, "x");
            const max = u.posToVal(u.select.left + u.select.width, "x");
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            zoomRef.current([fromChartX(xAxis, min), fromChartX(xAxis, max)]);
          },
        ],
        draw: [
          () => {
            el.dataset.drawn = "1";
            performance.mark("trackline:chart-drawn");
          },
        ],
      },
    };
    const chart = new uPlot(opts, build(series, logY, smoothing, xAxis), el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(300, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, xAxis, logY, smoothing, height, title]);

  return (
    <div class="chart">
      <div ref={box} class="chart-canvas" data-testid="metric-chart" />
      {zoomed && (
        <button type="button" onClick={() => onZoom(undefined)}>
          Reset zoom
        </button>
      )}
    </div>
  );
}
