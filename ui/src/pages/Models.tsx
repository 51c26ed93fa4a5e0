// The registered models: search by name, newest versions and aliases at a glance.
import { useState } from "preact/hooks";
import * as api from "../api";
import { NameSearch } from "../components/NameSearch";
import { ErrorMessage, Loading } from "../components/Status";
import { containsFilter } from "../filters";
import { formatTime } from "../format";
import { useAsync } from "../hooks";
import { href, type Location, setQuery } from "../router";
import type { RegisteredModel } from "../types";

export default function ModelsPage({ location }: { location: Location }) {
  const q = location.query.get("q") ?? "";
  const [tokens, setTokens] = useState<string[]>([]);
  const filter = containsFilter("name", q) ?? "";
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
      <NameSearch
        label="Search models by name"
        initial={q}
        search={(text) => {
          setTokens([]);
          setQuery({ q: text });
        }}
      />
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
