"""Domain exceptions. Raised inside the library; the CLI edge turns each into one clear message.

Every error a user can meet says where (file, sheet, row, column), what is wrong, and how to fix it.
"""

from __future__ import annotations


class ReconError(Exception):
    """Base of every error meant for a user. `exit_code`: 2 = unusable input or arguments."""

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
        en: str | None = None,
        fix_en: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        # English wording for `--lang en`; where a site gives none, the Chinese text is shown
        self.en = en
        self.fix_en = fix_en
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.fix = fix

    def location(self, lang: str = "zh") -> str:
        en = lang == "en"
        parts = []
        if self.file:
            parts.append(f"file {self.file}" if en else f"文件 {self.file}")
        if self.sheet:
            parts.append(f"sheet {self.sheet}" if en else f"工作表 {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}" if en else f"第 {self.row} 行")
        if self.column:
            parts.append(f"column {self.column}" if en else f"列 {self.column}")
        return (", " if en else "，").join(parts)

    def render(self, lang: str = "zh") -> str:
        en = lang == "en"
        loc = self.location(lang)
        message = (self.en or self.message) if en else self.message
        text = (f"{loc}: {message}" if en else f"{loc}：{message}") if loc else message
        fix = (self.fix_en or self.fix) if en else self.fix
        if fix:
            text += f"\nFix: {fix}" if en else f"\n怎么办：{fix}"
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

    def render(self, lang: str = "zh") -> str:
        return "\n\n".join(e.render(lang) for e in self.errors)

    def to_dict(self) -> dict[str, object]:
        return {"error": "InputErrors", "errors": [e.to_dict() for e in self.errors]}


class OutputError(ReconError):
    """The output cannot be written (exists, locked, read-only, disk full)."""

    exit_code = 3


class ReviewedWorkbookError(InputError):
    """A workbook returned by auditors cannot be read back."""
