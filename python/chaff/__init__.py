"""chaff: remove the chaff scrapers leave in text, keep the article byte for byte.

    >>> import chaff
    >>> cleaner = chaff.Cleaner()                    # the embedded default rules
    >>> cleaner.clean("A story.\\nRead more: Another story\\n")
    'A story.\\n'

The engine is the Rust crate behind the `chaff` command line; this package wraps it, so
Python and the CLI give the same output for the same text and rules.
"""

from ._chaff import Cleaner, Edit, RuleError

__all__ = ["Cleaner", "Edit", "RuleError", "clean"]

_default = None


def clean(text: str, url: "str | None" = None) -> str:
    """Clean one text with the default rules (the cleaner is built on first use)."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default.clean(text, url)
