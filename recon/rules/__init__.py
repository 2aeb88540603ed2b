"""The anomaly rules: catalog (registry), shared per-run facts (base), one module per family."""

from recon.rules.base import Rule, RuleContext, rule_info
from recon.rules.registry import RULES, get_rule, select_rules
from recon.rules.run import RulesOutcome, run_rules

__all__ = [
    "RULES",
    "Rule",
    "RuleContext",
    "RulesOutcome",
    "get_rule",
    "rule_info",
    "run_rules",
    "select_rules",
]
