// The preview of one artifact, by its kind: image, CSV/TSV table, JSON, MLmodel, text, or a
// download link for anything else.
import * as api from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../hooks";
import { CsvTable } from "./CsvTable";
import { MlModel } from "./MlModel";

const IMAGE = /\.(png|jpe?g|gif|bmp|webp|svg)$/i;
const TEXT = /\.(txt|log|md|markdown|ya?ml|py|r|sh|cfg|ini|toml|xml|html?|js|ts|java|scala|sql|conf|properties|out|err|ipynb)$/i;
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

export type PreviewKind = "image" | "csv" | "tsv" | "json" | "mlmodel" | "text" | "none";

export function previewKind(path: string): PreviewKind {
  const name = path.split("/").pop() ?? path;
  if (name === "MLmodel") return "mlmodel";
  if (IMAGE.test(name)) return "image";
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.tsv$/i.test(name)) return "tsv";
  if (/\.json$/i.test(name)) return "json";
  if (TEXT.test(name) || !name.includes(".")) return "text";
  return "none";
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function TextPreview({ runId, path, kind }: { runId: string; path: string; kind: PreviewKind }) {
  const text = useAsync(async () => {
    const body = await api.readArtifactText(runId, path);
    if (body.length > MAX_TEXT_BYTES) throw new Error("This file is too large to preview; download it instead.");
    return body;
  }, [runId, path]);
  if (text.error) return <ErrorMessage error={text.error} title="Could not read the file" />;
  if (text.data === undefined) return <Loading what="the file" />;
  if (kind === "csv" || kind === "tsv") return <CsvTable text={text.data} separator={kind === "csv" ? "," : "\t"} />;
  if (kind === "mlmodel") return <MlModel text={text.data} />;
  return <pre class="file-text" data-testid="text-preview">{kind === "json" ? pretty(text.data) : text.data}</pre>;
}

export function Preview({ runId, path }: { runId: string; path: string }) {
  const url = api.artifactUrl(runId, path);
  const kind = previewKind(path);
  const name = path.split("/").pop() ?? path;
  return (
    <div class="preview" data-kind={kind}>
      <div class="preview-head">
        <strong>{path}</strong>{" "}
        <a href={url} download={name}>
          Download
        </a>
      </div>
      {kind === "image" && <img src={url} alt={path} data-testid="image-preview" />}
      {kind === "none" && <p class="muted">No preview for this kind of file.</p>}
      {kind !== "image" && kind !== "none" && <TextPreview runId={runId} path={path} kind={kind} />}
    </div>
  );
}
