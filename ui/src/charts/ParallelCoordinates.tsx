// Parallel coordinates: one vertical axis per param or metric, one line per run across them.
import { colorOf } from "./colors";
import { makeAxis } from "./scales";

export interface Line {
  label: string;
  values: (string | number | undefined)[];
}

const H = 340;
const PAD = { top: 30, bottom: 30, side: 60 };
const GAP = 150;

export function ParallelCoordinates({ axes, lines }: { axes: string[]; lines: Line[] }) {
  const scales = axes.map((_, i) => makeAxis(lines.map((l) => l.values[i])));
  const W = PAD.side * 2 + Math.max(1, axes.length - 1) * GAP;
  const ax = (i: number) => PAD.side + i * GAP;
  const ay = (t: number) => H - PAD.bottom - t * (H - PAD.top - PAD.bottom);
  return (
    <svg class="plot" viewBox={`0 0 ${W} ${H}`} width={W} height={H} data-testid="parallel" role="img" aria-label="Parallel coordinates">
      {lines.map((line, li) => {
        const points = line.values
          .map((v, i) => {
            const t = scales[i]?.place(v);
            return t === undefined ? undefined : `${ax(i)},${ay(t)}`;
          })
          .filter(Boolean);
        return (
          <polyline key={line.label + li} points={points.join(" ")} fill="none" stroke={colorOf(li)} stroke-width={2} opacity={0.8} data-testid="parallel-line">
            <title>{line.label}</title>
          </polyline>
        );
      })}
      {axes.map((name, i) => (
        <g key={name}>
          <line x1={ax(i)} y1={ay(0)} x2={ax(i)} y2={ay(1)} class="axis" />
          <text x={ax(i)} y={PAD.top - 12} text-anchor="middle" class="axis-label">
            {name}
          </text>
          {scales[i]?.ticks.map((t) => (
            <text key={t.label} x={ax(i) + 6} y={ay(t.at) + 4}>
              {t.label}
            </text>
          ))}
        </g>
      ))}
    </svg>
  );
}
