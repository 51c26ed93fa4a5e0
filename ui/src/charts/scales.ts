// Axes for the scatter and parallel coordinates plots: numeric when every value is a number,
// categories otherwise.
export interface Axis {
  /** Position in [0, 1] of a value, or undefined when the value is missing. */
  place: (value: string | number | undefined) => number | undefined;
  ticks: { at: number; label: string }[];
}

const asNumber = (v: string | number | undefined) => (v === undefined || v === "" ? NaN : Number(v));

export function makeAxis(values: (string | number | undefined)[]): Axis {
  const present = values.filter((v) => v !== undefined && v !== "");
  const numeric = present.length > 0 && present.every((v) => Number.isFinite(asNumber(v)));
  if (numeric) {
    const nums = present.map(asNumber);
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const span = hi - lo || 1;
    const place = (v: string | number | undefined) => {
      const n = asNumber(v);
      return Number.isFinite(n) ? (hi === lo ? 0.5 : (n - lo) / span) : undefined;
    };
    const label = (n: number) => String(Number(n.toPrecision(4)));
    return { place, ticks: hi === lo ? [{ at: 0.5, label: label(lo) }] : [{ at: 0, label: label(lo) }, { at: 1, label: label(hi) }] };
  }
  const categories = [...new Set(present.map(String))].sort();
  const step = categories.length > 1 ? 1 / (categories.length - 1) : 0;
  const index = new Map(categories.map((c, i) => [c, categories.length > 1 ? i * step : 0.5]));
  return {
    place: (v) => (v === undefined || v === "" ? undefined : index.get(String(v))),
    ticks: categories.map((c) => ({ at: index.get(c) ?? 0.5, label: c })),
  };
}
