"""The 统计 page: the six case rates for a period, charts per worker/type/grid, overdue cases,
and the period's volunteer service.

Every number comes from ``services.reports.case_metrics`` (the same function the CLI and the
Excel/PDF report use). The monthly report is exported in one click to the station's exports
folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QAbstractItemModel, QDate, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.metrics import Metrics, MetricsRule
from stationdesk.domain.roles import Permission
from stationdesk.services import reports

from ..clock import station_qdate
from ..context import DeskContext, logged_in
from ..widgets import exported_message, page_title, push_button, with_keys
from .case_models import RATE_ATTRS, CaseTableModel, GroupMetricsModel, format_rate
from .stats_charts import chart_view, clear_chart, plot_bars
from .stats_volunteer import VolunteerStatsBox

SERIES_COLOURS = ("#b71c1c", "#e57373", "#1565c0", "#64b5f6", "#2e7d32", "#81c784")
MAX_CHART_GROUPS = 8

STATS_QSS = """
QFrame#rateTile { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px; }
QLabel#rateValue { font-size: 26px; font-weight: bold; color: #b71c1c; }
QLabel#rateName { font-size: 14px; color: #1f2933; }
QLabel#rateCounts { color: #7b8794; }
QLabel#exportResult { color: #2e7d32; }
"""


class StatsPage(QScrollArea):
    """Rates for a period with charts and tables; the report export button."""

    loaded = Signal(object)  # the CaseMetricsReport on screen
    exported = Signal(object)  # ReportFiles

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("statsPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(STATS_QSS)
        self.report: reports.CaseMetricsReport | None = None
        self.export_folder: Path | None = None
        body = QWidget(self)
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 14, 20, 12)

        layout.addWidget(page_title(self.tr("Statistics"), body))

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Period"), body))
        self.start = QDateEdit(body)
        self.start.setObjectName("periodStart")
        self.end = QDateEdit(body)
        self.end.setObjectName("periodEnd")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        today = station_qdate()
        self.start.setDate(QDate(today.year(), today.month(), 1))
        self.end.setDate(QDate(today.year(), today.month(), today.daysInMonth()))
        controls.addWidget(self.start)
        controls.addWidget(QLabel("—", body))
        controls.addWidget(self.end)
        this_month = push_button(
            body, self.tr("This month"), "thisMonth", lambda: self.set_month(0), keys="Alt+M"
        )
        last_month = push_button(
            body, self.tr("Last month"), "lastMonth", lambda: self.set_month(-1), keys="Alt+L"
        )
        controls.addWidget(this_month)
        controls.addWidget(last_month)
        self.basic = QCheckBox(self.tr("Count 'basically satisfied' as satisfied"), body)
        self.basic.setObjectName("countBasic")
        self.basic.setChecked(True)
        self.basic.setText(with_keys(self.basic.text(), "Alt+J"))
        self.basic.setShortcut("Alt+J")
        _station, actor = logged_in(ctx)
        self.basic.setEnabled(actor.can(Permission.APPROVE) or actor.can(Permission.MANAGE_STATION))
        self.basic.setToolTip(self.tr("A station rule; the station head can change it."))
        self.basic.clicked.connect(self._rule_clicked)
        controls.addSpacing(12)
        controls.addWidget(self.basic)
        controls.addStretch(1)
        self.export_button = push_button(
            body, self.tr("Export report (Excel + PDF)"), "exportReport", self.export, keys="Alt+E"
        )
        controls.addWidget(self.export_button)
        layout.addLayout(controls)

        result_row = QHBoxLayout()
        self.export_result = QLabel("", body)
        self.export_result.setObjectName("exportResult")
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(self.tr("Open folder"), body)
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._open_folder)
        result_row.addWidget(self.export_result, 1)
        result_row.addWidget(self.open_folder)
        layout.addLayout(result_row)

        tiles = QGridLayout()
        tiles.setSpacing(10)
        self.tiles: dict[str, tuple[QLabel, QLabel]] = {}
        for i, (attr, _num, _den) in enumerate(RATE_ATTRS):
            tile = QFrame(body)
            tile.setObjectName("rateTile")
            v = QVBoxLayout(tile)
            v.setContentsMargins(12, 8, 12, 8)
            value = QLabel("—", tile)
            value.setObjectName("rateValue")
            name = QLabel(self.rate_name(attr), tile)
            name.setObjectName("rateName")
            counts = QLabel("", tile)
            counts.setObjectName("rateCounts")
            v.addWidget(value)
            v.addWidget(name)
            v.addWidget(counts)
            tiles.addWidget(tile, 0, i)
            self.tiles[attr] = (value, counts)
        layout.addLayout(tiles)

        charts = QHBoxLayout()
        overall_box = QGroupBox(self.tr("The six rates"), body)
        ov = QVBoxLayout(overall_box)
        self.overall_chart = QChart()
        self.overall_view = self._chart_view(self.overall_chart, overall_box)
        ov.addWidget(self.overall_view)
        charts.addWidget(overall_box, 2)
        group_box = QGroupBox(self.tr("By group"), body)
        gv = QVBoxLayout(group_box)
        self.group_combo = QComboBox(group_box)
        self.group_combo.setObjectName("groupCombo")
        self.group_combo.addItem(self.tr("By worker"), "worker")
        self.group_combo.addItem(self.tr("By matter type"), "type")
        self.group_combo.addItem(self.tr("By grid"), "grid")
        self.group_combo.currentIndexChanged.connect(lambda _i: self._show_groups())
        gv.addWidget(self.group_combo)
        self.group_chart = QChart()
        self.group_view = self._chart_view(self.group_chart, group_box)
        gv.addWidget(self.group_view)
        charts.addWidget(group_box, 3)
        layout.addLayout(charts)

        tables = QVBoxLayout()
        table_box = QGroupBox(self.tr("Figures by group"), body)
        tv = QVBoxLayout(table_box)
        self.group_model = GroupMetricsModel(self)
        self.group_table = self._table(self.group_model, table_box)
        self.group_table.setObjectName("groupTable")
        tv.addWidget(self.group_table)
        tables.addWidget(table_box, 1)
        overdue_box = QGroupBox(self.tr("Overdue now"), body)
        odv = QVBoxLayout(overdue_box)
        self.overdue_model = CaseTableModel(self)
        self.overdue_table = self._table(self.overdue_model, overdue_box)
        self.overdue_table.setObjectName("overdueTable")
        self.overdue_table.setColumnHidden(CaseTableModel.RECEIVED, True)
        odv.addWidget(self.overdue_table)
        self.overdue_note = QLabel(self.tr("No matter is overdue."), overdue_box)
        self.overdue_note.setObjectName("placeholderNote")
        odv.addWidget(self.overdue_note)
        tables.addWidget(overdue_box, 1)
        layout.addLayout(tables)
        self.volunteer: VolunteerStatsBox | None = None
        if actor.can(Permission.HANDLE_MATTERS):  # the volunteer records are the desk's
            self.volunteer = VolunteerStatsBox(ctx, body)
            layout.addWidget(self.volunteer)
        layout.addStretch(1)

        self.start.dateChanged.connect(lambda _d: self.reload())
        self.end.dateChanged.connect(lambda _d: self.reload())
        self._load_rule()

    # -- helpers -------------------------------------------------------------------------------
    def rate_name(self, attr: str) -> str:
        return {
            "acceptance_rate": self.tr("Acceptance rate"),
            "completion_rate": self.tr("Completion rate"),
            "on_time_rate": self.tr("On-time completion rate"),
            "timely_ack_rate": self.tr("Timely acknowledgement rate"),
            "follow_up_rate": self.tr("Follow-up rate"),
            "satisfaction_rate": self.tr("Satisfaction rate"),
        }[attr]

    def _chart_view(self, chart: QChart, parent: QWidget) -> QChartView:
        chart.setBackgroundRoundness(0)
        view = chart_view(chart, parent, 260)
        view.setBackgroundBrush(QColor("#ffffff"))
        return view

    def _table(self, model: QAbstractItemModel, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(180)
        return table

    def set_month(self, offset: int) -> None:
        today = station_qdate()
        first = QDate(today.year(), today.month(), 1).addMonths(offset)
        self.start.blockSignals(True)
        self.start.setDate(first)
        self.start.blockSignals(False)
        self.end.setDate(QDate(first.year(), first.month(), first.daysInMonth()))
        self.reload()

    def period(self) -> tuple[date, date]:
        a, b = self.start.date(), self.end.date()
        return date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())

    # -- loading -------------------------------------------------------------------------------
    def _load_rule(self) -> None:
        station, _actor = logged_in(self.ctx)

        def done(rule: MetricsRule) -> None:
            self.basic.setChecked(rule.count_basic_satisfied)
            self.reload()

        self.ctx.runner.run(
            lambda: reports.metrics_rule(station), done, self.ctx.report_error, owner=self
        )

    def _rule_clicked(self, checked: bool) -> None:
        station, actor = logged_in(self.ctx)

        def failed(exc: BaseException) -> None:
            self.basic.setChecked(not checked)
            self.ctx.report_error(exc)

        self.ctx.runner.write(
            lambda: reports.set_metrics_rule(station, actor, count_basic_satisfied=checked),
            lambda _rule: self.reload(),
            failed,
            owner=self,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.report is not None:
            self.reload()

    def data_changed(self) -> None:
        """Stored data changed: the figures are counted again."""
        self.reload()

    def reload(self) -> None:
        start, end = self.period()
        if end < start:
            self.export_result.setText(self.tr("The period ends before it starts."))
            return
        station, actor = logged_in(self.ctx)
        if self.volunteer is not None:
            self.volunteer.reload(start, end)
        self.ctx.runner.run(
            lambda: reports.case_metrics(station, actor, start, end),
            self._show,
            self.ctx.report_error,
            owner=self,
        )

    def _show(self, report: reports.CaseMetricsReport) -> None:
        if (report.period_start, report.period_end) != self.period():
            return  # an older request; a newer one is on its way
        self.report = report
        m = report.overall
        for attr, num, den in RATE_ATTRS:
            value, counts = self.tiles[attr]
            value.setText(format_rate(getattr(m, attr)))
            counts.setText(f"{getattr(m, num)} / {getattr(m, den)}")
        self._overall_chart(m)
        self._show_groups()
        self.overdue_model.set_rows(report.overdue)
        self.overdue_note.setVisible(not report.overdue)
        self.loaded.emit(report)

    def _plot_percentages(
        self, chart: QChart, series: QAbstractBarSeries, names: list[str], *, horizontal: bool
    ) -> QFont:
        """Put bars on the chart against their names and a 0-100 % axis; returns the axes' font.

        Horizontal bars have the names on the left, upright bars have them at the bottom.
        """
        values = QValueAxis()
        values.setRange(0, 100)
        values.setTickCount(6)
        values.setLabelFormat("%d%%")
        font = QFont(self.font())
        plot_bars(chart, series, names, values, font, horizontal=horizontal)
        return font

    def _overall_chart(self, m: Metrics) -> None:
        chart = self.overall_chart
        clear_chart(chart)
        bars = QBarSet(self.tr("Rate"))
        bars.setColor(QColor("#b71c1c"))
        names: list[str] = []
        for attr, _num, _den in reversed(RATE_ATTRS):
            rate = getattr(m, attr)
            bars.append(_percent(rate))
            names.append(self.rate_name(attr))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        bars.setLabelColor(QColor("#ffffff"))
        self._plot_percentages(chart, series, names, horizontal=True)

    def _show_groups(self) -> None:
        report = self.report
        if report is None:
            return
        key = self.group_combo.currentData()
        groups = {"worker": report.by_worker, "type": report.by_type, "grid": report.by_grid}[key]
        self.group_model.set_first_header(
            {"worker": self.tr("Worker"), "type": self.tr("Matter type"), "grid": self.tr("Grid")}[
                key
            ]
        )
        self.group_model.set_rows(groups)
        shown = sorted(groups, key=lambda g: -g.metrics.registered)[:MAX_CHART_GROUPS]
        chart = self.group_chart
        clear_chart(chart)
        series = QBarSeries()
        for colour, (attr, _num, _den) in zip(SERIES_COLOURS, RATE_ATTRS, strict=True):
            bars = QBarSet(self.rate_name(attr))
            bars.setColor(QColor(colour))
            for group in shown:
                bars.append(_percent(getattr(group.metrics, attr)))
            series.append(bars)
        font = self._plot_percentages(
            chart, series, [_short(g.label) for g in shown] or [""], horizontal=False
        )
        legend = chart.legend()
        legend.setVisible(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setFont(font)

    # -- export --------------------------------------------------------------------------------
    def export(self) -> None:
        start, end = self.period()
        station, actor = logged_in(self.ctx)
        self.export_button.setEnabled(False)
        self.export_result.setText(self.tr("Writing the report…"))

        def done(files: reports.ReportFiles) -> None:
            self.export_button.setEnabled(True)
            self.export_folder = files.xlsx.parent
            self.export_result.setText(exported_message(files.xlsx, files.pdf))
            self.open_folder.setVisible(True)
            self.exported.emit(files)

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.export_result.setText("")
            self.ctx.report_error(exc)

        self.ctx.runner.run(
            lambda: reports.export_report(station, actor, start, end), done, failed, owner=self
        )

    def _open_folder(self) -> None:
        if self.export_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.export_folder)))


def _short(label: str, limit: int = 8) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _percent(rate: float | None) -> float:
    """A rate as a bar's height: percent with one decimal, no rate as 0."""
    return round((rate or 0.0) * 100, 1)
