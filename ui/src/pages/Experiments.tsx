// The experiments list: search, create, rename, delete and restore; the default experiment first.
import { useState } from "preact/hooks";
import * as api from "../api";
import { formatTime } from "../format";
import { useAction, useAsync } from "../hooks";
import { href, type Location, navigate, setQuery } from "../router";
import { NameSearch } from "../components/NameSearch";
import { ErrorMessage, Loading } from "../components/Status";
import { containsFilter } from "../filters";
import type { Experiment, ViewType } from "../types";

const VIEWS: Record<string, ViewType> = { active: "ACTIVE_ONLY", deleted: "DELETED_ONLY", all: "ALL" };
const DEFAULT_ID = "0";

/** The default experiment first, the rest in the server's order. */
export function defaultFirst(experiments: Experiment[]): Experiment[] {
  const first = experiments.filter((e) => e.experiment_id === DEFAULT_ID);
  return [...first, ...experiments.filter((e) => e.experiment_id !== DEFAULT_ID)];
}

function CreateForm({ created }: { created: (id: string) => void }) {
  const [name, setName] = useState("");
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    let id = "";
    if (await action.run(async () => (id = await api.createExperiment(name.trim())))) created(id);
  };
  return (
    <form class="inline-form" onSubmit={submit} data-testid="create-experiment">
      <input
        aria-label="New experiment name"
        placeholder="New experiment name"
        value={name}
        onInput={(e) => setName((e.target as HTMLInputElement).value)}
      />
      <button type="submit" disabled={action.busy || !name.trim()}>
        Create experiment
      </button>
      <ErrorMessage error={action.error} title="Could not create the experiment" />
    </form>
  );
}

function ExperimentRow({ experiment, changed }: { experiment: Experiment; changed: () => void }) {
  const [newName, setNewName] = useState<string | undefined>();
  const action = useAction();
  const deleted = experiment.lifecycle_stage === "deleted";
  const id = experiment.experiment_id;
  const rename = async (event: Event) => {
    event.preventDefault();
    if (newName !== undefined && (await action.run(() => api.renameExperiment(id, newName.trim())))) {
      setNewName(undefined);
      changed();
    }
  };
  const act = async (fn: () => Promise<unknown>) => {
    if (await action.run(fn)) changed();
  };
  return (
    <tr data-testid="experiment-row" data-experiment-id={id} class={deleted ? "deleted" : ""}>
      <td>
        {newName === undefined ? (
          <a href={href(["experiments", id])}>{experiment.name}</a>
        ) : (
          <form class="inline-form" onSubmit={rename}>
            <input
              aria-label="Experiment name"
              value={newName}
              onInput={(e) => setNewName((e.target as HTMLInputElement).value)}
            />
            <button type="submit" disabled={action.busy}>
              Save
            </button>
            <button type="button" onClick={() => setNewName(undefined)}>
              Cancel
            </button>
          </form>
        )}
        <ErrorMessage error={action.error} />
      </td>
      <td class="num">{id}</td>
      <td>{formatTime(experiment.creation_time)}</td>
      <td>{formatTime(experiment.last_update_time)}</td>
      <td class="actions">
        {!deleted && (
          <button type="button" onClick={() => setNewName(experiment.name)}>
            Rename
          </button>
        )}
        {deleted ? (
          <button type="button" onClick={() => act(() => api.restoreExperiment(id))}>
            Restore
          </button>
        ) : (
          id !== DEFAULT_ID && (
            <button type="button" onClick={() => act(() => api.deleteExperiment(id))}>
              Delete
            </button>
          )
        )}
      </td>
    </tr>
  );
}

export function ExperimentsPage({ location }: { location: Location }) {
  const q = location.query.get("q") ?? "";
  const view = location.query.get("view") ?? "active";
  const [pages, setPages] = useState<string[]>([]);
  const list = useAsync(async () => {
    const experiments: Experiment[] = [];
    let token: string | undefined;
    // Pages already shown are fetched again on reload, so a change shows in place.
    for (let page = 0; page <= pages.length; page += 1) {
      const result = await api.searchExperiments({
        filter: containsFilter("name", q),
        view_type: VIEWS[view] ?? "ACTIVE_ONLY",
        order_by: ["last_update_time DESC"],
        max_results: 100,
        page_token: token,
      });
      experiments.push(...(result.experiments ?? []));
      token = result.next_page_token;
      if (!token) break;
    }
    return { experiments: defaultFirst(experiments), next: token };
  }, [q, view, pages.length]);
  return (
    <div class="page">
      <h1>Experiments</h1>
      <div class="toolbar">
        <NameSearch
          label="Search experiments by name"
          initial={q}
          search={(text) => {
            setPages([]);
            setQuery({ q: text });
          }}
        />
        <label>
          Show{" "}
          <select value={view} onChange={(e) => setQuery({ view: (e.target as HTMLSelectElement).value })}>
            <option value="active">active</option>
            <option value="deleted">deleted</option>
            <option value="all">all</option>
          </select>
        </label>
        <CreateForm created={(id) => navigate(href(["experiments", id]))} />
      </div>
      <ErrorMessage error={list.error} title="Could not list the experiments" />
      {list.loading && !list.data && <Loading what="experiments" />}
      {list.data && (
        <>
          <table class="grid" data-testid="experiments">
            <thead>
              <tr>
                <th>Name</th>
                <th>ID</th>
                <th>Created</th>
                <th>Last updated</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.experiments.map((e) => (
                <ExperimentRow key={e.experiment_id} experiment={e} changed={list.reload} />
              ))}
            </tbody>
          </table>
          {!list.data.experiments.length && <p class="muted">No experiments match.</p>}
          {list.data.next && (
            <button type="button" onClick={() => setPages([...pages, list.data?.next ?? ""])}>
              Load more
            </button>
          )}
        </>
      )}
    </div>
  );
}
