"""On a terminal a long run draws a bar per stage that ends complete; nothing is logged twice."""

from __future__ import annotations

import io

from rich.console import Console

from recon.cli.progress import StageProgress


def test_on_a_terminal_each_stage_gets_a_bar_that_ends_complete() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    bars = StageProgress(console, "zh", interactive=True, quiet=False)
    with bars:
        bars("load", "")
        for i in range(1, 4):
            bars("load", f"{i}/3")
        bars("link", "5218")
        bars("rules", "27")
        bars("rules", "10/27")
        bars("write", "82")
        bars("write", "40/82")
        bars("write", "82/82")
    assert bars.bars is not None
    tasks = {t.description.split("：")[0]: t for t in bars.bars.tasks}
    assert set(tasks) == {"读取名册", "关联人员", "执行比对规则", "写出结果"}
    assert tasks["读取名册"].total == 3 and tasks["读取名册"].completed == 3
    # a stage that stopped reporting is complete once the next one starts (rules: 10/27 -> 27/27)
    assert tasks["执行比对规则"].completed == 27
    assert tasks["写出结果"].completed == 82
    assert "读取名册" in out.getvalue()
