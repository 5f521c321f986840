"""The 志愿服务 page (双报到): 驻区单位, 在职党员, activities with keyboard sign-in and a head's
approval, and the 微心愿 wall. Every read and write runs off the GUI thread."""

from .activities import ActivitiesTab, ActivityDialog, CorrectionDialog
from .members import LinkResidentDialog, MemberDialog, MembersTab
from .page import NoVolunteerPage, VolunteerPage, create_page
from .units import UnitDialog, UnitsTab
from .wishes import WishDialog, WishesTab, WishStepDialog

__all__ = [
    "ActivitiesTab",
    "ActivityDialog",
    "CorrectionDialog",
    "LinkResidentDialog",
    "MemberDialog",
    "MembersTab",
    "NoVolunteerPage",
    "UnitDialog",
    "UnitsTab",
    "VolunteerPage",
    "WishDialog",
    "WishStepDialog",
    "WishesTab",
    "create_page",
]
