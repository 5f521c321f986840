"""Names of case actions and satisfaction grades in the interface language."""

from __future__ import annotations

from stationdesk.domain.cases import (
    ACTION_LABELS_EN,
    ACTION_LABELS_ZH,
    CaseAction,
    SatisfactionGrade,
)

from ... import i18n


def action_label(action: CaseAction) -> str:
    """The action's name in the interface language."""
    return (ACTION_LABELS_ZH if i18n.is_chinese() else ACTION_LABELS_EN)[action]


def grade_label(grade: SatisfactionGrade) -> str:
    """The grade's name in the interface language."""
    return grade.zh if i18n.is_chinese() else grade.en
