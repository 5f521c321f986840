"""Certificates within the district's list: catalog, issue, preview, refuse, void, verify.

Rules this module enforces for every caller (GUI, CLI, sync):
- only a type in the active catalog is issued; anything else is a refusal notice;
- every required field and every eligibility check is present before a number is taken;
- the number is allocated inside the issuing transaction from a per-station counter, so two
  workers issuing at once never share one; a station waiting for its sequence floor from the
  district (setting ``needs_sequence_floor``) issues nothing;
- the holder's name and ID number come from the resident record, never from the form;
- a certificate is never edited: a void is a separate, reasoned, head-approved event;
- each PDF's SHA-256 is kept, so ``verify`` can tell a changed file from an issued one.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
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
    PrefillSource,
    RefusalGuide,
    parse_catalog,
    parse_refusal_guide,
)
from stationdesk.domain.identity import mask_id_number
from stationdesk.domain.ids import new_id
from stationdesk.domain.numbering import NumberKind, display_number, format_number, parse_number
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.domain.roles import Permission
from stationdesk.printing.certificate import (
    BodyTooLong,
    CertificateDocument,
    embedded_payload,
    render_certificate,
)
from stationdesk.printing.refusal import RefusalNoticeDocument, render_refusal_notice
from stationdesk.resources import resource_path
from stationdesk.secrets import keys
from stationdesk.secrets.signing import (
    ForgedPayload,
    PayloadFields,
    UnknownStation,
    decode_and_verify,
    encode_payload,
    generate_keypair,
    holder_matches,
    load_private_key,
    public_key_bytes,
    short_code,
)
from stationdesk.store.models import Setting
from stationdesk.store.models import Station as StationRow
from stationdesk.store.models_certs import (
    CatalogVersion,
    Certificate,
    DocumentFile,
    RefusalNotice,
    SequenceCounter,
    StationKey,
)
from stationdesk.store.models_residents import Building, Resident

from .actor import Actor, require
from .errors import InputError, NotFoundError, ServiceError, StationError
from .station import Station
from .uow import UnitOfWork, unit_of_work

__all__ = [
    "NEEDS_SEQUENCE_FLOOR",
    "QR_MASK",
    "CatalogInfo",
    "EligibilityNotMetError",
    "IssueForm",
    "IssueRequest",
    "IssuedCertificate",
    "IssuedRefusal",
    "IssuingBlockedError",
    "NotInCatalogError",
    "RefusalRequest",
    "RefusalSuggestion",
    "Verdict",
    "Verification",
    "active_catalog",
    "active_refusal_guide",
    "catalog_info",
    "issue_certificate",
    "load_catalog_data",
    "load_catalog_file",
    "prepare_issue",
    "preview_certificate",
    "public_key_hex",
    "raise_sequence_floor",
    "refuse_certificate",
    "render_issued",
    "suggest_refusal",
    "verify",
    "void_certificate",
]

#: Setting that, while true, blocks numbering until sync has raised the sequence floor (after a
#: restore or a reinstall the station must learn its highest sequence from the district first).
NEEDS_SEQUENCE_FLOOR = "needs_sequence_floor"
#: The QR data mask: fixed, not chosen by the ISO/IEC 18004 penalty rules. Any of the eight masks
#: gives a conforming symbol; the penalty search is most of the QR cost: a render took a median
#: 11.0 ms (2.55x a bare page) with it and 6.8 ms (1.57x) with a fixed mask (bench_render). The
#: scan test (benchmarks/qr_mask_scan.py, 100 payloads, zbar on pdftoppm rasters at 80/84/90
#: dpi, where decoding starts to fail) read mask 0 100%/100%/52% and the automatic choice
#: 100%/100%/42%: the search buys no readability here, so the issue call does not pay for it.
QR_MASK: int | None = 0
SIGNING_KEY = "signing-key"
STATUS_ISSUED = "issued"
STATUS_VOID = "void"
KIND_CERTIFICATES = "certificates"
KIND_REFUSALS = "refusals"
NOT_ELIGIBLE = "NOT_ELIGIBLE"
PURPOSE_MAX = 100
REASON_MAX = 200
DETAIL_MAX = 300
BODY_MAX = 300
REQUESTED_MAX = 100
_SEX_ZH = {"M": "男", "F": "女"}
_HOLDER_BOUND = (PrefillSource.NAME, PrefillSource.ID_NUMBER)
ELIGIBILITY_BODY_ZH = "补齐所需材料、符合出具条件后，可再次向本社区申请"


# -- errors -------------------------------------------------------------------------------------
class NotInCatalogError(InputError):
    """The requested certificate type is not in the active catalog: refuse it with a notice."""

    def __init__(self, type_code: str, version: int) -> None:
        super().__init__(
            f"certificate type {type_code!r} is not in the active catalog (version {version}); "
            "give a refusal notice instead",
            f"“{type_code}”不在本区社区证明事项清单（第{version}版）内，不能出具；"
            "请出具《不予出具证明告知书》。",
            field="type_code",
        )
        self.type_code = type_code


class EligibilityNotMetError(InputError):
    """Some eligibility checks are not ticked; the applicant may get a refusal notice."""

    def __init__(self, type_code: str, missing: tuple[str, ...], labels_zh: tuple[str, ...]):
        super().__init__(
            f"eligibility checks not confirmed for {type_code}: {', '.join(missing)}; "
            f"if the applicant does not qualify, give a refusal notice (reason {NOT_ELIGIBLE})",
            f"以下核验项尚未确认：{'；'.join(labels_zh)}。如申请人不符合条件，"
            "请出具《不予出具证明告知书》（理由：不符合出具条件）。",
            field="checks",
        )
        self.type_code = type_code
        self.missing = missing


class IssuingBlockedError(ServiceError):
    """The station may not number anything until sync has set its sequence floor."""


# -- small helpers ------------------------------------------------------------------------------
def _local_date(moment: datetime) -> date:
    return moment.astimezone(CHINA_TZ).date()


def _station_row(session: Session) -> StationRow:
    return session.scalars(select(StationRow)).one()


def _digest(content: Mapping[str, Any]) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _resident(session: Session, resident_id: str) -> Resident:
    r = session.scalars(
        select(Resident).where(Resident.id == resident_id, Resident.deleted_at.is_(None))
    ).first()
    if r is None:
        raise NotFoundError(f"no resident {resident_id}", "找不到该居民。")
    if not r.id_number:
        raise InputError(
            "the resident has no document number on record",
            "该居民没有登记证件号码，不能出具证明。",
            field="resident",
        )
    return r


def _resident_address(session: Session, r: Resident) -> str:
    if not r.building_id:
        return ""
    building = session.get(Building, r.building_id)
    unit = f"{r.unit}单元" if r.unit else ""
    room = f"{r.room}室" if r.room else ""
    return f"{building.name if building else ''}{unit}{room}"


def _resident_facts(session: Session, r: Resident) -> dict[str, str]:
    """The resident's attributes by PrefillSource name (full ID number: service-side only)."""
    return {
        PrefillSource.NAME.value: r.name,
        PrefillSource.SEX.value: _SEX_ZH.get(r.sex or "", ""),
        PrefillSource.ID_NUMBER.value: r.id_number or "",
        PrefillSource.ADDRESS.value: _resident_address(session, r),
        PrefillSource.BIRTH_DATE.value: r.birth_date.isoformat() if r.birth_date else "",
    }


# -- catalog ------------------------------------------------------------------------------------
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
class _Active:
    kind: str
    parsed: Catalog | RefusalGuide
    content: dict[str, Any]
    sha: str
    row: CatalogVersion | None  # None: the shipped default, not yet recorded in the database


def _active(session: Session, kind: str) -> _Active:
    """The catalog in force: the newest recorded version, or the shipped one if it is newer."""
    row = session.scalars(
        select(CatalogVersion)
        .where(CatalogVersion.kind == kind, CatalogVersion.active.is_(True))
        .order_by(CatalogVersion.version.desc())
    ).first()
    shipped: dict[str, Any] = json.loads(_resource_text(kind))
    shipped_sha = _digest(shipped)
    shipped_parsed = _parse(kind, shipped, shipped_sha)
    if row is not None and row.version >= _version_of(shipped_parsed):
        return _Active(kind, _parse(kind, row.content, row.sha256), row.content, row.sha256, row)
    return _Active(kind, shipped_parsed, shipped, shipped_sha, None)


def _record_active(uow: UnitOfWork, active: _Active) -> None:
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
    for older in uow.session.scalars(
        select(CatalogVersion).where(
            CatalogVersion.kind == active.kind, CatalogVersion.active.is_(True)
        )
    ):
        older.active = False
    row = CatalogVersion(
        id=new_id(),
        kind=active.kind,
        version=version,
        effective_from=active.parsed.effective_from,
        content=active.content,
        sha256=active.sha,
        source="resources",
        active=True,
        loaded_at=uow.now,
        loaded_by=None,
    )
    uow.session.add(row)
    uow.audit("catalog.seed", "catalog", row.id, {"kind": active.kind, "version": version})


def active_catalog(station: Station) -> Catalog:
    """The certificate catalog in force at this station."""
    with station.db.read_session() as s:
        parsed = _active(s, KIND_CERTIFICATES).parsed
    assert isinstance(parsed, Catalog)
    return parsed


def active_refusal_guide(station: Station) -> RefusalGuide:
    """The refusal guide (reason codes and the "do not issue" list) in force."""
    with station.db.read_session() as s:
        parsed = _active(s, KIND_REFUSALS).parsed
    assert isinstance(parsed, RefusalGuide)
    return parsed


def _info(active: _Active) -> CatalogInfo:
    parsed = active.parsed
    items = len(parsed) if isinstance(parsed, Catalog) else len(parsed.reasons)
    return CatalogInfo(
        kind=active.kind,
        version=_version_of(parsed),
        effective_from=parsed.effective_from,
        source=active.row.source if active.row else "resources",
        sha256=active.sha,
        items=items,
        loaded_at=active.row.loaded_at if active.row else None,
    )


def catalog_info(station: Station) -> tuple[CatalogInfo, CatalogInfo]:
    """The catalog and the refusal guide in force: version, source and digest."""
    with station.db.read_session() as s:
        return _info(_active(s, KIND_CERTIFICATES)), _info(_active(s, KIND_REFUSALS))


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
        parsed = _parse(kind, content, _digest(content))
    except CatalogError as exc:
        raise InputError(f"invalid catalog: {exc}", f"目录内容有误：{exc}") from None
    if isinstance(parsed, Catalog) and not parsed.items:
        raise InputError("a catalog needs at least one item", "证明事项目录不能为空。")
    sha = _digest(content)
    version = _version_of(parsed)
    with unit_of_work(station, actor) as uow:
        active = _active(uow.session, kind)
        current = _version_of(active.parsed)
        if version == current and sha == active.sha:
            return _info(active)
        if version <= current:
            raise InputError(
                f"version {version} is not newer than the version in force ({current})",
                f"版本号 {version} 不高于现行版本 {current}，未载入。",
            )
        for older in uow.session.scalars(
            select(CatalogVersion).where(CatalogVersion.kind == kind, CatalogVersion.active)
        ):
            older.active = False
        row = CatalogVersion(
            id=new_id(),
            kind=kind,
            version=version,
            effective_from=parsed.effective_from,
            content=content,
            sha256=sha,
            source=source,
            active=True,
            loaded_at=uow.now,
            loaded_by=actor.worker_id,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit(  # the district publishes catalogs through sync; a local load stays local
            "catalog.load",
            "catalog",
            row.id,
            {"kind": kind, "version": version, "from": current, "sha256": sha, "source": source},
        )
        return _info(_Active(kind, parsed, content, sha, row))


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


# -- keys and numbers ---------------------------------------------------------------------------
_key_lock = threading.Lock()
_key_cache: dict[tuple[str, str], Any] = {}


def _signing_key(uow: UnitOfWork, station: Station, code: str) -> Any:
    """The station's private key from the OS keyring; made (and published) on first use."""
    row = uow.session.get(StationKey, code)
    try:
        if row is None:
            pair = generate_keypair()
            keys.put_secret(station.uid, SIGNING_KEY, pair.private_key.hex())
            row = StationKey(
                station_code=code, public_key=pair.public_key.hex(), own=True, created_at=uow.now
            )
            uow.session.add(row)
            uow.change(
                "station_key",
                code,
                "create",
                {"station_code": code, "public_key": row.public_key, "algorithm": "Ed25519"},
            )
        cache_key = (station.uid, row.public_key)
        with _key_lock:
            cached = _key_cache.get(cache_key)
        if cached is not None:
            return cached
        private = load_private_key(bytes.fromhex(keys.get_secret(station.uid, SIGNING_KEY)))
    except (keys.NoKeyringError, keys.MissingKeyError) as exc:
        raise StationError(
            f"the station's signing key is unavailable: {exc}",
            "无法读取本站证明签名密钥（系统密钥环不可用或密钥缺失），不能出具证明。",
        ) from None
    if not row.own or public_key_bytes(private).hex() != row.public_key:
        raise StationError(
            "the signing key in the keyring does not match the station's published public key",
            "系统密钥环中的签名密钥与本站公布的公钥不一致，不能出具证明。请联系管理员。",
        )
    with _key_lock:
        _key_cache[cache_key] = private
    return private


def public_key_hex(station: Station) -> str | None:
    """This station's published Ed25519 public key (hex), once one has been made."""
    with station.db.read_session() as s:
        row = s.scalars(select(StationKey).where(StationKey.own.is_(True))).first()
        return row.public_key if row else None


def _check_not_blocked(session: Session) -> None:
    flag = session.get(Setting, NEEDS_SEQUENCE_FLOOR)
    if flag is not None and flag.value.get("v"):
        raise IssuingBlockedError(
            "issuing is blocked until sync has fetched this station's highest certificate "
            "sequence from the district (the station was restored or reinstalled)",
            "本站数据已从备份恢复或重新安装，须先与区平台同步证明编号后才能出具证明或告知书。"
            "请连接网络后在“同步”页同步一次。",
        )


def _allocate(session: Session, code: str, kind: NumberKind) -> int:
    """Take the next sequence; the caller's write transaction holds the database lock."""
    counter = session.get(SequenceCounter, (code, kind.value))
    if counter is None:
        counter = SequenceCounter(station_code=code, kind=kind.value, last_value=0, floor=0)
        session.add(counter)
    value = max(counter.last_value, counter.floor) + 1
    counter.last_value = value
    return value


def raise_sequence_floor(
    uow: UnitOfWork, kind: NumberKind, floor: int, *, clear_block: bool = True
) -> int:
    """Make the next number of ``kind`` greater than ``floor`` (sync, from ``/hello``).

    Never lowers anything. With ``clear_block`` the ``needs_sequence_floor`` block is lifted.
    Returns the floor now in force.
    """
    if isinstance(floor, bool) or not isinstance(floor, int) or floor < 0:
        raise ValueError(f"a sequence floor is a non-negative integer, got {floor!r}")
    code = _station_row(uow.session).code
    counter = uow.session.get(SequenceCounter, (code, kind.value))
    if counter is None:
        counter = SequenceCounter(station_code=code, kind=kind.value, last_value=0, floor=0)
        uow.session.add(counter)
    old = counter.floor
    counter.floor = max(counter.floor, floor)
    if counter.floor != old:
        uow.audit("sequence.floor", "sequence", kind.value, {"old": old, "new": counter.floor})
    if clear_block:
        flag = uow.session.get(Setting, NEEDS_SEQUENCE_FLOOR)
        if flag is not None and flag.value.get("v"):
            flag.value = {"v": False}
            uow.audit("setting.update", "setting", NEEDS_SEQUENCE_FLOOR, {"new": False})
    return counter.floor


def _record_file(uow: UnitOfWork, number: str, pdf: bytes) -> None:
    uow.session.add(
        DocumentFile(
            number=number,
            sha256=_sha256(pdf),
            rendered_at=uow.now,
            worker_id=uow.actor.worker_id if uow.actor else None,
        )
    )


def _write_out(out: Path, pdf: bytes) -> None:
    """Write a PDF atomically (a temporary file renamed over the target)."""
    out = Path(out)
    if out.is_dir():
        raise InputError(f"{out} is a folder", "输出路径是一个文件夹。", field="out")
    if not out.parent.is_dir():
        raise InputError(
            f"the folder {out.parent} does not exist", "输出文件所在的文件夹不存在。", field="out"
        )
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(pdf)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(
            f"cannot write {out}: {exc.strerror}", "无法写入输出文件。", field="out"
        ) from None


# -- issue --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IssueForm:
    """What the issue form starts from: the type, the resident and prefilled values.

    ``locked`` fields are the holder's name and ID number: they always come from the resident
    record, so ``values`` shows the ID number masked.
    """

    type: CertificateType
    catalog_version: int
    resident_id: str
    holder_name: str
    holder_id_masked: str
    values: dict[str, str]
    locked: frozenset[str]
    purpose: str
    remembered: bool  # values came from this resident's previous certificate of the type
    reissue_of: str | None = None


@dataclass(frozen=True)
class IssueRequest:
    """A request to issue one certificate."""

    type_code: str
    resident_id: str
    purpose: str
    fields: Mapping[str, str] = field(default_factory=dict)
    checks: tuple[str, ...] = ()
    reissue_of: str | None = None  # the number of a voided certificate this one replaces


@dataclass(frozen=True)
class IssuedCertificate:
    """An issued certificate as the issuer sees it (ID masked), with its PDF."""

    id: str
    number: str
    display_number: str
    type_code: str
    type_name: str
    holder_name: str
    holder_id_masked: str
    purpose: str
    worker_name: str
    issue_date: date
    valid_until: date
    short_code: str
    reissue_of: str | None
    pdf: bytes = field(repr=False)


def _locked_keys(ctype: CertificateType) -> frozenset[str]:
    return frozenset(f.key for f in ctype.fields if f.prefill in _HOLDER_BOUND)


def _get_type(catalog: Catalog, type_code: str) -> CertificateType:
    try:
        return catalog.get(type_code)
    except NotInCatalog:
        raise NotInCatalogError(type_code, catalog.catalog_version) from None


def prepare_issue(
    station: Station,
    actor: Actor,
    type_code: str,
    resident_id: str,
    *,
    reissue_of: str | None = None,
) -> IssueForm:
    """Start an issue form: prefill from the resident, then from their last certificate of the
    type (a returning resident rarely needs to type again), or from the voided one a reissue
    replaces."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        catalog = _active(s, KIND_CERTIFICATES).parsed
        assert isinstance(catalog, Catalog)
        ctype = _get_type(catalog, type_code)
        r = _resident(s, resident_id)
        facts = _resident_facts(s, r)
        values = ctype.prefill(facts)
        locked = _locked_keys(ctype)
        previous: Certificate | None
        if reissue_of:
            previous = _voided_original(s, reissue_of, ctype.code, r.id)
        else:
            previous = s.scalars(
                select(Certificate)
                .where(Certificate.resident_id == r.id, Certificate.type_code == ctype.code)
                .order_by(Certificate.issued_at.desc(), Certificate.sequence.desc())
            ).first()
        purpose = ""
        if previous is not None:
            known = {f.key for f in ctype.fields}
            for key, value in previous.fields.items():
                if key in known and key not in locked and value:
                    values[key] = str(value)
            purpose = previous.purpose
        for key in locked:
            if ctype.field(key).prefill is PrefillSource.ID_NUMBER:
                values[key] = mask_id_number(r.id_number or "")
        return IssueForm(
            type=ctype,
            catalog_version=catalog.catalog_version,
            resident_id=r.id,
            holder_name=r.name,
            holder_id_masked=mask_id_number(r.id_number or ""),
            values=values,
            locked=locked,
            purpose=purpose,
            remembered=previous is not None,
            reissue_of=previous.number if reissue_of and previous is not None else None,
        )


def _voided_original(s: Session, number: str, type_code: str, resident_id: str) -> Certificate:
    canonical = _canonical(number)
    old = s.scalars(select(Certificate).where(Certificate.number == canonical)).first()
    if old is None:
        raise NotFoundError(f"no certificate {canonical}", f"台账中没有编号为 {number} 的证明。")
    if old.status != STATUS_VOID:
        raise InputError(
            f"{canonical} is not void; a head voids it before it is reissued",
            "原证明尚未作废：须先由站长作废，才能补发。",
            field="reissue_of",
        )
    if old.type_code != type_code or old.resident_id != resident_id:
        raise InputError(
            "a reissue has the same type and holder as the voided certificate",
            "补发的证明须与原证明的事项和持证人一致。",
            field="reissue_of",
        )
    replaced = s.scalar(select(Certificate.number).where(Certificate.reissue_of == old.id))
    if replaced:
        raise InputError(
            f"{canonical} was already reissued as {replaced}",
            f"原证明已补发过（新编号 {replaced}）。",
            field="reissue_of",
        )
    return old


def _canonical(number: str) -> str:
    try:
        return parse_number(number).canonical
    except ValueError:
        raise InputError(f"not a document number: {number!r}", "编号格式不正确。") from None


def _check_purpose(purpose: str) -> str:
    text = " ".join(purpose.split())
    if not text:
        raise InputError("the purpose is required", "请填写证明用途。", field="purpose")
    if len(text) > PURPOSE_MAX:
        raise InputError(
            f"the purpose has at most {PURPOSE_MAX} characters",
            f"证明用途不能超过{PURPOSE_MAX}个字。",
            field="purpose",
        )
    return text


@dataclass(frozen=True)
class _Checked:
    ctype: CertificateType
    catalog_version: int
    values: dict[str, str]
    purpose: str


def _check_request(
    s: Session, catalog: Catalog, request: IssueRequest, r: Resident, *, need_checks: bool
) -> _Checked:
    """Every rule an issue must pass before anything is written (off-list, fields, checks)."""
    ctype = _get_type(catalog, request.type_code)
    purpose = _check_purpose(request.purpose)
    facts = _resident_facts(s, r)
    values = {k: (v or "").strip() for k, v in request.fields.items()}
    for spec in ctype.fields:  # what the form left blank comes from the resident record
        if spec.prefill is not None and not values.get(spec.key):
            values[spec.key] = facts[spec.prefill.value]
    for key in _locked_keys(ctype):
        source = ctype.field(key).prefill
        assert source is not None
        wanted = facts[source.value]
        given = values.get(key, "")
        if given and "".join(given.upper().split()) != "".join(wanted.upper().split()):
            label = ctype.field(key).label_zh
            raise InputError(
                f"field {key} is taken from the resident record and cannot be changed here",
                f"{label}取自居民档案，不能在证明中改动；如有误请先更正居民信息。",
                field=key,
            )
        values[key] = wanted
    errors = ctype.validate_fields(values)
    if errors:
        first = next(iter(errors))
        raise InputError(
            f"invalid or missing fields: {', '.join(sorted(errors))}",
            "；".join(errors.values()),
            field=first,
        )
    unknown = set(request.checks) - {c.key for c in ctype.eligibility}
    if unknown:
        raise InputError(
            f"unknown eligibility checks: {', '.join(sorted(unknown))}",
            "包含本证明事项没有的核验项。",
            field="checks",
        )
    if need_checks:
        missing = ctype.missing_checks(request.checks)
        if missing:
            raise EligibilityNotMetError(
                ctype.code, tuple(c.key for c in missing), tuple(c.label_zh for c in missing)
            )
    return _Checked(ctype, catalog.catalog_version, values, purpose)


def _render(doc: CertificateDocument) -> bytes:
    buffer = io.BytesIO()
    try:
        render_certificate(doc, buffer, qr_mask=QR_MASK)
    except BodyTooLong:
        raise InputError(
            "the text does not fit on one page; shorten the free-text fields",
            "证明内容过长，一页放不下，请精简填写的文字。",
        ) from None
    return buffer.getvalue()


def _document(
    checked: _Checked,
    *,
    number: str,
    shown_number: str,
    station_name: str,
    holder_name: str,
    id_number: str,
    worker_name: str,
    issue_date: date,
    payload: str,
    code: str,
    note: str = "",
    draft: bool = False,
) -> CertificateDocument:
    ctype = checked.ctype
    valid_until = ctype.valid_until(issue_date)
    body_values = {
        **checked.values,
        "purpose": checked.purpose,
        "station_name": station_name,
        "issue_date": issue_date.isoformat(),
        "valid_until": valid_until.isoformat(),
        "number": shown_number,
    }
    return CertificateDocument(
        title=ctype.name_zh,
        number=number,
        display_number=shown_number,
        station_name=station_name,
        holder_name=holder_name,
        id_number=id_number,
        body=ctype.render_body(body_values),
        purpose=checked.purpose,
        worker_name=worker_name,
        issue_date=issue_date,
        valid_until=valid_until,
        qr_payload=payload,
        short_code=code,
        note=note,
        draft=draft,
    )


def preview_certificate(station: Station, actor: Actor, request: IssueRequest) -> bytes:
    """Render the real PDF as a 样张 (no number, no signature) for the preview; writes nothing.

    Eligibility checks are not needed for a preview; the type and the fields are.
    """
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        catalog = _active(s, KIND_CERTIFICATES).parsed
        assert isinstance(catalog, Catalog)
        r = _resident(s, request.resident_id)
        checked = _check_request(s, catalog, request, r, need_checks=False)
        station_row = _station_row(s)
        today = _local_date(station.now())
        doc = _document(
            checked,
            number="",
            shown_number=f"{station_row.code}-{today.year}-（出具时编号）",
            station_name=station_row.name,
            holder_name=r.name,
            id_number=r.id_number or "",
            worker_name=actor.display_name,
            issue_date=today,
            payload="样张 PREVIEW - NOT A CERTIFICATE",
            code="——",
            draft=True,
        )
    return _render(doc)


def issue_certificate(
    station: Station, actor: Actor, request: IssueRequest, *, out: Path | None = None
) -> IssuedCertificate:
    """Issue one certificate: check, number, sign, record, render, all in one transaction.

    With ``out`` the PDF is also written there before the transaction commits, so a failure
    leaves neither a ledger row nor a file.
    """
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        active = _active(s, KIND_CERTIFICATES)
        catalog = active.parsed
        assert isinstance(catalog, Catalog)
        r = _resident(s, request.resident_id)
        checked = _check_request(s, catalog, request, r, need_checks=True)
        original: Certificate | None = None
        if request.reissue_of:
            original = _voided_original(s, request.reissue_of, checked.ctype.code, r.id)
        _check_not_blocked(s)
        _record_active(uow, active)
        station_row = _station_row(s)
        code = station_row.code
        private = _signing_key(uow, station, code)
        sequence = _allocate(s, code, NumberKind.CERTIFICATE)
        number = format_number(code, sequence)
        issue_date = _local_date(uow.now)
        shown = display_number(number, issue_date.year)
        id_number = r.id_number or ""
        payload = encode_payload(
            PayloadFields.for_holder(number, checked.ctype.code, issue_date, r.name, id_number),
            private,
        )
        verification_code = short_code(payload)
        note = ""
        if original is not None:
            old_shown = display_number(original.number, original.issue_date.year)
            note = f"本证明为补发，原编号{old_shown}的证明已作废。"
        doc = _document(
            checked,
            number=number,
            shown_number=shown,
            station_name=station_row.name,
            holder_name=r.name,
            id_number=id_number,
            worker_name=actor.display_name,
            issue_date=issue_date,
            payload=payload,
            code=verification_code,
            note=note,
        )
        pdf = _render(doc)
        cert = Certificate(
            id=new_id(),
            number=number,
            sequence=sequence,
            station_code=code,
            type_code=checked.ctype.code,
            type_name=checked.ctype.name_zh,
            catalog_version=checked.catalog_version,
            resident_id=r.id,
            holder_name=r.name,
            holder_id_number=id_number,
            fields=checked.values,
            checks=sorted(request.checks),
            body=doc.body,
            purpose=checked.purpose,
            worker_id=actor.worker_id,
            worker_name=actor.display_name,
            issued_at=uow.now,
            issue_date=issue_date,
            valid_until=doc.valid_until,
            payload=payload,
            short_code=verification_code,
            status=STATUS_ISSUED,
            void_reason=None,
            void_approver_id=None,
            voided_at=None,
            reissue_of=original.id if original else None,
            version=1,
        )
        s.add(cert)
        _record_file(uow, number, pdf)
        s.flush()
        uow.change(
            "certificate",
            cert.id,
            "issue",
            {
                "number": number,
                "sequence": sequence,
                "station_code": code,
                "type_code": cert.type_code,
                "type_name": cert.type_name,
                "catalog_version": cert.catalog_version,
                "resident_id": r.id,
                "holder_name": r.name,
                "holder_id_number": id_number,
                "fields": cert.fields,
                "checks": cert.checks,
                "purpose": cert.purpose,
                "worker_id": actor.worker_id,
                "issued_at": uow.now.isoformat(),
                "issue_date": issue_date.isoformat(),
                "valid_until": cert.valid_until.isoformat(),
                "payload": payload,
                "short_code": verification_code,
                "reissue_of": original.number if original else None,
            },
            audit_details={
                "number": number,
                "type": cert.type_code,
                "resident_id": r.id,
                **({"reissue_of": original.number} if original else {}),
            },
        )
        if out is not None:
            _write_out(out, pdf)
        return IssuedCertificate(
            id=cert.id,
            number=number,
            display_number=shown,
            type_code=cert.type_code,
            type_name=cert.type_name,
            holder_name=r.name,
            holder_id_masked=mask_id_number(id_number),
            purpose=cert.purpose,
            worker_name=actor.display_name,
            issue_date=issue_date,
            valid_until=cert.valid_until,
            short_code=verification_code,
            reissue_of=original.number if original else None,
            pdf=pdf,
        )


# -- refuse -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RefusalSuggestion:
    """What the refusal guide proposes for a request: reason, where to go, legal basis."""

    item_key: str | None
    item_label: str | None
    reason_code: str | None
    competent_body: str
    legal_basis: str


@dataclass(frozen=True)
class RefusalRequest:
    """A request to hand an applicant a refusal notice."""

    resident_id: str
    requested_item: str
    reason_code: str | None = None  # None: the guide's default for the matched item
    purpose: str = ""
    competent_body: str | None = None  # None: prefilled from the guide
    legal_basis: str | None = None  # None: prefilled from the guide
    reason_detail: str = ""
    type_code: str | None = None  # set when the request failed eligibility for a listed type


@dataclass(frozen=True)
class IssuedRefusal:
    """A numbered refusal notice (applicant's ID masked), with its PDF."""

    id: str
    number: str
    display_number: str
    requested_item: str
    reason_code: str
    reason_label: str
    competent_body: str
    applicant_name: str
    applicant_id_masked: str
    notice_date: date
    pdf: bytes = field(repr=False)


def _suggest(
    guide: RefusalGuide, catalog: Catalog, requested_item: str, type_code: str | None
) -> RefusalSuggestion:
    if type_code:
        ctype = _get_type(catalog, type_code)
        return RefusalSuggestion(
            None, ctype.name_zh, NOT_ELIGIBLE, ELIGIBILITY_BODY_ZH, ctype.legal_basis_zh
        )
    item = guide.suggest(requested_item)
    if item is None:
        return RefusalSuggestion(None, None, None, "", guide.legal_basis_zh)
    return RefusalSuggestion(
        item.key, item.label_zh, item.default_reason, item.competent_body_zh, item.legal_basis_zh
    )


def suggest_refusal(
    station: Station, requested_item: str, type_code: str | None = None
) -> RefusalSuggestion:
    """The guide's suggestion for a request (competent body prefilled for the common items)."""
    with station.db.read_session() as s:
        guide, catalog = _active(s, KIND_REFUSALS).parsed, _active(s, KIND_CERTIFICATES).parsed
    assert isinstance(guide, RefusalGuide) and isinstance(catalog, Catalog)
    return _suggest(guide, catalog, requested_item, type_code)


def _bounded(text: str | None, limit: int, name: str, zh: str, *, required: bool) -> str:
    value = " ".join((text or "").split())
    if required and not value:
        raise InputError(f"the {name} is required", f"请填写{zh}。", field=name)
    if len(value) > limit:
        raise InputError(
            f"the {name} has at most {limit} characters", f"{zh}不能超过{limit}个字。", field=name
        )
    return value


def refuse_certificate(
    station: Station, actor: Actor, request: RefusalRequest, *, out: Path | None = None
) -> IssuedRefusal:
    """Record and render a numbered refusal notice (不予出具证明告知书); the ID is masked."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        active_guide = _active(s, KIND_REFUSALS)
        guide, catalog = active_guide.parsed, _active(s, KIND_CERTIFICATES).parsed
        assert isinstance(guide, RefusalGuide) and isinstance(catalog, Catalog)
        r = _resident(s, request.resident_id)
        requested = request.requested_item
        if request.type_code and not requested.strip():
            requested = _get_type(catalog, request.type_code).name_zh
        requested = _bounded(
            requested, REQUESTED_MAX, "requested_item", "申请出具的证明事项", required=True
        )
        suggestion = _suggest(guide, catalog, requested, request.type_code)
        reason_code = (request.reason_code or suggestion.reason_code or "").strip()
        if not reason_code:
            raise InputError("choose a reason code", "请选择不予出具的理由。", field="reason_code")
        try:
            reason = guide.reason(reason_code)
        except NotInCatalog:
            raise InputError(
                f"unknown reason code {reason_code!r}; see the refusal guide",
                f"理由代码“{reason_code}”不在现行告知理由中。",
                field="reason_code",
            ) from None
        body = request.competent_body
        body = _bounded(
            suggestion.competent_body if body is None else body,
            BODY_MAX,
            "competent_body",
            "应前往办理的部门（机构）",
            required=True,
        )
        basis = request.legal_basis
        basis = _bounded(
            suggestion.legal_basis if basis is None else basis,
            500,
            "legal_basis",
            "依据",
            required=True,
        )
        detail = _bounded(
            request.reason_detail, DETAIL_MAX, "reason_detail", "说明", required=False
        )
        purpose = _bounded(request.purpose, PURPOSE_MAX, "purpose", "用途", required=False)
        _check_not_blocked(s)
        _record_active(uow, active_guide)
        station_row = _station_row(s)
        code = station_row.code
        sequence = _allocate(s, code, NumberKind.REFUSAL_NOTICE)
        number = format_number(code, sequence, NumberKind.REFUSAL_NOTICE)
        notice_date = _local_date(uow.now)
        shown = display_number(number, notice_date.year)
        masked = mask_id_number(r.id_number or "")
        doc = RefusalNoticeDocument(
            number=number,
            display_number=shown,
            station_name=station_row.name,
            applicant_name=r.name,
            masked_id_number=masked,
            notice_date=notice_date,
            requested_item=requested,
            purpose=purpose or "未说明",
            reason_label=reason.label_zh,
            competent_body=body,
            legal_basis=basis,
            worker_name=actor.display_name,
            reason_detail=detail,
        )
        buffer = io.BytesIO()
        try:
            render_refusal_notice(doc, buffer)
        except BodyTooLong:
            raise InputError(
                "the notice does not fit on one page; shorten the texts",
                "告知书内容过长，一页放不下，请精简文字。",
            ) from None
        pdf = buffer.getvalue()
        notice = RefusalNotice(
            id=new_id(),
            number=number,
            sequence=sequence,
            station_code=code,
            requested_item=requested,
            type_code=request.type_code or None,
            purpose=purpose,
            reason_code=reason.code,
            reason_detail=detail,
            competent_body=body,
            legal_basis=basis,
            guide_version=guide.guide_version,
            resident_id=r.id,
            applicant_name=r.name,
            worker_id=actor.worker_id,
            worker_name=actor.display_name,
            issued_at=uow.now,
            notice_date=notice_date,
        )
        s.add(notice)
        _record_file(uow, number, pdf)
        s.flush()
        uow.change(
            "refusal_notice",
            notice.id,
            "issue",
            {
                "number": number,
                "sequence": sequence,
                "station_code": code,
                "requested_item": requested,
                "type_code": notice.type_code,
                "purpose": purpose,
                "reason_code": reason.code,
                "reason_detail": detail,
                "competent_body": body,
                "legal_basis": basis,
                "guide_version": guide.guide_version,
                "resident_id": r.id,
                "worker_id": actor.worker_id,
                "issued_at": uow.now.isoformat(),
            },
            audit_details={"number": number, "reason": reason.code, "resident_id": r.id},
        )
        if out is not None:
            _write_out(out, pdf)
        return IssuedRefusal(
            id=notice.id,
            number=number,
            display_number=shown,
            requested_item=requested,
            reason_code=reason.code,
            reason_label=reason.label_zh,
            competent_body=body,
            applicant_name=r.name,
            applicant_id_masked=masked,
            notice_date=notice_date,
            pdf=pdf,
        )


# -- void and reprint ---------------------------------------------------------------------------
@dataclass(frozen=True)
class VoidedCertificate:
    """The outcome of a void."""

    id: str
    number: str
    display_number: str
    reason: str
    approver: str
    voided_at: datetime


def void_certificate(station: Station, actor: Actor, number: str, reason: str) -> VoidedCertificate:
    """Void an issued certificate (station head only, with a reason); recorded as a new event."""
    require(actor, Permission.APPROVE)
    reason = _bounded(reason, REASON_MAX, "reason", "作废原因", required=True)
    if len(reason) < 2:
        raise InputError("give the reason for the void", "请填写作废原因。", field="reason")
    canonical = _canonical(number)
    with unit_of_work(station, actor) as uow:
        cert = uow.session.scalars(
            select(Certificate).where(Certificate.number == canonical)
        ).first()
        if cert is None:
            raise NotFoundError(
                f"no certificate {canonical}", f"台账中没有编号为 {number} 的证明。"
            )
        if cert.status == STATUS_VOID:
            raise InputError(f"{canonical} is already void", "该证明已作废。")
        base = cert.version
        cert.status = STATUS_VOID
        cert.void_reason = reason
        cert.void_approver_id = actor.worker_id
        cert.voided_at = uow.now
        cert.version += 1
        uow.change(
            "certificate",
            cert.id,
            "void",
            {
                "number": canonical,
                "reason": reason,
                "approver_id": actor.worker_id,
                "voided_at": uow.now.isoformat(),
            },
            base_version=base,
            audit_details={"number": canonical, "reason": reason},
        )
        return VoidedCertificate(
            cert.id,
            canonical,
            display_number(canonical, cert.issue_date.year),
            reason,
            actor.display_name,
            uow.now,
        )


def render_issued(station: Station, actor: Actor, number: str) -> bytes:
    """Render an issued certificate or a refusal notice again from the ledger (a reprint)."""
    require(actor, Permission.HANDLE_MATTERS)
    canonical = _canonical(number)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        station_row = _station_row(s)
        cert = s.scalars(select(Certificate).where(Certificate.number == canonical)).first()
        if cert is not None:
            if cert.status == STATUS_VOID:
                raise InputError(f"{canonical} is void", "该证明已作废，不能再打印。")
            note = ""
            if cert.reissue_of:
                old = s.get(Certificate, cert.reissue_of)
                if old is not None:
                    note = (
                        f"本证明为补发，原编号{display_number(old.number, old.issue_date.year)}"
                        "的证明已作废。"
                    )
            doc = CertificateDocument(
                title=cert.type_name,
                number=cert.number,
                display_number=display_number(cert.number, cert.issue_date.year),
                station_name=station_row.name,
                holder_name=cert.holder_name,
                id_number=cert.holder_id_number,
                body=cert.body,
                purpose=cert.purpose,
                worker_name=cert.worker_name,
                issue_date=cert.issue_date,
                valid_until=cert.valid_until,
                qr_payload=cert.payload,
                short_code=cert.short_code,
                note=note,
            )
            pdf = _render(doc)
        else:
            notice = s.scalars(
                select(RefusalNotice).where(RefusalNotice.number == canonical)
            ).first()
            if notice is None:
                raise NotFoundError(
                    f"no document {canonical}", f"台账中没有编号为 {number} 的文书。"
                )
            guide = _guide_version(s, notice.guide_version)
            r = s.get(Resident, notice.resident_id)
            buffer = io.BytesIO()
            render_refusal_notice(
                RefusalNoticeDocument(
                    number=notice.number,
                    display_number=display_number(notice.number, notice.notice_date.year),
                    station_name=station_row.name,
                    applicant_name=notice.applicant_name,
                    masked_id_number=mask_id_number(r.id_number or "") if r else "",
                    notice_date=notice.notice_date,
                    requested_item=notice.requested_item,
                    purpose=notice.purpose or "未说明",
                    reason_label=_reason_label(guide, notice.reason_code),
                    competent_body=notice.competent_body,
                    legal_basis=notice.legal_basis,
                    worker_name=notice.worker_name,
                    reason_detail=notice.reason_detail,
                ),
                buffer,
            )
            pdf = buffer.getvalue()
        _record_file(uow, canonical, pdf)
        uow.audit("document.reprint", "document", canonical)
        return pdf


def _guide_version(s: Session, version: int) -> RefusalGuide | None:
    row = s.scalars(
        select(CatalogVersion).where(
            CatalogVersion.kind == KIND_REFUSALS, CatalogVersion.version == version
        )
    ).first()
    if row is None:
        return None
    parsed = _parse(KIND_REFUSALS, row.content, row.sha256)
    return parsed if isinstance(parsed, RefusalGuide) else None


def _reason_label(guide: RefusalGuide | None, code: str) -> str:
    if guide is not None:
        try:
            return guide.reason(code).label_zh
        except NotInCatalog:
            pass
    return code


# -- verify -------------------------------------------------------------------------------------
class Verdict(StrEnum):
    """What a verification concludes."""

    VALID = "valid"
    VOID = "void"
    UNKNOWN = "unknown"
    FORGED = "forged"


@dataclass(frozen=True)
class Verification:
    """The answer to "is this genuine?", with what the ledger says (ID masked)."""

    verdict: Verdict
    detail: str
    detail_zh: str
    number: str | None = None
    display_number: str | None = None
    kind: str | None = None  # "certificate" or "refusal_notice"
    type_code: str | None = None
    type_name: str | None = None
    holder_name: str | None = None
    holder_id_masked: str | None = None
    issue_date: date | None = None
    valid_until: date | None = None
    expired: bool = False
    void_reason: str | None = None
    voided_at: datetime | None = None
    replaced_by: str | None = None
    ledger_checked: bool = False


def _public_keys(s: Session) -> dict[str, bytes]:
    return {k.station_code: bytes.fromhex(k.public_key) for k in s.scalars(select(StationKey))}


def _from_ledger(
    s: Session, cert: Certificate, verdict: Verdict, detail: str, zh: str, today: date
) -> Verification:
    replaced = s.scalar(select(Certificate.number).where(Certificate.reissue_of == cert.id))
    return Verification(
        verdict=verdict,
        detail=detail,
        detail_zh=zh,
        number=cert.number,
        display_number=display_number(cert.number, cert.issue_date.year),
        kind="certificate",
        type_code=cert.type_code,
        type_name=cert.type_name,
        holder_name=cert.holder_name,
        holder_id_masked=mask_id_number(cert.holder_id_number),
        issue_date=cert.issue_date,
        valid_until=cert.valid_until,
        expired=today > cert.valid_until,
        void_reason=cert.void_reason,
        voided_at=cert.voided_at,
        replaced_by=replaced,
        ledger_checked=True,
    )


def _ledger_consistent(cert: Certificate, keys_by_station: Mapping[str, bytes]) -> bool:
    """Whether the ledger row still matches its own signed payload (detects edits in place)."""
    try:
        checked = decode_and_verify(cert.payload, keys_by_station)
    except (ForgedPayload, UnknownStation, ValueError):
        return False
    return (
        checked.number == cert.number
        and checked.type_code == cert.type_code
        and checked.issue_date == cert.issue_date
        and holder_matches(
            checked.holder_digest, cert.holder_name, cert.holder_id_number, cert.number
        )
    )


def _verify_payload(
    s: Session, payload: str, today: date, file_sha: str | None = None
) -> Verification:
    public = _public_keys(s)
    try:
        checked = decode_and_verify(payload, public)
    except UnknownStation as exc:
        return Verification(
            Verdict.UNKNOWN,
            f"no public key for station {exc.station_code}",
            f"本机没有站点 {exc.station_code} 的公钥，无法核验。",
        )
    except (ForgedPayload, ValueError):
        return Verification(
            Verdict.FORGED, "the signature does not verify", "签名核验失败：证明系伪造或被篡改。"
        )
    cert = s.scalars(select(Certificate).where(Certificate.number == checked.number)).first()
    if cert is None:
        own = s.get(StationKey, checked.station_code)
        if own is not None and not own.own:
            return Verification(
                Verdict.VALID,
                "the signature of the issuing station verifies (its ledger is not here)",
                "签名核验通过（出具站点的台账不在本机，仅核验了签名）。",
                number=checked.number,
                display_number=display_number(checked.number, checked.issue_date.year),
                kind="certificate",
                type_code=checked.type_code,
                issue_date=checked.issue_date,
            )
        return Verification(
            Verdict.UNKNOWN,
            f"{checked.number} is signed by this station but not in its ledger",
            "签名属于本站，但本站台账中没有该编号（可能是从旧备份恢复后丢失的记录）。",
            number=checked.number,
        )
    if cert.payload != payload.strip() or not _ledger_consistent(cert, public):
        return Verification(
            Verdict.FORGED,
            "the payload differs from the ledger's",
            "二维码内容与台账记录不一致：证明系伪造或被篡改。",
            number=cert.number,
        )
    if cert.status == STATUS_VOID:
        return _from_ledger(
            s, cert, Verdict.VOID, "the certificate was voided", "该证明已作废。", today
        )
    if file_sha is not None:
        known = s.scalar(
            select(DocumentFile.id).where(
                DocumentFile.number == cert.number, DocumentFile.sha256 == file_sha
            )
        )
        if known is None:
            return Verification(
                Verdict.FORGED,
                "the file differs from every PDF this station produced for this number",
                "文件内容与本站出具的文件不一致：文件已被改动。",
                number=cert.number,
            )
    return _from_ledger(s, cert, Verdict.VALID, "genuine and in force", "真实有效。", today)


def _verify_number(s: Session, text: str, today: date) -> Verification:
    canonical = _canonical(text)
    cert = s.scalars(select(Certificate).where(Certificate.number == canonical)).first()
    if cert is not None:
        if not _ledger_consistent(cert, _public_keys(s)):
            return Verification(
                Verdict.FORGED,
                "the ledger row does not match its signature",
                "台账记录与其签名不一致，记录可能被篡改。",
                number=canonical,
            )
        if cert.status == STATUS_VOID:
            return _from_ledger(
                s, cert, Verdict.VOID, "the certificate was voided", "该证明已作废。", today
            )
        return _from_ledger(
            s, cert, Verdict.VALID, "issued and in force", "已出具，未作废。", today
        )
    notice = s.scalars(select(RefusalNotice).where(RefusalNotice.number == canonical)).first()
    if notice is not None:
        return Verification(
            Verdict.VALID,
            "a refusal notice this station issued",
            "本站出具的不予出具证明告知书。",
            number=notice.number,
            display_number=display_number(notice.number, notice.notice_date.year),
            kind="refusal_notice",
            type_name=notice.requested_item,
            holder_name=notice.applicant_name,
            issue_date=notice.notice_date,
            ledger_checked=True,
        )
    return Verification(
        Verdict.UNKNOWN, f"{canonical} is not in the ledger", "台账中没有该编号。", number=canonical
    )


def verify(station: Station, actor: Actor, subject: str | Path | bytes) -> Verification:
    """Check a PDF file (path or bytes), a scanned QR payload (``SD1:…``) or a number.

    valid: genuine, in the ledger and not void; void: genuine but voided; unknown: not in the
    ledger or signed by a station whose key is not here; forged: a bad signature, a payload that
    differs from the ledger, or a PDF changed after it was produced.
    """
    require(actor, Permission.HANDLE_MATTERS)
    data: bytes | None = subject if isinstance(subject, bytes) else None
    text = "" if isinstance(subject, bytes) else str(subject).strip()
    if data is None and (
        isinstance(subject, Path) or text.lower().endswith(".pdf") or Path(text).is_file()
    ):
        try:
            data = Path(text).read_bytes()
        except OSError:
            raise InputError(f"cannot read {text}", "无法读取该文件。") from None
    today = _local_date(station.now())
    with station.db.read_session() as s:
        if data is not None:
            if not data.startswith(b"%PDF-"):
                raise InputError("not a PDF file", "不是PDF文件。")
            payload = embedded_payload(data)
            if payload is None:
                return Verification(
                    Verdict.FORGED,
                    "the file carries no verification payload",
                    "文件中没有可核验的签名信息：不是本系统出具的证明，或已被改动。",
                )
            return _verify_payload(s, payload, today, file_sha=_sha256(data))
        if text.upper().startswith("SD1:"):
            return _verify_payload(s, text, today)
        return _verify_number(s, text, today)
