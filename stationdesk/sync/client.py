"""The station's HTTP client for ``/sync/v1`` (httpx, gzip both ways, typed errors)."""

from __future__ import annotations

import gzip
import json
from typing import Any

import httpx
from pydantic import ValidationError

from .protocol import (
    API_PREFIX,
    ATTACHMENT_SIZE_HEADER,
    DEFAULT_PULL_LIMIT,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    AttachmentsMissing,
    AuditHeads,
    BlobOffsetConflict,
    BlobProgress,
    Change,
    ErrorBody,
    HelloRequest,
    HelloResponse,
    MemberHours,
    Op,
    PullResponse,
    PushRequest,
    PushResponse,
    ScopeHash,
    SequenceGap,
    SnapshotPage,
)

GZIP_MIN_BYTES = 1024


class SyncError(Exception):
    """A sync failure with an English message and a Chinese one for the station's users."""

    outcome = "error"

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh or message


class OfflineError(SyncError):
    """The server could not be reached or the connection broke; try again later."""

    outcome = "offline"


class UpgradeRequiredError(SyncError):
    """426: the station and the server speak protocols the other does not accept."""

    outcome = "upgrade"


class AuthError(SyncError):
    """401/403: the token is missing, wrong, or not allowed to do this."""

    outcome = "denied"

    def __init__(self, message: str, zh: str | None = None, *, status: int = 401) -> None:
        super().__init__(message, zh)
        self.status = status


class CursorExpiredError(SyncError):
    """410: the cursor is older than the change-log retention; take a snapshot."""


class SequenceGapError(SyncError):
    """409: the server expects another push sequence number; resume there."""

    def __init__(self, gap: SequenceGap) -> None:
        super().__init__(f"{gap.error}: the server expects seq {gap.expected_seq}")
        self.gap = gap


class ServerError(SyncError):
    """Any other unexpected answer (5xx, a 404 or 422, a body that does not parse)."""

    outcome = "offline"

    def __init__(self, message: str, zh: str | None = None, *, status: int = 0) -> None:
        super().__init__(message, zh)
        self.status = status


class BlobOffsetError(SyncError):
    """409 to an attachment upload: the district holds ``received`` bytes; resume there."""

    def __init__(self, received: int) -> None:
        super().__init__(f"the district holds {received} bytes of this attachment")
        self.received = received


class SyncClient:
    """One station's connection to the district server; counts its round trips."""

    def __init__(
        self,
        server_url: str,
        station_code: str,
        token: str,
        *,
        protocol_version: int = PROTOCOL_VERSION,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.station_code = station_code
        self.protocol_version = protocol_version
        self.round_trips = 0
        self._http = httpx.Client(
            base_url=server_url.rstrip("/") + f"{API_PREFIX}/stations/{station_code}",
            headers={
                "Authorization": f"Bearer {token}",
                PROTOCOL_HEADER: str(protocol_version),
                "Accept-Encoding": "gzip",
            },
            timeout=httpx.Timeout(timeout, connect=10.0),
            transport=transport,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- calls ---------------------------------------------------------------------------------
    def hello(self, req: HelloRequest) -> HelloResponse:
        """POST /hello."""
        return HelloResponse.model_validate(self._post("/hello", req.model_dump(mode="json")))

    def push(self, ops: list[Op]) -> PushResponse:
        """POST /push; raises SequenceGapError on 409."""
        body = PushRequest(ops=ops).model_dump(mode="json")
        return PushResponse.model_validate(self._post("/push", body))

    def pull(self, cursor: str | None, limit: int = DEFAULT_PULL_LIMIT) -> PullResponse:
        """GET /pull after a cursor."""
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return PullResponse.model_validate(self._get("/pull", params))

    def snapshot(
        self, after: str | None, cursor: str | None, limit: int = DEFAULT_PULL_LIMIT
    ) -> SnapshotPage:
        """GET /snapshot, resumable: ``after`` is the last record key applied."""
        params: dict[str, Any] = {"limit": limit}
        if after:
            params["after"] = after
        if cursor:
            params["cursor"] = cursor
        return SnapshotPage.model_validate(self._get("/snapshot", params))

    def scope_hash(self) -> ScopeHash:
        """GET /scope-hash (verification)."""
        return ScopeHash.model_validate(self._get("/scope-hash", {}))

    def audit_heads(self) -> AuditHeads:
        """GET /audit-heads: the audit-chain heads this station reported (verification)."""
        return AuditHeads.model_validate(self._get("/audit-heads", {}))

    def record(self, entity: str, entity_id: str) -> Change:
        """GET /records/{entity}/{id}: one record of the station's scope as the district has it."""
        return Change.model_validate(self._get(f"/records/{entity}/{entity_id}", {}))

    def member_hours(self, member_id: str) -> MemberHours:
        """A member's approved volunteer minutes across the district."""
        return MemberHours.model_validate(self._get(f"/members/{member_id}/hours", {}))

    def attachments_missing(self, hashes: list[str]) -> AttachmentsMissing:
        """POST /attachments/missing: which of these (at most 1000) the district lacks."""
        return AttachmentsMissing.model_validate(
            self._post("/attachments/missing", {"sha256": hashes})
        )

    def put_attachment(self, sha256: str, offset: int, size: int, data: bytes) -> BlobProgress:
        """PUT /attachments/{sha256}: one chunk; BlobOffsetError when the district expects
        another offset."""
        response = self._exchange(
            "PUT",
            f"/attachments/{sha256}",
            params={"offset": offset, "size": size},
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )
        if response.status_code == 409:
            try:
                raise BlobOffsetError(BlobOffsetConflict.model_validate(response.json()).received)
            except (ValueError, ValidationError):
                pass
        return BlobProgress.model_validate(self._result(response))

    def get_attachment(self, sha256: str, offset: int) -> tuple[bytes, int]:
        """GET /attachments/{sha256}: bytes from ``offset`` and the whole attachment's size."""
        response = self._exchange(
            "GET",
            f"/attachments/{sha256}",
            params={"offset": offset},
            headers={"Accept-Encoding": "identity"},  # scans and photos do not compress
        )
        size = response.headers.get(ATTACHMENT_SIZE_HEADER, "")
        if response.status_code != 200 or not size.isdigit():
            self._result(response)
            raise ServerError(
                "the server's answer carries no attachment size", "区服务器返回了无法识别的内容。"
            )
        return response.content, int(size)

    # -- plumbing ------------------------------------------------------------------------------
    def _post(self, path: str, body: dict[str, Any]) -> Any:
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if len(raw) >= GZIP_MIN_BYTES:
            raw = gzip.compress(raw, compresslevel=5)
            headers["Content-Encoding"] = "gzip"
        return self._send("POST", path, content=raw, headers=headers)

    def _get(self, path: str, params: dict[str, Any]) -> Any:
        return self._send("GET", path, params=params)

    def _send(self, method: str, path: str, **kw: Any) -> Any:
        return self._result(self._exchange(method, path, **kw))

    def _exchange(self, method: str, path: str, **kw: Any) -> httpx.Response:
        self.round_trips += 1
        try:
            response = self._http.request(method, path, **kw)
            response.read()
        except httpx.TimeoutException as exc:
            raise OfflineError(
                f"the district server did not answer in time ({type(exc).__name__})",
                "区服务器响应超时，稍后自动重试。",
            ) from None
        except httpx.TransportError as exc:
            raise OfflineError(
                f"the district server cannot be reached ({type(exc).__name__})",
                "无法连接区服务器（离线），稍后自动重试。",
            ) from None
        return response

    def _result(self, response: httpx.Response) -> Any:
        status = response.status_code
        try:
            data = response.json()
        except ValueError:
            data = None
        if status == 200:
            if data is None:
                raise ServerError(
                    "the server's answer is not JSON", "区服务器返回了无法识别的内容。"
                )
            return data
        if status == 409 and isinstance(data, dict) and "expected_seq" in data:
            try:
                raise SequenceGapError(SequenceGap.model_validate(data))
            except ValidationError:
                pass
        err = _error_body(data)
        if status == 426:
            server_max = err.protocol_max if err and err.protocol_max is not None else None
            if server_max is not None and self.protocol_version > server_max:
                zh = "区服务器版本较旧，请升级区服务器（请联系区里）。"
            else:
                zh = "本站软件版本过旧，请升级 stationdesk。"
            raise UpgradeRequiredError(
                err.message if err else "upgrade required",
                zh + "同步已暂停；本站可继续离线工作，待上传的记录都已保留。",
            )
        if status in (401, 403):
            raise AuthError(
                err.message if err else "not allowed",
                err.message_zh if err and err.message_zh else "同步令牌无效或无权访问。",
                status=status,
            )
        if status == 410:
            raise CursorExpiredError(
                err.message if err else "cursor expired",
                err.message_zh if err and err.message_zh else "需要重新下载全部数据。",
            )
        raise ServerError(
            f"the district server answered {status}" + (f": {err.message}" if err else ""),
            f"区服务器返回错误（{status}），稍后自动重试。",
            status=status,
        )


def _error_body(data: Any) -> ErrorBody | None:
    if not isinstance(data, dict):
        return None
    try:
        return ErrorBody.model_validate(data)
    except ValidationError:
        return None
