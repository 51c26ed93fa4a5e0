// Every request the UI makes goes through this module: credentials, when the server asks for
// them, are added here and nowhere else.
import { type Credentials, authorization, basicAuthorization, unauthenticated } from "./auth";
import { quoted } from "./filters";
import type {
  Experiment,
  ExperimentKeys,
  FileInfo,
  LoggedModel,
  ModelVersion,
  RegisteredModel,
  RegistryEvent,
  Run,
  Series,
  TableRequest,
  TableResponse,
  ViewType,
  XAxis,
} from "./types";

const MLFLOW = "/api/2.0/mlflow";
const TRACKLINE = "/api/2.0/trackline";

/** An error answered by the server (its envelope) or met on the way to it. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Headers every request carries; the one place to add credentials (those held for the tab, or
 * `auth`, an explicit `Authorization` value). */
function headers(json: boolean, auth = authorization()): Record<string, string> {
  // X-Requested-With: the server then answers a 401 without `WWW-Authenticate`, for no browser dialog.
  const h: Record<string, string> = { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" };
  if (json) h["Content-Type"] = "application/json";
  if (auth) h.Authorization = auth;
  return h;
}

async function failure(resp: Response): Promise<ApiError> {
  const text = await resp.text();
  try {
    const body = JSON.parse(text) as { error_code?: string; message?: string };
    if (body.message) return new ApiError(body.message, body.error_code ?? "ERROR", resp.status);
  } catch {
    // not the JSON envelope: fall through to the raw text
  }
  return new ApiError(text.trim() || `${resp.status} ${resp.statusText}`, `HTTP_${resp.status}`, resp.status);
}

// Credentials are sent only as the header above: `credentials: "omit"` keeps the browser from
// adding any of its own and from popping up its own password dialog on a 401.
async function send(
  method: string,
  path: string,
  query: Query = {},
  body?: unknown,
  auth?: string,
): Promise<Response> {
  let resp: Response;
  try {
    resp = await fetch(path + queryString(query), {
      method,
      headers: headers(body !== undefined, auth ?? authorization()),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
    });
  } catch (err) {
    throw new ApiError(`Cannot reach the server: ${(err as Error).message}`, "NETWORK_ERROR", 0);
  }
  if (!resp.ok) {
    // A 401 to the tab's own credentials (or to none) means: sign in. A sign-in attempt's own
    // 401 is that attempt's answer.
    if (resp.status === 401 && auth === undefined) unauthenticated();
    throw await failure(resp);
  }
  return resp;
}

async function call<T>(method: string, path: string, query: Query = {}, body?: unknown): Promise<T> {
  const resp = await send(method, path, query, body);
  const text = await resp.text();
  return (text ? JSON.parse(text) : {}) as T;
}

const get = <T>(path: string, query: Query = {}) => call<T>("GET", path, query);
const post = <T>(path: string, body: unknown) => call<T>("POST", path, {}, body);

// ------------------------------------------------------------------ experiments

export interface ExperimentSearch {
  filter?: string;
  view_type?: ViewType;
  order_by?: string[];
  max_results?: number;
  page_token?: string;
}

export const searchExperiments = (req: ExperimentSearch) =>
  post<{ experiments?: Experiment[]; next_page_token?: string }>(`${MLFLOW}/experiments/search`, req);
export const getExperiment = (id: string) =>
  get<{ experiment: Experiment }>(`${MLFLOW}/experiments/get`, { experiment_id: id }).then((r) => r.experiment);
export const createExperiment = (name: string) =>
  post<{ experiment_id: string }>(`${MLFLOW}/experiments/create`, { name }).then((r) => r.experiment_id);
export const renameExperiment = (id: string, name: string) =>
  post(`${MLFLOW}/experiments/update`, { experiment_id: id, new_name: name });
export const deleteExperiment = (id: string) => post(`${MLFLOW}/experiments/delete`, { experiment_id: id });
export const restoreExperiment = (id: string) => post(`${MLFLOW}/experiments/restore`, { experiment_id: id });
export const experimentKeys = (id: string, view: ViewType) =>
  get<ExperimentKeys>(`${TRACKLINE}/experiments/keys`, { experiment_id: id, run_view_type: view });

// ------------------------------------------------------------------ runs

export const runsTable = (req: TableRequest) => post<TableResponse>(`${TRACKLINE}/runs/table`, req);
export const getRun = (id: string) => get<{ run: Run }>(`${MLFLOW}/runs/get`, { run_id: id }).then((r) => r.run);
export const searchRuns = (experimentIds: string[], filter: string, maxResults: number) =>
  post<{ runs?: Run[] }>(`${MLFLOW}/runs/search`, {
    experiment_ids: experimentIds,
    filter,
    max_results: maxResults,
    run_view_type: "ALL",
  }).then((r) => r.runs ?? []);
export const setRunTag = (runId: string, key: string, value: string) =>
  post(`${MLFLOW}/runs/set-tag`, { run_id: runId, key, value });
export const deleteRunTag = (runId: string, key: string) => post(`${MLFLOW}/runs/delete-tag`, { run_id: runId, key });

export interface DownsampleRequest {
  run_ids: string[];
  metric_keys: string[];
  x_axis: XAxis;
  buckets?: number;
  x_min?: number;
  x_max?: number;
}

export const downsampledMetrics = (req: DownsampleRequest) =>
  get<{ series?: Series[] }>(`${TRACKLINE}/metrics/downsample`, { ...req }).then((r) => r.series ?? []);

// ------------------------------------------------------------------ artifacts and logged models

export const listArtifacts = (runId: string, path: string) =>
  get<{ files?: FileInfo[]; root_uri?: string }>(`${MLFLOW}/artifacts/list`, { run_id: runId, path: path || undefined });
export const artifactUrl = (runId: string, path: string) =>
  `${TRACKLINE}/runs/artifact${queryString({ run_id: runId, path })}`;
export const readArtifactText = (runId: string, path: string) =>
  send("GET", `${TRACKLINE}/runs/artifact`, { run_id: runId, path }).then((r) => r.text());
/** An artifact's bytes, read with the tab's credentials (for images and downloads when signed in). */
export const readArtifactBlob = (runId: string, path: string) =>
  send("GET", `${TRACKLINE}/runs/artifact`, { run_id: runId, path }).then((r) => r.blob());
export const getLoggedModel = (id: string) =>
  get<{ model: LoggedModel }>(`${MLFLOW}/logged-models/${encodeURIComponent(id)}`).then((r) => r.model);

// ------------------------------------------------------------------ model registry

export const searchRegisteredModels = (filter: string, pageToken?: string) =>
  get<{ registered_models?: RegisteredModel[]; next_page_token?: string }>(`${MLFLOW}/registered-models/search`, {
    filter: filter || undefined,
    max_results: 100,
    page_token: pageToken,
  });
export const getRegisteredModel = (name: string) =>
  get<{ registered_model: RegisteredModel }>(`${MLFLOW}/registered-models/get`, { name }).then(
    (r) => r.registered_model,
  );
export const updateRegisteredModel = (name: string, description: string) =>
  call("PATCH", `${MLFLOW}/registered-models/update`, {}, { name, description });
export const setRegisteredModelTag = (name: string, key: string, value: string) =>
  post(`${MLFLOW}/registered-models/set-tag`, { name, key, value });
export const deleteRegisteredModelTag = (name: string, key: string) =>
  call("DELETE", `${MLFLOW}/registered-models/delete-tag`, {}, { name, key });
export const searchModelVersions = (name: string) =>
  get<{ model_versions?: ModelVersion[] }>(`${MLFLOW}/model-versions/search`, {
    filter: `name = ${quoted(name)}`,
    max_results: 1000,
  }).then((r) => r.model_versions ?? []);
export const getModelVersion = (name: string, version: string) =>
  get<{ model_version: ModelVersion }>(`${MLFLOW}/model-versions/get`, { name, version }).then((r) => r.model_version);
export const updateModelVersion = (name: string, version: string, description: string) =>
  call("PATCH", `${MLFLOW}/model-versions/update`, {}, { name, version, description });
export const transitionStage = (name: string, version: string, stage: string, archive: boolean, comment: string) =>
  post<{ model_version: ModelVersion }>(`${MLFLOW}/model-versions/transition-stage`, {
    name,
    version,
    stage,
    archive_existing_versions: archive,
    comment: comment || undefined,
  });
export const setAlias = (name: string, alias: string, version: string) =>
  post(`${MLFLOW}/registered-models/alias`, { name, alias, version });
export const deleteAlias = (name: string, alias: string) =>
  call("DELETE", `${MLFLOW}/registered-models/alias`, {}, { name, alias });
export const setModelVersionTag = (name: string, version: string, key: string, value: string) =>
  post(`${MLFLOW}/model-versions/set-tag`, { name, version, key, value });
export const deleteModelVersionTag = (name: string, version: string, key: string) =>
  call("DELETE", `${MLFLOW}/model-versions/delete-tag`, {}, { name, version, key });
export const registryHistory = (name: string, version?: string) =>
  get<{ events?: RegistryEvent[] }>(`${TRACKLINE}/registry/history`, { name, version, max_results: 1000 }).then(
    (r) => r.events ?? [],
  );


// ------------------------------------------------------------------ users

export interface User {
  id: number | string;
  username: string;
  is_admin: boolean;
}

/** The user `creds` authenticate as; an ApiError (401) when the server refuses them. */
export const currentUser = async (creds: Credentials) => {
  const resp = await send("GET", `${MLFLOW}/users/current`, {}, undefined, basicAuthorization(creds));
  return ((await resp.json()) as { user: User }).user;
};
