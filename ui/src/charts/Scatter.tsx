// A scatter plot of two params or metrics over runs (SVG; one point per run, hover for its name).
import { colorOf } from "./colors";
import { makeAxis } from "./scales";

export interface Point {
  label: string;
  x: string | number | undefined;
  y: string | number | undefined;
}

const W = 560;
const H = 360;
const PAD = { left: 70, right: 20, top: 16, bottom: 48 };

export function Scatter({ points, xLabel, yLabel }: { points: Point[]; xLabel: string; yLabel: string }) {
  const xa = makeAxis(points.map((p) => p.x));
  const ya = makeAxis(points.map((p) => p.y));
  const px = (t: number) => PAD.left + t * (W - PAD.left - PAD.right);
  const py = (t: number) => H - PAD.bottom - t * (H - PAD.top - PAD.bottom);
  return (
    <svg class="plot" viewBox={`0 0 ${W} ${H}`} width={W} height={H} data-testid="scatter" role="img" aria-label={`${yLabel} against ${xLabel}`}>
      <line x1={px(0)} y1={py(0)} x2={px(1)} y2={py(0)} class="axis" />
      <line x1={px(0)} y1={py(0)} x2={px(0)} y2={py(1)} class="axis" />
      {xa.ticks.map((t) => (
        <text key={`x${t.label}`} x={px(t.at)} y={H - PAD.bottom + 16} text-anchor="middle">
          {t.label}
        </text>
      ))}
      {ya.ticks.map((t) => (
        <text key={`y${t.label}`} x={PAD.left - 6} y={py(t.at) + 4} text-anchor="end">
          {t.label}
        </text>
      ))}
      <text x={(px(0) + px(1)) / 2} y={H - 8} text-anchor="middle" class="axis-label">
        {xLabel}
      </text>
      <text x={14} y={(py(0) + py(1)) / 2} text-anchor="middle" class="axis-label" transform={`rotate(-90 14 ${(py(0) + py(1)) / 2})`}>
        {yLabel}
      </text>
      {points.map((p, i) => {
        const x = xa.place(p.x);
        const y = ya.place(p.y);
        if (x === undefined || y === undefined) return null;
        return (
          <circle key={p.label + i} cx={px(x)} cy={py(y)} r={5} fill={colorOf(i)} data-testid="scatter-point">
            <title>{`${p.label}: ${p.x}, ${p.y}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}
