// An MLmodel file: its flavors, signature and identifiers, then the file itself.
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../hooks";

interface Field {
  name?: string;
  type?: string;
}

function fields(spec: unknown): Field[] {
  if (typeof spec !== "string") return [];
  try {
    const parsed = JSON.parse(spec) as unknown;
    return Array.isArray(parsed) ? (parsed as Field[]) : [];
  } catch {
    return [];
  }
}

export function MlModel({ text }: { text: string }) {
  // The YAML parser is loaded only when an MLmodel file is opened.
  const doc = useAsync(async () => {
    const yaml = await import("js-yaml");
    const value = yaml.load(text);
    if (!value || typeof value !== "object") throw new Error("This MLmodel file is not a YAML mapping.");
    return value as Record<string, unknown>;
  }, [text]);
  if (doc.error) return <ErrorMessage error={doc.error} title="Could not read the MLmodel file" />;
  if (!doc.data) return <Loading />;
  const model = doc.data;
  const flavors = Object.keys((model.flavors as Record<string, unknown>) ?? {});
  const signature = (model.signature as Record<string, unknown>) ?? {};
  const facts: [string, unknown][] = [
    ["Model ID", model.model_id],
    ["Run ID", model.run_id],
    ["Artifact path", model.artifact_path],
    ["Created", model.utc_time_created],
    ["MLflow version", model.mlflow_version],
  ];
  return (
    <div class="mlmodel" data-testid="mlmodel-preview">
      <table class="kv">
        <tbody>
          <tr>
            <th>Flavors</th>
            <td>{flavors.join(", ") || "none"}</td>
          </tr>
          {facts
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([label, v]) => (
              <tr key={label}>
                <th>{label}</th>
                <td>{String(v)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {(["inputs", "outputs"] as const).map((part) => {
        const list = fields(signature[part]);
        return list.length ? (
          <div key={part}>
            <h4>Signature {part}</h4>
            <table class="grid">
              <tbody>
                {list.map((f, i) => (
                  <tr key={i}>
                    <td>{f.name ?? `#${i}`}</td>
                    <td>{f.type ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null;
      })}
      <h4>MLmodel</h4>
      <pre class="file-text">{text}</pre>
    </div>
  );
}
