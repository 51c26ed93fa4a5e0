// A run's artifacts: a tree whose folders are listed when opened, and a preview of the file picked
// (its path is part of the URL, so a preview can be linked to).
import { useEffect, useState } from "preact/hooks";
import * as api from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { formatBytes } from "../format";
import { useAsync } from "../hooks";
import { href } from "../router";
import type { FileInfo, Run } from "../types";
import { Preview } from "./Preview";

interface TreeProps {
  runId: string;
  dir: string;
  selected: string;
  base: string[];
  depth: number;
}

function Folder({ runId, dir, selected, base, depth }: TreeProps) {
  const listing = useAsync(() => api.listArtifacts(runId, dir), [runId, dir]);
  if (listing.error) return <ErrorMessage error={listing.error} title={`Could not list ${dir || "the artifacts"}`} />;
  if (!listing.data) return <Loading />;
  const files = listing.data.files ?? [];
  if (!files.length && depth === 0) return <p class="muted">This run has no artifacts.</p>;
  return (
    <ul class="tree">
      {files.map((f) => (
        <Entry key={f.path} file={f} runId={runId} selected={selected} base={base} depth={depth} />
      ))}
    </ul>
  );
}

function Entry({ file, runId, selected, base, depth }: { file: FileInfo } & Omit<TreeProps, "dir">) {
  const name = file.path.split("/").pop() ?? file.path;
  const inside = selected.startsWith(`${file.path}/`);
  const [open, setOpen] = useState(inside);
  useEffect(() => {
    if (inside) setOpen(true); // a link to a file inside opens its folders
  }, [inside]);
  if (file.is_dir) {
    return (
      <li>
        <button type="button" class="folder" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "▾" : "▸"} {name}/
        </button>
        {open && <Folder runId={runId} dir={file.path} selected={selected} base={base} depth={depth + 1} />}
      </li>
    );
  }
  return (
    <li>
      <a
        href={href([...base, "artifacts", ...file.path.split("/")])}
        class={selected === file.path ? "active" : ""}
        data-testid="artifact-file"
      >
        {name}
      </a>{" "}
      <span class="muted">{formatBytes(file.file_size)}</span>
    </li>
  );
}

export function ArtifactBrowser({ run, path, base }: { run: Run; path: string; base: string[] }) {
  return (
    <div class="artifacts" data-testid="artifacts">
      <nav class="artifact-tree">
        <Folder runId={run.info.run_id} dir="" selected={path} base={base} depth={0} />
      </nav>
      <section class="artifact-preview" data-testid="artifact-preview">
        {path ? <Preview runId={run.info.run_id} path={path} /> : <p class="muted">Pick a file to preview it.</p>}
      </section>
    </div>
  );
}
