from enum import StrEnum


class NotReadyErrorCode(StrEnum):
    TEMPORARILY_UNAVAILABLE = "TEMPORARILY_UNAVAILABLE"

    def __str__(self) -> str:
        return str(self.value)
