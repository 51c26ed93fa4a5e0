// The audit trail of a registered model as a timeline: who moved what from where to where, and when.
import * as api from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { formatTime } from "../format";
import { useAsync } from "../hooks";
import { href } from "../router";
import type { RegistryEvent } from "../types";

function describe(e: RegistryEvent) {
  const v = e.version ? `version ${e.version}` : "";
  switch (e.action) {
    case "CREATE_REGISTERED_MODEL":
      return <>created the model</>;
    case "RENAME_REGISTERED_MODEL":
      return (
        <>
          renamed the model from <b>{e.from_value}</b> to <b>{e.to_value}</b>
        </>
      );
    case "DELETE_REGISTERED_MODEL":
      return <>deleted the model</>;
    case "CREATE_MODEL_VERSION":
      return <>registered {v}</>;
    case "DELETE_MODEL_VERSION":
      return <>deleted {v}</>;
    case "TRANSITION_STAGE":
      return (
        <>
          moved {v} from <b>{e.from_value || "None"}</b> to <b>{e.to_value}</b>
        </>
      );
    case "SET_ALIAS":
      return e.from_value ? (
        <>
          moved alias <b>@{e.alias}</b> from version {e.from_value} to version {e.to_value}
        </>
      ) : (
        <>
          set alias <b>@{e.alias}</b> on version {e.to_value}
        </>
      );
    case "DELETE_ALIAS":
      return (
        <>
          removed alias <b>@{e.alias}</b> (was on version {e.from_value})
        </>
      );
    default:
      return <>{e.action}</>;
  }
}

export function AuditTrail({ name, version, refresh }: { name: string; version?: string; refresh: unknown }) {
  const events = useAsync(() => api.registryHistory(name, version), [name, version, refresh]);
  if (events.error) return <ErrorMessage error={events.error} title="Could not read the audit trail" />;
  if (!events.data) return <Loading what="the audit trail" />;
  const list = [...events.data].reverse(); // newest first
  if (!list.length) return <p class="muted">No registry events yet.</p>;
  return (
    <ol class="timeline" data-testid="audit-trail">
      {list.map((e) => (
        <li key={e.event_id} data-action={e.action}>
          <time>{formatTime(e.timestamp)}</time>
          <div>
            <strong>{e.user_id || "(no user)"}</strong> {describe(e)}
            {e.version && !version && (
              <>
                {" "}
                (<a href={href(["models", name, "versions", e.version])}>v{e.version}</a>)
              </>
            )}
            {e.comment && <div class="comment">“{e.comment}”</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}
