"""P2: resident search p50/p95 per query kind, beside a raw FTS5 trigram query on the same data."""

from __future__ import annotations

import random
import time

from tqdm import tqdm

from stationdesk.domain.residents import pinyin_keys
from stationdesk.services import residents
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from .common import Figure, stats_ms

# The baseline returns the same page of result rows our search shows (not bare rowids).
FTS_QUERY = (
    "SELECT r.id, r.name, r.sex, r.birth_date, r.id_type, r.id_number, r.phones, b.name, "
    "r.unit, r.room, g.name, r.tags FROM (SELECT rowid AS seq FROM bench_fts "
    "WHERE bench_fts MATCH ? LIMIT 50) AS h JOIN resident r ON r.seq = h.seq "
    "LEFT JOIN building b ON b.id = r.building_id LEFT JOIN grid g ON g.id = r.grid_id"
)
KINDS = ("name2", "name3", "pinyin", "initials", "id4", "phone4", "address")


def _samples(station: Station, per_kind: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    """(our query, FTS5 query) pairs per kind, drawn from real rows of the station."""
    rng = random.Random(seed)
    raw = station.db.raw_connection()
    try:
        top = raw.execute("SELECT max(seq) FROM resident").fetchone()[0]
        picks = rng.sample(range(1, top + 1), min(top, per_kind * 12))
        rows = raw.execute(
            "SELECT r.name, r.id_number, r.phones, b.name, r.unit, r.room FROM resident r "
            "LEFT JOIN building b ON b.id = r.building_id "
            f"WHERE r.seq IN ({','.join(map(str, picks))})"
        ).fetchall()
    finally:
        raw.close()
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in KINDS}
    import json

    for name, number, phones, building, _unit, room in rows:
        full, initials = pinyin_keys(name)
        phone_list = json.loads(phones)
        if len(name) == 2:
            out["name2"].append((name, name))
        if len(name) == 3:
            out["name3"].append((name, name))
        out["pinyin"].append((full, full))
        out["initials"].append((initials, initials))
        out["id4"].append((number[-4:], number[-4:]))
        if phone_list:
            out["phone4"].append((phone_list[0][-4:], phone_list[0][-4:]))
        if building and room:
            q = f"{building}{room}"
            out["address"].append((q, q))
    return {k: v[:per_kind] for k, v in out.items()}


def ensure_fts(station: Station) -> float:
    """Build the baseline FTS5 trigram table in the same encrypted file (once)."""
    raw = station.db.raw_connection()
    try:
        have = raw.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'bench_fts'"
        ).fetchone()[0]
        if have:
            return 0.0
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "CREATE VIRTUAL TABLE bench_fts USING fts5(name, py, ident, phone, addr, "
            "tokenize='trigram')"
        )
        import json

        batch = []
        for seq, name, number, phones, building, unit, room in raw.execute(
            "SELECT r.seq, r.name, r.id_number, r.phones, b.name, r.unit, r.room "
            "FROM resident r LEFT JOIN building b ON b.id = r.building_id"
        ):
            full, initials = pinyin_keys(name)
            addr = f"{building}{room} {building}{unit}单元{room}室" if building else ""
            batch.append(
                (seq, name, f"{full} {initials}", number or "", " ".join(json.loads(phones)), addr)
            )
        raw.executemany(
            "INSERT INTO bench_fts (rowid, name, py, ident, phone, addr) VALUES (?,?,?,?,?,?)",
            batch,
        )
        raw.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        raw.close()


def run(station: Station, actor: Actor, *, per_kind: int = 200, seed: int = 7) -> list[Figure]:
    build_seconds = ensure_fts(station)
    samples = _samples(station, per_kind, seed)
    raw = station.db.raw_connection()
    figures = []
    try:
        for kind in tqdm(KINDS, desc="search kinds"):
            pairs = samples[kind]
            for q, _ in pairs[:20]:  # warm the page cache the way a working day does
                residents.find_residents(station, actor, q)
            ours, base, misses, empty_base = [], [], 0, 0
            for q, fq in pairs:
                t = time.perf_counter()
                rows = residents.find_residents(station, actor, q)
                ours.append(time.perf_counter() - t)
                misses += not rows
                t = time.perf_counter()
                got = raw.execute(FTS_QUERY, ('"' + fq.replace('"', '""') + '"',)).fetchall()
                base.append(time.perf_counter() - t)
                empty_base += not got
            m, p = stats_ms(ours)
            bm, bp = stats_ms(base)
            blind = empty_base == len(pairs)  # FTS5 trigram cannot answer this kind at all
            figures.append(
                Figure(
                    id="P2",
                    name=f"search {kind}",
                    unit="ms",
                    median=m,
                    p95=p,
                    baseline_name="raw FTS5 trigram MATCH + same row page",
                    baseline_median=None if blind else bm,
                    baseline_p95=None if blind else bp,
                    goal="p95 ≤ 10 ms, ≤ 3×",
                    met=p <= 10 and (blind or m / bm <= 3),
                    notes=(
                        f"{len(pairs)} queries; ours found nothing for {misses}; "
                        f"FTS5 returned nothing for {empty_base}"
                    ),
                )
            )
    finally:
        raw.close()
    if build_seconds:
        figures[-1].extra["fts_build_seconds"] = round(build_seconds, 1)
    return figures
