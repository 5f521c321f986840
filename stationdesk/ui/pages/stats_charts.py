"""Bar charts of the 统计 page: bars against their names on one axis and a scale on the other."""

from __future__ import annotations

from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QChart, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont


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
