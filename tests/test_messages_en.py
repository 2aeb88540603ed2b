"""Every user-facing error carries English wording for `--lang en`."""

from __future__ import annotations

import ast
from pathlib import Path

from recon.errors import ConfigError

RECON_DIR = Path(__file__).resolve().parent.parent / "recon"
ERROR_NAMES = {"InputError", "ConfigError", "OutputError", "ReviewedWorkbookError", "ReconError"}


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _sites_without_en() -> list[str]:
    missing = []
    for path in sorted(RECON_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _call_name(node.func) not in ERROR_NAMES:
                continue
            if not any(kw.arg == "en" for kw in node.keywords):
                missing.append(f"{path.relative_to(RECON_DIR.parent)}:{node.lineno}")
    return missing


def test_every_error_raise_site_has_english() -> None:
    missing = _sites_without_en()
    assert not missing, "error constructed without en=: " + ", ".join(missing)


def test_config_error_renders_english() -> None:
    err = ConfigError(
        "配置文件有误",
        file="recon.toml",
        fix="改正配置",
        en="the config file is wrong",
        fix_en="correct the config",
    )
    text = err.render("en")
    assert "the config file is wrong" in text
    assert "Fix: correct the config" in text
    assert "配置文件有误" not in text
    assert "怎么办" in err.render("zh")
