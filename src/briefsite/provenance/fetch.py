"""Fetching a source politely and defensively: one request per host per second, a clear
User-Agent, timeouts, a size limit, http and https only, every redirect recorded.

Nothing a server sends raises: every outcome is a `Fetched` record.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from importlib.metadata import version
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = (
    f"briefsite/{version('briefsite')} (quote verification of source briefs; "
    "one request per host per second)"
)
MAX_BYTES = 5_000_000
"""Larger responses are cut off: no news article is bigger, and memory stays bounded."""
TIMEOUT = 15.0
"""Seconds for the whole response, however slowly it trickles in."""
MAX_REDIRECTS = 10
DEAD_STATUSES = frozenset({404, 410})
_UNKNOWN_NAME = frozenset(
    code for code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)) if code is not None
)


class Outcome(StrEnum):
    OK = "ok"
    DEAD = "dead"
    """404, 410 or a host name that does not resolve: the source is gone."""
    FAILED = "failed"
    """Anything else that gave no page: refused, timed out, too large, 5xx, 403, a loop."""


@dataclass(frozen=True)
class Hop:
    status: int
    url: str


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    outcome: Outcome
    status: int | None
    """The last HTTP status, None when no response came."""
    reason: str
    """Why it failed, in words for a contributor; empty when it did not."""
    fetched: str
    """When, ISO 8601 UTC to the second."""
    redirects: tuple[Hop, ...] = ()
    content_type: str = ""
    body: bytes = b""


class Pacer:
    """Waits so that no host gets two requests less than `interval` seconds apart,
    however many threads ask."""

    def __init__(
        self,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        # Each caller books the host's next free slot under the lock, then sleeps outside it.
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval
        if slot > now:
            self._sleep(slot - now)


@dataclass
class Fetcher:
    """One HTTP client for a whole run, so that pacing spans every source."""

    pacer: Pacer = field(default_factory=Pacer)
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    transport: httpx.BaseTransport | None = None

    def __post_init__(self) -> None:
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"},
            timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
            follow_redirects=False,  # followed by hand: each hop is checked and recorded
            transport=self.transport,
        )

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """GET `url`, following up to MAX_REDIRECTS redirects."""
        hops: list[Hop] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return _failed(url, current, hops, None, "redirected to a non-http(s) address")
            if any(hop.url == current for hop in hops):
                return _failed(url, current, hops, None, "redirect loop")
            step = self._get(url, current, hops)
            if isinstance(step, Fetched):
                return step
            hops.append(Hop(step.status_code, current))
            current = urljoin(current, step.headers["location"])
        return _failed(url, current, hops, None, f"more than {MAX_REDIRECTS} redirects")

    def _get(self, url: str, current: str, hops: list[Hop]) -> Fetched | httpx.Response:
        """The page, a failure, or a redirect response (body unread) to follow."""
        self.pacer.wait(urlsplit(current).hostname or "")
        deadline = time.monotonic() + self.timeout
        try:
            with self._client.stream("GET", current) as response:
                if response.is_redirect and "location" in response.headers:
                    return response
                body, reason = _read_body(response, self.max_bytes, deadline)
        except httpx.HTTPError as exc:
            return _failed(url, current, hops, None, _network_reason(exc), _is_dns(exc))
        except httpx.InvalidURL:  # also raised for a redirect to a malformed or non-http address
            return _failed(url, current, hops, None, "unusable address or redirect")
        except (UnicodeError, ValueError) as exc:  # a malformed header from the server
            return _failed(url, current, hops, None, f"unusable response ({type(exc).__name__})")
        if reason:
            return _failed(url, current, hops, response.status_code, reason)
        if response.status_code >= 400:
            reason = f"HTTP {response.status_code}"
            dead = response.status_code in DEAD_STATUSES
            return _failed(url, current, hops, response.status_code, reason, dead)
        return Fetched(
            url, current, Outcome.OK, response.status_code, "", _now(), tuple(hops),
            response.headers.get("content-type", ""), body,
        )  # fmt: skip


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> tuple[bytes, str]:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return b"", f"larger than the limit of {max_bytes:,} bytes"
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return b"", f"larger than the limit of {max_bytes:,} bytes"
        if time.monotonic() > deadline:
            return b"", "timed out"
        chunks.append(chunk)
    return b"".join(chunks), ""


def _failed(
    url: str, current: str, hops: list[Hop], status: int | None, reason: str, dead: bool = False
) -> Fetched:
    outcome = Outcome.DEAD if dead else Outcome.FAILED
    return Fetched(url, current, outcome, status, reason, _now(), tuple(hops))


def _network_reason(exc: httpx.HTTPError) -> str:
    if _is_dns(exc):
        return "host name does not resolve"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return "connection failed"
    return f"network error ({type(exc).__name__})"


def _is_dns(exc: BaseException) -> bool:
    """True when the host name is unknown; a resolver that cannot be reached is not that."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return seen.errno in _UNKNOWN_NAME
        seen = seen.__cause__ or seen.__context__
    return False


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
