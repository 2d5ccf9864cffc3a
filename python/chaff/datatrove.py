"""A datatrove pipeline step that cleans each document's text with chaff.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from chaff.datatrove import ChaffCleaner

    LocalPipelineExecutor(pipeline=[
        JsonlReader("crawl/"),
        ChaffCleaner(),                 # or ChaffCleaner(annotate=True) to keep the text
        JsonlWriter("clean/"),
    ], tasks=4).run()

Needs `pip install chaff[datatrove]`. Per-rule counts go to the step's stats as
`rule/<id>` (lines dropped and spans cut), with `chars_removed` and `emptied`.
"""

from __future__ import annotations

from collections.abc import Sequence

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from . import Cleaner


class ChaffCleaner(PipelineStep):
    """Clean `doc.text`, or with `annotate=True` leave it and store the edits in
    `doc.metadata[annotate_key]` as dicts (`start`, `end` in code points, `rule`,
    `action`, `replacement`); applying them gives the cleaned text.

    Args:
        rules: extra rule files or folders, as the CLI's `--rules`.
        default_rules: start from the embedded default rules.
        disable: globs of rule ids to turn off, as `--disable`.
        annotate: keep the text and add the edits instead of cleaning.
        annotate_key: the metadata key for the edits.
        url_key: the metadata key holding the document's URL (site rules need it).
        drop_empty: leave out documents that clean to nothing (counted as `dropped_empty`).
        batch_size: documents cleaned together, in parallel on `threads` threads.
        threads: threads a batch uses (datatrove runs one task a process: 1 is right
            when `tasks` already fills the cores).
    """

    name = "🌾 chaff"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        rules: Sequence[str] | None = None,
        default_rules: bool = True,
        disable: Sequence[str] | None = None,
        annotate: bool = False,
        annotate_key: str = "chaff",
        url_key: str = "url",
        drop_empty: bool = False,
        batch_size: int = 256,
        threads: int = 1,
    ):
        super().__init__()
        self.rules = list(rules or [])
        self.default_rules = default_rules
        self.disable = list(disable or [])
        self.annotate = annotate
        self.annotate_key = annotate_key
        self.url_key = url_key
        self.drop_empty = drop_empty
        self.batch_size = batch_size
        self.threads = threads
        # Built where the step runs: the compiled cleaner does not pickle, so it is not
        # shipped to worker processes but made once in each.
        self._cleaner = None
        # Fail at construction, on the driver, for a rule file that does not load.
        Cleaner(self.rules, default_rules=self.default_rules, disable=self.disable)

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_cleaner"] = None
        return state

    def _get_cleaner(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner(self.rules, default_rules=self.default_rules, disable=self.disable)
        return self._cleaner

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        batch = []
        for doc in data:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    def _process(self, batch):
        cleaner = self._get_cleaner()
        urls = [doc.metadata.get(self.url_key) for doc in batch]
        urls = [u if isinstance(u, str) else None for u in urls]
        with self.track_time(unit="batch"):
            if self.annotate:
                results = []
                for doc, url in zip(batch, urls):
                    edits = cleaner.annotate(doc.text, url)
                    counts = {}
                    for e in edits:
                        if e.rule is not None:
                            counts[e.rule] = counts.get(e.rule, 0) + 1
                    doc.metadata[self.annotate_key] = [
                        {"start": e.start, "end": e.end, "rule": e.rule, "action": e.action,
                         "replacement": e.replacement}
                        for e in edits
                    ]
                    removed = sum(e.end - e.start - len(e.replacement) for e in edits)
                    results.append((doc, counts, removed, removed == len(doc.text) and doc.text.strip() != ""))
            else:
                cleaned = cleaner.clean_batch([d.text for d in batch], self.threads, urls, with_counts=True)
                results = []
                for doc, (text, counts) in zip(batch, cleaned):
                    removed = len(doc.text) - len(text)
                    emptied = text == "" and doc.text.strip() != ""
                    doc.text = text
                    results.append((doc, counts, removed, emptied))
        for doc, counts, removed, emptied in results:
            self.stat_update("documents")
            for rule, n in counts.items():
                self.stat_update(f"rule/{rule}", value=n)
            self.stat_update("chars_removed", value=removed)
            if emptied:
                self.stat_update("emptied")
                if self.drop_empty and not self.annotate:
                    self.stat_update("dropped_empty")
                    continue
            yield doc
