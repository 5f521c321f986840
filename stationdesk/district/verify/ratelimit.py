"""The per-address token bucket in front of ``/verify``, kept in the district database.

Every server process (``district serve --workers N``) spends from the same buckets, so N
workers enforce one limit. One atomic upsert per request takes a token (PostgreSQL and SQLite
both have ``INSERT … ON CONFLICT DO UPDATE … RETURNING``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import case, delete, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from ..db import DistrictDatabase
from ..models import VerifyRateBucket
from ..settings import ENV_RATE, DistrictSettings

log = logging.getLogger(__name__)

MAX_CLIENT_CHARS = 128
PRUNE_EVERY_S = 300.0


def parse_rate(text: str) -> tuple[int, float] | None:
    """Read ``N/SECONDS`` (or ``N``: per minute) into (N, SECONDS); ``off`` or ``0`` is None."""
    cleaned = text.strip().lower()
    if cleaned in ("off", "0", "none"):
        return None
    count_text, sep, period_text = cleaned.partition("/")
    try:
        count = int(count_text)
        period = float(period_text) if sep else 60.0
    except ValueError:
        raise ValueError(
            f"{ENV_RATE} must look like 30/60 (requests/seconds), got {text!r}"
        ) from None
    if count < 1 or not 0 < period < 86400 * 7:
        raise ValueError(f"{ENV_RATE} needs a positive count and period, got {text!r}")
    return count, period


class RateLimiter:
    """A token bucket per client address: ``rate`` requests, refilled evenly over ``period``.

    The buckets are rows of ``verify_rate_bucket``; ``clock`` gives seconds since the epoch
    (every process on every host must agree on it, so it is the wall clock, not a monotonic
    one). A bucket idle for a whole period is full again, so its row is deleted now and then.
    """

    def __init__(
        self,
        db: DistrictDatabase,
        rate: int,
        period: float,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.rate = rate
        self.period = period
        self._clock = clock
        self._pruned_at = float("-inf")
        self._prune_lock = threading.Lock()

    def _take_statement(self, client: str, now: float) -> Any:
        insert = postgresql.insert if not self.db.sqlite else sqlite.insert
        bucket = VerifyRateBucket
        elapsed = case((bucket.refilled_at < now, now - bucket.refilled_at), else_=0.0)
        level = bucket.tokens + elapsed * (self.rate / self.period)
        level = case((level > float(self.rate), float(self.rate)), else_=level)
        stmt = insert(bucket).values(
            client=client, tokens=float(self.rate) - 1.0, refilled_at=now, allowed=True
        )
        return stmt.on_conflict_do_update(
            index_elements=[bucket.client],
            set_={
                "tokens": case((level >= 1.0, level - 1.0), else_=level),
                "refilled_at": case((bucket.refilled_at < now, now), else_=bucket.refilled_at),
                "allowed": level >= 1.0,
            },
        ).returning(bucket.tokens, bucket.allowed)

    def take(self, client: str) -> float:
        """Spend one token of ``client``: 0 when allowed, else the seconds until one is back."""
        now = self._clock()
        with self.db.session() as s:
            if not self.db.sqlite:  # a bucket lost in a crash only forgives a few requests
                s.execute(text("SET LOCAL synchronous_commit TO OFF"))
            tokens, allowed = s.execute(self._take_statement(client[:MAX_CLIENT_CHARS], now)).one()
        if self._due_for_pruning(now):
            self._prune(now)
        if allowed:
            return 0.0
        return (1.0 - float(tokens)) * self.period / self.rate

    def _prune(self, now: float) -> None:
        """Delete the buckets idle for a whole period (full again, so the same as no row)."""
        try:
            with self.db.session() as s:
                s.execute(
                    delete(VerifyRateBucket).where(VerifyRateBucket.refilled_at < now - self.period)
                )
        except DBAPIError as exc:  # e.g. two processes pruning at once; the next prune retries
            log.warning("pruning the verify rate buckets failed: %s", type(exc).__name__)

    def _due_for_pruning(self, now: float) -> bool:
        """True once per ``min(period, PRUNE_EVERY_S)`` in this process."""
        with self._prune_lock:
            if now - self._pruned_at < min(self.period, PRUNE_EVERY_S):
                return False
            self._pruned_at = now
            return True

    @classmethod
    def from_settings(cls, db: DistrictDatabase, settings: DistrictSettings) -> RateLimiter | None:
        """The limiter the verify rate asks for (default 30 a minute), or None when it is off."""
        parsed = parse_rate(settings.verify_rate)
        return cls(db, *parsed) if parsed else None
