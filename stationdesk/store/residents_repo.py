"""Queries over residents that the services share: the search index and address lookups."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, TextClause, bindparam, delete, func, insert, select, text
from sqlalchemy.orm import Session

from stationdesk.domain.residents import SearchPlan
from stationdesk.store.models_residents import Building, Household, Resident, SearchTerm

PREFIX_END = "\U0010ffff"

RESIDENT_TABLE = cast(Table, Resident.__table__)
RESIDENT_COLUMNS: tuple[str, ...] = tuple(column.name for column in RESIDENT_TABLE.columns)
"""Every column of the resident table, in table order: the one list of a resident's columns."""

RESIDENT_BULK_COLUMNS: tuple[str, ...] = tuple(c for c in RESIDENT_COLUMNS if c != "deleted_at")
"""The columns of a bulk-loaded (live) resident row, in table order."""

INSERT_SEARCH_TERMS = "INSERT INTO search_term (term, resident_seq) VALUES (?, ?)"
"""A raw insert of (term, resident seq) rows for ``executemany``."""


def insert_residents_sql(columns: Sequence[str]) -> str:
    """A raw insert of resident rows holding ``columns`` (in that order) for ``executemany``."""
    return f"INSERT INTO resident ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def replace_terms(session: Session, resident_seq: int, terms: Iterable[str]) -> None:
    """Make ``terms`` the whole set of search terms of one resident."""
    session.execute(delete(SearchTerm).where(SearchTerm.resident_seq == resident_seq))
    rows = [{"term": t, "resident_seq": resident_seq} for t in sorted(set(terms))]
    if rows:
        session.execute(insert(SearchTerm), rows)


_SEARCH_FIELDS = {
    "id": "r.id",
    "name": "r.name",
    "sex": "r.sex",
    "birth_date": "r.birth_date",
    "id_type": "r.id_type",
    "id_number": "r.id_number",
    "phones": "r.phones",
    "building": "b.name",
    "unit": "r.unit",
    "room": "r.room",
    "grid": "g.name",
    "tags": "r.tags",
}
SEARCH_COLUMNS = tuple(_SEARCH_FIELDS)
"""The keys of a search row, in the order the search query selects them."""

RECENT_VISITS = 2000
"""How many of the latest visits count as "seen at the desk lately" for ranking and the list of
recent visitors: a bounded scan however long the visit log grows."""

_SEEN = (
    "SELECT r.seq AS seq, max(v.at) AS last_at FROM "
    f"(SELECT resident_id, at FROM visit ORDER BY rowid DESC LIMIT {RECENT_VISITS}) v "
    "JOIN resident r ON r.id = v.resident_id GROUP BY r.seq"
)
_FIELDS = ", ".join(_SEARCH_FIELDS.values())
_RANKED = (
    "WITH seen AS ({seen}), "
    "top AS (SELECT m.resident_seq AS seq, s.last_at AS last_at FROM ({matches}) m "
    "LEFT JOIN seen s ON s.seq = m.resident_seq {skip}"
    "ORDER BY {order} LIMIT :n) "
    "SELECT r.deleted_at IS NOT NULL, {fields} FROM top JOIN resident r ON r.seq = top.seq "
    "LEFT JOIN building b ON b.id = r.building_id LEFT JOIN grid g ON g.id = r.grid_id "
    "ORDER BY {outer}"
)


# (inside the rank, over the rank's rows): the desk's order, or the household's
_DESK_ORDER = (
    "s.last_at IS NULL, s.last_at DESC, m.resident_seq DESC",
    "top.last_at IS NULL, top.last_at DESC, top.seq DESC",
)
_REGISTER_ORDER = ("m.resident_seq", "top.seq")


@functools.cache
def _ranked_query(prefixes: tuple[bool, ...], skips: bool, register_order: bool) -> TextClause:
    """The one query of a rank whose terms are exact or prefixes as given (built once)."""
    parts = [
        f"SELECT resident_seq FROM search_term WHERE term >= :t{i} AND term < :e{i}"
        if is_prefix
        else f"SELECT resident_seq FROM search_term WHERE term = :t{i}"
        for i, is_prefix in enumerate(prefixes)
    ]
    skip_sql = ""
    if skips:
        skip_sql = "WHERE m.resident_seq NOT IN (SELECT seq FROM resident WHERE id IN :skip) "
    sql = text(
        _RANKED.format(
            seen=_SEEN,
            matches=" UNION ".join(parts),
            skip=skip_sql,
            fields=_FIELDS,
            order=(_REGISTER_ORDER if register_order else _DESK_ORDER)[0],
            outer=(_REGISTER_ORDER if register_order else _DESK_ORDER)[1],
        )
    )
    return sql.bindparams(bindparam("skip", expanding=True)) if skips else sql


def _rank_rows(
    session: Session,
    rank: Sequence[tuple[bool, str]],
    want: int,
    skip: Collection[str],
    register_order: bool,
) -> list[dict[str, Any]]:
    """Up to ``want`` live residents of one rank whose ids are not in ``skip``: those seen at
    the desk lately (latest visit first), then the rest newest registration first; or, with
    ``register_order``, in the order they were registered."""
    params: dict[str, object] = {}
    for i, (is_prefix, term) in enumerate(rank):
        params[f"t{i}"] = term
        if is_prefix:
            params[f"e{i}"] = term + PREFIX_END
    if skip:
        params["skip"] = tuple(skip)
    sql = _ranked_query(tuple(is_prefix for is_prefix, _term in rank), bool(skip), register_order)
    n = want
    while True:
        rows = session.execute(sql, {**params, "n": n}).all()
        live = [dict(zip(SEARCH_COLUMNS, row[1:], strict=True)) for row in rows if not row[0]]
        if len(live) >= want or len(rows) < n:  # a full page, or every match read
            return live[:want]
        n *= 2  # deleted residents took places: read further


def search_rows(session: Session, plan: SearchPlan, limit: int) -> list[dict[str, Any]]:
    """Live residents matching the plan, best rank first, as plain column dicts.

    Within a rank (``SearchPlan.tiers``) the residents seen at the desk most lately come first
    (among the last RECENT_VISITS visits), then the newest registrations; the people found at
    an address (``SearchPlan.register_order``) are listed as their household was registered.
    Each rank is one query: indexed scans of search_term for its terms, ordered over resident
    seqs, and only the page's residents are read; ranks run in order until the page is full.
    """
    out: list[dict[str, Any]] = []
    for rank in plan.tiers():
        seen = {r["id"] for r in out}
        out += _rank_rows(session, rank, limit - len(out), seen, plan.register_order)
        if len(out) >= limit:
            break
    return out[:limit]


def recent_visitor_rows(session: Session, limit: int) -> list[dict[str, Any]]:
    """The live residents received at the desk most lately, latest first, as search rows."""
    sql = text(
        f"WITH seen AS ({_SEEN}) SELECT {_FIELDS} FROM seen JOIN resident r ON r.seq = seen.seq "
        "LEFT JOIN building b ON b.id = r.building_id LEFT JOIN grid g ON g.id = r.grid_id "
        "WHERE r.deleted_at IS NULL ORDER BY seen.last_at DESC, seen.seq DESC LIMIT :n"
    )
    return [
        dict(zip(SEARCH_COLUMNS, row, strict=True)) for row in session.execute(sql, {"n": limit})
    ]


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
    insert_residents(conn, residents, terms)


def next_resident_seq(session: Session) -> int:
    """The seq the next bulk-loaded resident gets."""
    return int(session.scalar(select(func.coalesce(func.max(Resident.seq), 0))) or 0) + 1


def building_names(session: Session) -> dict[str, str]:
    """Names of every building on the list, by building id."""
    return {i: n for i, n in session.execute(select(Building.id, Building.name))}


def existing_building_names(session: Session) -> list[str]:
    """Names of every building on the list."""
    return list(session.scalars(select(Building.name)))


def registered_numbers(session: Session, numbers: Collection[str]) -> set[str]:
    """Which of these document numbers a resident already holds (one query)."""
    if not numbers:
        return set()
    found = session.scalars(select(Resident.id_number).where(Resident.id_number.in_(numbers)))
    return {n for n in found if n is not None}


def first_households(
    session: Session, building_ids: Collection[str]
) -> dict[tuple[str, str | None, str], str]:
    """The first household (by creation) at each address in these buildings, by address."""
    if not building_ids:
        return {}
    rows = session.execute(
        select(Household.id, Household.building_id, Household.unit, Household.room)
        .where(Household.building_id.in_(building_ids))
        .order_by(Household.created_at)
    )
    out: dict[tuple[str, str | None, str], str] = {}
    for hid, building_id, unit, room in rows:
        out.setdefault((building_id, unit, room), hid)
    return out


def insert_residents(
    conn: Any, residents: Sequence[tuple[Any, ...]], terms: list[tuple[str, int]]
) -> None:
    """Insert resident rows (following RESIDENT_BULK_COLUMNS) and their (term, resident seq)
    search terms, sorted, on a raw DB-API connection inside the caller's transaction."""
    conn.executemany(insert_residents_sql(RESIDENT_BULK_COLUMNS), residents)
    terms.sort()
    conn.executemany(INSERT_SEARCH_TERMS, terms)
