"""Bar charts of the 统计 page: their views, and bars against their names on one axis and a scale
on the other."""

from __future__ import annotations

from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QWidget


def chart_view(chart: QChart, parent: QWidget, height: int) -> QChartView:
    """A view of ``chart`` (small margins, no legend, smooth lines) at least ``height`` tall."""
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setVisible(False)
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height)
    return view


def clear_chart(chart: QChart) -> None:
    """Take every series and axis off ``chart``, to plot it anew."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def plot_bars(
    chart: QChart,
    series: QAbstractBarSeries,
    names: list[str],
    scale: QValueAxis,
    font: QFont,
    *,
    horizontal: bool,
) -> None:
    """Put ``series`` on the chart with ``names`` on the category axis (left for horizontal
    bars, bottom for upright ones) and ``scale`` on the other, both labelled in ``font``."""
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(names)
    categories.setLabelsFont(font)
    scale.setLabelsFont(font)
    left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
    chart.addAxis(categories, left if horizontal else bottom)
    chart.addAxis(scale, bottom if horizontal else left)
    series.attachAxis(categories)
    series.attachAxis(scale)
