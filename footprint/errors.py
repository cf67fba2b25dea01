"""The few error types footprint raises. The CLI catches `FootprintError` once and exits 2."""

from __future__ import annotations

from footprint.models import AccountStatus


class FootprintError(Exception):
    """Base of every error footprint reports to the user instead of a traceback."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(FootprintError):
    """Bad input: a profile, rule, archive or report file that cannot be used. Exit code 2."""


class PluginLoadError(FootprintError):
    """A check or source registered through an entry point could not be loaded."""


class SourceError(Exception):
    """A source could not read an account; the engine turns it into the account's status."""

    def __init__(self, status: AccountStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class Refused(SourceError):
    """The address policy refused a request (a private address, or a redirect out of a trusted endpoint);
    reported on the account as an error."""

    def __init__(self, reason: str) -> None:
        super().__init__(AccountStatus.ERROR, reason)


class Unreachable(SourceError):
    """No connection could be made to the host (refused, reset, no route, TLS failed). Callers that must
    tell this from other errors test the class, never the words of the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(AccountStatus.ERROR, reason)
