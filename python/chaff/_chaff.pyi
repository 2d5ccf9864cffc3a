from collections.abc import Iterable, Sequence
from os import PathLike

class RuleError(ValueError):
    """A rule file that does not load, or a disable glob that matches nothing; the
    message names the file, line and column, as the CLI's does."""

class Edit:
    """One change from the input to the cleaned text: `text[start:end]` (code points)
    is replaced by `replacement`."""

    start: int
    end: int
    line: int
    """0-based input line the edit starts on."""
    rule: str | None
    """The rule behind the edit; None for layout (folded blank lines, line endings)."""
    action: str
    """"drop-line", "cut" or "layout"."""
    replacement: str

class Cleaner:
    """A cleaner with its rules compiled once; build it once and reuse it.

    rules: extra rule files or folders (as `--rules`); default_rules: start from the
    embedded rules; disable: globs of rule ids to turn off (as `--disable`).
    Raises RuleError when a rule file does not load."""

    def __init__(
        self,
        rules: Sequence[str | PathLike[str]] | None = None,
        *,
        default_rules: bool = True,
        disable: Sequence[str] | None = None,
    ) -> None: ...
    def clean(self, text: str, url: str | None = None) -> str:
        """The cleaned text; `url` turns on the rules limited to its site."""
    def clean_batch(
        self,
        texts: Iterable[str],
        threads: int | None = None,
        urls: Sequence[str | None] | None = None,
    ) -> list[str]:
        """Clean many texts in parallel with the GIL released; results in input order,
        equal to cleaning one by one."""
    def annotate(self, text: str, url: str | None = None) -> list[Edit]:
        """The edits that turn `text` into `clean(text)`, in order."""
    def explain(self, text: str, url: str | None = None) -> str:
        """The `--explain` view: each line's fate and the rule that decided it."""
    @property
    def rules(self) -> list[str]:
        """The ids of the rules that are on, in load order."""
