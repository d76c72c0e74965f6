"""Hostile HTTP servers for tests: bound to 127.0.0.1, slow or endless on purpose, every
loop bounded (a server thread stops after ``lifetime`` seconds whatever happens)."""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Callable, Iterator

#: what a server answers: the same bytes to every request, or bytes made from the request
Reply = bytes | Callable[[bytes], bytes]


class Listener:
    """A TCP listener on 127.0.0.1 that records connections and answers with ``reply``.

    ``reply`` is sent ``chunk`` bytes at a time, ``pause`` seconds apart (its first
    ``head`` bytes at once), then ``endless`` over and over when given. Requests are
    answered one after the other. The thread stops after ``lifetime`` seconds.

    Attributes:
        connections: connections accepted.
        requests: the request lines received (``b"GET /q?default HTTP/1.1"``).
        closed_early: connections the client closed before the whole answer was sent.
    """

    def __init__(
        self,
        reply: Reply = b"",
        *,
        chunk: int = 1 << 20,
        pause: float = 0.0,
        head: int = 0,
        endless: bytes = b"",
        lifetime: float = 20.0,
    ) -> None:
        self.reply, self.chunk, self.pause, self.head = reply, chunk, pause, head
        self.endless = endless
        self.connections = 0
        self.requests: list[bytes] = []
        self.closed_early = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/q"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(lifetime,), daemon=True)
        self._thread.start()

    def _serve(self, lifetime: float) -> None:
        deadline = time.monotonic() + lifetime
        while not self._stop.is_set() and time.monotonic() < deadline:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(1)
                try:
                    request = read_request(conn)
                    self.requests.append(request.split(b"\r\n", 1)[0])
                    reply = self.reply(request) if callable(self.reply) else self.reply
                    conn.sendall(reply[: self.head])
                    for piece in self._pieces(reply):
                        if self._stop.is_set() or time.monotonic() > deadline:
                            break
                        if _peer_closed(conn):
                            self.closed_early += 1
                            break
                        conn.sendall(piece)
                        time.sleep(self.pause)
                except OSError:  # the client closed or reset the connection
                    self.closed_early += 1

    def _pieces(self, reply: bytes) -> Iterator[bytes]:
        for i in range(self.head, len(reply), self.chunk):
            yield reply[i : i + self.chunk]
        while self.endless:
            yield self.endless

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


def _peer_closed(conn: socket.socket) -> bool:
    """Whether the client has closed its end (the request was read whole before)."""
    readable, _, _ = select.select([conn], [], [], 0)
    if not readable:
        return False
    return conn.recv(1, socket.MSG_PEEK) == b""


def read_request(conn: socket.socket) -> bytes:
    """Read one whole HTTP request (headers and body), so closing never resets it."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 1 << 20:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def http_answer(
    body: bytes,
    ctype: str = "application/sparql-results+json",
    *,
    status: str = "200 OK",
    length: bool = True,
) -> bytes:
    """A whole HTTP/1.1 answer (without ``Content-Length`` when ``length`` is false)."""
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n"
    if length:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode() + b"Connection: close\r\n\r\n" + body
