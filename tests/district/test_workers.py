"""``district serve --workers 2`` as real processes: one /verify limit, revocation everywhere.

Each keep-alive connection is pinned to the worker process that accepted it (found through
/proc), so the test knows it spoke to both workers rather than hoping the kernel spread them.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from stationdesk.district import departments, service
from stationdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

from .harness import ServerProcess

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def _server_side_inode(server_port: int, client_port: int) -> str | None:
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = fields[1], fields[2]
            if (
                int(local.rsplit(":", 1)[1], 16) == server_port
                and int(remote.rsplit(":", 1)[1], 16) == client_port
            ):
                return fields[9]
    return None


class Pinned:
    """A keep-alive connection and the worker process that serves it."""

    def __init__(self, server: ServerProcess) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        assert self.get("/health")[0] == 200
        assert self.conn.sock is not None
        inode = _server_side_inode(server.port, self.conn.sock.getsockname()[1])
        assert server.proc is not None
        owners = [p for p in _children(server.proc.pid) if inode in _socket_inodes(p)]
        self.worker = owners[0] if len(owners) == 1 else None

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        self.conn.request("GET", path, headers=headers or {})
        resp = self.conn.getresponse()
        return resp.status, resp.read()

    def status(self, path: str, headers: dict[str, str] | None = None) -> int:
        return self.get(path, headers)[0]


def keep_alive(pinned: Iterable[Pinned]) -> None:
    """A request on each connection, before uvicorn closes it for 5 s of silence."""
    for p in pinned:
        assert p.status("/health") == 200


def run_cli_pinging(pinned: list[Pinned], *args: str, tmp: Path) -> None:
    """``stationdesk ARGS`` in a subprocess, keeping the pinned connections open meanwhile."""
    env = {**os.environ, "STATIONDESK_DATA_DIR": str(tmp / "home")}
    proc = subprocess.Popen([sys.executable, "-m", "stationdesk", *args], env=env)
    try:
        while proc.poll() is None:
            keep_alive(pinned)
            time.sleep(1.0)
    finally:
        assert proc.wait(120) == 0


def one_per_worker(server: ServerProcess, workers: int) -> list[Pinned]:
    """A connection to each of the server's worker processes (they may start at different times)."""
    found: dict[int, Pinned] = {}
    deadline = time.monotonic() + 60
    while len(found) < workers and time.monotonic() < deadline:
        keep_alive(found.values())
        pinned = Pinned(server)
        if pinned.worker is not None and pinned.worker not in found:
            found[pinned.worker] = pinned
        else:
            pinned.conn.close()
            time.sleep(0.02)
    assert len(found) == workers, f"reached {len(found)} of {workers} workers"
    return list(found.values())


def test_two_workers_enforce_one_verify_limit_and_see_a_revocation_at_once(
    district_url, district_db, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("STATIONDESK_VERIFY_RATE", "4/600")
    token = service.add_station(district_db, "SY0101", "星海站").token
    dept = departments.add_department(district_db, "CITY_OFFICE", "城管科").token
    server = ServerProcess(district_url, tmp_path, args=("--workers", "2")).start()
    try:
        a, b = one_per_worker(server, 2)
        assert a.worker != b.worker

        # one bucket of 4 for this address, whichever worker answers
        assert [a.status("/verify"), a.status("/verify/keys")] == [200, 200]
        assert [b.status("/verify"), b.status("/verify/keys")] == [200, 200]
        assert [a.status("/verify"), b.status("/verify")] == [429, 429]

        sync = {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        hash_path = f"{API_PREFIX}/stations/SY0101/scope-hash"
        me = {"Authorization": f"Bearer {dept}"}
        assert [a.status(hash_path, sync), b.status(hash_path, sync)] == [200, 200]
        assert [a.status("/dept/v1/me", me), b.status("/dept/v1/me", me)] == [200, 200]
        for holder, code in (("station", "SY0101"), ("department", "CITY_OFFICE")):
            run_cli_pinging(
                [a, b], "district", f"revoke-{holder}", code, "--db", district_url, tmp=tmp_path
            )
        # the same keep-alive connections, to the same two processes
        assert [a.status(hash_path, sync), b.status(hash_path, sync)] == [401, 401]
        assert [a.status("/dept/v1/me", me), b.status("/dept/v1/me", me)] == [401, 401]
    finally:
        server.stop()
    log = b"".join(p.read_bytes() for p in tmp_path.glob("server-*.log"))
    assert b"Traceback" not in log, log.decode(errors="replace")[-2000:]


def _verify(server: ServerProcess, forwarded_for: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", "/verify", headers={"X-Forwarded-For": forwarded_for})
        return conn.getresponse().status
    finally:
        conn.close()


def test_a_forwarded_address_counts_only_from_a_configured_proxy(
    district_url, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("STATIONDESK_VERIFY_RATE", "3/600")
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    server = ServerProcess(district_url, tmp_path).start()
    try:  # by default no proxy is trusted: a loopback client cannot pose as four others
        got = [_verify(server, f"203.0.113.{i}") for i in range(1, 5)]
        assert got == [200, 200, 200, 429]
    finally:
        server.stop()

    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "127.0.0.1")
    proxied = ServerProcess(district_url, tmp_path).start()
    try:  # behind a configured proxy each forwarded client has its own bucket
        assert [_verify(proxied, "198.51.100.7") for _ in range(4)] == [200, 200, 200, 429]
        assert _verify(proxied, "198.51.100.8") == 200
    finally:
        proxied.stop()
