// A description shown as Markdown, edited in place.
import { useState } from "preact/hooks";
import { useAction } from "../hooks";
import { Markdown } from "./Markdown";
import { ErrorMessage } from "./Status";

export function Description({ text, save }: { text: string; save: (text: string) => Promise<unknown> }) {
  const [draft, setDraft] = useState<string | undefined>();
  const action = useAction();
  if (draft === undefined) {
    return (
      <section class="description" data-testid="description">
        {text ? <Markdown source={text} /> : <p class="muted">No description.</p>}
        <button type="button" onClick={() => setDraft(text)}>
          Edit description
        </button>
      </section>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await action.run(() => save(draft))) setDraft(undefined);
  };
  return (
    <form class="description" onSubmit={submit}>
      <textarea
        aria-label="Description (Markdown)"
        rows={8}
        value={draft}
        onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
      />
      <ErrorMessage error={action.error} />
      <div class="buttons">
        <button type="submit" disabled={action.busy}>
          Save
        </button>
        <button type="button" onClick={() => setDraft(undefined)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
