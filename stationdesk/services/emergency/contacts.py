"""Who to call for a listed resident: their phones and their household's, masked for everyone
and shown in full only to the responder the resident is assigned to, each reveal audited."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import mask_phone
from stationdesk.domain.roles import Permission
from stationdesk.store.models_emergency import EmergencyResponder
from stationdesk.store.models_residents import Resident

from ..actor import Actor, require
from ..errors import PermissionDeniedError
from ..station import Station
from ..uow import unit_of_work
from .events import require_open_event, resident_on_list
from .types import ENTITY_ENTRY


@dataclass(frozen=True)
class EntryContacts:
    """The phone lines of one listed resident (本人 first, then each household member with a
    phone); ``full`` says whether they are in full, ``can_reveal`` whether this worker may
    see them so (they are the resident's assigned responder)."""

    resident_id: str
    name: str
    lines: tuple[str, ...]
    full: bool
    can_reveal: bool


def household_phones(
    s: Session, household_ids: Sequence[str], show: Callable[[str], str]
) -> dict[str, list[tuple[str, str]]]:
    """Each household's live members as (resident id, "name（relation） phone、phone"), every
    phone passed through ``show`` (in full for paper, masked for a screen)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for chunk in range(0, len(household_ids), 900):
        for rid, hid, name, relation, phones in s.execute(
            select(
                Resident.id,
                Resident.household_id,
                Resident.name,
                Resident.relation,
                Resident.phones,
            ).where(
                Resident.household_id.in_(household_ids[chunk : chunk + 900]),
                Resident.deleted_at.is_(None),
            )
        ):
            if phones and hid is not None:
                who = f"{name}（{relation}）" if relation else name
                out[hid].append((rid, f"{who} {'、'.join(show(p) for p in phones)}"))
    return out


def phone_lines(
    resident_id: str,
    own: Sequence[str] | None,
    household: list[tuple[str, str]],
    show: Callable[[str], str],
) -> list[str]:
    """A resident's own phones as 本人 …, then their household's lines but theirs."""
    lines = [f"本人 {'、'.join(show(p) for p in own)}"] if own else []
    return lines + [text for rid, text in household if rid != resident_id]


def _assigned_to(s: Session, actor: Actor, responder_id: str | None) -> bool:
    if responder_id is None:
        return False
    worker = s.scalar(
        select(EmergencyResponder.worker_id).where(EmergencyResponder.id == responder_id)
    )
    return worker is not None and worker == actor.worker_id


def entry_contacts(
    station: Station, actor: Actor, resident_id: str, *, reveal: bool = False
) -> EntryContacts:
    """A listed resident's phones, masked; with ``reveal``, in full for the worker assigned to
    them as responder (audited as ``emergency_entry.reveal``) and refused to anyone else."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        event = require_open_event(s)
        entry = resident_on_list(s, event, resident_id)
        allowed = _assigned_to(s, actor, entry.responder_id)
        person = s.scalars(select(Resident).where(Resident.id == entry.resident_id)).one()
        show: Callable[[str], str] = (lambda p: p) if reveal and allowed else mask_phone
        household = (
            household_phones(s, [person.household_id], show).get(person.household_id, [])
            if person.household_id
            else []
        )
        lines = phone_lines(resident_id, person.phones, household, show)
        entry_id, name = entry.id, person.name
    if reveal and not allowed:
        raise PermissionDeniedError(
            "only the responder this resident is assigned to may see the phones in full",
            "只有分配到该居民的应急人员可以查看完整电话。",
        )
    if reveal:
        with unit_of_work(station, actor) as uow:
            uow.audit(
                f"{ENTITY_ENTRY}.reveal",
                ENTITY_ENTRY,
                str(entry_id),
                {"resident": resident_id, "phones": len(lines)},
            )
    return EntryContacts(resident_id, name, tuple(lines), reveal and allowed, allowed)
