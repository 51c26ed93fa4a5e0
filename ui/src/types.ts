// The wire shapes the UI reads (see openapi.yaml); fields the UI does not use are left out.

export interface KeyValue {
  key: string;
  value: string;
}

export interface Metric {
  key: string;
  value: number | string;
  timestamp: number;
  step?: number;
}

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage: string;
  creation_time?: number;
  last_update_time?: number;
  tags?: KeyValue[];
}

export interface RunInfo {
  run_id: string;
  run_name?: string;
  experiment_id: string;
  user_id?: string;
  status: string;
  start_time?: number;
  end_time?: number;
  artifact_uri?: string;
  lifecycle_stage: string;
}

export interface DatasetInput {
  dataset: { name: string; digest: string; source_type?: string; source?: string; schema?: string; profile?: string };
  tags?: KeyValue[];
}

export interface Run {
  info: RunInfo;
  data: { metrics?: Metric[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs?: { dataset_inputs?: DatasetInput[]; model_inputs?: { model_id: string }[] };
  outputs?: { model_outputs?: { model_id: string; step: number }[] };
}

export interface TableRow {
  run_id: string;
  run_name?: string;
  experiment_id: string;
  status: string;
  start_time?: number;
  end_time?: number;
  user_id?: string;
  lifecycle_stage: string;
  source_name?: string;
  parent_run_id?: string;
  child_count: number;
  params?: KeyValue[];
  metrics?: { key: string; value: number | string }[];
  tags?: KeyValue[];
}

export interface TableRequest {
  experiment_ids: string[];
  filter?: string;
  run_view_type?: ViewType;
  order_by?: string[];
  param_keys?: string[];
  metric_keys?: string[];
  tag_keys?: string[];
  offset?: number;
  max_results?: number;
  top_level_only?: boolean;
  parent_run_id?: string;
  all_columns?: boolean;
}

export interface TableResponse {
  total_count: number;
  rows?: TableRow[];
}

export type ViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

export interface ExperimentKeys {
  params?: string[];
  metrics?: string[];
  tags?: string[];
}

export type XAxis = "step" | "time" | "relative";

export interface Series {
  run_id: string;
  key: string;
  x: number[];
  y: number[];
  points: number;
  sampled: boolean;
}

export interface FileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

export interface LoggedModel {
  info: {
    model_id: string;
    name: string;
    experiment_id: string;
    artifact_uri?: string;
    status?: string;
    source_run_id?: string;
    creation_timestamp_ms?: number;
    model_type?: string;
  };
}

export interface ModelVersion {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: string;
  tags?: KeyValue[];
  aliases?: string[];
  model_id?: string;
}

export interface RegisteredModel {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  description?: string;
  latest_versions?: ModelVersion[];
  tags?: KeyValue[];
  aliases?: { alias: string; version: string }[];
}

export interface RegistryEvent {
  event_id: string;
  name: string;
  version?: string;
  action: string;
  alias?: string;
  from_value?: string;
  to_value?: string;
  user_id?: string;
  timestamp: number;
  comment?: string;
}
