"""Serve a folder on 127.0.0.1 and launch Debian's Chromium: one way, for benchmarks and tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._lock = threading.Lock()
        self._open = 0
        self._last = time.monotonic()

    def finish_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._open += 1
        try:
            super().finish_request(request, client_address)
        finally:
            with self._lock:
                self._open -= 1
                self._last = time.monotonic()

    def drain(self, quiet: float = 0.3, longest: float = 3.0) -> None:
        """Wait until no request is open and none came for `quiet` seconds (at most `longest`).

        A search page goes on fetching after its answer is on screen (the filter chunks for the
        counts); closing the server under it resets those fetches, and the page logs an error."""
        end = time.monotonic() + longest
        while time.monotonic() < end:
            with self._lock:
                if not self._open and time.monotonic() - self._last >= quiet:
                    return
            time.sleep(0.05)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes a connection mid-response (navigation, test end) is normal here.
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 in a thread; yield the base URL."""
    server = _QuietServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.drain()
        server.shutdown()
        server.server_close()


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
