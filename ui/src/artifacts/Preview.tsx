// The preview of one artifact, by its kind: image, CSV/TSV table, JSON, MLmodel, text, or a
// download link for anything else.
import { useEffect } from "preact/hooks";
import * as api from "../api";
import { useAuth } from "../auth";
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

// Signed in, the browser cannot add the tab's credentials to an <img> or a plain link, so the
// image is read through api.ts into a blob: URL, and Download does the same when clicked.
function SignedInImage({ runId, path }: { runId: string; path: string }) {
  const blob = useAsync(() => api.readArtifactBlob(runId, path).then((b) => URL.createObjectURL(b)), [runId, path]);
  useEffect(() => () => blob.data && URL.revokeObjectURL(blob.data), [blob.data]);
  if (blob.error) return <ErrorMessage error={blob.error} title="Could not read the image" />;
  if (!blob.data) return <Loading what="the image" />;
  return <img src={blob.data} alt={path} data-testid="image-preview" />;
}

async function download(runId: string, path: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await api.readArtifactBlob(runId, path));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Preview({ runId, path }: { runId: string; path: string }) {
  const url = api.artifactUrl(runId, path);
  const signedIn = useAuth().user !== undefined;
  const kind = previewKind(path);
  const name = path.split("/").pop() ?? path;
  const onDownload = (event: Event) => {
    if (!signedIn) return;
    event.preventDefault();
    download(runId, path, name).catch(() => undefined);
  };
  return (
    <div class="preview" data-kind={kind}>
      <div class="preview-head">
        <strong>{path}</strong>{" "}
        <a href={url} download={name} onClick={onDownload}>
          Download
        </a>
      </div>
      {kind === "image" &&
        (signedIn ? (
          <SignedInImage runId={runId} path={path} />
        ) : (
          <img src={url} alt={path} data-testid="image-preview" />
        ))}
      {kind === "none" && <p class="muted">No preview for this kind of file.</p>}
      {kind !== "image" && kind !== "none" && <TextPreview runId={runId} path={path} kind={kind} />}
    </div>
  );
}
