"""``Client``: JSON-RPC 2.0 calls over one transport, and ``Batch`` for one round trip."""

import json
import os
import threading
import time
from typing import IO, Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple, Union

from .errors import CallTimeout, ProtocolError, RpcError, TransportError
from .methods import DEFAULT, Convert, ServiceMethods, Timeout
from .transport import LineTransport, PipeTransport, SocketTransport, find_binary


def _convert(method: str, convert: Convert, result: Any) -> Any:
    try:
        return convert(result)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ProtocolError(f"{method}: the result does not have the documented shape ({error!r})") from error


class Client(ServiceMethods):
    """A connection to the service. Calls are serialised, so one client may be shared
    between threads; for concurrency open several clients (the socket server serves
    connections concurrently).

    >>> with Client.spawn() as client:                        # doctest: +SKIP
    ...     client.check_eligibility("2011-08-15").eligible
    True
    """

    def __init__(self, transport: LineTransport, timeout: Optional[float] = 30.0) -> None:
        self._transport = transport
        self.timeout = timeout
        self._lock = threading.Lock()
        self._next_id = 1
        self._abandoned: Set[int] = set()  # ids whose answers came too late: skip them
        self._closed = False

    @classmethod
    def connect(cls, path: Union[str, "os.PathLike[str]"], timeout: Optional[float] = 30.0) -> "Client":
        """Connects to ``contpaqi-upgrade serve --socket PATH``."""
        return cls(SocketTransport(path, connect_timeout=timeout), timeout)

    @classmethod
    def spawn(
        cls,
        args: Optional[Sequence[str]] = None,
        timeout: Optional[float] = 30.0,
        stderr: Union[None, int, IO[bytes]] = None,
        env: Optional[Mapping[str, str]] = None,
    ) -> "Client":
        """Starts the server as a child speaking on its stdin/stdout.

        ``args`` defaults to ``[find_binary()]`` (``$CONTPAQI_UPGRADE``, else PATH); add
        options such as ``["contpaqi-upgrade", "--log-level", "error"]``. The child's
        logs go to ``stderr`` (inherited unless given, e.g. ``subprocess.DEVNULL``).
        """
        if isinstance(args, (str, os.PathLike)):
            args = [os.fspath(args)]
        argv = list(args) if args else [find_binary()]
        return cls(PipeTransport(argv, stderr=stderr, env=env), timeout)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connection; a spawned server finishes and is reaped."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._transport.close()

    def batch(self) -> "Batch":
        """Collects calls to send as one JSON array; see :class:`Batch`."""
        return Batch(self)

    def notify(self, method: str, params: Any = None) -> None:
        """Sends a notification: the server runs it and answers nothing."""
        request: Dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            request["params"] = params
        with self._lock:
            self._ensure_open()
            self._transport.send(_encode(request), None)

    def _submit(self, method: str, params: Any, convert: Convert, timeout: Timeout) -> Any:
        request_id = self._new_ids(1)[0]
        request = _request(method, params, request_id)
        response = self._exchange(request, {request_id}, timeout)
        if not isinstance(response, dict):
            raise ProtocolError(f"expected one response object, got {type(response).__name__}")
        if "error" in response and response.get("id") in (request_id, None):
            raise RpcError.from_object(response["error"])
        if response.get("id") != request_id or "result" not in response:
            raise ProtocolError(f"not a response to request {request_id}: {response!r:.200}")
        return _convert(method, convert, response["result"])

    def _new_ids(self, count: int) -> List[int]:
        with self._lock:
            first = self._next_id
            self._next_id += count
        return list(range(first, first + count))

    def _exchange(self, payload: Any, ids: Set[int], timeout: Timeout) -> Any:
        """Sends one JSON text and returns the answer that belongs to ``ids``."""
        limit = self.timeout if timeout is DEFAULT else timeout
        deadline = None if limit is None else time.monotonic() + limit
        with self._lock:
            self._ensure_open()
            try:
                self._transport.send(_encode(payload), deadline)
                while True:
                    line = self._transport.read_line(deadline)
                    try:
                        message = json.loads(line)
                    except ValueError as error:
                        raise ProtocolError(f"the server's answer is not JSON: {line[:200]!r}") from error
                    answered = _ids_in(message)
                    if answered and answered <= self._abandoned and not answered & ids:
                        self._abandoned -= answered
                        continue
                    return message
            except CallTimeout:
                self._abandoned |= ids
                raise

    def _ensure_open(self) -> None:
        if self._closed:
            raise TransportError("the client is closed")


class Batch(ServiceMethods):
    """Calls queued for one round trip. The typed methods return the call's position;
    :meth:`send` returns every result in call order, an :class:`RpcError` instance in
    place of each call that failed (nothing is raised for those)::

        with client.batch() as batch:
            batch.check_eligibility("2011-08-15")
            batch.quote_support("annual", systems=2)
        eligibility, quote = batch.results
    """

    def __init__(self, client: Client) -> None:
        self._client = client
        self._calls: List[Tuple[str, Any, Convert]] = []
        self.results: Optional[List[Any]] = None

    def __len__(self) -> int:
        return len(self._calls)

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None:
            self.send()

    def _submit(self, method: str, params: Any, convert: Convert, timeout: Timeout) -> int:
        if timeout is not DEFAULT:
            raise TypeError("a batch has one timeout: pass it to send()")
        self._calls.append((method, params, convert))
        return len(self._calls) - 1

    def send(self, timeout: Timeout = DEFAULT) -> List[Any]:
        """Sends the queued calls as one JSON array; sets and returns :attr:`results`."""
        if not self._calls:
            self.results = []
            return self.results
        ids = self._client._new_ids(len(self._calls))
        requests = [_request(m, p, i) for (m, p, _), i in zip(self._calls, ids)]
        response = self._client._exchange(requests, set(ids), timeout)
        if isinstance(response, dict) and "error" in response:
            raise RpcError.from_object(response["error"])  # the batch as a whole was refused
        if not isinstance(response, list):
            raise ProtocolError(f"expected an array of responses, got {type(response).__name__}")
        by_id = {r.get("id"): r for r in response if isinstance(r, dict)}
        results: List[Any] = []
        for (method, _, convert), request_id in zip(self._calls, ids):
            entry = by_id.get(request_id)
            if entry is None:
                raise ProtocolError(f"the batch answer has no response for request {request_id}")
            if "error" in entry:
                results.append(RpcError.from_object(entry["error"]))
            else:
                results.append(_convert(method, convert, entry.get("result")))
        self.results = results
        return results


def _request(method: str, params: Any, request_id: int) -> Dict[str, Any]:
    request: Dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        request["params"] = params
    return request


def _encode(payload: Any) -> bytes:
    # ASCII escapes keep any str (even a lone surrogate) valid on the wire; the
    # service then judges the text itself.
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def _ids_in(message: Any) -> Set[int]:
    items = message if isinstance(message, list) else [message]
    return {m["id"] for m in items if isinstance(m, dict) and type(m.get("id")) is int}
