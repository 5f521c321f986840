"""The 事项 page: the case inbox (five views), a case page with its timeline and quick actions.

Keyboard: Ctrl+N new matter, F5 refresh, Alt+<letter> for the actions shown on the buttons,
Alt+1..5 for the satisfaction grades. Every read and write runs off the GUI thread.
"""

from .dialogs import ActionDialog, ImagePreview, RevealDialog
from .intake import CaseIntakeDialog
from .labels import action_label, grade_label
from .page import CASES_QSS, VIEWS, CasesPage, NoCasesPage, create_page
from .panel import ACTION_KEYS, GRADES, CasePanel, TimelineEntry

__all__ = [
    "ACTION_KEYS",
    "CASES_QSS",
    "GRADES",
    "VIEWS",
    "ActionDialog",
    "CaseIntakeDialog",
    "CasePanel",
    "CasesPage",
    "ImagePreview",
    "NoCasesPage",
    "RevealDialog",
    "TimelineEntry",
    "action_label",
    "create_page",
    "grade_label",
]
