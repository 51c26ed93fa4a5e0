// A model version: its source run, stage transition, aliases, tags, description and history.
import { useState } from "preact/hooks";
import * as api from "../api";
import { Description } from "../components/Description";
import { ErrorMessage, Loading } from "../components/Status";
import { TagEditor } from "../components/TagEditor";
import { formatTime } from "../format";
import { useAction, useAsync } from "../hooks";
import { href, type Location } from "../router";
import { AuditTrail } from "../registry/AuditTrail";
import type { ModelVersion } from "../types";

const STAGES = ["None", "Staging", "Production", "Archived"];

function SourceRun({ version }: { version: ModelVersion }) {
  const run = useAsync(() => (version.run_id ? api.getRun(version.run_id) : Promise.resolve(undefined)), [version.run_id]);
  if (!version.run_id) return <span class="muted">none</span>;
  if (run.error) return <code title={run.error.message}>{version.run_id}</code>;
  if (!run.data) return <code>{version.run_id}</code>;
  return (
    <a data-testid="source-run" href={href(["experiments", run.data.info.experiment_id, "runs", version.run_id])}>
      {run.data.info.run_name ?? version.run_id}
    </a>
  );
}

function StageForm({ version, changed }: { version: ModelVersion; changed: () => void }) {
  const [stage, setStage] = useState(version.current_stage ?? "None");
  const [archive, setArchive] = useState(false);
  const [comment, setComment] = useState("");
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await action.run(() => api.transitionStage(version.name, version.version, stage, archive, comment))) {
      setComment("");
      changed();
    }
  };
  return (
    <form class="inline-form" onSubmit={submit} data-testid="stage-form">
      <label>
        Stage{" "}
        <select value={stage} aria-label="New stage" onChange={(e) => setStage((e.target as HTMLSelectElement).value)}>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input type="checkbox" checked={archive} onChange={() => setArchive(!archive)} />
        Archive other versions in this stage
      </label>
      <input aria-label="Comment" placeholder="Comment (for the audit trail)" value={comment} onInput={(e) => setComment((e.target as HTMLInputElement).value)} />
      <button type="submit" disabled={action.busy || stage === version.current_stage}>
        Move to {stage}
      </button>
      <ErrorMessage error={action.error} title="Could not change the stage" />
    </form>
  );
}

function AliasEditor({ version, changed }: { version: ModelVersion; changed: () => void }) {
  const [alias, setAlias] = useState("");
  const action = useAction();
  const add = async (event: Event) => {
    event.preventDefault();
    if (await action.run(() => api.setAlias(version.name, alias.trim(), version.version))) {
      setAlias("");
      changed();
    }
  };
  const remove = async (name: string) => {
    if (await action.run(() => api.deleteAlias(version.name, name))) changed();
  };
  return (
    <div data-testid="alias-editor">
      <p>
        {(version.aliases ?? []).map((a) => (
          <span key={a} class="pill">
            @{a}{" "}
            <button type="button" class="link" aria-label={`Remove alias ${a}`} onClick={() => remove(a)}>
              ×
            </button>
          </span>
        ))}
        {!(version.aliases ?? []).length && <span class="muted">No aliases.</span>}
      </p>
      <form class="inline-form" onSubmit={add}>
        <input aria-label="New alias" placeholder="alias, e.g. champion" value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={action.busy || !alias.trim()}>
          Set alias
        </button>
      </form>
      <ErrorMessage error={action.error} title="Could not change the aliases" />
    </div>
  );
}

export default function VersionPage({ location }: { location: Location }) {
  const name = location.segments[1] ?? "";
  const versionId = location.segments[3] ?? "";
  const version = useAsync(() => api.getModelVersion(name, versionId), [name, versionId]);
  const crumbs = (
    <div class="crumbs">
      <a href="#/models">Models</a> / <a href={href(["models", name])}>{name}</a> /
    </div>
  );
  if (version.error) {
    return (
      <div class="page">
        {crumbs}
        <h1>
          {name} version {versionId}
        </h1>
        <ErrorMessage error={version.error} title="Could not open the model version" />
      </div>
    );
  }
  if (!version.data) return <Loading what="the model version" />;
  const v = version.data;
  return (
    <div class="page version-page">
      {crumbs}
      <h1 data-testid="version-title">
        {name} version {v.version}
      </h1>
      <table class="kv" data-testid="version-info">
        <tbody>
          <tr>
            <th>Stage</th>
            <td data-testid="current-stage">{v.current_stage ?? "None"}</td>
          </tr>
          <tr>
            <th>Source run</th>
            <td>
              <SourceRun version={v} />
            </td>
          </tr>
          <tr>
            <th>Source</th>
            <td>
              <code>{v.source ?? ""}</code>
            </td>
          </tr>
          <tr>
            <th>Status</th>
            <td>{v.status ?? ""}</td>
          </tr>
          <tr>
            <th>Created</th>
            <td>
              {formatTime(v.creation_timestamp)} {v.user_id ? `by ${v.user_id}` : ""}
            </td>
          </tr>
          <tr>
            <th>Last modified</th>
            <td>{formatTime(v.last_updated_timestamp)}</td>
          </tr>
        </tbody>
      </table>
      <h2>Stage</h2>
      <StageForm key={v.current_stage} version={v} changed={version.reload} />
      <h2>Aliases</h2>
      <AliasEditor version={v} changed={version.reload} />
      <h2>Description</h2>
      <Description
        text={v.description ?? ""}
        save={async (text) => {
          await api.updateModelVersion(name, v.version, text);
          version.reload();
        }}
      />
      <h2>Tags</h2>
      <TagEditor
        tags={v.tags ?? []}
        save={(key, value) => api.setModelVersionTag(name, v.version, key, value)}
        remove={(key) => api.deleteModelVersionTag(name, v.version, key)}
        changed={version.reload}
      />
      <h2>History of this version</h2>
      <AuditTrail name={name} version={v.version} refresh={v} />
    </div>
  );
}
