"""`recon rules`: the catalog on stdout, one rule's page, JSON, config-driven parameters, unknown codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recon.cli.rules import command
from recon.errors import ConfigError
from recon.rules import RULES


def test_catalog_lists_every_rule_as_plain_text() -> None:
    result = CliRunner().invoke(command, [], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [ln.split("\t")[0] for ln in lines[1:]] == [r.code for r in RULES]
    assert "\x1b[" not in result.output
    assert "低保、火化记录" in lines[1]


def test_one_rule_shows_definition_parameters_and_examples() -> None:
    out = CliRunner().invoke(command, ["t1"], catch_exceptions=False).output
    assert out.startswith("T1")
    for part in ("政策依据", "minor_age = 16", "异常示例", "正常示例", "残疾人证"):
        assert part in out


def test_family_prefix_and_json_with_config(tmp_path: Path) -> None:
    cfg = tmp_path / "recon.toml"
    cfg.write_text("[policy]\nminor_age = 18\ncare_grades = [1, 2, 3]\n", encoding="utf-8")
    out = CliRunner().invoke(command, ["T", "--json", "--config", str(cfg)], catch_exceptions=False).output
    data = json.loads(out)
    assert [d["code"] for d in data] == ["T1"]
    assert data[0]["parameters"]["minor_age"] == 18
    s = json.loads(CliRunner().invoke(command, ["S3", "--json", "--config", str(cfg)]).output)
    assert s[0]["parameters"]["care_grades"] == [1, 2, 3]


def test_unknown_code_is_a_config_error() -> None:
    result = CliRunner().invoke(command, ["Z7"])
    assert result.exit_code != 0
    assert isinstance(result.exception, ConfigError)
    with pytest.raises(ConfigError):
        CliRunner().invoke(command, ["Z7"], catch_exceptions=False)


def test_p3_and_m1_pages_name_their_parameters_and_basis() -> None:
    p3 = CliRunner().invoke(command, ["P3"], catch_exceptions=False).output
    for part in ("P3", "payment_tolerance = 0.01", "一本通", "户月保障金", "政策依据"):
        assert part in p3, part
    m1 = CliRunner().invoke(command, ["m1"], catch_exceptions=False).output
    for part in ("exit_suspension", "2020-02", "暂停开展低保对象退出工作", "上月名册"):
        assert part in m1, part
    family = json.loads(CliRunner().invoke(command, ["P", "--json"], catch_exceptions=False).output)
    assert [d["code"] for d in family] == ["P1", "P2", "P3", "P4", "P5"]
