from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from recon.config import Config, Disability, Policy, config_from_dict, load_config
from recon.errors import ConfigError
from recon.rules.base import t1_disability_expr

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_config_states_the_defaults() -> None:
    cfg = load_config(ROOT / "configs" / "recon.toml")
    assert cfg.policy == Policy()
    assert cfg.linking.fuzzy is True


def test_policy_changes_are_config_changes() -> None:
    cfg = config_from_dict({"policy": {"minor_age": 18, "t1_disabilities": [{"type": 5, "max_grade": 2}]}})
    assert cfg.policy.minor_age == 18
    assert cfg.policy.t1_disabilities == (Disability(5, 2),)
    # what T1 counts follows the config: intellectual grade 2 counts, grade 3 no longer does
    frame = pl.DataFrame({"disability_type": [5, 5, 4], "disability_grade": [2, 3, 1]})
    counts = frame.select(t1_disability_expr(cfg.policy)).to_series().to_list()
    assert counts == [True, False, False]


def test_sources_mapping_parsed() -> None:
    cfg = config_from_dict(
        {"sources": [{"file": "残联*.xlsx", "kind": "disability", "columns": {"持证人": "name"}}]}
    )
    assert cfg.sources[0].kind == "disability" and cfg.sources[0].columns == {"持证人": "name"}


@pytest.mark.parametrize(
    "bad",
    [
        {"policy": {"minor_agee": 18}},
        {"polcy": {}},
        {"sources": [{"kind": "dibao"}]},
        {"sources": [{"file": "x", "kind": "welfare"}]},
        {"policy": {"t1_disabilities": [{"type": 5}]}},
        {"policy": {"living_subsidy_programmes": ["pension"]}},
    ],
)
def test_bad_config_is_one_clear_error(bad: dict) -> None:
    with pytest.raises(ConfigError) as e:
        config_from_dict(bad, where="my.toml")
    assert e.value.file == "my.toml" and e.value.fix


def test_config_round_trips_to_dict() -> None:
    d = Config().to_dict()
    assert d["policy"]["minor_age"] == 16 and d["policy"]["care_grades"] == (1, 2)


def test_invalid_toml(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text("[policy\nminor_age = ", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(p)
