"""How much of a document's tables a result read: the figures and the status (measured by
:mod:`llmextract.checks.coverage`)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

MIN_COVERAGE = 0.95  # below this share read, a document is partial
LISTED = 400  # unread amounts listed in the result (the counts are always whole)


class Status(StrEnum):
    """How much of the document's tables the result read."""

    OK = "ok"  # at least MIN_COVERAGE of the printed amounts (or no table page)
    PARTIAL = "partial"  # some read, but less than MIN_COVERAGE
    UNREAD = "unread"  # table pages, and nothing on them read

    @property
    def words(self) -> str:
        """The status in the words of the pages people read."""
        return {"ok": "已完整读取", "partial": "部分读取", "unread": "表格未读取"}[self.value]


class Unread(BaseModel):
    page: int
    line: int = Field(description="1-based line of the text read")
    start: int = Field(default=0, description="offset of its first character in the decoded source")
    end: int = Field(default=0, description="offset after its last character")
    text: str = Field(description="the amount as printed")
    near: str = Field(default="", description="the table title or header line above it on its page")
    box: list[float] | None = Field(default=None, description="[x0, top, x1, bottom] in PDF points")


class Coverage(BaseModel):
    printed: int = Field(description="amounts printed on the pages that hold tables")
    read: int = Field(description="of those, the amounts the result reads as a table value")
    pages: list[int] = Field(default_factory=list, description="the pages that hold tables")
    unread_pages: list[int] = Field(default_factory=list, description="the pages with amounts not read")
    unread: list[Unread] = Field(default_factory=list, description=f"the amounts not read (first {LISTED})")

    @property
    def share(self) -> float:
        return self.read / self.printed if self.printed else 1.0

    def status(self, minimum: float = MIN_COVERAGE) -> Status:
        if self.printed and not self.read:
            return Status.UNREAD
        return Status.PARTIAL if self.share < minimum else Status.OK

    def figure(self) -> str:
        """``read 412/430`` — for the batch summary and the console."""
        return f"read {self.read}/{self.printed}"
