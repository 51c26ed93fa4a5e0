// Exponential moving average with the start-up bias removed (a weight of 0 leaves the values as they are).
export function smooth(values: number[], weight: number): number[] {
  if (weight <= 0) return values.slice();
  const out: number[] = [];
  let average = 0;
  let seen = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) {
      out.push(value);
      continue;
    }
    seen += 1;
    average = average * weight + (1 - weight) * value;
    out.push(average / (1 - weight ** seen));
  }
  return out;
}
