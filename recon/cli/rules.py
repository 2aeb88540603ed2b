"""`recon rules [CODE]`: the rule catalog, or one rule's documentation, on stdout."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

import click

from recon.config import Policy, load_config
from recon.model import KIND_ZH, SEVERITY_ZH
from recon.rules.base import PREVIOUS_ROLL_ZH, Rule, rule_info, rule_parameters
from recon.rules.registry import select_rules


def _needs_text(rule: Rule) -> str:
    parts = [KIND_ZH[k] for k in rule.needs] + [
        "或".join(KIND_ZH[k] for k in alts) for alts in rule.needs_any
    ]
    if rule.needs_previous:
        parts.append(PREVIOUS_ROLL_ZH)
    text = "、".join(parts) or "任意数据"
    if rule.optional:
        text += "（可选：" + "、".join(KIND_ZH[k] for k in rule.optional) + "）"
    return text


def rule_dict(rule: Rule, policy: Policy) -> dict[str, Any]:
    """One rule as `recon rules --json` prints it: its RuleInfo, the record the reports use too."""
    info = dataclasses.asdict(rule_info(rule, policy))
    return {k: list(v) if isinstance(v, tuple) else v for k, v in info.items()}


def _catalog_rows(rules: list[Rule]) -> list[tuple[str, str, str, str, str]]:
    return [(r.code, SEVERITY_ZH[r.severity], r.title_zh, r.title_en, _needs_text(r)) for r in rules]


def _print_catalog(rules: list[Rule]) -> None:
    rows = _catalog_rows(rules)
    headers = ("代码", "严重程度", "名称", "English", "需要的数据")
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(*headers)
        for row in rows:
            table.add_row(*row)
        Console().print(table)
        return
    # plain tab-separated text: readable in a log and easy to cut/grep
    click.echo("\t".join(headers))
    for row in rows:
        click.echo("\t".join(row))


def _print_rule(rule: Rule, policy: Policy) -> None:
    lines = [
        f"{rule.code}  {rule.title_zh}（{rule.title_en}）",
        f"严重程度：{SEVERITY_ZH[rule.severity]}（{rule.severity}）",
        f"需要的数据：{_needs_text(rule)}",
        "",
        f"查什么：{rule.finds}",
        f"定义：{rule.definition}",
        f"为什么：{rule.why}",
        f"政策依据：{rule.basis}",
    ]
    params = rule_parameters(rule, policy)
    if params:
        lines.append("参数（当前取值）：")
        lines += [f"  {k} = {json.dumps(v, ensure_ascii=False)}" for k, v in params.items()]
    lines += [f"异常示例：{rule.fail_example}", f"正常示例：{rule.pass_example}", ""]
    click.echo("\n".join(lines))


@click.command("rules")
@click.argument("code", required=False)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（TOML），显示其中的参数取值"
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON，便于程序读取")
def command(code: str | None, config_path: str | None, as_json: bool) -> None:
    """列出全部规则；给出规则代码（如 T1）或类别字母（如 D）时显示其说明。"""
    policy = load_config(config_path).policy
    rules = select_rules(code)
    if as_json:
        click.echo(json.dumps([rule_dict(r, policy) for r in rules], ensure_ascii=False, indent=2))
    elif code is None:
        _print_catalog(rules)
    else:
        for rule in rules:
            _print_rule(rule, policy)
