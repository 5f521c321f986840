from __future__ import annotations

from dataclasses import replace

from stationdesk.domain.audit import GENESIS_HASH, AuditEntry, entry_digest, verify_chain


def build(n: int) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    prev = GENESIS_HASH
    for i in range(1, n + 1):
        fields = dict(
            seq=i,
            at=f"2026-01-01T00:00:{i:02d}+00:00",
            actor="wang",
            action="x.update",
            entity="x",
            entity_id=f"id{i}",
            details={"n": i},
            prev_hash=prev,
        )
        h = entry_digest(**fields)  # type: ignore[arg-type]
        out.append(AuditEntry(hash=h, **fields))  # type: ignore[arg-type]
        prev = h
    return out


def test_intact_chain_verifies() -> None:
    assert verify_chain(build(10)) is None


def test_edited_row_is_named() -> None:
    chain = build(10)
    chain[4] = replace(chain[4], details={"n": 999})
    brk = verify_chain(chain)
    assert brk is not None and brk.seq == 5 and "edited" in brk.reason


def test_removed_row_is_found() -> None:
    chain = build(10)
    del chain[6]
    brk = verify_chain(chain)
    assert brk is not None and brk.seq == 8


def test_reordered_rows_are_found() -> None:
    chain = build(10)
    chain[2], chain[3] = chain[3], chain[2]
    brk = verify_chain(chain)
    assert brk is not None and brk.seq == 4


def test_renumbered_after_removal_is_found() -> None:
    chain = build(5)
    del chain[1]
    renumbered = [replace(e, seq=i + 1) for i, e in enumerate(chain)]
    brk = verify_chain(renumbered)
    assert brk is not None and brk.seq == 2
