from enum import StrEnum


class ViewType(StrEnum):
    ACTIVE_ONLY = "ACTIVE_ONLY"
    ALL = "ALL"
    DELETED_ONLY = "DELETED_ONLY"

    def __str__(self) -> str:
        return str(self.value)
