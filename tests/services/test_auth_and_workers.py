from __future__ import annotations

import pytest
from sqlalchemy import select, text

from stationdesk.domain.roles import Role
from stationdesk.services import audit, auth, settings, workers
from stationdesk.services.errors import AuthenticationError, InputError, PermissionDeniedError
from stationdesk.store.models import AuditRecord, OutboxEntry
from tests.conftest import WORKER_PASSWORD, StationFixture


def test_login_with_the_right_password(station: StationFixture):
    actor = auth.login(station.station, "wangfang", WORKER_PASSWORD)
    assert actor.role is Role.WORKER and actor.display_name == "王芳"


def test_wrong_password_and_unknown_user_look_the_same(station: StationFixture):
    with pytest.raises(AuthenticationError) as a:
        auth.login(station.station, "wangfang", "nope-nope")
    with pytest.raises(AuthenticationError) as b:
        auth.login(station.station, "nobody", "nope-nope")
    assert a.value.message == b.value.message


def test_five_failures_lock_the_account_for_five_minutes(station: StationFixture):
    st = station.station
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="wrong"):
            auth.login(st, "wangfang", "bad-password")
    with pytest.raises(AuthenticationError, match="locked"):
        auth.login(st, "wangfang", "bad-password")
    # even the right password is refused while locked
    station.clock.advance(minutes=4, seconds=59)
    with pytest.raises(AuthenticationError, match="locked"):
        auth.login(st, "wangfang", WORKER_PASSWORD)
    station.clock.advance(seconds=2)
    assert auth.login(st, "wangfang", WORKER_PASSWORD).username == "wangfang"


def test_a_success_resets_the_failure_count(station: StationFixture):
    st = station.station
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            auth.login(st, "wangfang", "bad-password")
    auth.login(st, "wangfang", WORKER_PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="wrong"):
            auth.login(st, "wangfang", "bad-password")


def test_roles_are_enforced_in_services(station: StationFixture):
    st = station.station
    with pytest.raises(PermissionDeniedError):
        workers.add_worker(st, station.worker, "x1", Role.ADMIN, "password-123")
    with pytest.raises(PermissionDeniedError):
        workers.add_worker(st, station.head, "x1", Role.WORKER, "password-123")
    with pytest.raises(PermissionDeniedError):
        audit.verify_audit(st, station.worker)
    with pytest.raises(PermissionDeniedError):
        settings.set_setting(st, station.worker, "idle_lock_minutes", 5)
    names = [w.username for w in workers.list_workers(st, station.admin)]
    assert "x1" not in names


def test_bad_worker_input_writes_nothing(station: StationFixture):
    st = station.station
    before = len(workers.list_workers(st, station.admin))
    for username, password in [
        ("A", "password-1"),
        ("ok_name", "short"),
        ("wangfang", "password-1"),
    ]:
        with pytest.raises(InputError):
            workers.add_worker(st, station.admin, username, Role.WORKER, password)
    assert len(workers.list_workers(st, station.admin)) == before


def test_disabled_worker_cannot_log_in(station: StationFixture):
    workers.disable_worker(station.station, station.admin, "wangfang")
    with pytest.raises(AuthenticationError, match="disabled"):
        auth.login(station.station, "wangfang", WORKER_PASSWORD)


def test_changes_write_audit_and_outbox_in_one_transaction(station: StationFixture):
    st = station.station
    with st.db.read_session() as s:
        before_out = len(s.scalars(select(OutboxEntry)).all())
    workers.add_worker(st, station.admin, "zhaolei", Role.WORKER, "password-123", "赵磊")
    with st.db.read_session() as s:
        out = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).all()
        last_audit = s.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
    assert len(out) == before_out + 1
    assert out[-1].entity == "worker" and out[-1].payload["username"] == "zhaolei"
    assert "password" not in str(out[-1].payload)
    assert last_audit is not None and last_audit.action == "worker.create"
    assert last_audit.entity_id == out[-1].entity_id


def test_a_failing_change_leaves_neither_audit_nor_outbox(station: StationFixture):
    st = station.station
    with st.db.read_session() as s:
        audits = s.scalar(text("SELECT count(*) FROM audit_record"))
        outs = s.scalar(text("SELECT count(*) FROM outbox"))
    with pytest.raises(InputError):
        workers.add_worker(st, station.admin, "wangfang", Role.WORKER, "password-123")
    with st.db.read_session() as s:
        assert s.scalar(text("SELECT count(*) FROM audit_record")) == audits
        assert s.scalar(text("SELECT count(*) FROM outbox")) == outs


@pytest.mark.parametrize("tamper", ["edit", "delete_middle", "delete_last", "swap"])
def test_audit_verify_finds_tampering(station: StationFixture, tamper: str):
    st = station.station
    report = audit.verify_audit(st, station.head)
    assert report.intact and report.records >= 6
    n = report.records
    with st.db.write_session() as s:
        if tamper == "edit":
            s.execute(text("UPDATE audit_record SET actor = 'mallory' WHERE seq = 3"))
        elif tamper == "delete_middle":
            s.execute(text("DELETE FROM audit_record WHERE seq = 3"))
        elif tamper == "delete_last":
            s.execute(text("DELETE FROM audit_record WHERE seq = :n"), {"n": n})
        else:
            s.execute(text("UPDATE audit_record SET seq = -1 WHERE seq = 3"))
            s.execute(text("UPDATE audit_record SET seq = 3 WHERE seq = 4"))
            s.execute(text("UPDATE audit_record SET seq = 4 WHERE seq = -1"))
    broken = audit.verify_audit(st, station.head)
    assert not broken.intact
    expected = {"edit": 3, "delete_middle": 4, "delete_last": n, "swap": 3}[tamper]
    assert broken.broken_at == expected


def test_settings_round_trip_and_validation(station: StationFixture):
    st = station.station
    assert settings.get_setting(st, "idle_lock_minutes") == 10
    settings.set_setting(st, station.admin, "idle_lock_minutes", 3)
    assert settings.get_setting(st, "idle_lock_minutes") == 3
    with pytest.raises(InputError):
        settings.set_setting(st, station.admin, "idle_lock_minutes", 0)
