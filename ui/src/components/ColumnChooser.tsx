// Picks the param, metric and tag columns of the runs table from every key the experiment has.
import { useState } from "preact/hooks";
import type { ExperimentKeys } from "../types";
import { Loading } from "./Status";
import { isSystemTag } from "./TagEditor";

interface Props {
  keys: ExperimentKeys | undefined; // undefined until loaded
  onOpen: () => void;
  chosen: string[];
  change: (columns: string[]) => void;
}

const GROUPS: [keyof ExperimentKeys, string][] = [
  ["metrics", "Metrics"],
  ["params", "Params"],
  ["tags", "Tags"],
];

export function ColumnChooser({ keys, onOpen, chosen, change }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const picked = new Set(chosen);
  const flip = (id: string) => change(picked.has(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  const needle = text.trim().toLowerCase();
  return (
    <div class="chooser">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          onOpen();
        }}
        data-testid="columns-button"
      >
        Columns ({chosen.length})
      </button>
      {open && !keys && (
        <div class="chooser-panel">
          <Loading what="the experiment's keys" />
        </div>
      )}
      {open && keys && (
        <div class="chooser-panel" data-testid="columns-panel">
          <input
            type="search"
            aria-label="Find a column"
            placeholder="Find a key"
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
          {GROUPS.map(([group, label]) => {
            const all = (keys[group] ?? []).filter((k) => group !== "tags" || !isSystemTag(k));
            const shown = all.filter((k) => k.toLowerCase().includes(needle));
            return (
              <fieldset key={group}>
                <legend>
                  {label} ({all.length})
                </legend>
                {shown.map((k) => {
                  const id = `${group}.${k}`;
                  return (
                    <label key={id} class="check">
                      <input type="checkbox" checked={picked.has(id)} onChange={() => flip(id)} />
                      {k}
                    </label>
                  );
                })}
                {!shown.length && <span class="muted">none</span>}
              </fieldset>
            );
          })}
          <div class="buttons">
            <button type="button" onClick={() => change([])}>
              Clear all
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
