"""Source pages served on loopback addresses by the tests themselves: never the internet.

Each page may live on its own address (127.0.0.2, 127.0.0.3, …) so that the one-request-
per-host-per-second pacing of `briefsite verify` is real without making the tests slow.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "data" / "pages"


@dataclass(frozen=True)
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    """Seconds to wait before answering."""
    declare_length: bool = True


@dataclass
class SourceServer:
    routes: dict[str, Page]
    port: int = 0
    requests: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)

    def url(self, path: str, host: int = 1) -> str:
        return f"http://127.0.0.{host}:{self.port}{path}"


def fixture_page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _handler(server: SourceServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            server.requests.append(f"{self.headers['Host']}{self.path}")
            server.user_agents.append(self.headers.get("User-Agent", ""))
            page = server.routes.get(self.path, Page(b"not found", 404, "text/plain"))
            time.sleep(page.delay)
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            if page.declare_length:
                self.send_header("Content-Length", str(len(page.body)))
            for name, value in page.headers:
                self.send_header(name, value)
            self.end_headers()
            # The client hangs up on a page too large or too slow, as it should.
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(page.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(routes: dict[str, Page], hosts: int = 1) -> Iterator[SourceServer]:
    """Serve `routes` on 127.0.0.1 … 127.0.0.`hosts`, all on one port, until the block ends."""
    server = SourceServer(routes)
    handler = _handler(server)
    first = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.port = first.server_address[1]
    httpds = [first] + [
        ThreadingHTTPServer((f"127.0.0.{n}", server.port), handler) for n in range(2, hosts + 1)
    ]
    threads = [threading.Thread(target=h.serve_forever, args=(0.05,), daemon=True) for h in httpds]
    for thread in threads:
        thread.start()
    try:
        yield server
    finally:
        for httpd in httpds:
            httpd.shutdown()
            httpd.server_close()
        for thread in threads:
            thread.join()
