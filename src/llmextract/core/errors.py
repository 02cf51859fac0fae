"""The error root: every error the tool raises on purpose is an :class:`LlmextractError`."""

from __future__ import annotations


class LlmextractError(Exception):
    """Raised on purpose by llmextract; its message says what went wrong and what to do."""


class InputError(LlmextractError):
    """The input cannot be read as a text document; the message says why and what to do."""


class OutputError(LlmextractError):
    """An output file could not be written (the message names it and the system's reason;
    ``errno`` the system's error number, when it gave one)."""

    def __init__(self, message: str, errno_: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno_


class ModelError(LlmextractError):
    """The model cannot be used for this run at all (none configured, credentials refused, quota)."""
