"""Windows kept on the screen they open on: clamped to its free area, and long forms scrolled."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFrame, QLayout, QScrollArea, QWidget

# Room for a title bar and borders while the window system has not said how big they are
FRAME_ALLOWANCE = QMargins(8, 32, 8, 8)


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen windows may use (without the taskbar), in logical pixels."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(widget: QWidget) -> QMargins:
    """How far the window's frame reaches beyond its client area (an allowance before it shows)."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    if not widget.isVisible() or frame == inner:
        return FRAME_ALLOWANCE
    return QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )


def fit_to_screen(widget: QWidget, *, centre: bool = False, move: bool = True) -> None:
    """Shrink the window, frame included, to its screen's free area and move it inside it;
    ``centre`` places it in the middle (else it only moves as far as it must), and with
    ``move`` false it is only shrunk (a dialog places itself over its parent when shown)."""
    area = available_area(widget)
    margins = frame_margins(widget)
    room = QSize(
        area.width() - margins.left() - margins.right(),
        area.height() - margins.top() - margins.bottom(),
    )
    wanted = widget.size() if widget.testAttribute(Qt.WidgetAttribute.WA_Resized) else None
    if wanted is None:
        wanted = widget.sizeHint().expandedTo(widget.minimumSizeHint())
    size = wanted.boundedTo(room).expandedTo(QSize(1, 1))
    if size != widget.size():
        widget.resize(size)
    if not move:
        return
    outer = QSize(
        widget.width() + margins.left() + margins.right(),
        widget.height() + margins.top() + margins.bottom(),
    )
    frame = QRect(widget.pos(), outer)  # a window's pos() is its frame's top-left corner
    if centre or not area.contains(frame):
        x = area.left() + max(0, (area.width() - outer.width()) // 2)
        y = area.top() + max(0, (area.height() - outer.height()) // 2)
        if not centre:  # move only as far as needed to come inside
            x = min(max(frame.left(), area.left()), area.right() + 1 - outer.width())
            y = min(max(frame.top(), area.top()), area.bottom() + 1 - outer.height())
        widget.move(max(x, area.left()), max(y, area.top()))


class _FitOnShow(QObject):
    """Fits its window each time the window is shown (after Qt has sized it). A dialog not
    centred here is only shrunk: its own show handling then centres it over its parent and
    keeps it inside the screen's free area (moving it first would stop that)."""

    def __init__(self, window: QWidget, centre: bool) -> None:
        super().__init__(window)
        self.centre = centre

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            places_itself = isinstance(watched, QDialog) and not self.centre
            fit_to_screen(watched, centre=self.centre, move=not places_itself)
        return False


def keep_on_screen(window: QWidget, *, centre: bool = False) -> None:
    """Fit ``window`` to its screen whenever it is shown (see :func:`fit_to_screen`)."""
    window.installEventFilter(_FitOnShow(window, centre))


def scrolling(content: QWidget | QLayout, parent: QWidget, name: str = "") -> QScrollArea:
    """A frameless vertical scroll area holding ``content`` (a widget, or a layout put on a new
    one): a long form scrolls on a small screen while its dialog's buttons stay below it."""
    area = QScrollArea(parent)
    if name:
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if isinstance(content, QLayout):
        holder = QWidget(area)
        content.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(content)
        content = holder
    area.setWidget(content)
    return area


# A main window fills screens up to this size (a station's 1366×768 or 1280×720 PC needs every
# pixel); a larger screen shows it at its own size.
SMALL_SCREEN = QSize(1600, 900)


def show_main_window(window: QWidget) -> None:
    """Show the desk's main window: maximized on a small screen, else at its own size."""
    area = available_area(window)
    if area.width() <= SMALL_SCREEN.width() or area.height() <= SMALL_SCREEN.height():
        window.resize(area.size())  # as large as fits even where no window manager maximizes
        window.showMaximized()
    else:
        window.show()
