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


def test_relation_word_lists_are_lists_of_strings() -> None:
    cfg = config_from_dict({"policy": {"child_relations": ["子", "女", "二子"], "head_relations": ["户主"]}})
    assert cfg.policy.child_relations == ("子", "女", "二子")
    assert cfg.policy.head_relations == ("户主",)
    # the other lists keep their defaults
    assert cfg.policy.spouse_relations == Policy().spouse_relations


@pytest.mark.parametrize(
    "bad",
    [
        {"child_relations": "子"},  # one string, which would be read character by character
        {"child_relations": ["子", 2]},
        {"spouse_relations": ["配偶", "  "]},
        {"parent_relations": [{"word": "父亲"}]},
        # a word in two lists: 儿 is a child word by default
        {"grandchild_relations": ["孙子", "儿"]},
        # the same word once full-width, once with a space
        {"head_relations": ["本人（户主）"], "spouse_relations": ["本人 (户主)"]},
    ],
)
def test_bad_relation_word_lists_are_one_clear_error(bad: dict) -> None:
    with pytest.raises(ConfigError) as e:
        config_from_dict({"policy": bad}, where="my.toml")
    assert e.value.file == "my.toml" and e.value.fix


def test_shipped_config_names_every_k_parameter() -> None:
    # the county edits the shipped file: each K setting must be there to be found, with its default
    import tomllib

    from recon.rules import get_rule

    stated = tomllib.loads((ROOT / "configs" / "recon.toml").read_text(encoding="utf-8"))["policy"]
    for code in ("K1", "K2"):
        for p in get_rule(code).parameters:
            assert p in stated, f"{code} parameter {p} is not in configs/recon.toml"
