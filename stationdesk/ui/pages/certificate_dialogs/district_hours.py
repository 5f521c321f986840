"""The district-wide approved hours shown beside a record-fed certificate, marked by station."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from stationdesk.domain.volunteering import hours_text
from stationdesk.services import volunteering

from ...context import DeskContext, logged_in
from ...i18n import error_text


class DistrictHoursLine(QLabel):
    """Asks the district (off the GUI thread) for the person's approved hours at every station
    and shows the total with each station's share; hidden for a person not on the roster."""

    def __init__(self, ctx: DeskContext, resident_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("districtHours")
        self.setWordWrap(True)
        self.setText(self.tr("Asking the district for the hours served at every station…"))
        station, actor = logged_in(ctx)
        ctx.runner.run(
            lambda: volunteering.resident_district_hours(station, actor, resident_id),
            self.show_hours,
            self.show_problem,
            owner=self,
        )

    def show_hours(self, got: volunteering.ResidentDistrictHours | None) -> None:
        if got is None:
            self.setVisible(False)
            return
        shares = [
            self.tr("%1: %2 h")
            .replace("%1", self.tr("this station") if code == got.own_station else code)
            .replace("%2", hours_text(minutes))
            for code, minutes in sorted(
                got.hours.by_station.items(), key=lambda kv: (kv[0] != got.own_station, kv[0])
            )
        ]
        self.setText(
            self.tr("District total of approved hours (all periods): %1 h in %2 activities (%3).")
            .replace("%1", hours_text(got.hours.minutes))
            .replace("%2", str(got.hours.activities))
            .replace("%3", self.tr(", ").join(shares))
        )

    def show_problem(self, exc: BaseException) -> None:
        self.setText(
            self.tr("The district total cannot be read now: %1").replace("%1", error_text(exc))
        )
