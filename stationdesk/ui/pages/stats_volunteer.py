"""The 统计 page's 志愿服务 box: approved volunteer hours in the period per unit and per kind,
the totals in one line, and the volunteer report exported as a workbook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from stationdesk.domain.volunteering import ACTIVITY_KINDS
from stationdesk.services import volunteering

from ..context import DeskContext, logged_in
from ..widgets import exported_message, push_button
from .stats_charts import chart_view, clear_chart, plot_bars

MAX_UNITS = 8
CHART_HEIGHT = 230
BAR_COLOUR = "#1565c0"


def kind_hours(report: volunteering.VolunteerReport) -> dict[str, Decimal]:
    """Hours per kind over every member of the report, kinds in their listed order."""
    totals: dict[str, Decimal] = {}
    for line in report.members:
        for kind, hours in line.by_kind.items():
            totals[kind] = totals.get(kind, Decimal(0)) + hours
    order = {k.label: n for n, k in enumerate(ACTIVITY_KINDS)}
    return dict(sorted(totals.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


class VolunteerStatsBox(QGroupBox):
    """Reads the volunteer report for the page's period off the GUI thread and charts it."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("Volunteer service (approved records)"))
        self.setObjectName("volunteerStats")
        self.report: volunteering.VolunteerReport | None = None
        self.period: tuple[date, date] | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.totals = QLabel("", self)
        self.totals.setObjectName("volunteerTotals")
        top.addWidget(self.totals, 1)
        self.export_button = push_button(
            self,
            self.tr("Export volunteer report (Excel)"),
            "exportVolunteer",
            self.export,
            keys="Alt+V",
        )
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.message = QLabel("", self)
        self.message.setObjectName("exportResult")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        charts = QHBoxLayout()
        self.unit_chart, self.kind_chart = QChart(), QChart()
        for chart, stretch in ((self.unit_chart, 3), (self.kind_chart, 2)):
            charts.addWidget(chart_view(chart, self, CHART_HEIGHT), stretch)
        layout.addLayout(charts)

    def reload(self, start: date, end: date) -> None:
        """Read the report for this period (the page calls it with its own)."""
        self.period = (start, end)
        station, actor = logged_in(self.ctx)

        def show(report: volunteering.VolunteerReport) -> None:
            if (report.start, report.end) == self.period:
                self._show(report)

        self.ctx.runner.run(
            lambda: volunteering.volunteer_report(station, actor, start=start, end=end),
            show,
            self.ctx.report_error,
            owner=self,
        )

    def _show(self, report: volunteering.VolunteerReport) -> None:
        self.report = report
        hours = sum((line.hours for line in report.members), Decimal(0))
        serving = sum(1 for line in report.members if line.hours > 0)
        wishes = sum(line.wishes_fulfilled for line in report.units)
        self.totals.setText(
            self.tr("%1 of %2 members served, %3 hours in all, %4 wishes fulfilled")
            .replace("%1", str(serving))
            .replace("%2", str(len(report.members)))
            .replace("%3", format(hours.normalize(), "f"))
            .replace("%4", str(wishes))
        )
        units = sorted(report.units, key=lambda u: -u.hours)[:MAX_UNITS]
        self._bars(
            self.unit_chart,
            self.tr("Hours by unit"),
            [(u.name, u.hours) for u in reversed(units)],
            horizontal=True,
        )
        self._bars(
            self.kind_chart,
            self.tr("Hours by kind"),
            list(kind_hours(report).items()),
            horizontal=False,
        )

    def _bars(
        self,
        chart: QChart,
        title: str,
        values: list[tuple[str, Decimal]],
        *,
        horizontal: bool,
    ) -> None:
        clear_chart(chart)
        chart.setTitle(title)
        bars = QBarSet(title)
        bars.setColor(QColor(BAR_COLOUR))
        for _name, value in values:
            bars.append(float(value))
        series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        scale = QValueAxis()
        scale.setRange(0, max([1.0, *(float(v) * 1.1 for _n, v in values)]))
        scale.applyNiceNumbers()  # round ticks: 0, 2, 4 … not 0, 0.6, 1.2 …
        scale.setLabelFormat("%.4g")
        names = [name[:10] for name, _v in values] or [""]
        plot_bars(chart, series, names, scale, QFont(self.font()), horizontal=horizontal)

    def export(self) -> None:
        """Alt+V: the volunteer report of the period as a workbook in the exports folder."""
        if self.period is None:
            return
        start, end = self.period
        station, actor = logged_in(self.ctx)
        self.export_button.setEnabled(False)

        def done(path: Path) -> None:
            self.export_button.setEnabled(True)
            self.message.setText(exported_message(path))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.ctx.report_error(exc)

        self.ctx.runner.run(
            lambda: volunteering.export_volunteer_report(station, actor, start, end),
            done,
            failed,
            owner=self,
        )
