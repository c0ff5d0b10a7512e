"""Errors a user can act on: each prints as one line naming the file."""

from __future__ import annotations


class ConvertError(Exception):
    """An expected failure, reported to the user without a traceback."""


class InputError(ConvertError):
    """An article that cannot be read: undecodable, empty, too large…"""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ThemeError(ConvertError):
    """A theme file that is missing or malformed."""


class FontNotFound(ConvertError):
    """A font the theme names is neither in fonts/ nor installed."""


class EmptyBook(ConvertError):
    """A book asked for with no article in it."""


class UsageError(ConvertError):
    """A bad command line: unknown format, bad option value."""
