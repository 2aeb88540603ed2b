"""What a long run shows while it works: a bar per stage on a terminal, log lines with the same counts
under cron (a run is never a silent terminal)."""

from __future__ import annotations

import logging
import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from recon.messages import msg

log = logging.getLogger("recon")

STAGE_KEYS = {"load": "stage_load", "link": "stage_link", "rules": "stage_rules", "write": "stage_write"}


class StageProgress:
    """The pipeline's `progress(stage, text)` callback; use as a context manager around the run."""

    def __init__(self, console: Console, lang: str, *, interactive: bool, quiet: bool) -> None:
        self.lang = lang
        self.quiet = quiet
        self.started = time.monotonic()
        self.bars: Progress | None = None
        if interactive:
            self.bars = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> StageProgress:
        if self.bars is not None:
            self.bars.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bars is not None:
            if err is None:
                self._finish_open_tasks()
            self.bars.stop()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def __call__(self, stage: str, text: str) -> None:
        label = msg(STAGE_KEYS[stage], self.lang)
        if "/" in text:
            done, total = (int(x) for x in text.split("/", 1))
            self._advance(stage, label, done, total)
            return
        if text.isdigit():
            what = msg(f"stage_what_{stage}", self.lang, n=int(text))
            label = msg("stage_line", self.lang, label=label, what=what, elapsed=self.elapsed())
        if self.bars is not None:
            self._finish_open_tasks()
            self.tasks[stage] = self.bars.add_task(label, total=None)
        elif not self.quiet:
            log.info(label)

    def _advance(self, stage: str, label: str, done: int, total: int) -> None:
        if self.bars is not None:
            task = self.tasks.get(stage)
            if task is None:
                task = self.tasks[stage] = self.bars.add_task(label, total=total)
            self.bars.update(task, completed=done, total=total)
            return
        # a cron log gets every file (there are few and each may be slow) and each stage's last count
        if self.quiet or (stage != "load" and done != total):
            return
        count = msg(f"stage_count_{stage}", self.lang, i=done, n=total)
        log.info(msg("stage_line", self.lang, label=label, what=count, elapsed=self.elapsed()))

    def _finish_open_tasks(self) -> None:
        assert self.bars is not None
        for task in self.tasks.values():
            t = self.bars.tasks[task]
            if t.total is None:
                self.bars.update(task, total=1, completed=1)
            else:
                self.bars.update(task, completed=t.total)
