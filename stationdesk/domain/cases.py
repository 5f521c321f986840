"""The one-window case state machine: states, actions, channels, ratings and the transition table.

Everything here is pure data and pure functions; the services layer records each transition as
a case event (who, when, note) and calls :func:`next_state` to learn the state it leads to.

Lifecycle in short (see docs/domain.md, "One-window cases")::

    REGISTERED --accept--> ACCEPTED --handle--> HANDLING --resolve--> RESOLVED
    REGISTERED --reject--> NOT_ACCEPTED                                     (terminal)
    ACCEPTED --resolve--> RESOLVED                          (on the spot, 马上办)
    ACCEPTED/HANDLING --refer--> REFERRED --ack--> DEPT_ACKNOWLEDGED --reply--> DEPT_REPLIED
    REFERRED/DEPT_ACKNOWLEDGED --return--> RETURNED --refer|handle--> ...
    DEPT_REPLIED --verify--> VERIFYING --resolve--> RESOLVED   (or refer|handle if not done)
    RESOLVED --follow-up--> FOLLOWED_UP --close--> CLOSED                   (terminal)
    RESOLVED --close--> CLOSED                      (no follow-up needed, e.g. 马上办)
    RESOLVED/FOLLOWED_UP --reopen--> REOPENED --handle|refer--> ...   (after 不满意/非常不满意)
    REGISTERED/ACCEPTED/HANDLING/DEPT_ACKNOWLEDGED --pend--> PENDING_MATERIALS (clock paused)
    PENDING_MATERIALS --resume--> the state it was paused from
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class CaseState(StrEnum):
    """Where a case stands; the value is the stable code stored and synced."""

    REGISTERED = "REGISTERED"
    ACCEPTED = "ACCEPTED"
    NOT_ACCEPTED = "NOT_ACCEPTED"
    HANDLING = "HANDLING"
    REFERRED = "REFERRED"
    DEPT_ACKNOWLEDGED = "DEPT_ACKNOWLEDGED"
    DEPT_REPLIED = "DEPT_REPLIED"
    RETURNED = "RETURNED"
    VERIFYING = "VERIFYING"
    RESOLVED = "RESOLVED"
    FOLLOWED_UP = "FOLLOWED_UP"
    CLOSED = "CLOSED"
    PENDING_MATERIALS = "PENDING_MATERIALS"
    REOPENED = "REOPENED"


class CaseAction(StrEnum):
    """Something a worker (or a department, through the district platform) does to a case.

    The values are exactly the words the CLI accepts (``stationdesk case <action> ...``).
    """

    ACCEPT = "accept"
    REJECT = "reject"
    HANDLE = "handle"
    REFER = "refer"
    ACK = "ack"
    REPLY = "reply"
    RETURN = "return"
    VERIFY = "verify"
    RESOLVE = "resolve"
    FOLLOW_UP = "follow-up"
    CLOSE = "close"
    REOPEN = "reopen"
    PEND = "pend"
    RESUME = "resume"


class Channel(StrEnum):
    """How a matter reached the station."""

    WALK_IN = "walk-in"
    PHONE = "phone"
    GRID = "grid"
    HOTLINE = "hotline"
    ONLINE = "online"


class SatisfactionGrade(StrEnum):
    """The national five-grade satisfaction scale; the value is the stable English code."""

    VERY_SATISFIED = "VERY_SATISFIED"
    SATISFIED = "SATISFIED"
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED"
    DISSATISFIED = "DISSATISFIED"
    VERY_DISSATISFIED = "VERY_DISSATISFIED"

    @property
    def zh(self) -> str:
        """The Chinese label shown to residents and workers."""
        return SATISFACTION_LABELS_ZH[self]

    @property
    def en(self) -> str:
        """The English label."""
        return SATISFACTION_LABELS_EN[self]

    @property
    def score(self) -> int:
        """5 for 非常满意 down to 1 for 非常不满意."""
        return _SATISFACTION_SCORES[self]

    @classmethod
    def from_zh(cls, label: str) -> SatisfactionGrade:
        """Return the grade whose Chinese label is ``label`` (surrounding spaces ignored)."""
        wanted = label.strip()
        for grade, text in SATISFACTION_LABELS_ZH.items():
            if text == wanted:
                return grade
        raise ValueError(f"unknown satisfaction grade label: {label!r}")


# ---------------------------------------------------------------------------------------------
# Labels (data)
# ---------------------------------------------------------------------------------------------

STATE_LABELS_ZH: Mapping[CaseState, str] = MappingProxyType(
    {
        CaseState.REGISTERED: "已登记",
        CaseState.ACCEPTED: "已受理",
        CaseState.NOT_ACCEPTED: "不予受理",
        CaseState.HANDLING: "办理中",
        CaseState.REFERRED: "已转办",
        CaseState.DEPT_ACKNOWLEDGED: "部门已签收",
        CaseState.DEPT_REPLIED: "部门已反馈",
        CaseState.RETURNED: "已退回",
        CaseState.VERIFYING: "核查中",
        CaseState.RESOLVED: "已办结",
        CaseState.FOLLOWED_UP: "已回访",
        CaseState.CLOSED: "已结案",
        CaseState.PENDING_MATERIALS: "待补正",
        CaseState.REOPENED: "已重启",
    }
)

STATE_LABELS_EN: Mapping[CaseState, str] = MappingProxyType(
    {
        CaseState.REGISTERED: "Registered",
        CaseState.ACCEPTED: "Accepted",
        CaseState.NOT_ACCEPTED: "Not accepted",
        CaseState.HANDLING: "Being handled",
        CaseState.REFERRED: "Referred",
        CaseState.DEPT_ACKNOWLEDGED: "Acknowledged by department",
        CaseState.DEPT_REPLIED: "Department replied",
        CaseState.RETURNED: "Returned",
        CaseState.VERIFYING: "Verifying",
        CaseState.RESOLVED: "Resolved",
        CaseState.FOLLOWED_UP: "Followed up",
        CaseState.CLOSED: "Closed",
        CaseState.PENDING_MATERIALS: "Pending materials",
        CaseState.REOPENED: "Reopened",
    }
)

ACTION_LABELS_ZH: Mapping[CaseAction, str] = MappingProxyType(
    {
        CaseAction.ACCEPT: "受理",
        CaseAction.REJECT: "不予受理",
        CaseAction.HANDLE: "办理",
        CaseAction.REFER: "转办",
        CaseAction.ACK: "签收",
        CaseAction.REPLY: "反馈",
        CaseAction.RETURN: "退回",
        CaseAction.VERIFY: "核查",
        CaseAction.RESOLVE: "办结",
        CaseAction.FOLLOW_UP: "回访",
        CaseAction.CLOSE: "结案",
        CaseAction.REOPEN: "重启",
        CaseAction.PEND: "补正",
        CaseAction.RESUME: "恢复办理",
    }
)

ACTION_LABELS_EN: Mapping[CaseAction, str] = MappingProxyType(
    {
        CaseAction.ACCEPT: "Accept",
        CaseAction.REJECT: "Reject",
        CaseAction.HANDLE: "Handle",
        CaseAction.REFER: "Refer",
        CaseAction.ACK: "Acknowledge",
        CaseAction.REPLY: "Reply",
        CaseAction.RETURN: "Return",
        CaseAction.VERIFY: "Verify",
        CaseAction.RESOLVE: "Resolve",
        CaseAction.FOLLOW_UP: "Follow up",
        CaseAction.CLOSE: "Close",
        CaseAction.REOPEN: "Reopen",
        CaseAction.PEND: "Request materials",
        CaseAction.RESUME: "Resume",
    }
)

CHANNEL_LABELS_ZH: Mapping[Channel, str] = MappingProxyType(
    {
        Channel.WALK_IN: "窗口来访",
        Channel.PHONE: "电话",
        Channel.GRID: "网格上报",
        Channel.HOTLINE: "12345热线",
        Channel.ONLINE: "网上提交",
    }
)

CHANNEL_LABELS_EN: Mapping[Channel, str] = MappingProxyType(
    {
        Channel.WALK_IN: "Walk-in",
        Channel.PHONE: "Phone",
        Channel.GRID: "Grid report",
        Channel.HOTLINE: "12345 hotline",
        Channel.ONLINE: "Online",
    }
)

SATISFACTION_LABELS_ZH: Mapping[SatisfactionGrade, str] = MappingProxyType(
    {
        SatisfactionGrade.VERY_SATISFIED: "非常满意",
        SatisfactionGrade.SATISFIED: "满意",
        SatisfactionGrade.BASICALLY_SATISFIED: "基本满意",
        SatisfactionGrade.DISSATISFIED: "不满意",
        SatisfactionGrade.VERY_DISSATISFIED: "非常不满意",
    }
)

SATISFACTION_LABELS_EN: Mapping[SatisfactionGrade, str] = MappingProxyType(
    {
        SatisfactionGrade.VERY_SATISFIED: "Very satisfied",
        SatisfactionGrade.SATISFIED: "Satisfied",
        SatisfactionGrade.BASICALLY_SATISFIED: "Basically satisfied",
        SatisfactionGrade.DISSATISFIED: "Dissatisfied",
        SatisfactionGrade.VERY_DISSATISFIED: "Very dissatisfied",
    }
)

_SATISFACTION_SCORES: Mapping[SatisfactionGrade, int] = MappingProxyType(
    {
        SatisfactionGrade.VERY_SATISFIED: 5,
        SatisfactionGrade.SATISFIED: 4,
        SatisfactionGrade.BASICALLY_SATISFIED: 3,
        SatisfactionGrade.DISSATISFIED: 2,
        SatisfactionGrade.VERY_DISSATISFIED: 1,
    }
)


# ---------------------------------------------------------------------------------------------
# The transition table
# ---------------------------------------------------------------------------------------------

_S = CaseState
_A = CaseAction

#: state -> {action -> next state}. ``resume`` is not listed here: it leads back to the state
#: the case was paused from, which the caller passes as ``resume_to``.
TRANSITIONS: Mapping[CaseState, Mapping[CaseAction, CaseState]] = MappingProxyType(
    {
        _S.REGISTERED: MappingProxyType(
            {
                _A.ACCEPT: _S.ACCEPTED,
                _A.REJECT: _S.NOT_ACCEPTED,
                _A.PEND: _S.PENDING_MATERIALS,
            }
        ),
        _S.ACCEPTED: MappingProxyType(
            {
                _A.HANDLE: _S.HANDLING,
                _A.REFER: _S.REFERRED,
                _A.RESOLVE: _S.RESOLVED,
                _A.PEND: _S.PENDING_MATERIALS,
            }
        ),
        _S.NOT_ACCEPTED: MappingProxyType({}),
        _S.HANDLING: MappingProxyType(
            {
                _A.RESOLVE: _S.RESOLVED,
                _A.REFER: _S.REFERRED,
                _A.PEND: _S.PENDING_MATERIALS,
            }
        ),
        _S.REFERRED: MappingProxyType(
            {
                _A.ACK: _S.DEPT_ACKNOWLEDGED,
                _A.RETURN: _S.RETURNED,
            }
        ),
        _S.DEPT_ACKNOWLEDGED: MappingProxyType(
            {
                _A.REPLY: _S.DEPT_REPLIED,
                _A.RETURN: _S.RETURNED,
                _A.PEND: _S.PENDING_MATERIALS,
            }
        ),
        _S.DEPT_REPLIED: MappingProxyType({_A.VERIFY: _S.VERIFYING}),
        _S.RETURNED: MappingProxyType(
            {
                _A.REFER: _S.REFERRED,
                _A.HANDLE: _S.HANDLING,
            }
        ),
        _S.VERIFYING: MappingProxyType(
            {
                _A.RESOLVE: _S.RESOLVED,
                _A.REFER: _S.REFERRED,
                _A.HANDLE: _S.HANDLING,
            }
        ),
        _S.RESOLVED: MappingProxyType(
            {
                _A.FOLLOW_UP: _S.FOLLOWED_UP,
                _A.CLOSE: _S.CLOSED,
                _A.REOPEN: _S.REOPENED,
            }
        ),
        _S.FOLLOWED_UP: MappingProxyType(
            {
                _A.CLOSE: _S.CLOSED,
                _A.REOPEN: _S.REOPENED,
            }
        ),
        _S.CLOSED: MappingProxyType({}),
        _S.PENDING_MATERIALS: MappingProxyType({}),
        _S.REOPENED: MappingProxyType(
            {
                _A.HANDLE: _S.HANDLING,
                _A.REFER: _S.REFERRED,
            }
        ),
    }
)

#: States a case may be paused from (``pend``), and therefore resumed to (``resume``).
PAUSABLE_STATES: frozenset[CaseState] = frozenset(
    state for state, moves in TRANSITIONS.items() if CaseAction.PEND in moves
)

#: States in which nothing more can happen to a case.
TERMINAL_STATES: frozenset[CaseState] = frozenset({CaseState.NOT_ACCEPTED, CaseState.CLOSED})

_NOTE_REQUIRED: frozenset[CaseAction] = frozenset(
    {
        CaseAction.REJECT,  # the reason for not accepting (told to the resident)
        CaseAction.RETURN,  # why the department sends the case back
        CaseAction.REPLY,  # the department's answer itself
        CaseAction.PEND,  # the list of missing materials (一次性告知)
        CaseAction.REOPEN,  # why the case is reopened (the dissatisfied rating and its reason)
    }
)

_DEPARTMENT_REQUIRED: frozenset[CaseAction] = frozenset({CaseAction.REFER})

_REOPENING_GRADES: frozenset[SatisfactionGrade] = frozenset(
    {SatisfactionGrade.DISSATISFIED, SatisfactionGrade.VERY_DISSATISFIED}
)


class InvalidTransition(ValueError):
    """An action that is not allowed in a case's current state (or is missing its inputs).

    ``str(error)`` is the English message; ``error.zh`` is the Chinese one for the UI.
    """

    def __init__(
        self,
        message: str,
        *,
        zh: str,
        state: CaseState | None = None,
        action: CaseAction | None = None,
    ) -> None:
        super().__init__(message)
        self.zh = zh
        self.state = state
        self.action = action


def _allowed_text_en(state: CaseState) -> str:
    actions = allowed_actions(state)
    return ", ".join(action.value for action in actions) if actions else "none"


def _allowed_text_zh(state: CaseState) -> str:
    actions = allowed_actions(state)
    return "、".join(ACTION_LABELS_ZH[action] for action in actions) if actions else "无"


def next_state(
    state: CaseState, action: CaseAction, *, resume_to: CaseState | None = None
) -> CaseState:
    """Return the state ``action`` leads to from ``state``, or raise :class:`InvalidTransition`.

    ``resume_to`` is required with :attr:`CaseAction.RESUME` (the state recorded when the case
    was paused; it must be one of :data:`PAUSABLE_STATES`) and refused with any other action.
    Notes and departments are not checked here; see :func:`check_inputs`.
    """
    state = CaseState(state)
    action = CaseAction(action)
    if resume_to is not None and action is not CaseAction.RESUME:
        raise InvalidTransition(
            f"resume_to is only meaningful with 'resume', not with {action.value!r}",
            zh=f"只有“{ACTION_LABELS_ZH[CaseAction.RESUME]}”操作需要指定恢复到的状态",
            state=state,
            action=action,
        )
    if action is CaseAction.RESUME:
        if state is not CaseState.PENDING_MATERIALS:
            raise InvalidTransition(
                f"cannot 'resume' a case in state {state.value}: it is not paused "
                f"(allowed: {_allowed_text_en(state)})",
                zh=f"案件当前状态为“{STATE_LABELS_ZH[state]}”，未处于待补正，不能恢复办理。"
                f"可执行：{_allowed_text_zh(state)}",
                state=state,
                action=action,
            )
        if resume_to is None:
            raise InvalidTransition(
                "'resume' needs the state the case was paused from (resume_to)",
                zh="恢复办理时必须指定补正前的状态",
                state=state,
                action=action,
            )
        resume_to = CaseState(resume_to)
        if resume_to not in PAUSABLE_STATES:
            raise InvalidTransition(
                f"cannot resume to {resume_to.value}: a case is never paused from that state",
                zh=f"不能恢复到“{STATE_LABELS_ZH[resume_to]}”：该状态下不会进入待补正",
                state=state,
                action=action,
            )
        return resume_to
    target = TRANSITIONS[state].get(action)
    if target is None:
        raise InvalidTransition(
            f"cannot {action.value!r} a case in state {state.value} "
            f"(allowed: {_allowed_text_en(state)})",
            zh=f"案件当前状态为“{STATE_LABELS_ZH[state]}”，不能执行“{ACTION_LABELS_ZH[action]}”。"
            f"可执行：{_allowed_text_zh(state)}",
            state=state,
            action=action,
        )
    return target


def allowed_actions(state: CaseState) -> list[CaseAction]:
    """Return the actions allowed in ``state``, in :class:`CaseAction` declaration order."""
    state = CaseState(state)
    moves = TRANSITIONS[state]
    allowed = [action for action in CaseAction if action in moves]
    if state is CaseState.PENDING_MATERIALS:
        allowed.append(CaseAction.RESUME)
    return allowed


def requires_note(action: CaseAction) -> bool:
    """True when the action must carry a note (a reason, the reply, the missing materials)."""
    return CaseAction(action) in _NOTE_REQUIRED


def requires_department(action: CaseAction) -> bool:
    """True when the action must name the department it goes to (only ``refer``)."""
    return CaseAction(action) in _DEPARTMENT_REQUIRED


def check_inputs(
    action: CaseAction, *, note: str | None = None, department: str | None = None
) -> None:
    """Raise :class:`InvalidTransition` when ``action`` lacks its required note or department.

    Blank strings count as missing.
    """
    action = CaseAction(action)
    if requires_note(action) and not (note and note.strip()):
        raise InvalidTransition(
            f"{action.value!r} needs a note (a reason or the content)",
            zh=f"“{ACTION_LABELS_ZH[action]}”必须填写说明",
            action=action,
        )
    if requires_department(action) and not (department and department.strip()):
        raise InvalidTransition(
            f"{action.value!r} needs the department the case is referred to",
            zh=f"“{ACTION_LABELS_ZH[action]}”必须选择承办部门",
            action=action,
        )


def rating_reopens(grade: SatisfactionGrade) -> bool:
    """True for 不满意 and 非常不满意: such a rating sends a resolved case back (``reopen``)."""
    return SatisfactionGrade(grade) in _REOPENING_GRADES


def is_terminal(state: CaseState) -> bool:
    """True for CLOSED and NOT_ACCEPTED: no action is possible any more."""
    return CaseState(state) in TERMINAL_STATES


def is_open(state: CaseState) -> bool:
    """True while the case still needs something done (every state but the terminal ones)."""
    return not is_terminal(state)


def is_paused(state: CaseState) -> bool:
    """True while the time-limit clock is stopped (PENDING_MATERIALS)."""
    return CaseState(state) is CaseState.PENDING_MATERIALS
