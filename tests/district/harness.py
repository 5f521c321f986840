"""District test harness: PostgreSQL databases, a uvicorn subprocess, a fault-injecting proxy."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PG_ADMIN = os.environ.get("STATIONDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_ENV = "STATIONDESK_REQUIRE_POSTGRES"
DATA_KEY_ENV = "STATIONDESK_DATA_KEY"
DATA_KEY_FILE_ENV = "STATIONDESK_DATA_KEY_FILE"
TEST_DATA_KEY = "c3RhdGlvbmRlc2stdGVzdHMtZGF0YS1rZXktMzItYiE="
"""The district data key of the tests (base64 of 32 bytes); a real district has its own."""


def use_test_data_key() -> None:
    """Give this process (and the servers it starts) the tests' district data key."""
    os.environ[DATA_KEY_ENV] = TEST_DATA_KEY
    os.environ.pop(DATA_KEY_FILE_ENV, None)


def _conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def require_postgres() -> None:
    """Skip (or, with STATIONDESK_REQUIRE_POSTGRES=1, fail) when PostgreSQL is unreachable."""
    import psycopg

    try:
        psycopg.connect(_conninfo(PG_ADMIN), connect_timeout=3).close()
    except Exception as exc:
        message = (
            f"PostgreSQL is not reachable at 127.0.0.1:5432 ({type(exc).__name__}); "
            "the district and e2e sync tests need it (trust auth, database 'test')"
        )
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(message + f"; {REQUIRE_ENV}=1 forbids skipping", pytrace=False)
        pytest.skip(message)


def _url_for(name: str) -> str:
    base = _conninfo(PG_ADMIN).rsplit("/", 1)[0]
    return f"{base}/{name}"


class PgDatabases:
    """Fresh databases per test, cloned from one migrated template per test run."""

    def __init__(self) -> None:
        self.template = f"sd_tmpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self._made_template = False
        self.created: list[str] = []

    def _admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(_conninfo(PG_ADMIN), autocommit=True)

    def _ensure_template(self) -> None:
        if self._made_template:
            return
        from stationdesk.district import migrate
        from stationdesk.district.db import DistrictDatabase

        with self._admin() as c:
            c.execute(f'CREATE DATABASE "{self.template}"')
        db = DistrictDatabase(_url_for(self.template))
        migrate.upgrade(db)
        db.dispose()
        self._made_template = True

    def create(self) -> str:
        """A new migrated database; returns its URL."""
        self._ensure_template()
        name = f"sd_t_{uuid.uuid4().hex[:12]}"
        with self._admin() as c:
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self.created.append(name)
        return _url_for(name)

    def create_empty(self) -> str:
        """A new database with no schema (for migration tests)."""
        name = f"sd_e_{uuid.uuid4().hex[:12]}"
        with self._admin() as c:
            c.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return _url_for(name)

    def drop_all(self) -> None:
        with self._admin() as c:
            for name in [*self.created, self.template]:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


def pg_dump(url: str) -> bytes:
    """The whole database as ``pg_dump`` (the PostgreSQL client on this machine) writes it."""
    done = subprocess.run(
        ["pg_dump", "--no-owner", "--dbname", _conninfo(url)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """``stationdesk district serve`` as a real uvicorn subprocess."""

    def __init__(
        self, db_url: str, tmp: Path, port: int | None = None, args: tuple[str, ...] = ()
    ) -> None:
        self.db_url = db_url
        self.port = port or free_port()
        self.tmp = tmp
        self.args = args  # more ``district serve`` options, e.g. ("--workers", "2")
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        env = {**os.environ, "STATIONDESK_DATA_DIR": str(self.tmp / "server-home")}
        env.pop("STATIONDESK_DISTRICT_DB", None)
        env.pop(DATA_KEY_FILE_ENV, None)
        env[DATA_KEY_ENV] = TEST_DATA_KEY
        log = open(self.tmp / f"server-{self.port}.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stationdesk",
                "district",
                "serve",
                "--db",
                self.db_url,
                "--port",
                str(self.port),
                *self.args,
            ],
            env=env,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start in 30 s")

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything (PostgreSQL rolls the open transaction back)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


@dataclass
class Captured:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


# A fault decides what happens to one request: None passes it through.
Fault = str  # "drop_response" | "duplicate" | "cut_request" | "cut_response" | "kill_server"


@dataclass
class FaultProxy:
    """An HTTP proxy in front of the server that injects faults into chosen requests."""

    upstream_port: int
    on_kill: Callable[[], None] | None = None
    decide: Callable[[Captured, int], Fault | None] | None = None
    captured: list[Captured] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)
    _count: int = 0

    def __post_init__(self) -> None:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_a: object) -> None:
                return None

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items()}
                req = Captured(self.command, self.path, headers, body)
                proxy._serve(self, req)
                self.close_connection = True

            do_GET = _handle
            do_POST = _handle
            do_PUT = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- forwarding ----------------------------------------------------------------------------
    def forward(self, req: Captured) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=120)
        try:
            headers = {
                k: v for k, v in req.headers.items() if k.lower() not in ("connection", "host")
            }
            conn.request(req.method, req.path, body=req.body or None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.getheaders(), data
        finally:
            conn.close()

    def _cut_request(self, req: Captured) -> None:
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10) as s:
            head = f"{req.method} {req.path} HTTP/1.1\r\n"
            for k, v in req.headers.items():
                if k.lower() != "connection":
                    head += f"{k}: {v}\r\n"
            s.sendall(head.encode("latin-1") + b"\r\n" + req.body[: max(1, len(req.body) // 2)])
            time.sleep(0.05)

    def _serve(self, handler: BaseHTTPRequestHandler, req: Captured) -> None:
        self._count += 1
        if "/push" in req.path:
            self.captured.append(req)
        fault = self.decide(req, self._count) if self.decide else None
        self.events.append((req.path.split("?")[0].rsplit("/", 1)[-1], fault or "pass"))
        if fault == "cut_request":
            self._cut_request(req)
            return  # the client's connection closes with no answer
        if fault == "kill_server":
            t = threading.Thread(target=self.forward_quietly, args=(req,), daemon=True)
            t.start()
            time.sleep(0.15)
            assert self.on_kill is not None
            self.on_kill()
            return
        if fault == "duplicate":
            results: list[tuple[int, list[tuple[str, str]], bytes]] = []
            threads = [
                threading.Thread(target=lambda: results.append(self.forward(req))) for _ in range(2)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            status, headers, data = results[0]
        else:
            try:
                status, headers, data = self.forward(req)
            except OSError:
                return
        if fault == "drop_response":
            return  # the server committed; the answer is lost
        handler.send_response(status)
        for k, v in headers:
            if k.lower() not in (
                "content-length",
                "transfer-encoding",
                "connection",
                "date",
                "server",
            ):
                handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        if fault == "cut_response":
            handler.wfile.write(data[: max(1, len(data) // 2)])
            handler.wfile.flush()
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
            return
        handler.wfile.write(data)

    def forward_quietly(self, req: Captured) -> None:
        with contextlib.suppress(Exception):
            self.forward(req)

    def replay(self, req: Captured) -> tuple[int, bytes]:
        status, _h, data = self.forward(req)
        return status, data


@contextlib.contextmanager
def running_server(db_url: str, tmp: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(db_url, tmp).start()
    try:
        yield server
    finally:
        server.stop()
