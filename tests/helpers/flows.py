"""The front desk's main flows driven by keyboard alone, for the flow tests and the benchmark.

Each driver starts from a signed-in main window, does one piece of a worker's day with an
``ActionCounter`` (keys only, sent to the focused widget) and waits, as a worker would look,
for the desk to show the result. Drivers read widgets to know when to go on, never act through
them. ``BUDGETS`` holds each flow's most actions; ``seed_*`` put in the store what a flow starts
from (a returning resident, a matter already accepted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from stationdesk.domain.cases import CaseAction, CaseState
from stationdesk.services import cases, certificates, residents
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station
from tests.helpers.certificates import residence
from tests.helpers.ids import idn
from tests.helpers.keys import ActionCounter, focused, wait_until

#: The most actions each flow may take. The card intake's 3 actions (card, Enter, and one
#: field) leave room for one field the card lacks: the phone (its address names the building).
#: Finding a resident and referring a matter allow one Down past another one listed first.
BUDGETS = {
    "intake": 15,
    "card_intake": 4,
    "find": 4,
    "certificate": 8,
    "refusal": 6,
    "walk_in_case": 9,
    "refer_case": 5,
    "visit": 5,
}
CERTIFICATE_SECONDS = 30.0  # a returning resident's certificate, issued and printed
SLOW = 30.0  # the longest wait for the desk to show a result


@dataclass
class FlowRun:
    """One flow's actions and wall time (from its first action to its result shown)."""

    name: str
    actions: int
    seconds: float
    log: list[str] = field(default_factory=list)
    outcome: Any = None

    @property
    def budget(self) -> int:
        return BUDGETS[self.name]

    def line(self) -> str:
        return (
            f"{self.name}: {self.actions} actions (budget {self.budget}), {self.seconds:.2f} s"
            f" — {', '.join(self.log)}"
        )


@dataclass(frozen=True)
class Person:
    """A resident typed in by hand at the intake."""

    name: str
    id_number: str
    phone: str
    building: str
    unit: str
    room: str


def _done(name: str, c: ActionCounter, outcome: Any) -> FlowRun:
    return FlowRun(name, c.actions, c.seconds, list(c.log), outcome)


def _in(container: QWidget) -> bool:
    widget = QApplication.focusWidget()
    return widget is not None and (widget is container or container.isAncestorOf(widget))


def _shown(dialog: QDialog | None) -> bool:
    return dialog is not None and dialog.isVisible() and _in(dialog)


def _residents(win: Any) -> Any:
    return win.page_widgets["residents"]


# -- seeds -------------------------------------------------------------------------------------


def ensure_building(st: Station, worker: Actor, name: str = "3栋") -> None:
    """The station lists this building (added unless it is there)."""
    if name not in [b.name for b in residents.list_buildings(st, worker)]:
        residents.add_building(st, worker, name)


def seed_returning(st: Station, worker: Actor, name: str, seq: int) -> str:
    """A resident of 3栋 who had a residence certificate before; their id."""
    ensure_building(st, worker)
    card = residents.register_resident(
        st,
        worker,
        residents.ResidentInput(
            name=name,
            id_number=idn(seq, birth="19770707", region="320102"),
            building="3栋",
            unit="2",
            room="501",
        ),
    )
    certificates.issue_certificate(st, worker, residence(card.row.id))
    return card.row.id


def seed_accepted_case(st: Station, worker: Actor, summary: str) -> str:
    """A walk-in matter received and accepted by ``worker``; its id."""
    new = cases.NewCase("POLICY_CONSULTATION", "walk-in", summary)
    opened = cases.open_case(st, worker, new)
    return cases.act(st, worker, opened.case.id, CaseAction.ACCEPT).case.id


# -- residents ---------------------------------------------------------------------------------


def intake_by_hand(win: Any, person: Person) -> FlowRun:
    """From the residents page: Ctrl+N, type each field (Tab between them), Enter saves."""
    page = _residents(win)
    c = ActionCounter()
    c.shortcut("Ctrl+N")
    wait_until(lambda: _shown(getattr(page, "intake", None)), SLOW, "the intake form")
    dialog = page.intake
    wait_until(lambda: dialog.building.count() > 1, SLOW, "the station's buildings")
    assert focused() is dialog.id_number
    c.type(person.id_number)
    c.tab()
    c.type(person.name)
    c.tab(2)  # past the reading (pinyin), needed only for a rare character
    c.type(person.phone)
    c.tab(2)  # past the ethnicity
    assert focused() is dialog.building
    c.type(person.building)  # a list finds its item by the first characters typed
    c.tab()
    c.type(person.unit)
    c.tab()
    c.type(person.room)
    c.enter()
    wait_until(lambda: not dialog.isVisible(), SLOW, "the intake to save")
    wait_until(
        lambda: page.card.card is not None and page.card.card.row.name == person.name,
        SLOW,
        "the new resident's card",
    )
    return _done("intake", c, page.card.card.row.id)


def intake_from_card(win: Any, place_card: Any, phone: str) -> FlowRun:
    """A card placed on the reader opens the filled intake: type the phone, Enter saves."""
    page = _residents(win)
    c = ActionCounter()
    c.count("card placed")
    place_card()
    wait_until(lambda: _shown(getattr(page, "intake", None)), SLOW, "the filled intake")
    dialog = page.intake
    wait_until(lambda: dialog.building.currentIndex() > 0, SLOW, "the building from the card")
    assert focused() is dialog.phone
    c.type(phone)
    c.enter()
    wait_until(lambda: not dialog.isVisible(), SLOW, "the intake to save")
    wait_until(lambda: page.card.card is not None, SLOW, "the new resident's card")
    return _done("card_intake", c, page.card.card.row.id)


def _search(win: Any, c: ActionCounter, query: str, resident_id: str) -> Any:
    """Ctrl+K and the query typed; waits until the results (holding the resident) show."""
    page = _residents(win)
    resets: list[int] = []

    def reset() -> None:
        resets.append(1)

    page.model.modelReset.connect(reset)
    try:
        c.shortcut("Ctrl+K")
        assert focused() is win.search
        c.type(query)
        wait_until(
            lambda: (
                resets
                and any(
                    page.model.row_at(i).id == resident_id for i in range(page.model.rowCount())
                )
            ),
            SLOW,
            f"{query} in the results",
        )
    finally:
        page.model.modelReset.disconnect(reset)
    return page


def _current_id(page: Any) -> str | None:
    row = page.table.currentIndex().row()
    return page.model.row_at(row).id if 0 <= row < page.model.rowCount() else None


def find_resident(win: Any, query: str, resident_id: str) -> FlowRun:
    """Ctrl+K, type, Down into the results (Down again to the one wanted), Enter opens the card
    with the keyboard in it."""
    c = ActionCounter()
    page = _search(win, c, query, resident_id)
    c.down()
    assert page.table.hasFocus()
    while _current_id(page) != resident_id:
        c.down()
    c.enter()
    wait_until(
        lambda: (
            page.card.card is not None and page.card.card.row.id == resident_id and _in(page.card)
        ),
        SLOW,
        "the card with the keyboard in it",
    )
    return _done("find", c, resident_id)


def open_card(win: Any, c: ActionCounter, query: str, resident_id: str) -> Any:
    """Search; the first result's card shows at once, another is reached with Down."""
    page = _search(win, c, query, resident_id)
    if page.model.row_at(0).id != resident_id:
        c.down()
        while _current_id(page) != resident_id:
            c.down()
    wait_until(
        lambda: page.card.card is not None and page.card.card.row.id == resident_id,
        SLOW,
        "the resident's card",
    )
    return page


def _printed(output: Any) -> list[int]:
    sent: list[int] = []
    output.printed.connect(sent.append)
    return sent


def _wait_printed(dialog: Any, sent: list[int], what: str) -> None:
    """Wait until the printer took the document (a print dialog shown means no default)."""
    try:
        wait_until(lambda: sent or dialog.output.print_dialog is not None, SLOW, what)
    except AssertionError as exc:
        raise AssertionError(f"{exc}: {dialog.message.text()}") from None
    assert sent, f"the print dialog opened: {dialog.message.text()}"


def _close(c: ActionCounter, dialog: QDialog) -> None:
    """Escape closes the dialog; the keyboard is back on the desk."""
    c.key(Qt.Key.Key_Escape)
    wait_until(lambda: not dialog.isVisible(), SLOW, "the dialog to close")
    wait_until(lambda: QApplication.activeWindow() is not None, SLOW, "the desk active again")


def _from_card(
    win: Any, c: ActionCounter, query: str, resident_id: str, keys: str, dialog_of: Any
) -> tuple[Any, Any]:
    """Find the resident, press one of their card's keys and wait for the dialog it opens."""
    page = open_card(win, c, query, resident_id)
    c.shortcut(keys)
    wait_until(lambda: _shown(dialog_of(page)), SLOW, f"the dialog {keys} opens")
    return page, dialog_of(page)


def _print_and_close(c: ActionCounter, dialog: Any, keys: str) -> None:
    """``keys`` issues and prints on the default printer; once printed, Escape closes."""
    sent = _printed(dialog.output)
    c.shortcut(keys)
    _wait_printed(dialog, sent, f"{dialog.objectName()} to print")
    _close(c, dialog)


def certificate_printed(
    win: Any, query: str, resident_id: str, type_code: str, keys: str = "Ctrl+P"
) -> FlowRun:
    """A returning resident: find, F4, the item's digit, tick the checklist, Ctrl+P (or
    Ctrl+Enter) issues and prints on the default printer, Escape closes the dialog."""
    c = ActionCounter()
    page, chooser = _from_card(win, c, query, resident_id, "F4", _chooser)
    c.shortcut(str(list(chooser.buttons).index(type_code) + 1))
    actions = page.certificate_actions
    wait_until(lambda: _shown(actions.dialog), SLOW, "the certificate form")
    dialog = actions.dialog
    assert dialog.ctype.code == type_code
    c.shortcut("Alt+A")  # all of the checklist confirmed
    wait_until(dialog.issue_print.isEnabled, SLOW, "the checklist ticked")
    _print_and_close(c, dialog, keys)
    return _done("certificate", c, dialog.outcome)


def _chooser(page: Any) -> Any:
    return page.certificate_actions.chooser


def _refusal(page: Any) -> Any:
    return page.certificate_actions.refusal


def _visit(page: Any) -> Any:
    return getattr(page.card, "visit_dialog", None)


def refusal(win: Any, query: str, resident_id: str, item: str) -> FlowRun:
    """F6 on the card, the item asked for typed (the guide fills the rest), Ctrl+Enter issues
    the notice and prints it, Escape closes the dialog."""
    c = ActionCounter()
    _page, dialog = _from_card(win, c, query, resident_id, "F6", _refusal)
    assert focused() is dialog.requested
    c.type(item)
    _print_and_close(c, dialog, "Ctrl+Return")
    return _done("refusal", c, dialog.outcome)


def visit(win: Any, query: str, resident_id: str) -> FlowRun:
    """F3 on the card, Down to the second usual purpose, Enter saves."""
    c = ActionCounter()
    page, dialog = _from_card(win, c, query, resident_id, "F3", _visit)
    before = len(page.card.card.visits)
    c.down()
    c.enter()
    wait_until(lambda: not dialog.isVisible(), SLOW, "the visit to save")
    wait_until(lambda: len(page.card.card.visits) > before, SLOW, "the visit on the card")
    return _done("visit", c, page.card.card.visits[0].purpose)


# -- matters -----------------------------------------------------------------------------------


def _cases(win: Any) -> Any:
    return win.page_widgets["cases"]


def walk_in_case(win: Any, type_keys: str, summary: str, result: str) -> FlowRun:
    """Ctrl+3, Ctrl+N, the type by its initials, the summary, Alt+D closed on the spot with
    its result, Ctrl+Enter saves; Alt+1 rates it very satisfied."""
    c = ActionCounter()
    c.shortcut("Ctrl+3")
    page = _cases(win)
    wait_until(lambda: bool(page.matter_types), SLOW, "the matter types")
    c.shortcut("Ctrl+N")
    wait_until(lambda: _shown(page.intake), SLOW, "the new matter form")
    dialog = page.intake
    assert focused() is dialog.type_filter
    c.type(type_keys)
    c.enter()
    c.type(summary)
    c.shortcut("Alt+D")
    wait_until(lambda: focused() is dialog.result_edit, SLOW, "the result field")
    c.type(result)
    c.shortcut("Ctrl+Return")
    wait_until(
        lambda: (
            page.panel.detail is not None
            and page.panel.detail.case.summary == summary
            and page.panel.rating_row.isVisible()
            and page.panel.actions_box.isEnabled()
        ),
        SLOW,
        "the matter closed on the spot",
    )
    case_id = page.panel.detail.case.id
    c.shortcut("Alt+1")
    wait_until(
        lambda: page.panel.detail.case.id == case_id and page.panel.detail.rating is not None,
        SLOW,
        "the rating",
    )
    return _done("walk_in_case", c, case_id)


def refer_case(win: Any, case_id: str, note: str) -> FlowRun:
    """Ctrl+3 puts the keyboard in the matters list (Down to the one wanted), Alt+R, the message
    to the department typed, Ctrl+Enter refers it."""
    c = ActionCounter()
    c.shortcut("Ctrl+3")
    page = _cases(win)
    wait_until(lambda: page.table.hasFocus(), SLOW, "the keyboard in the matters list")
    wait_until(lambda: page.panel.detail is not None, SLOW, "a matter shown")
    for _ in range(100):
        if page.panel.detail.case.id == case_id:
            break
        shown = page.panel.detail.case.id
        c.down()
        wait_until(lambda shown=shown: page.panel.detail.case.id != shown, SLOW, "the next")
    assert page.panel.detail.case.id == case_id
    c.shortcut("Alt+R")
    wait_until(
        lambda: (
            QApplication.activeWindow() is not None
            and QApplication.activeWindow().objectName() == "actionDialog"
        ),
        SLOW,
        "the referral form",
    )
    c.type(note)
    c.shortcut("Ctrl+Return")
    wait_until(
        lambda: (
            page.panel.detail.case.id == case_id
            and page.panel.detail.case.state is CaseState.REFERRED
        ),
        SLOW,
        "the matter referred",
    )
    return _done("refer_case", c, case_id)
