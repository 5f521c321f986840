"""Sync ops, a signed certificate and an in-process client for the district server tests."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx

from stationdesk.district import service
from stationdesk.district.db import DistrictDatabase
from stationdesk.domain.numbering import parse_number
from stationdesk.secrets.signing import KeyPair, PayloadFields, encode_payload, short_code
from stationdesk.sync.protocol import Op

HOLDER, ID_NUMBER = "欧阳娜娜", "110101199003077777"


def sync_op(seq: int, entity: str, entity_id: str, kind: str, payload: dict[str, Any]) -> Op:
    return Op(
        seq=seq,
        op_id=str(uuid.uuid4()),
        entity=entity,
        entity_id=entity_id,
        kind=kind,
        payload=payload,
        station_time=datetime.now(UTC),
    )


def push_ops(db: DistrictDatabase, token: str, code: str, ops: list[Op]) -> None:
    resp = service.push(db, service.station_for_token(db, token, code), ops)
    assert all(r.status == "applied" for r in resp.results), resp  # type: ignore[union-attr]


def key_op(seq: int, named: str, pair: KeyPair) -> Op:
    payload = {"station_code": named, "public_key": pair.public_key.hex(), "algorithm": "Ed25519"}
    return sync_op(seq, "station_key", named, "create", payload)


def signed_certificate(pair: KeyPair, number: str) -> tuple[str, dict[str, Any]]:
    payload = encode_payload(
        PayloadFields.for_holder(number, "RESIDENCE", date(2026, 3, 5), HOLDER, ID_NUMBER),
        pair.private_key,
    )
    data = {
        "number": number,
        "sequence": parse_number(number).sequence,
        "station_code": parse_number(number).station_code,
        "type_code": "RESIDENCE",
        "holder_name": HOLDER,
        "holder_id_number": ID_NUMBER,
        "issue_date": "2026-03-05",
        "payload": payload,
        "short_code": short_code(payload),
    }
    return payload, data


class Portal:
    """Synchronous requests to the ASGI app (one event loop for the whole test)."""

    def __init__(self, app: Any) -> None:
        self._cm = anyio.from_thread.start_blocking_portal()
        self.portal = self._cm.__enter__()
        transport = httpx.ASGITransport(app=app)
        self.client = httpx.AsyncClient(transport=transport, base_url="http://district")

    def request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            return await self.client.request(method, url, **kw)

        return self.portal.call(go)

    def close(self) -> None:
        self.portal.call(self.client.aclose)
        self._cm.__exit__(None, None, None)


def run_cli(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run the stationdesk CLI in a subprocess, its data folder under ``tmp``."""
    env = {**os.environ, "STATIONDESK_DATA_DIR": str(tmp / "home")}
    return subprocess.run(
        [sys.executable, "-m", "stationdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
