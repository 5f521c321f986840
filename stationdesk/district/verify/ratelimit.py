"""The per-address token bucket in front of ``/verify`` and the rate setting it is built from."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from ..settings import ENV_RATE, DistrictSettings


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
    """A token bucket per client address: ``rate`` requests, refilled evenly over ``period``."""

    def __init__(
        self,
        rate: int,
        period: float,
        *,
        max_clients: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.period = period
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spend one token of ``client``: 0 when allowed, else the seconds until one is back."""
        now = self._clock()
        refill = self.rate / self.period
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * refill)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1.0 - tokens) / refill
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)  # the longest idle; its bucket is the fullest
            return wait

    @classmethod
    def from_settings(cls, settings: DistrictSettings) -> RateLimiter | None:
        """The limiter the verify rate asks for (default 30 a minute), or None when it is off."""
        parsed = parse_rate(settings.verify_rate)
        return cls(*parsed) if parsed else None
