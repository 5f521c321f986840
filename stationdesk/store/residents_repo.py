"""Queries over residents that the services share: the search index and address lookups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from stationdesk.domain.residents import SearchPlan
from stationdesk.store.models_residents import Building, Household, Resident, SearchTerm

PREFIX_END = "\U0010ffff"


def replace_terms(session: Session, resident_seq: int, terms: Iterable[str]) -> None:
    """Make ``terms`` the whole set of search terms of one resident."""
    session.execute(delete(SearchTerm).where(SearchTerm.resident_seq == resident_seq))
    rows = [{"term": t, "resident_seq": resident_seq} for t in sorted(set(terms))]
    if rows:
        session.execute(insert(SearchTerm), rows)


def search_seqs(session: Session, plan: SearchPlan, limit: int) -> list[int]:
    """Resident seqs matching any exact term or term prefix of the plan, at most ``limit``."""
    conditions: list[ColumnElement[bool]] = [SearchTerm.term.in_(plan.exact)] if plan.exact else []
    conditions += [
        (SearchTerm.term >= p) & (SearchTerm.term < p + PREFIX_END) for p in plan.prefixes
    ]
    if not conditions:
        return []
    seqs: list[int] = []
    seen: set[int] = set()
    # one indexed range scan per condition keeps every lookup on the primary key
    for cond in conditions:
        stmt = select(SearchTerm.resident_seq).where(cond).limit(limit * 2)
        for seq in session.scalars(stmt):
            if seq not in seen:
                seen.add(seq)
                seqs.append(seq)
        if len(seqs) >= limit * 2:
            break
    return seqs


def residents_by_seq(session: Session, seqs: list[int]) -> list[Resident]:
    """Live residents with these seqs, in the given order."""
    if not seqs:
        return []
    rows = session.scalars(
        select(Resident).where(Resident.seq.in_(seqs), Resident.deleted_at.is_(None))
    ).all()
    order = {s: i for i, s in enumerate(seqs)}
    return sorted(rows, key=lambda r: order[r.seq])


def household_at(
    session: Session, building_id: str, unit: str | None, room: str
) -> Household | None:
    """The first household registered at an address, if any."""
    unit_cond = Household.unit.is_(None) if unit is None else Household.unit == unit
    return session.scalars(
        select(Household)
        .where(Household.building_id == building_id, unit_cond, Household.room == room)
        .order_by(Household.created_at)
        .limit(1)
    ).first()


def building_named(session: Session, name: str) -> Building | None:
    """A building of the station's list by its name."""
    return session.scalars(select(Building).where(Building.name == name)).first()


def bulk_load(
    conn: Any,
    *,
    grids: Sequence[tuple[str, str, str]],
    buildings: Sequence[tuple[str, str, str | None]],
    households: Sequence[tuple[str, str, str | None, str, str]],
    residents: Sequence[tuple[Any, ...]],
    terms: list[tuple[str, int]],
) -> None:
    """Insert generated rows fast on a raw keyed connection inside the caller's transaction.

    ``residents`` rows follow RESIDENT_BULK_COLUMNS; ``terms`` are (term, resident seq) and are
    inserted sorted, which keeps the search index's B-tree appends cheap.
    """
    conn.executemany("INSERT INTO grid (id, code, name) VALUES (?, ?, ?)", grids)
    conn.executemany("INSERT INTO building (id, name, grid_id) VALUES (?, ?, ?)", buildings)
    conn.executemany(
        "INSERT INTO household (id, building_id, unit, room, created_at) VALUES (?, ?, ?, ?, ?)",
        households,
    )
    placeholders = ", ".join("?" for _ in RESIDENT_BULK_COLUMNS)
    conn.executemany(
        f"INSERT INTO resident ({', '.join(RESIDENT_BULK_COLUMNS)}) VALUES ({placeholders})",
        residents,
    )
    terms.sort()
    conn.executemany("INSERT INTO search_term (term, resident_seq) VALUES (?, ?)", terms)


RESIDENT_BULK_COLUMNS = (
    "seq",
    "id",
    "name",
    "id_type",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "phones",
    "building_id",
    "unit",
    "room",
    "household_id",
    "relation",
    "grid_id",
    "tags",
    "sensitive_tags",
    "note",
    "created_at",
    "updated_at",
    "version",
)


def next_resident_seq(session: Session) -> int:
    """The seq the next bulk-loaded resident gets."""
    from sqlalchemy import func

    return int(session.scalar(select(func.coalesce(func.max(Resident.seq), 0))) or 0) + 1


def existing_building_names(session: Session) -> list[str]:
    """Names of every building on the list."""
    return list(session.scalars(select(Building.name)))
