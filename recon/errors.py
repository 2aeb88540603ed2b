"""Domain exceptions. Raised inside the library; the CLI edge turns each into one clear message.

Every error a user can meet says where (file, sheet, row, column), what is wrong, and how to fix it.
"""

from __future__ import annotations


class ReconError(Exception):
    """Base of every error meant for a user. `exit_code` follows DOMAIN.md (2 = unusable input)."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.fix = fix

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(f"文件 {self.file}")
        if self.sheet:
            parts.append(f"工作表 {self.sheet}")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"列 {self.column}")
        return "，".join(parts)

    def render(self) -> str:
        loc = self.location()
        text = f"{loc}：{self.message}" if loc else self.message
        if self.fix:
            text += f"\n怎么办：{self.fix}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "error": type(self).__name__,
            "message": self.message,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "fix": self.fix,
        }


class InputError(ReconError):
    """An input file cannot be used as it is."""


class ConfigError(ReconError):
    """The configuration or an argument is wrong."""


class InputErrors(InputError):
    """Several unusable inputs, reported together before any work is done."""

    def __init__(self, errors: list[ReconError]) -> None:
        super().__init__(f"{len(errors)} 个输入文件无法使用")
        self.errors = errors

    def render(self) -> str:
        return "\n\n".join(e.render() for e in self.errors)

    def to_dict(self) -> dict[str, object]:
        return {"error": "InputErrors", "errors": [e.to_dict() for e in self.errors]}


class OutputError(ReconError):
    """The output cannot be written (exists, locked, read-only, disk full)."""

    exit_code = 3


class ReviewedWorkbookError(InputError):
    """A workbook returned by auditors cannot be read back."""
