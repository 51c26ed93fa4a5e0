// A table of tags with add, edit and delete; `mlflow.*` system tags are listed apart, read-only.
import { useState } from "preact/hooks";
import { useAction } from "../hooks";
import type { KeyValue } from "../types";
import { ErrorMessage } from "./Status";

interface Props {
  tags: KeyValue[];
  save: (key: string, value: string) => Promise<unknown>;
  remove: (key: string) => Promise<unknown>;
  changed: () => void;
}

export const isSystemTag = (key: string) => key.startsWith("mlflow.");

export function TagEditor({ tags, save, remove, changed }: Props) {
  const [editing, setEditing] = useState<KeyValue | undefined>();
  const [showSystem, setShowSystem] = useState(false);
  const action = useAction();
  const user = tags.filter((t) => !isSystemTag(t.key));
  const system = tags.filter((t) => isSystemTag(t.key));
  const submit = async (event: Event) => {
    event.preventDefault();
    if (editing && (await action.run(() => save(editing.key.trim(), editing.value)))) {
      setEditing(undefined);
      changed();
    }
  };
  const drop = async (key: string) => {
    if (await action.run(() => remove(key))) changed();
  };
  return (
    <div class="tags" data-testid="tags">
      <table class="kv">
        <tbody>
          {user.map((t) => (
            <tr key={t.key}>
              <th>{t.key}</th>
              <td>{t.value}</td>
              <td class="actions">
                <button type="button" onClick={() => setEditing({ ...t })} aria-label={`Edit tag ${t.key}`}>
                  Edit
                </button>
                <button type="button" onClick={() => drop(t.key)} aria-label={`Delete tag ${t.key}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {showSystem &&
            system.map((t) => (
              <tr key={t.key} class="system">
                <th>{t.key}</th>
                <td colSpan={2}>{t.value}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {!user.length && <p class="muted">No tags.</p>}
      {editing ? (
        <form class="inline-form" onSubmit={submit}>
          <input
            aria-label="Tag key"
            placeholder="key"
            value={editing.key}
            onInput={(e) => setEditing({ ...editing, key: (e.target as HTMLInputElement).value })}
          />
          <input
            aria-label="Tag value"
            placeholder="value"
            value={editing.value}
            onInput={(e) => setEditing({ ...editing, value: (e.target as HTMLInputElement).value })}
          />
          <button type="submit" disabled={action.busy}>
            Save tag
          </button>
          <button type="button" onClick={() => setEditing(undefined)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setEditing({ key: "", value: "" })}>
          Add tag
        </button>
      )}
      {system.length > 0 && (
        <label class="toggle">
          <input type="checkbox" checked={showSystem} onChange={() => setShowSystem(!showSystem)} />
          Show {system.length} system tags
        </label>
      )}
      <ErrorMessage error={action.error} />
    </div>
  );
}
