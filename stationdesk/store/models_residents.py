"""Models of residents, their households, buildings and grids, visits, edits and search terms."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, PrimaryKeyConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stationdesk.store.models import Base


class Grid(Base):
    """A grid (网格) of the community, looked after by a grid worker."""

    __tablename__ = "grid"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Building(Base):
    """A building (楼栋) on the station's own list."""

    __tablename__ = "building"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Household(Base):
    """A household (户) at one address."""

    __tablename__ = "household"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    building_id: Mapped[str] = mapped_column(ForeignKey("building.id"), index=True)
    unit: Mapped[str | None] = mapped_column(String(8))
    room: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]


class Resident(Base):
    """A person known to the station. ``seq`` keys the search index; ``id`` is the sync id."""

    __tablename__ = "resident"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str | None] = mapped_column(String(80))  # a typed reading, if any
    id_type: Mapped[str] = mapped_column(String(24))
    id_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(16))
    phones: Mapped[list[str]] = mapped_column(JSON)
    building_id: Mapped[str | None] = mapped_column(ForeignKey("building.id"))
    unit: Mapped[str | None] = mapped_column(String(8))
    room: Mapped[str | None] = mapped_column(String(16))
    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"), index=True)
    relation: Mapped[str | None] = mapped_column(String(8))
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    tags: Mapped[list[str]] = mapped_column(JSON)
    sensitive_tags: Mapped[list[str]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[datetime | None]


class SearchTerm(Base):
    """One term a resident is found by (see domain.residents.search_terms)."""

    __tablename__ = "search_term"
    term: Mapped[str] = mapped_column(String(64))
    resident_seq: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        PrimaryKeyConstraint("term", "resident_seq"),
        Index("ix_search_term_resident", "resident_seq"),
        {"sqlite_with_rowid": False},
    )


class Visit(Base):
    """A walk-in (来访登记): who came, why, and who received them first (首问)."""

    __tablename__ = "visit"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(200))
    worker_id: Mapped[str] = mapped_column(ForeignKey("worker.id"))
    at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ResidentChange(Base):
    """One field of one edit: who, when, old value, new value."""

    __tablename__ = "resident_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    worker_id: Mapped[str | None] = mapped_column(ForeignKey("worker.id"))
    at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer)
