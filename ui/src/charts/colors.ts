// One color per run or series, the same everywhere in the UI.
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

export function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length] ?? "#1f77b4";
}
