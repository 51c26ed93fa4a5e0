// Filter strings in MLflow's search grammar, built from what people type.

/** A string literal of the grammar: single quotes, a quote inside doubled. */
export function quoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `<field> ILIKE '%text%'`, or undefined for empty text. */
export function containsFilter(field: string, text: string): string | undefined {
  const q = text.trim();
  return q ? `${field} ILIKE ${quoted(`%${q}%`)}` : undefined;
}
