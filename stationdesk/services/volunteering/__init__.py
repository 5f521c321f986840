"""双报到 and volunteer service, station side: units and the in-service Party members who
reported, activities with sign-in and sign-out, hours computed from the times (never typed),
a head's approval that locks the record, audited corrections, 微心愿, and the report.

Every write is one unit of work with its audit record (no ID number or phone in it); nothing
here queues a sync op yet. Approval and corrections need a station head.

The package, by job: :mod:`.types`, :mod:`.roster` (units, members), :mod:`.projects`
(a unit's 结对共建 projects), :mod:`.activities` (activities, sign-in/out, approve, correct),
:mod:`.wishes`, :mod:`.hours` (approved hours, the report and its workbook) and
:mod:`.feedback` (the year-end 反馈表 per member).
"""

from __future__ import annotations

from stationdesk.domain.volunteering import SignSource, WishStatus

from .activities import (
    add_activity,
    approve,
    correct,
    list_activities,
    show_activity,
    sign_by_card,
    sign_in,
    sign_out,
)
from .district import ResidentDistrictHours, district_hours, resident_district_hours
from .feedback import FeedbackFiles, export_feedback_xlsx, feedback_documents, write_feedback
from .hours import (
    ApprovedTotals,
    approved_records,
    approved_totals,
    export_report_xlsx,
    export_volunteer_report,
    member_hours,
    resident_member_ids,
    volunteer_report,
)
from .projects import add_project, edit_project, set_project_status
from .roster import (
    MemberInput,
    RevealedMember,
    UnitInput,
    add_member,
    add_unit,
    edit_member,
    edit_unit,
    link_resident,
    list_members,
    list_units,
    reveal_member,
    show_member,
)
from .types import (
    ActivityInfo,
    CardSignIn,
    MemberHours,
    MemberInfo,
    RecordLockedError,
    ReportLine,
    ServiceRecord,
    SignInRow,
    UnitInfo,
    UnitProject,
    VolunteerReport,
    WishInfo,
    WishPhotoData,
)
from .wishes import (
    add_wish,
    checked_photo,
    claim_wish,
    confirm_wish,
    fulfil_wish,
    list_wishes,
    wish_photo,
)

__all__ = [
    "ActivityInfo",
    "ApprovedTotals",
    "CardSignIn",
    "FeedbackFiles",
    "MemberHours",
    "MemberInfo",
    "MemberInput",
    "RecordLockedError",
    "ReportLine",
    "ResidentDistrictHours",
    "RevealedMember",
    "ServiceRecord",
    "SignInRow",
    "SignSource",
    "UnitInfo",
    "UnitInput",
    "UnitProject",
    "VolunteerReport",
    "WishInfo",
    "WishPhotoData",
    "WishStatus",
    "add_activity",
    "add_member",
    "add_project",
    "add_unit",
    "add_wish",
    "approve",
    "approved_records",
    "approved_totals",
    "checked_photo",
    "claim_wish",
    "confirm_wish",
    "correct",
    "district_hours",
    "edit_member",
    "edit_project",
    "edit_unit",
    "export_feedback_xlsx",
    "export_report_xlsx",
    "export_volunteer_report",
    "feedback_documents",
    "fulfil_wish",
    "link_resident",
    "list_activities",
    "list_members",
    "list_units",
    "list_wishes",
    "member_hours",
    "resident_district_hours",
    "resident_member_ids",
    "reveal_member",
    "set_project_status",
    "show_activity",
    "show_member",
    "sign_by_card",
    "sign_in",
    "sign_out",
    "volunteer_report",
    "wish_photo",
    "write_feedback",
]
