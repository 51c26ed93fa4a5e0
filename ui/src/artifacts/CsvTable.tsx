// A CSV or TSV file as a table: its header and first rows.
import { parseDelimited } from "./csv";

const MAX_ROWS = 500;

export function CsvTable({ text, separator }: { text: string; separator: string }) {
  const rows = parseDelimited(text, separator, MAX_ROWS + 1);
  const [header = [], ...body] = rows;
  return (
    <div class="csv">
      <table class="grid" data-testid="csv-preview">
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.slice(0, MAX_ROWS - 1).map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && <p class="muted">Only the first {MAX_ROWS - 1} rows are shown.</p>}
    </div>
  );
}
