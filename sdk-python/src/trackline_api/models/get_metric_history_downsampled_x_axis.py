from enum import StrEnum


class GetMetricHistoryDownsampledXAxis(StrEnum):
    RELATIVE = "relative"
    STEP = "step"
    TIME = "time"

    def __str__(self) -> str:
        return str(self.value)
