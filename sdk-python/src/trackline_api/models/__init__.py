"""Contains all the data models used in inputs/outputs"""

from .abort_multipart_upload_request import AbortMultipartUploadRequest
from .complete_multipart_upload_request import CompleteMultipartUploadRequest
from .create_experiment_request import CreateExperimentRequest
from .create_experiment_response import CreateExperimentResponse
from .create_logged_model_request import CreateLoggedModelRequest
from .create_model_version_request import CreateModelVersionRequest
from .create_multipart_upload_request import CreateMultipartUploadRequest
from .create_multipart_upload_response import CreateMultipartUploadResponse
from .create_registered_model_request import CreateRegisteredModelRequest
from .create_run_request import CreateRunRequest
from .dataset import Dataset
from .dataset_input import DatasetInput
from .delete_experiment_tag_request import DeleteExperimentTagRequest
from .delete_model_version_tag_request import DeleteModelVersionTagRequest
from .delete_registered_model_alias_request import DeleteRegisteredModelAliasRequest
from .delete_registered_model_tag_request import DeleteRegisteredModelTagRequest
from .delete_tag_request import DeleteTagRequest
from .downsampled_metrics_response import DownsampledMetricsResponse
from .downsampled_series import DownsampledSeries
from .empty import Empty
from .error import Error
from .error_error_code import ErrorErrorCode
from .experiment import Experiment
from .experiment_id_request import ExperimentIdRequest
from .experiment_keys import ExperimentKeys
from .experiment_tag import ExperimentTag
from .file_info import FileInfo
from .finalize_logged_model_request import FinalizeLoggedModelRequest
from .get_experiment_response import GetExperimentResponse
from .get_latest_versions_request import GetLatestVersionsRequest
from .get_metric_history_bulk_interval_response import GetMetricHistoryBulkIntervalResponse
from .get_metric_history_downsampled_x_axis import GetMetricHistoryDownsampledXAxis
from .get_metric_history_response import GetMetricHistoryResponse
from .get_model_version_download_uri_response import GetModelVersionDownloadUriResponse
from .get_registry_history_response import GetRegistryHistoryResponse
from .input_tag import InputTag
from .list_artifacts_proxy_response import ListArtifactsProxyResponse
from .list_artifacts_response import ListArtifactsResponse
from .log_batch_request import LogBatchRequest
from .log_inputs_request import LogInputsRequest
from .log_logged_model_params_request import LogLoggedModelParamsRequest
from .log_metric_request import LogMetricRequest
from .log_outputs_request import LogOutputsRequest
from .log_param_request import LogParamRequest
from .logged_model import LoggedModel
from .logged_model_data import LoggedModelData
from .logged_model_dataset_filter import LoggedModelDatasetFilter
from .logged_model_info import LoggedModelInfo
from .logged_model_order_by import LoggedModelOrderBy
from .logged_model_parameter import LoggedModelParameter
from .logged_model_registration import LoggedModelRegistration
from .logged_model_response import LoggedModelResponse
from .logged_model_status import LoggedModelStatus
from .logged_model_tag import LoggedModelTag
from .metric import Metric
from .metric_value import MetricValue
from .metric_with_run_id import MetricWithRunId
from .model_input import ModelInput
from .model_output import ModelOutput
from .model_version import ModelVersion
from .model_version_request import ModelVersionRequest
from .model_version_response import ModelVersionResponse
from .model_version_tag import ModelVersionTag
from .model_versions_response import ModelVersionsResponse
from .multipart_upload_credential import MultipartUploadCredential
from .multipart_upload_credential_headers import MultipartUploadCredentialHeaders
from .multipart_upload_part import MultipartUploadPart
from .param import Param
from .registered_model import RegisteredModel
from .registered_model_alias import RegisteredModelAlias
from .registered_model_name_request import RegisteredModelNameRequest
from .registered_model_response import RegisteredModelResponse
from .registered_model_tag import RegisteredModelTag
from .registry_action import RegistryAction
from .registry_event import RegistryEvent
from .rename_registered_model_request import RenameRegisteredModelRequest
from .run import Run
from .run_data import RunData
from .run_id_request import RunIdRequest
from .run_info import RunInfo
from .run_inputs import RunInputs
from .run_outputs import RunOutputs
from .run_response import RunResponse
from .run_status import RunStatus
from .run_tag import RunTag
from .runs_table_request import RunsTableRequest
from .runs_table_response import RunsTableResponse
from .runs_table_row import RunsTableRow
from .search_experiments_request import SearchExperimentsRequest
from .search_experiments_response import SearchExperimentsResponse
from .search_logged_models_request import SearchLoggedModelsRequest
from .search_logged_models_response import SearchLoggedModelsResponse
from .search_model_versions_response import SearchModelVersionsResponse
from .search_registered_models_request import SearchRegisteredModelsRequest
from .search_registered_models_response import SearchRegisteredModelsResponse
from .search_runs_request import SearchRunsRequest
from .search_runs_response import SearchRunsResponse
from .server_info import ServerInfo
from .set_experiment_tag_request import SetExperimentTagRequest
from .set_logged_model_tags_request import SetLoggedModelTagsRequest
from .set_model_version_tag_request import SetModelVersionTagRequest
from .set_registered_model_alias_request import SetRegisteredModelAliasRequest
from .set_registered_model_tag_request import SetRegisteredModelTagRequest
from .set_tag_request import SetTagRequest
from .transition_model_version_stage_request import TransitionModelVersionStageRequest
from .update_experiment_request import UpdateExperimentRequest
from .update_model_version_request import UpdateModelVersionRequest
from .update_registered_model_request import UpdateRegisteredModelRequest
from .update_run_request import UpdateRunRequest
from .update_run_response import UpdateRunResponse
from .upload_multipart_part_response import UploadMultipartPartResponse
from .view_type import ViewType

__all__ = (
    "AbortMultipartUploadRequest",
    "CompleteMultipartUploadRequest",
    "CreateExperimentRequest",
    "CreateExperimentResponse",
    "CreateLoggedModelRequest",
    "CreateModelVersionRequest",
    "CreateMultipartUploadRequest",
    "CreateMultipartUploadResponse",
    "CreateRegisteredModelRequest",
    "CreateRunRequest",
    "Dataset",
    "DatasetInput",
    "DeleteExperimentTagRequest",
    "DeleteModelVersionTagRequest",
    "DeleteRegisteredModelAliasRequest",
    "DeleteRegisteredModelTagRequest",
    "DeleteTagRequest",
    "DownsampledMetricsResponse",
    "DownsampledSeries",
    "Empty",
    "Error",
    "ErrorErrorCode",
    "Experiment",
    "ExperimentIdRequest",
    "ExperimentKeys",
    "ExperimentTag",
    "FileInfo",
    "FinalizeLoggedModelRequest",
    "GetExperimentResponse",
    "GetLatestVersionsRequest",
    "GetMetricHistoryBulkIntervalResponse",
    "GetMetricHistoryDownsampledXAxis",
    "GetMetricHistoryResponse",
    "GetModelVersionDownloadUriResponse",
    "GetRegistryHistoryResponse",
    "InputTag",
    "ListArtifactsProxyResponse",
    "ListArtifactsResponse",
    "LogBatchRequest",
    "LogInputsRequest",
    "LogLoggedModelParamsRequest",
    "LogMetricRequest",
    "LogOutputsRequest",
    "LogParamRequest",
    "LoggedModel",
    "LoggedModelData",
    "LoggedModelDatasetFilter",
    "LoggedModelInfo",
    "LoggedModelOrderBy",
    "LoggedModelParameter",
    "LoggedModelRegistration",
    "LoggedModelResponse",
    "LoggedModelStatus",
    "LoggedModelTag",
    "Metric",
    "MetricValue",
    "MetricWithRunId",
    "ModelInput",
    "ModelOutput",
    "ModelVersion",
    "ModelVersionRequest",
    "ModelVersionResponse",
    "ModelVersionTag",
    "ModelVersionsResponse",
    "MultipartUploadCredential",
    "MultipartUploadCredentialHeaders",
    "MultipartUploadPart",
    "Param",
    "RegisteredModel",
    "RegisteredModelAlias",
    "RegisteredModelNameRequest",
    "RegisteredModelResponse",
    "RegisteredModelTag",
    "RegistryAction",
    "RegistryEvent",
    "RenameRegisteredModelRequest",
    "Run",
    "RunData",
    "RunIdRequest",
    "RunInfo",
    "RunInputs",
    "RunOutputs",
    "RunResponse",
    "RunStatus",
    "RunTag",
    "RunsTableRequest",
    "RunsTableResponse",
    "RunsTableRow",
    "SearchExperimentsRequest",
    "SearchExperimentsResponse",
    "SearchLoggedModelsRequest",
    "SearchLoggedModelsResponse",
    "SearchModelVersionsResponse",
    "SearchRegisteredModelsRequest",
    "SearchRegisteredModelsResponse",
    "SearchRunsRequest",
    "SearchRunsResponse",
    "ServerInfo",
    "SetExperimentTagRequest",
    "SetLoggedModelTagsRequest",
    "SetModelVersionTagRequest",
    "SetRegisteredModelAliasRequest",
    "SetRegisteredModelTagRequest",
    "SetTagRequest",
    "TransitionModelVersionStageRequest",
    "UpdateExperimentRequest",
    "UpdateModelVersionRequest",
    "UpdateRegisteredModelRequest",
    "UpdateRunRequest",
    "UpdateRunResponse",
    "UploadMultipartPartResponse",
    "ViewType",
)
