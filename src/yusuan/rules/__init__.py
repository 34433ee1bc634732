"""The rulebook: every check as a small named rule; `check` runs them all."""

from __future__ import annotations

from ..model import Disclosure
from .base import ERROR, NOTICE, SEVERITIES, WARNING, Finding, Rule
from .classification import AdministrationProject, CodeName, EditionName, SameCodeTwoNames, UnknownCode
from .completeness import BlankTotal, MissingSection, MissingTable, UnexplainedEmptyTable
from .corpus import LastYear
from .extras import extra_rules
from .matters import AssetParts, Distribution, ProjectScale, Reserved, VehiclePurchase
from .narrative import BudgetYear, ChangeTwice, ComparedYear, Growth, Share, StatedParts, TargetedFunds, Typo
from .panels import PanelTotal
from .performance import FloorTarget, ForeignGoal, LastYearUnit, NamedUnit, ProjectFunds, TargetTypo, Weights
from .restated import NamedRow, Restated
from .staffing import ActualStaff
from .tables import table_rules
from .wording import Placeholder, Punctuation

__all__ = ["ERROR", "NOTICE", "SEVERITIES", "WARNING", "Finding", "Rule", "catalogue", "check"]


def catalogue() -> list[Rule]:
    return [*table_rules(), MissingTable(), UnexplainedEmptyTable(), BlankTotal(), MissingSection(), ActualStaff(),
            Share(), Growth(), Typo(),
            ComparedYear(), BudgetYear(), ChangeTwice(), StatedParts(), TargetedFunds(),
            Restated(), NamedRow(), UnknownCode(), CodeName(), SameCodeTwoNames(), EditionName(),
            AdministrationProject(),
            ProjectScale(), Distribution(), AssetParts(), Reserved(), VehiclePurchase(),
            ProjectFunds(), FloorTarget(), TargetTypo(), Weights(), LastYearUnit(), NamedUnit(), ForeignGoal(),
            Placeholder(), Punctuation(), *extra_rules(), PanelTotal(), LastYear()]


def check(disclosure: Disclosure, rules: list[Rule] | None = None) -> list[Finding]:
    """Every finding of every rule, most severe first, in document order within a severity."""
    findings = [finding for rule in rules or catalogue() for finding in rule.check(disclosure)]
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))
