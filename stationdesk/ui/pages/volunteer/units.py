"""The 驻区单位 tab: the units that report to the community, with their type, Party
organisation, contact, pairing agreement (结对共建) and its projects; all by keyboard."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.coded import Coded
from stationdesk.domain.volunteering import (
    MAX_PROJECT_NOTE,
    MAX_PROJECT_TITLE,
    PROJECT_LISTS,
    PROJECT_STATUSES,
    UNIT_TYPES,
)
from stationdesk.services import volunteering as vol
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from ...context import DeskContext
from ...tables import current_item, fill_row, list_table, select_again
from ...widgets import line_edit, push_button
from .common import (
    FormDialog,
    ListTab,
    date_edit,
    desk_today,
    phone_text_problem,
    pydate,
    text_of,
)

MAX_COMMITMENTS = 2000


def agreement_text(u: vol.UnitInfo) -> str:
    if u.agreement_date is None:
        return ""
    until = f"{u.agreement_until:%Y-%m-%d}" if u.agreement_until else ""
    return f"{u.agreement_date:%Y-%m-%d}～{until}"


class UnitsTab(ListTab):
    """The units by name; Ctrl+N adds one, F2 (or Enter) edits the one selected."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.units: list[vol.UnitInfo] = []
        self.add_button = push_button(
            self, self.tr("Add unit"), "unitAdd", self.add_unit, keys="Ctrl+N"
        )
        self.edit_button = push_button(
            self, self.tr("Edit"), "unitEdit", self.edit_unit, keys="F2", enabled=False
        )
        layout = self.head([self.add_button, self.edit_button])
        self.table = self.list_table(
            "unitTable",
            [
                self.tr("Unit"),
                self.tr("Type"),
                self.tr("Party organisation"),
                self.tr("Contact"),
                self.tr("Phone"),
                self.tr("Pairing agreement"),
                self.tr("Members"),
                self.tr("Commitments"),
            ],
            stretch=7,
            selection=self._selection,
            enter=self.edit_unit,
        )
        layout.addWidget(self.table, 2)
        self.projects = ProjectsBox(self)
        layout.addWidget(self.projects, 1)

    def fetch(self, station: Station, actor: Actor) -> list[vol.UnitInfo]:
        return vol.list_units(station, actor)

    def show_data(self, data: list[vol.UnitInfo]) -> None:
        current = self.selected()
        self.units = data
        self.table.setRowCount(len(data))
        for i, u in enumerate(data):
            values = (
                u.name,
                u.unit_type,
                u.party_org or "",
                u.contact_name or "",
                u.contact_phone_masked,
                agreement_text(u),
                str(u.members),
                u.commitments or "",
            )
            fill_row(self.table, i, values)
        select_again(self.table, [u.id for u in data], current.id if current else None)
        self._selection()

    def selected(self) -> vol.UnitInfo | None:
        return current_item(self.table, self.units)

    def _selection(self) -> None:
        unit = self.selected()
        self.edit_button.setEnabled(unit is not None)
        self.projects.show_unit(unit)

    def add_unit(self) -> None:
        self.show_form(UnitDialog(self.ctx, None, self))

    def edit_unit(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        self.show_form(UnitDialog(self.ctx, unit, self))

    def add_project(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        self.show_form(ProjectDialog(self.ctx, unit, self))

    def project_status(self) -> None:
        unit, project = self.selected(), self.projects.selected()
        if unit is None or project is None:
            return
        self.show_form(ProjectStatusDialog(self.ctx, unit, project, self))


class ProjectsBox(QWidget):
    """The selected unit's 结对共建 projects with their list and status; Alt+P adds one, Alt+S
    moves the selected one to another status."""

    def __init__(self, tab: UnitsTab) -> None:
        super().__init__(tab)
        self.rows: tuple[vol.UnitProject, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        self.heading = QLabel("", self)
        self.heading.setObjectName("unitProjectsHeading")
        self.add_button = push_button(
            self, self.tr("Add project"), "projectAdd", tab.add_project, keys="Alt+P",
            enabled=False,
        )  # fmt: skip
        self.status_button = push_button(
            self, self.tr("Change status"), "projectStatus", tab.project_status, keys="Alt+S",
            enabled=False,
        )  # fmt: skip
        line.addWidget(self.heading, 1)
        line.addWidget(self.add_button)
        line.addWidget(self.status_button)
        layout.addLayout(line)
        self.table = list_table(
            self,
            "unitProjectTable",
            [self.tr("Project"), self.tr("List"), self.tr("Status"), self.tr("Note")],
            stretch=3,
        )
        self.table.itemSelectionChanged.connect(
            lambda: self.status_button.setEnabled(self.selected() is not None)
        )
        layout.addWidget(self.table, 1)

    def show_unit(self, unit: vol.UnitInfo | None) -> None:
        """Show ``unit``'s projects, keeping the one selected if it is still listed."""
        current = self.selected()
        self.rows = unit.projects if unit else ()
        self.heading.setText(
            self.tr("Projects of %1").replace("%1", unit.name)
            if unit
            else self.tr("No unit selected.")
        )
        self.add_button.setEnabled(unit is not None)
        self.table.setRowCount(len(self.rows))
        for i, p in enumerate(self.rows):
            fill_row(self.table, i, (p.title, p.list_zh, p.status_zh, p.note or ""))
        select_again(self.table, [p.id for p in self.rows], current.id if current else None)
        self.status_button.setEnabled(self.selected() is not None)

    def selected(self) -> vol.UnitProject | None:
        return current_item(self.table, self.rows)


def coded_combo(parent: QWidget, name: str, choices: Sequence[Coded], code: str) -> QComboBox:
    """A drop-down of coded choices (labels shown, codes as data), ``code`` chosen."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for c in choices:
        combo.addItem(c.label, c.code)
    combo.setCurrentIndex(max(0, combo.findData(code)))
    return combo


class ProjectDialog(FormDialog):
    """A new project of ``unit``: its title (at most 60 characters, not one the unit has), the
    list it comes from, its status and a note."""

    def __init__(self, ctx: DeskContext, unit: vol.UnitInfo, parent: QWidget) -> None:
        super().__init__(ctx, self.tr("Add project"), "projectDialog", parent)
        self.unit = unit
        self.title = line_edit(self, "projectTitle", max_length=100)
        self.source = coded_combo(self, "projectList", PROJECT_LISTS, PROJECT_LISTS[-1].code)
        self.status = coded_combo(self, "projectState", PROJECT_STATUSES, "")
        self.note = line_edit(self, "projectNote", max_length=MAX_PROJECT_NOTE)
        self.form.addRow(self.tr("Unit"), QLabel(unit.name, self))
        self.form.addRow(self.tr("Project"), self.title)
        self.form.addRow(self.tr("From the list"), self.source)
        self.form.addRow(self.tr("Status"), self.status)
        self.form.addRow(self.tr("Note"), self.note)
        self.watch(self.title.textChanged)
        self.title.setFocus()
        self.check()

    def problem(self) -> str | None:
        title = text_of(self.title)
        if not title:
            return ""
        if len(title) > MAX_PROJECT_TITLE:
            return self.tr("The project's title is over %1 characters.").replace(
                "%1", str(MAX_PROJECT_TITLE)
            )
        if any(p.title == title for p in self.unit.projects):
            return self.tr("The unit has a project of that title.")
        return None

    def job(self) -> Callable[[Station, Actor], vol.UnitInfo]:
        unit_id, title, note = self.unit.id, self.title.text(), self.note.text()
        source, status = str(self.source.currentData()), str(self.status.currentData())
        return lambda station, actor: vol.add_project(
            station, actor, unit_id, title=title, source=source, status=status, note=note
        )


class ProjectStatusDialog(FormDialog):
    """Move one of ``unit``'s projects to another status; save waits for a different one."""

    def __init__(
        self, ctx: DeskContext, unit: vol.UnitInfo, project: vol.UnitProject, parent: QWidget
    ) -> None:
        super().__init__(ctx, self.tr("Change the project's status"), "projectStatusDialog", parent)
        self.unit, self.project = unit, project
        self.status = coded_combo(self, "projectNewStatus", PROJECT_STATUSES, project.status)
        self.form.addRow(self.tr("Unit"), QLabel(unit.name, self))
        self.form.addRow(self.tr("Project"), QLabel(project.title, self))
        self.form.addRow(self.tr("Status"), self.status)
        self.watch(self.status.currentIndexChanged)
        self.status.setFocus()
        self.check()

    def problem(self) -> str | None:
        return "" if self.status.currentData() == self.project.status else None

    def job(self) -> Callable[[Station, Actor], vol.UnitInfo]:
        unit_id, project_id = self.unit.id, self.project.id
        status = str(self.status.currentData())
        return lambda station, actor: vol.set_project_status(
            station, actor, unit_id, project_id, status
        )


class UnitDialog(FormDialog):
    """Add a unit, or edit one (``unit``): its phone is left as stored unless a new one is
    typed."""

    def __init__(self, ctx: DeskContext, unit: vol.UnitInfo | None, parent: QWidget) -> None:
        title = self.tr("Add unit") if unit is None else self.tr("Edit unit")
        super().__init__(ctx, title, "unitDialog", parent)
        self.unit = unit
        today = desk_today(ctx)
        self.name = line_edit(self, "unitName", unit.name if unit else "", max_length=100)
        self.unit_type = QComboBox(self)
        self.unit_type.setObjectName("unitType")
        self.unit_type.addItems(list(UNIT_TYPES))
        if unit is not None:
            self.unit_type.setCurrentText(unit.unit_type)
        self.party_org = line_edit(
            self, "unitPartyOrg", (unit.party_org or "") if unit else "", max_length=100
        )
        self.contact = line_edit(
            self, "unitContact", (unit.contact_name or "") if unit else "", max_length=40
        )
        self.phone = line_edit(
            self,
            "unitPhone",
            max_length=20,
            placeholder=(
                self.tr("Kept as %1 unless a new number is typed").replace(
                    "%1", unit.contact_phone_masked
                )
                if unit is not None and unit.contact_phone_masked
                else ""
            ),
        )
        self.paired = QCheckBox(self.tr("Signed a pairing agreement"), self)
        self.paired.setObjectName("unitPaired")
        self.signed = date_edit(self, "unitSigned", (unit and unit.agreement_date) or today)
        self.until = date_edit(
            self, "unitUntil", (unit and unit.agreement_until) or date(today.year + 1, 12, 31)
        )
        self.commitments = QPlainTextEdit((unit.commitments or "") if unit else "", self)
        self.commitments.setObjectName("unitCommitments")
        self.commitments.setTabChangesFocus(True)
        self.commitments.setPlaceholderText(
            self.tr("What each side commits to (resources, needs, projects)")
        )
        self.commitments.setFixedHeight(80)
        self.paired.setChecked(bool(unit and unit.agreement_date))
        self.form.addRow(self.tr("Unit name"), self.name)
        self.form.addRow(self.tr("Type"), self.unit_type)
        self.form.addRow(self.tr("Party organisation"), self.party_org)
        self.form.addRow(self.tr("Contact"), self.contact)
        self.form.addRow(self.tr("Contact phone"), self.phone)
        self.form.addRow("", self.paired)
        self.form.addRow(self.tr("Signed on"), self.signed)
        self.form.addRow(self.tr("Valid until"), self.until)
        self.form.addRow(self.tr("Commitments"), self.commitments)
        self.watch(
            self.name.textChanged,
            self.phone.textChanged,
            self.paired.toggled,
            self.signed.dateChanged,
            self.until.dateChanged,
            self.commitments.textChanged,
        )
        self.paired.toggled.connect(self._paired)
        self._paired(self.paired.isChecked())
        self.name.setFocus()
        self.check()

    def _paired(self, on: bool) -> None:
        for field in (self.signed, self.until, self.commitments):
            field.setEnabled(on)

    def problem(self) -> str | None:
        if not text_of(self.name):
            return ""
        phone = phone_text_problem(self.phone.text())
        if phone:
            return phone
        if self.paired.isChecked() and self.until.date() < self.signed.date():
            return self.tr("The agreement ends before it is signed.")
        if len(self.commitments.toPlainText().strip()) > MAX_COMMITMENTS:
            return self.tr("The commitments are too long.")
        return None

    def job(self) -> Callable[[Station, Actor], vol.UnitInfo]:
        paired = self.paired.isChecked()
        phone = self.phone.text().strip()
        data = vol.UnitInput(
            name=self.name.text(),
            unit_type=self.unit_type.currentText(),
            party_org=self.party_org.text(),
            contact_name=self.contact.text(),
            contact_phone=phone if phone or self.unit is None else None,
            agreement_date=pydate(self.signed.date()) if paired else None,
            agreement_until=pydate(self.until.date()) if paired else None,
            commitments=self.commitments.toPlainText() if paired else None,
        )
        if self.unit is None:
            return lambda station, actor: vol.add_unit(station, actor, data)
        unit_id = self.unit.id
        return lambda station, actor: vol.edit_unit(station, actor, unit_id, data)
