// An experiment's runs: search with MLflow's filter grammar, sort on the server, pick columns,
// nest child runs under their parents, select runs to compare. All of it lives in the URL.
import { useMemo, useState } from "preact/hooks";
import * as api from "../api";
import { ColumnChooser } from "../components/ColumnChooser";
import { RunsTable } from "../components/RunsTable";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../hooks";
import { href, listParam, listValue, type Location, navigate, setQuery } from "../router";
import { ATTRIBUTE_COLUMNS, type Column, dataColumn, defaultColumns, searchFilter } from "../runColumns";
import { useRunsWindow } from "../runsData";
import type { TableRequest, ViewType } from "../types";

const VIEWS: Record<string, ViewType> = { active: "ACTIVE_ONLY", deleted: "DELETED_ONLY", all: "ALL" };

function parseSort(text: string | null): { key: string; ascending: boolean } | undefined {
  if (!text) return undefined;
  const match = /^(.*)\s+(ASC|DESC)$/i.exec(text.trim());
  return match ? { key: match[1] ?? "", ascending: (match[2] ?? "").toUpperCase() === "ASC" } : { key: text, ascending: true };
}

/** The compare page's URL in MLflow's own form. */
export function compareHref(runIds: string[], experimentIds: string[]): string {
  return href(["compare-runs"], { runs: JSON.stringify(runIds), experiments: JSON.stringify(experimentIds) });
}

export function RunsPage({ experimentId, location }: { experimentId: string; location: Location }) {
  const query = location.query;
  const filter = query.get("filter") ?? "";
  const viewName = query.get("view") ?? "active";
  const view = VIEWS[viewName] ?? "ACTIVE_ONLY";
  const flat = query.get("flat") === "1";
  const sort = parseSort(query.get("order"));
  const selected = new Set(listParam(query, "sel"));
  const [text, setText] = useState(filter);
  // The experiment's keys are only needed by the column chooser: fetched when it first opens.
  const [wantKeys, setWantKeys] = useState(false);

  const experiment = useAsync(() => api.getExperiment(experimentId), [experimentId]);
  const keys = useAsync(
    () => (wantKeys ? api.experimentKeys(experimentId, view) : Promise.resolve(undefined)),
    [experimentId, view, wantKeys],
  );
  const chosen = query.has("cols") ? listParam(query, "cols") : undefined;
  const explicit = useMemo(
    () => (chosen ?? []).map(dataColumn).filter((c): c is Column => c !== undefined),
    [chosen?.join(",")],
  );
  const request = useMemo<TableRequest>(
    () => ({
      experiment_ids: [experimentId],
      filter: filter || undefined,
      run_view_type: view,
      order_by: sort ? [`${sort.key} ${sort.ascending ? "ASC" : "DESC"}`] : undefined,
      // Without chosen columns, every key of each window comes back and the first ones show.
      all_columns: chosen ? undefined : true,
      param_keys: explicit.filter((c) => c.kind === "param").map((c) => c.key),
      metric_keys: explicit.filter((c) => c.kind === "metric").map((c) => c.key),
      tag_keys: explicit.filter((c) => c.kind === "tag").map((c) => c.key),
      top_level_only: !flat,
    }),
    [experimentId, filter, view, sort?.key, sort?.ascending, explicit, flat, !!chosen],
  );
  const data = useRunsWindow(experiment.error ? undefined : request);
  const columnIds = chosen ?? defaultColumns(data.firstPage ?? []);
  const dataColumns = useMemo(
    () => columnIds.map(dataColumn).filter((c): c is Column => c !== undefined),
    [columnIds.join(",")],
  );

  if (experiment.error) {
    return (
      <div class="page">
        <h1>Experiment {experimentId}</h1>
        <ErrorMessage error={experiment.error} title="Could not open the experiment" />
        <p>
          <a href="#/experiments">Back to the experiments</a>
        </p>
      </div>
    );
  }

  const onSort = (column: Column) => {
    const next =
      sort?.key !== column.sortKey ? `${column.sortKey} ASC` : sort.ascending ? `${column.sortKey} DESC` : undefined;
    setQuery({ order: next });
  };
  const onSelect = (runId: string) => {
    const next = new Set(selected);
    if (next.has(runId)) next.delete(runId);
    else next.add(runId);
    setQuery({ sel: listValue([...next]) });
  };
  const submit = (event: Event) => {
    event.preventDefault();
    setQuery({ filter: searchFilter(text) }, true);
  };

  const exp = experiment.data;
  return (
    <div class="page runs-page">
      <div class="crumbs">
        <a href="#/experiments">Experiments</a> /
      </div>
      <h1 data-testid="experiment-name">{exp ? exp.name : `Experiment ${experimentId}`}</h1>
      {exp && (
        <p class="muted">
          ID {exp.experiment_id} · artifacts at {exp.artifact_location ?? "-"}
          {exp.lifecycle_stage === "deleted" ? " · deleted" : ""}
        </p>
      )}
      <form class="search" onSubmit={submit}>
        <input
          type="search"
          aria-label="Filter runs"
          data-testid="filter-input"
          placeholder={"metrics.rmse < 1 and params.model = 'tree'  (or words of a run name)"}
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Search</button>
        {filter && (
          <button
            type="button"
            onClick={() => {
              setText("");
              setQuery({ filter: undefined }, true);
            }}
          >
            Clear
          </button>
        )}
      </form>
      <div class="toolbar">
        <label>
          Show{" "}
          <select value={viewName} onChange={(e) => setQuery({ view: (e.target as HTMLSelectElement).value })}>
            <option value="active">active runs</option>
            <option value="deleted">deleted runs</option>
            <option value="all">all runs</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={!flat} onChange={() => setQuery({ flat: !flat })} />
          Nest child runs
        </label>
        <ColumnChooser
          keys={keys.data}
          onOpen={() => setWantKeys(true)}
          chosen={columnIds}
          change={(cols) => setQuery({ cols: listValue(cols) || "," })}
        />
        <button
          type="button"
          disabled={selected.size < 2}
          data-testid="compare-button"
          onClick={() => navigate(compareHref([...selected], [experimentId]))}
        >
          Compare {selected.size} runs
        </button>
        {selected.size > 0 && (
          <button type="button" onClick={() => setQuery({ sel: undefined })}>
            Clear selection
          </button>
        )}
        <span class="count" data-testid="run-count">
          {data.total === undefined ? "" : `${data.total.toLocaleString()} runs`}
        </span>
      </div>
      <ErrorMessage error={keys.error} title="Could not read the experiment's keys" />
      <div data-testid="filter-error">
        <ErrorMessage error={data.error} title="The runs could not be loaded" />
      </div>
      {!data.error && data.total === undefined && <Loading what="runs" />}
      {data.total === 0 && <p class="muted">No runs match.</p>}
      {data.total !== undefined && data.total > 0 && (
        <RunsTable
          columns={[...ATTRIBUTE_COLUMNS, ...dataColumns]}
          data={data}
          sort={sort}
          onSort={onSort}
          selected={selected}
          onSelect={onSelect}
        />
      )}
    </div>
  );
}
