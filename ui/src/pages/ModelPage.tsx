// A registered model: description, tags, aliases, its versions and its audit trail.
import * as api from "../api";
import { Description } from "../components/Description";
import { ErrorMessage, Loading } from "../components/Status";
import { TagEditor } from "../components/TagEditor";
import { formatTime } from "../format";
import { useAsync } from "../hooks";
import { href, type Location } from "../router";
import { AuditTrail } from "../registry/AuditTrail";

export default function ModelPage({ location }: { location: Location }) {
  const name = location.segments[1] ?? "";
  const model = useAsync(() => api.getRegisteredModel(name), [name]);
  const versions = useAsync(() => api.searchModelVersions(name), [name]);
  const crumbs = (
    <div class="crumbs">
      <a href="#/models">Models</a> /
    </div>
  );
  if (model.error) {
    return (
      <div class="page">
        {crumbs}
        <h1>{name}</h1>
        <ErrorMessage error={model.error} title="Could not open the model" />
      </div>
    );
  }
  if (!model.data) return <Loading what="the model" />;
  const m = model.data;
  const reload = () => {
    model.reload();
    versions.reload();
  };
  const sorted = [...(versions.data ?? [])].sort((a, b) => Number(b.version) - Number(a.version));
  return (
    <div class="page model-page">
      {crumbs}
      <h1 data-testid="model-name">{m.name}</h1>
      <p class="muted">
        Created {formatTime(m.creation_timestamp)} · last modified {formatTime(m.last_updated_timestamp)}
      </p>
      <h2>Description</h2>
      <Description
        text={m.description ?? ""}
        save={async (text) => {
          await api.updateRegisteredModel(name, text);
          model.reload();
        }}
      />
      <h2>Aliases</h2>
      <p data-testid="aliases">
        {(m.aliases ?? []).length
          ? (m.aliases ?? []).map((a) => (
              <a key={a.alias} class="pill" href={href(["models", name, "versions", a.version])}>
                @{a.alias} → v{a.version}
              </a>
            ))
          : <span class="muted">No aliases.</span>}
      </p>
      <h2>Versions</h2>
      <ErrorMessage error={versions.error} title="Could not list the versions" />
      <table class="grid" data-testid="versions">
        <thead>
          <tr>
            <th>Version</th>
            <th>Stage</th>
            <th>Aliases</th>
            <th>Source run</th>
            <th>Created</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td>
                <a href={href(["models", name, "versions", v.version])}>Version {v.version}</a>
              </td>
              <td>{v.current_stage ?? "None"}</td>
              <td>{(v.aliases ?? []).map((a) => `@${a}`).join(" ")}</td>
              <td>{v.run_id ? <code>{v.run_id}</code> : ""}</td>
              <td>{formatTime(v.creation_timestamp)}</td>
              <td>{v.status ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Tags</h2>
      <TagEditor
        tags={m.tags ?? []}
        save={(key, value) => api.setRegisteredModelTag(name, key, value)}
        remove={(key) => api.deleteRegisteredModelTag(name, key)}
        changed={reload}
      />
      <h2>Audit trail</h2>
      <AuditTrail name={name} refresh={m} />
    </div>
  );
}
