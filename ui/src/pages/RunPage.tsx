// A run: its info, description, params, metrics, tags, datasets, logged models and child runs;
// its metric charts; its artifacts. Tabs and chart settings are in the URL, as MLflow's are.
import * as api from "../api";
import { ArtifactBrowser } from "../artifacts/ArtifactBrowser";
import { ChartControls, chartSettings, MetricCharts } from "../charts/MetricCharts";
import { Description } from "../components/Description";
import { ErrorMessage, Loading } from "../components/Status";
import { TagEditor } from "../components/TagEditor";
import { formatDuration, formatTime, formatValue } from "../format";
import { useAsync } from "../hooks";
import { href, listParam, listValue, type Location, setQuery } from "../router";
import type { Run } from "../types";

const NOTE_TAG = "mlflow.note.content";
const PARENT_TAG = "mlflow.parentRunId";
const TABS = [
  { id: "overview", label: "Overview" },
  { id: "model-metrics", label: "Charts" },
  { id: "artifacts", label: "Artifacts" },
];

const tagValue = (run: Run, key: string) => run.data.tags?.find((t) => t.key === key)?.value;

function Info({ run }: { run: Run }) {
  const info = run.info;
  const parent = tagValue(run, PARENT_TAG);
  const rows: [string, preact.ComponentChildren][] = [
    ["Run ID", <code>{info.run_id}</code>],
    ["Status", <span class={`status status-${info.status.toLowerCase()}`}>{info.status}</span>],
    ["Started", formatTime(info.start_time)],
    ["Ended", formatTime(info.end_time)],
    ["Duration", formatDuration(info.start_time, info.end_time)],
    ["User", info.user_id ?? ""],
    ["Source", tagValue(run, "mlflow.source.name") ?? ""],
    ["Lifecycle", info.lifecycle_stage],
    ["Artifacts", info.artifact_uri ?? ""],
  ];
  if (parent) rows.push(["Parent run", <a href={href(["experiments", info.experiment_id, "runs", parent])}>{parent}</a>]);
  return (
    <table class="kv" data-testid="run-info">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th>{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LoggedModels({ run }: { run: Run }) {
  const ids = [
    ...new Set([
      ...(run.outputs?.model_outputs ?? []).map((m) => m.model_id),
      ...(run.inputs?.model_inputs ?? []).map((m) => m.model_id),
    ]),
  ];
  const models = useAsync(() => Promise.all(ids.map((id) => api.getLoggedModel(id))), [ids.join(",")]);
  if (!ids.length) return <p class="muted">No logged models.</p>;
  if (models.error) return <ErrorMessage error={models.error} title="Could not read the logged models" />;
  if (!models.data) return <Loading what="logged models" />;
  return (
    <table class="grid" data-testid="logged-models">
      <thead>
        <tr>
          <th>Name</th>
          <th>Model ID</th>
          <th>Type</th>
          <th>Status</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {models.data.map((m) => (
          <tr key={m.info.model_id}>
            <td>{m.info.name}</td>
            <td>
              <code>{m.info.model_id}</code>
            </td>
            <td>{m.info.model_type ?? ""}</td>
            <td>{m.info.status ?? ""}</td>
            <td>{formatTime(m.info.creation_timestamp_ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Datasets({ run }: { run: Run }) {
  const inputs = run.inputs?.dataset_inputs ?? [];
  if (!inputs.length) return <p class="muted">No datasets.</p>;
  return (
    <table class="grid" data-testid="datasets">
      <thead>
        <tr>
          <th>Name</th>
          <th>Digest</th>
          <th>Source type</th>
          <th>Context</th>
        </tr>
      </thead>
      <tbody>
        {inputs.map((d) => (
          <tr key={`${d.dataset.name}-${d.dataset.digest}`}>
            <td>{d.dataset.name}</td>
            <td>
              <code>{d.dataset.digest}</code>
            </td>
            <td>{d.dataset.source_type ?? ""}</td>
            <td>{d.tags?.find((t) => t.key === "mlflow.data.context")?.value ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ChildRuns({ run }: { run: Run }) {
  const children = useAsync(
    () =>
      api.runsTable({
        experiment_ids: [run.info.experiment_id],
        parent_run_id: run.info.run_id,
        run_view_type: "ALL",
        max_results: 1000,
      }),
    [run.info.run_id],
  );
  if (children.error) return <ErrorMessage error={children.error} title="Could not list the child runs" />;
  const rows = children.data?.rows ?? [];
  if (!rows.length) return null;
  return (
    <section>
      <h2>Child runs ({children.data?.total_count})</h2>
      <ul data-testid="child-runs">
        {rows.map((r) => (
          <li key={r.run_id}>
            <a href={href(["experiments", r.experiment_id, "runs", r.run_id])}>{r.run_name ?? r.run_id}</a>{" "}
            <span class="muted">{r.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Overview({ run, reload }: { run: Run; reload: () => void }) {
  const id = run.info.run_id;
  const params = [...(run.data.params ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  const metrics = [...(run.data.metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <div class="overview">
      <Info run={run} />
      <h2>Description</h2>
      <Description
        text={tagValue(run, NOTE_TAG) ?? ""}
        save={async (text) => {
          await api.setRunTag(id, NOTE_TAG, text);
          reload();
        }}
      />
      <div class="columns">
        <section>
          <h2>Params ({params.length})</h2>
          <table class="kv" data-testid="params">
            <tbody>
              {params.map((p) => (
                <tr key={p.key}>
                  <th>{p.key}</th>
                  <td>{p.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>Metrics ({metrics.length})</h2>
          <table class="kv" data-testid="metrics">
            <tbody>
              {metrics.map((m) => (
                <tr key={m.key}>
                  <th>
                    <a href={href(["experiments", run.info.experiment_id, "runs", id, "model-metrics"], { metrics: m.key })}>
                      {m.key}
                    </a>
                  </th>
                  <td class="num">{formatValue(m.value)}</td>
                  <td class="muted">step {m.step ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <h2>Tags</h2>
      <TagEditor
        tags={run.data.tags ?? []}
        save={(key, value) => api.setRunTag(id, key, value)}
        remove={(key) => api.deleteRunTag(id, key)}
        changed={reload}
      />
      <h2>Datasets</h2>
      <Datasets run={run} />
      <h2>Logged models</h2>
      <LoggedModels run={run} />
      <ChildRuns run={run} />
    </div>
  );
}

function Charts({ run, query }: { run: Run; query: URLSearchParams }) {
  const keys = (run.data.metrics ?? []).map((m) => m.key).sort();
  const chosen = query.has("metrics") ? listParam(query, "metrics").filter((k) => keys.includes(k)) : keys.slice(0, 6);
  const settings = chartSettings(query);
  const flip = (key: string) =>
    setQuery({ metrics: listValue(chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key]) || "," });
  if (!keys.length) return <p class="muted">This run has no metrics.</p>;
  return (
    <div class="run-charts">
      <div class="toolbar metric-picker" data-testid="metric-picker">
        {keys.map((k) => (
          <label key={k} class="check">
            <input type="checkbox" checked={chosen.includes(k)} onChange={() => flip(k)} />
            {k}
          </label>
        ))}
      </div>
      <ChartControls settings={settings} />
      <MetricCharts runs={[{ id: run.info.run_id, label: run.info.run_name ?? run.info.run_id }]} metricKeys={chosen} settings={settings} />
    </div>
  );
}

export default function RunPage({ location }: { location: Location }) {
  const [, experimentId = "", , runId = "", tab = "overview", ...path] = location.segments;
  const run = useAsync(() => api.getRun(runId), [runId]);
  const base = ["experiments", experimentId, "runs", runId];
  if (run.error) {
    return (
      <div class="page">
        <div class="crumbs">
          <a href="#/experiments">Experiments</a> / <a href={href(["experiments", experimentId])}>Experiment {experimentId}</a> /
        </div>
        <h1>Run {runId}</h1>
        <ErrorMessage error={run.error} title="Could not open the run" />
      </div>
    );
  }
  if (!run.data) return <Loading what="the run" />;
  const data = run.data;
  return (
    <div class="page run-page">
      <div class="crumbs">
        <a href="#/experiments">Experiments</a> /{" "}
        <a href={href(["experiments", data.info.experiment_id])}>Experiment {data.info.experiment_id}</a> /
      </div>
      <h1 data-testid="run-name">{data.info.run_name ?? data.info.run_id}</h1>
      <nav class="tabs">
        {TABS.map((t) => (
          <a key={t.id} href={href([...base, t.id])} class={tab === t.id ? "active" : ""} data-testid={`tab-${t.id}`}>
            {t.label}
          </a>
        ))}
      </nav>
      {tab === "overview" && <Overview run={data} reload={run.reload} />}
      {tab === "model-metrics" && <Charts run={data} query={location.query} />}
      {tab === "artifacts" && <ArtifactBrowser run={data} path={path.join("/")} base={base} />}
      {!TABS.some((t) => t.id === tab) && <ErrorMessage error={new Error(`This run page has no tab '${tab}'.`)} />}
    </div>
  );
}
