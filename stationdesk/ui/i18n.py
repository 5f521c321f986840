"""Loading the interface translations (Simplified Chinese by default, English selectable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from stationdesk.resources import resource_path

LANGUAGE_KEY = "ui/language"
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []


def current_language() -> str:
    value = QSettings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return value if value in ("zh_CN", "en") else DEFAULT_LANGUAGE


def install(app: QApplication, language: str | None = None) -> str:
    """Install our translator (and Qt's own for standard buttons) for the chosen language."""
    language = language or current_language()
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # one .qm per area: stationdesk_zh_CN.qm, residents_zh_CN.qm, ...
    for qm in sorted(resource_path("translations").glob(f"*_{language}.qm")):
        ours = QTranslator(app)
        if ours.load(str(qm)):
            app.installTranslator(ours)
            _installed.append(ours)
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language


def is_chinese() -> bool:
    return current_language() == "zh_CN"


def role_label(role: str) -> str:
    """A role's name in the interface language (``role`` is a ``Role`` or its value)."""
    labels = {
        "worker": QCoreApplication.translate("Roles", "Social worker"),
        "head": QCoreApplication.translate("Roles", "Station head"),
        "admin": QCoreApplication.translate("Roles", "Administrator"),
    }
    return labels[role]


def error_text(exc: BaseException) -> str:
    """The user-facing text of a failure, in the interface language."""
    zh = getattr(exc, "zh", None)
    message = getattr(exc, "message", None)
    if zh and is_chinese():
        return str(zh)
    if message:
        return str(message)
    return (
        "操作失败，详情已记录在日志中。" if is_chinese() else "The operation failed; see the log."
    )
