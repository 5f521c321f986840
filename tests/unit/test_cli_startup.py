"""What a CLI start-up imports: ``--version`` needs no database, Qt or Alembic modules."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "alembic", "PySide6", "pydantic", "argon2")


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_version_imports_nothing_heavy() -> None:
    r = _run(
        "import sys\n"
        "import stationdesk, stationdesk.entry\n"
        "sys.argv = ['stationdesk', '--version']\n"
        "try:\n"
        "    stationdesk.entry.main()\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)\n"
        f"print('loaded', [m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["0.1.0", "exit 0", "loaded []"]


def test_parser_registration_imports_no_alembic_qt_or_pydantic() -> None:
    r = _run(
        "import sys\n"
        "from stationdesk.cli.main import build_parser\n"
        "build_parser()\n"
        "print([m for m in ('alembic', 'PySide6', 'pydantic', 'argon2') if m in sys.modules])\n"
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_scripted_head_is_alembics_head() -> None:
    from stationdesk.store import migrate

    assert migrate.scripted_head() == migrate.head_revision()


def test_dummy_hash_matches_the_hasher() -> None:
    from stationdesk.services import auth

    assert auth._hasher.verify(auth._DUMMY_HASH, "stationdesk-no-such-user")
    assert not auth._hasher.check_needs_rehash(auth._DUMMY_HASH)
