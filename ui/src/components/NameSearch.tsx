// A search box for names: submits the trimmed text.
import { useState } from "preact/hooks";

export function NameSearch({ label, initial, search }: { label: string; initial: string; search: (text: string) => void }) {
  const [text, setText] = useState(initial);
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        search(text.trim());
      }}
    >
      <input
        type="search"
        aria-label={label}
        placeholder="Search by name"
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Search</button>
    </form>
  );
}
