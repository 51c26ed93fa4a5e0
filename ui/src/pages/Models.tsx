// The registered models: search by name, newest versions and aliases at a glance.
import { useState } from "preact/hooks";
import * as api from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { formatTime } from "../format";
import { useAsync } from "../hooks";
import { href, type Location, setQuery } from "../router";
import type { RegisteredModel } from "../types";

export default function ModelsPage({ location }: { location: Location }) {
  const q = location.query.get("q") ?? "";
  const [text, setText] = useState(q);
  const [tokens, setTokens] = useState<string[]>([]);
  const filter = q.trim() ? `name ILIKE '%${q.trim().replace(/'/g, "''")}%'` : "";
  const models = useAsync(async () => {
    const all: RegisteredModel[] = [];
    let token: string | undefined;
    for (let page = 0; page <= tokens.length; page += 1) {
      const result = await api.searchRegisteredModels(filter, token);
      all.push(...(result.registered_models ?? []));
      token = result.next_page_token;
      if (!token) break;
    }
    return { models: all, next: token };
  }, [filter, tokens.length]);
  return (
    <div class="page">
      <h1>Registered models</h1>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setTokens([]);
          setQuery({ q: text.trim() });
        }}
      >
        <input
          type="search"
          aria-label="Search models by name"
          placeholder="Search by name"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Search</button>
      </form>
      <ErrorMessage error={models.error} title="Could not list the models" />
      {!models.data && !models.error && <Loading what="models" />}
      {models.data && (
        <>
          <table class="grid" data-testid="models">
            <thead>
              <tr>
                <th>Name</th>
                <th>Latest versions</th>
                <th>Aliases</th>
                <th>Last modified</th>
              </tr>
            </thead>
            <tbody>
              {models.data.models.map((m) => (
                <tr key={m.name} data-testid="model-row">
                  <td>
                    <a href={href(["models", m.name])}>{m.name}</a>
                  </td>
                  <td>
                    {(m.latest_versions ?? []).map((v) => (
                      <a key={v.version} class="pill" href={href(["models", m.name, "versions", v.version])}>
                        v{v.version} {v.current_stage && v.current_stage !== "None" ? v.current_stage : ""}
                      </a>
                    ))}
                  </td>
                  <td>
                    {(m.aliases ?? []).map((a) => (
                      <span key={a.alias} class="pill">
                        @{a.alias} → v{a.version}
                      </span>
                    ))}
                  </td>
                  <td>{formatTime(m.last_updated_timestamp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!models.data.models.length && <p class="muted">No registered models{q ? " match" : " yet"}.</p>}
          {models.data.next && (
            <button type="button" onClick={() => setTokens([...tokens, models.data?.next ?? ""])}>
              Load more
            </button>
          )}
        </>
      )}
    </div>
  );
}
