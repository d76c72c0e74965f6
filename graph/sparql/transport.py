"""HTTP requests to endpoints and Graph Stores, bounded as a whole in time and in size.

A :class:`Deadline` is one time limit (``--timeout``) for everything an operation
sends and reads: one query, or every request of a ``push`` together. The socket
of a request never waits longer than the time left, and when the deadline passes
the caller shuts the socket down, so a server sending its headers or its body a
byte at a time neither holds the caller nor keeps the reading thread alive.
An answer is read up to ``max_bytes`` (``--max-answer-bytes``), never more.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from actorgraph.graph.errors import ActorGraphError

__all__ = ["ANSWER_BYTES", "Deadline", "check_url", "http_request"]

#: bytes read from an answer at a time (the deadline and the size cap are checked between blocks)
_BLOCK = 1 << 16
#: the most bytes of one answer read unless told otherwise (``--max-answer-bytes``)
ANSWER_BYTES = 250_000_000


class Deadline:
    """One time limit for everything an operation sends and reads.

    Args:
        seconds: the limit; ``None`` or 0 for none.
        what: names the operation ("push to URL") in the message given when the
            deadline passes; without it the message names the server that was slow.
    """

    def __init__(self, seconds: float | None, what: str | None = None) -> None:
        self.seconds = seconds or None
        self.what = what
        self.end = None if self.seconds is None else time.monotonic() + self.seconds

    def left(self) -> float | None:
        """Seconds left (0 once passed), or ``None`` without a limit."""
        return None if self.end is None else max(0.0, self.end - time.monotonic())

    def passed(self) -> bool:
        """Whether the limit has been reached."""
        return self.end is not None and time.monotonic() >= self.end

    def message(self, where: str) -> str:
        """The one-line message of an operation stopped at this deadline."""
        shown = f"{self.seconds or 0:g}"
        if self.what is None:
            return (
                f"{where} did not answer within {shown} s; check that the server is "
                "running, or give more time with --timeout"
            )
        return (
            f"{self.what} did not finish within {shown} s: --timeout bounds all its "
            "requests together, not each one; give more time with --timeout"
        )


def check_url(url: str, error: type[ActorGraphError]) -> str:
    """Accept only absolute ``http(s)://`` URLs (never ``file:`` and the like)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise error(f"endpoint {url!r} must be an http:// or https:// URL")
    return url


def http_request(
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float | Deadline | None,
    error: type[ActorGraphError],
    max_bytes: int | None = ANSWER_BYTES,
) -> tuple[int, str, bytes]:
    """One HTTP request; returns status, content type and body (also for 4xx/5xx).

    ``timeout`` bounds the whole request (connecting, sending, the headers and the
    whole body), not each socket read; a :class:`Deadline` shared by several
    requests bounds them all together. At the deadline the connection is shut,
    so the thread reading it ends too. At most ``max_bytes`` of the answer are
    read (``None`` or 0: no cap).

    Raises:
        error: the server cannot be reached, does not answer in time, sends more
            than ``max_bytes`` or an answer that is not HTTP.
    """
    check_url(url, error)
    deadline = timeout if isinstance(timeout, Deadline) else Deadline(timeout)
    where = urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
    if deadline.passed():
        raise error(deadline.message(where))
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    sockets = _Sockets()
    outcome: list[tuple[int, str, bytes] | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_exchange(request, url, deadline, sockets, max_bytes or None))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    # a daemon thread: one that is given up on must not keep the process alive
    worker = threading.Thread(target=work, name="actorgraph-http", daemon=True)
    worker.start()
    worker.join(deadline.left())
    if not outcome:
        sockets.shut()  # wakes the reader, which then ends; the server sees the connection close
        raise error(deadline.message(where))
    result = outcome[0]
    if _is_timeout(result) and deadline.end is not None:
        # every socket wait is bounded by the time left: the reader reached the deadline
        # a moment before this thread stopped waiting
        raise error(deadline.message(where))
    if isinstance(result, _TooLarge):
        raise error(
            f"{where} sent more than {result.cap:,} bytes ({result.seen}); stopped reading; "
            "give more room with --max-answer-bytes N (0: no cap)"
        )
    if isinstance(result, http.client.HTTPException):
        raise error(f"{where} did not answer in HTTP: {_first_line(result)}") from None
    if isinstance(result, urllib.error.URLError | OSError):
        reason = getattr(result, "reason", result)
        raise error(
            f"cannot reach {where}: {reason}; check the URL and that the server is running"
        ) from None
    if isinstance(result, BaseException):
        raise result
    return result


def _is_timeout(exc: object) -> bool:
    return isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


class _DeadlinePassed(TimeoutError):
    """The reading thread gave up at the caller's deadline."""


class _TooLarge(Exception):
    """The answer is longer than the cap."""

    def __init__(self, cap: int, seen: str) -> None:
        super().__init__(cap, seen)
        self.cap, self.seen = cap, seen


# --------------------------------------------------------------------------- one exchange


class _Sockets:
    """The sockets of one request, so that its caller can shut them at the deadline.

    A socket opened after the caller gave up is shut as soon as it is known.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._shut = False

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._open.append(sock)
            late = self._shut
        if late:
            _shut_down(sock)

    def shut(self) -> None:
        with self._lock:
            self._shut = True
            known = list(self._open)
        for sock in known:
            _shut_down(sock)

    def wait_at_most(self, seconds: float | None) -> None:
        """Let each socket read wait at most ``seconds`` (the time left)."""
        with self._lock:
            known = list(self._open)
        for sock in known:
            with contextlib.suppress(OSError):  # closed already
                sock.settimeout(seconds)


def _shut_down(sock: socket.socket) -> None:
    """Shut a connection from another thread: a read blocked on it returns at once.

    The reading thread closes the socket itself (closing it here could hand its
    file descriptor to somebody else while that thread still uses the number).
    """
    with contextlib.suppress(OSError):  # closed, or detached (wrapped by TLS), already
        sock.shutdown(socket.SHUT_RDWR)


def _connections(
    deadline: Deadline, sockets: _Sockets
) -> tuple[type[http.client.HTTPConnection], type[http.client.HTTPSConnection]]:
    """HTTP and HTTPS connection classes that wait at most the time left and register
    their sockets with ``sockets``."""

    def created(*args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(*args, **kwargs)
        sockets.add(sock)
        return sock

    def connect(base: Callable[[Any], None], conn: Any) -> None:
        left = deadline.left()
        if left == 0:
            raise _DeadlinePassed("no time left to connect")
        conn.timeout = left  # each socket wait is bounded by the time left
        conn._create_connection = created
        base(conn)
        sockets.add(conn.sock)  # for HTTPS: the TLS socket that replaced the plain one

    class Plain(http.client.HTTPConnection):
        def connect(self) -> None:
            connect(http.client.HTTPConnection.connect, self)

    class Secure(http.client.HTTPSConnection):
        def connect(self) -> None:
            connect(http.client.HTTPSConnection.connect, self)

    return Plain, Secure


class _PlainHandler(urllib.request.HTTPHandler):
    def __init__(self, connection: type[http.client.HTTPConnection]) -> None:
        super().__init__()
        self._connection = connection

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(self._connection, req)


class _SecureHandler(urllib.request.HTTPSHandler):
    def __init__(self, connection: type[http.client.HTTPSConnection]) -> None:
        super().__init__()
        self._connection = connection

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(self._connection, req)  # the default TLS context, as urllib's


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str, deadline: Deadline, sockets: _Sockets) -> urllib.request.OpenerDirector:
    """HTTP(S) only; loopback addresses never go through a proxy."""
    plain, secure = _connections(deadline, sockets)
    opener = urllib.request.OpenerDirector()
    proxies: dict[str, str] | None = {} if _is_loopback(url) else None
    for handler in (
        urllib.request.ProxyHandler(proxies),
        _PlainHandler(plain),
        _SecureHandler(secure),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _exchange(
    request: urllib.request.Request,
    url: str,
    deadline: Deadline,
    sockets: _Sockets,
    max_bytes: int | None,
) -> tuple[int, str, bytes]:
    """(Reading thread) Send the request and read the whole answer."""
    try:
        with _opener(url, deadline, sockets).open(request, timeout=deadline.left()) as resp:
            body = _read_body(resp, deadline, sockets, max_bytes)
            return resp.status, resp.headers.get_content_type(), body
    except urllib.error.HTTPError as exc:
        with exc:
            return (
                exc.code,
                exc.headers.get_content_type(),
                _read_body(exc, deadline, sockets, max_bytes),
            )


def _read_body(resp: Any, deadline: Deadline, sockets: _Sockets, max_bytes: int | None) -> bytes:
    """The whole body, a block at a time, given up on at the deadline or past ``max_bytes``.

    The caller has stopped waiting by then; this ends the reading thread too, so a
    server trickling bytes does not keep a connection open for ever.
    """
    declared = resp.headers.get("Content-Length", "")
    if max_bytes is not None and declared.isdigit() and int(declared) > max_bytes:
        raise _TooLarge(max_bytes, f"its Content-Length is {int(declared):,}")
    body = io.BytesIO()  # getvalue() hands its buffer over: the answer is held once, not twice
    read = getattr(resp, "read1", resp.read)  # read1: what one socket read gives, no more
    while True:
        left = deadline.left()
        if left == 0:
            raise _DeadlinePassed("the answer did not arrive in time")
        sockets.wait_at_most(left)
        chunk = read(_BLOCK)
        if not chunk:
            break
        if max_bytes is not None and body.tell() + len(chunk) > max_bytes:
            raise _TooLarge(max_bytes, "an endless or very long answer")
        body.write(chunk)
    return body.getvalue()
