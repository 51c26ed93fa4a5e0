"""Contains all the data models used in inputs/outputs"""

from .abort_multipart_upload_request import AbortMultipartUploadRequest
from .complete_multipart_upload_request import CompleteMultipartUploadRequest
from .create_experiment_request import CreateExperimentRequest
from .create_experiment_response import CreateExperimentResponse
from .create_multipart_upload_request import CreateMultipartUploadRequest
from .create_multipart_upload_response import CreateMultipartUploadResponse
from .create_run_request import CreateRunRequest
from .dataset import Dataset
from .dataset_input import DatasetInput
from .delete_experiment_tag_request import DeleteExperimentTagRequest
from .delete_tag_request import DeleteTagRequest
from .empty import Empty
from .error import Error
from .error_error_code import ErrorErrorCode
from .experiment import Experiment
from .experiment_id_request import ExperimentIdRequest
from .experiment_tag import ExperimentTag
from .file_info import FileInfo
from .get_experiment_response import GetExperimentResponse
from .get_metric_history_bulk_interval_response import GetMetricHistoryBulkIntervalResponse
from .get_metric_history_response import GetMetricHistoryResponse
from .input_tag import InputTag
from .list_artifacts_proxy_response import ListArtifactsProxyResponse
from .list_artifacts_response import ListArtifactsResponse
from .log_batch_request import LogBatchRequest
from .log_inputs_request import LogInputsRequest
from .log_metric_request import LogMetricRequest
from .log_outputs_request import LogOutputsRequest
from .log_param_request import LogParamRequest
from .metric import Metric
from .metric_with_run_id import MetricWithRunId
from .model_input import ModelInput
from .model_output import ModelOutput
from .multipart_upload_credential import MultipartUploadCredential
from .multipart_upload_credential_headers import MultipartUploadCredentialHeaders
from .multipart_upload_part import MultipartUploadPart
from .param import Param
from .run import Run
from .run_data import RunData
from .run_id_request import RunIdRequest
from .run_info import RunInfo
from .run_inputs import RunInputs
from .run_outputs import RunOutputs
from .run_response import RunResponse
from .run_status import RunStatus
from .run_tag import RunTag
from .search_experiments_request import SearchExperimentsRequest
from .search_experiments_response import SearchExperimentsResponse
from .search_runs_request import SearchRunsRequest
from .search_runs_response import SearchRunsResponse
from .server_info import ServerInfo
from .set_experiment_tag_request import SetExperimentTagRequest
from .set_tag_request import SetTagRequest
from .update_experiment_request import UpdateExperimentRequest
from .update_run_request import UpdateRunRequest
from .update_run_response import UpdateRunResponse
from .upload_multipart_part_response import UploadMultipartPartResponse
from .view_type import ViewType

__all__ = (
    "AbortMultipartUploadRequest",
    "CompleteMultipartUploadRequest",
    "CreateExperimentRequest",
    "CreateExperimentResponse",
    "CreateMultipartUploadRequest",
    "CreateMultipartUploadResponse",
    "CreateRunRequest",
    "Dataset",
    "DatasetInput",
    "DeleteExperimentTagRequest",
    "DeleteTagRequest",
    "Empty",
    "Error",
    "ErrorErrorCode",
    "Experiment",
    "ExperimentIdRequest",
    "ExperimentTag",
    "FileInfo",
    "GetExperimentResponse",
    "GetMetricHistoryBulkIntervalResponse",
    "GetMetricHistoryResponse",
    "InputTag",
    "ListArtifactsProxyResponse",
    "ListArtifactsResponse",
    "LogBatchRequest",
    "LogInputsRequest",
    "LogMetricRequest",
    "LogOutputsRequest",
    "LogParamRequest",
    "Metric",
    "MetricWithRunId",
    "ModelInput",
    "ModelOutput",
    "MultipartUploadCredential",
    "MultipartUploadCredentialHeaders",
    "MultipartUploadPart",
    "Param",
    "Run",
    "RunData",
    "RunIdRequest",
    "RunInfo",
    "RunInputs",
    "RunOutputs",
    "RunResponse",
    "RunStatus",
    "RunTag",
    "SearchExperimentsRequest",
    "SearchExperimentsResponse",
    "SearchRunsRequest",
    "SearchRunsResponse",
    "ServerInfo",
    "SetExperimentTagRequest",
    "SetTagRequest",
    "UpdateExperimentRequest",
    "UpdateRunRequest",
    "UpdateRunResponse",
    "UploadMultipartPartResponse",
    "ViewType",
)
