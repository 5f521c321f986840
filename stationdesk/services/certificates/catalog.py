"""The certificate catalog and the refusal guide: which version is in force, and loading one."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.catalog import (
    Catalog,
    CatalogError,
    CertificateType,
    NotInCatalog,
    RefusalGuide,
    parse_catalog,
    parse_refusal_guide,
)
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.resources import resource_path
from stationdesk.store.models_certs import CatalogVersion

from ..actor import Actor, require
from ..errors import InputError
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from .common import NotInCatalogError, digest

KIND_CERTIFICATES = "certificates"
KIND_REFUSALS = "refusals"
SHIPPED = "resources"  # the source of the catalog shipped with the application


@dataclass(frozen=True)
class CatalogInfo:
    """Which catalog or refusal guide is in force, and where it came from."""

    kind: str
    version: int
    effective_from: date
    source: str
    sha256: str
    items: int
    loaded_at: datetime | None


@lru_cache(maxsize=4)
def _resource_text(kind: str) -> str:
    name = "certificates.json" if kind == KIND_CERTIFICATES else "refusals.json"
    return resource_path("catalog", name).read_text(encoding="utf-8")


_parsed_lock = threading.Lock()
_parsed: dict[str, Catalog | RefusalGuide] = {}


def _parse(kind: str, content: Mapping[str, Any], sha: str) -> Catalog | RefusalGuide:
    with _parsed_lock:
        cached = _parsed.get(sha)
    if cached is not None:
        return cached
    parsed: Catalog | RefusalGuide = (
        parse_catalog(content) if kind == KIND_CERTIFICATES else parse_refusal_guide(content)
    )
    with _parsed_lock:
        _parsed[sha] = parsed
    return parsed


def _version_of(parsed: Catalog | RefusalGuide) -> int:
    return parsed.catalog_version if isinstance(parsed, Catalog) else parsed.guide_version


@dataclass(frozen=True)
class Active:
    """A catalog or refusal guide in force, parsed, with the row that records it."""

    kind: str
    parsed: Catalog | RefusalGuide
    content: dict[str, Any]
    sha: str
    row: CatalogVersion | None  # None: the shipped default, not yet recorded in the database

    @property
    def catalog(self) -> Catalog:
        """The certificate catalog (for an ``Active`` of kind certificates)."""
        assert isinstance(self.parsed, Catalog)
        return self.parsed

    @property
    def guide(self) -> RefusalGuide:
        """The refusal guide (for an ``Active`` of kind refusals)."""
        assert isinstance(self.parsed, RefusalGuide)
        return self.parsed


def active_in(session: Session, kind: str) -> Active:
    """The catalog in force: the newest recorded version, or the shipped one if it is newer."""
    row = session.scalars(
        select(CatalogVersion)
        .where(CatalogVersion.kind == kind, CatalogVersion.active.is_(True))
        .order_by(CatalogVersion.version.desc())
    ).first()
    shipped: dict[str, Any] = json.loads(_resource_text(kind))
    shipped_sha = digest(shipped)
    shipped_parsed = _parse(kind, shipped, shipped_sha)
    if row is not None and row.version >= _version_of(shipped_parsed):
        return Active(kind, _parse(kind, row.content, row.sha256), row.content, row.sha256, row)
    return Active(kind, shipped_parsed, shipped, shipped_sha, None)


def _activate(
    uow: UnitOfWork, active: Active, *, source: str, loaded_by: str | None
) -> CatalogVersion:
    """Record a version as the one in force of its kind; the versions before it retire."""
    for older in uow.session.scalars(
        select(CatalogVersion).where(
            CatalogVersion.kind == active.kind, CatalogVersion.active.is_(True)
        )
    ):
        older.active = False
    row = CatalogVersion(
        id=new_id(),
        kind=active.kind,
        version=_version_of(active.parsed),
        effective_from=active.parsed.effective_from,
        content=active.content,
        sha256=active.sha,
        source=source,
        active=True,
        loaded_at=uow.now,
        loaded_by=loaded_by,
    )
    uow.session.add(row)
    return row


def record_active(uow: UnitOfWork, active: Active) -> None:
    """Keep the shipped catalog a document is issued under in the database, once."""
    if active.row is not None:
        return
    version = _version_of(active.parsed)
    exists = uow.session.scalar(
        select(CatalogVersion.id).where(
            CatalogVersion.kind == active.kind, CatalogVersion.version == version
        )
    )
    if exists:
        return
    row = _activate(uow, active, source=SHIPPED, loaded_by=None)
    uow.audit("catalog.seed", "catalog", row.id, {"kind": active.kind, "version": version})


def active_catalog(station: Station) -> Catalog:
    """The certificate catalog in force at this station."""
    with station.db.read_session() as s:
        return active_in(s, KIND_CERTIFICATES).catalog


def active_refusal_guide(station: Station) -> RefusalGuide:
    """The refusal guide (reason codes and the "do not issue" list) in force."""
    with station.db.read_session() as s:
        return active_in(s, KIND_REFUSALS).guide


def certificate_type(catalog: Catalog, type_code: str) -> CertificateType:
    """The catalog's type with this code; one not listed raises NotInCatalogError."""
    try:
        return catalog.get(type_code)
    except NotInCatalog:
        raise NotInCatalogError(type_code, catalog.catalog_version) from None


def guide_version(s: Session, version: int) -> RefusalGuide | None:
    """A refusal guide by its version, as recorded, or the shipped one when it is that version
    (a rebuilt station has recorded none yet); None when neither is."""
    row = s.scalars(
        select(CatalogVersion).where(
            CatalogVersion.kind == KIND_REFUSALS, CatalogVersion.version == version
        )
    ).first()
    if row is None:
        shipped: dict[str, Any] = json.loads(_resource_text(KIND_REFUSALS))
        parsed = _parse(KIND_REFUSALS, shipped, digest(shipped))
        if _version_of(parsed) != version:
            return None
    else:
        parsed = _parse(KIND_REFUSALS, row.content, row.sha256)
    return parsed if isinstance(parsed, RefusalGuide) else None


def reason_label(guide: RefusalGuide | None, code: str) -> str:
    """A refusal reason's Chinese label; the code itself when the guide does not know it."""
    if guide is not None:
        try:
            return guide.reason(code).label_zh
        except NotInCatalog:
            pass
    return code


def _info(active: Active) -> CatalogInfo:
    parsed = active.parsed
    items = len(parsed) if isinstance(parsed, Catalog) else len(parsed.reasons)
    return CatalogInfo(
        kind=active.kind,
        version=_version_of(parsed),
        effective_from=parsed.effective_from,
        source=active.row.source if active.row else SHIPPED,
        sha256=active.sha,
        items=items,
        loaded_at=active.row.loaded_at if active.row else None,
    )


def catalog_info(station: Station) -> tuple[CatalogInfo, CatalogInfo]:
    """The catalog and the refusal guide in force: version, source and digest."""
    with station.db.read_session() as s:
        return _info(active_in(s, KIND_CERTIFICATES)), _info(active_in(s, KIND_REFUSALS))


def load_catalog_data(
    station: Station, actor: Actor, data: Mapping[str, Any], *, source: str = "file"
) -> CatalogInfo:
    """Validate and activate a district catalog or refusal guide (admin; sync uses "district").

    The kind is told by its version key. A version must be newer than the one in force; loading
    the version in force again with the same content changes nothing.
    """
    require(actor, Permission.MANAGE_STATION)
    if not isinstance(data, Mapping):
        raise InputError("a catalog file holds one JSON object", "目录文件应为一个JSON对象。")
    if "catalog_version" in data:
        kind = KIND_CERTIFICATES
    elif "guide_version" in data:
        kind = KIND_REFUSALS
    else:
        raise InputError(
            "not a catalog: expected catalog_version or guide_version",
            "不是证明事项目录：缺少 catalog_version 或 guide_version。",
        )
    content = dict(data)
    try:
        parsed = _parse(kind, content, digest(content))
    except CatalogError as exc:
        raise InputError(f"invalid catalog: {exc}", f"目录内容有误：{exc}") from None
    if isinstance(parsed, Catalog) and not parsed.items:
        raise InputError("a catalog needs at least one item", "证明事项目录不能为空。")
    sha = digest(content)
    version = _version_of(parsed)
    with unit_of_work(station, actor) as uow:
        active = active_in(uow.session, kind)
        current = _version_of(active.parsed)
        if version == current and sha == active.sha:
            return _info(active)
        if version <= current:
            raise InputError(
                f"version {version} is not newer than the version in force ({current})",
                f"版本号 {version} 不高于现行版本 {current}，未载入。",
            )
        loaded = Active(kind, parsed, content, sha, None)
        row = _activate(uow, loaded, source=source, loaded_by=actor.worker_id)
        uow.session.flush()
        uow.audit(  # the district publishes catalogs through sync; a local load stays local
            "catalog.load",
            "catalog",
            row.id,
            {"kind": kind, "version": version, "from": current, "sha256": sha, "source": source},
        )
        return _info(Active(kind, parsed, content, sha, row))


def load_catalog_file(station: Station, actor: Actor, path: Path) -> CatalogInfo:
    """Load a catalog or refusal guide from a JSON file (``cert catalog load FILE``)."""
    require(actor, Permission.MANAGE_STATION)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no such file: {path}", "找不到该文件。") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            f"cannot read {path}: {type(exc).__name__}", "文件无法读取或不是有效的JSON。"
        ) from None
    return load_catalog_data(station, actor, data)
