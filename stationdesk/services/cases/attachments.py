"""Scans and photos kept with a case: checked, size-limited, stored in the encrypted database."""

from __future__ import annotations

import hashlib
import mimetypes
import unicodedata
from pathlib import Path, PurePath

from sqlalchemy import func, select

from stationdesk.domain.cases import (
    CaseState,
)
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.store.models_cases import CaseAttachment

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..station import Station
from ..uow import unit_of_work
from .detail import _acting_on, _attachment_info, worker_names
from .transitions import _add_event, _push_op
from .types import EVENT_ATTACH, AttachmentData, AttachmentInfo

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_CASE_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_ATTACHMENT_NAME = 120
ALLOWED_MIME = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/bmp",
        "image/tiff",
        "application/pdf",
    }
)
_MAGIC = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF",),
    "image/gif": (b"GIF87a", b"GIF89a"),
}


def _attachment_mime(name: str, mime: str | None, data: bytes) -> str:
    guessed = mime or mimetypes.guess_type(name)[0] or ""
    guessed = guessed.lower()
    if guessed == "image/jpg":
        guessed = "image/jpeg"
    if guessed not in ALLOWED_MIME:
        raise InputError(
            "only scans and photos (PDF or images) can be attached",
            "只能添加扫描件或照片（PDF 或图片）。",
            field="attachment",
        )
    magic = _MAGIC.get(guessed)
    if magic is not None and not any(data.startswith(m) for m in magic):
        raise InputError(
            "the file's content does not match its type", "文件内容与类型不符。", field="attachment"
        )
    return guessed


def _check_size(size: int) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise InputError(
            f"attachments are at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB",
            f"单个附件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB。",
            field="attachment",
        )


def add_attachment(
    station: Station,
    actor: Actor,
    case_ref: str,
    name: str,
    data: bytes,
    mime: str | None = None,
) -> AttachmentInfo:
    """Keep a scan or photo with a case (in the encrypted database); size-limited."""
    require(actor, Permission.HANDLE_MATTERS)
    clean_name = PurePath(unicodedata.normalize("NFC", name).replace("\\", "/")).name.strip()
    if not clean_name:
        raise InputError("the attachment needs a file name", "附件缺少文件名。", field="attachment")
    if len(clean_name) > MAX_ATTACHMENT_NAME:
        stem, dot, ext = clean_name.rpartition(".")
        keep = MAX_ATTACHMENT_NAME - len(ext) - 1
        clean_name = (
            f"{stem[:keep]}.{ext}" if dot and keep > 0 else clean_name[:MAX_ATTACHMENT_NAME]
        )
    if not data:
        raise InputError("the file is empty", "文件为空。", field="attachment")
    _check_size(len(data))
    checked_mime = _attachment_mime(clean_name, mime, data)
    with _acting_on(station, actor, case_ref) as (uow, case):
        used = int(
            uow.session.scalar(
                select(func.coalesce(func.sum(CaseAttachment.size), 0)).where(
                    CaseAttachment.case_id == case.id
                )
            )
            or 0
        )
        if used + len(data) > MAX_CASE_ATTACHMENT_BYTES:
            raise InputError(
                "this case's attachments would exceed "
                f"{MAX_CASE_ATTACHMENT_BYTES // (1024 * 1024)} MB",
                f"每个事项的附件合计不能超过 {MAX_CASE_ATTACHMENT_BYTES // (1024 * 1024)} MB。",
                field="attachment",
            )
        att = CaseAttachment(
            id=new_id(),
            case_id=case.id,
            name=clean_name,
            mime=checked_mime,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            added_at=uow.now,
            added_by=actor.worker_id,
        )
        uow.session.add(att)
        state = CaseState(case.state)
        event = _add_event(uow, case, EVENT_ATTACH, state, state, note=clean_name)
        _push_op(
            uow,
            case,
            "attach",
            event,
            {"number": case.number, "attachment": att.id, "size": att.size},
            {
                "attachment_id": att.id,
                "name": att.name,
                "mime": att.mime,
                "size": att.size,
                "sha256": att.sha256,
            },
        )
        return _attachment_info(att, worker_names(uow.session))


def add_attachment_file(
    station: Station, actor: Actor, case_ref: str, path: Path
) -> AttachmentInfo:
    """:func:`add_attachment` from a file the worker picked; too large files are not read."""
    try:
        _check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError:
        raise InputError(
            "the file cannot be read", "无法读取该文件。", field="attachment"
        ) from None
    return add_attachment(station, actor, case_ref, path.name, data)


def attachment_data(station: Station, actor: Actor, attachment_id: str) -> AttachmentData:
    """An attachment's bytes, for showing or saving; opening one is audited (scans hold IDs)."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        att = uow.session.get(CaseAttachment, attachment_id)
        if att is None:
            raise NotFoundError("no such attachment", "没有找到该附件。")
        uow.audit("case_attachment.open", "case_attachment", att.id, {"case": att.case_id})
        return AttachmentData(_attachment_info(att, worker_names(uow.session)), bytes(att.data))
