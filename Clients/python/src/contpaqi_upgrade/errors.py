"""Exceptions: RPC errors answered by the service, and failures to reach it."""

from dataclasses import dataclass
from typing import Any, Dict, List, Type


@dataclass(frozen=True)
class FieldError:
    """One problem in the params, from ``error.data.errors``.

    ``path`` is a JSON Pointer into the params (``/systems/1/serialNumber``; ``""`` for
    the params as a whole), ``code`` a stable machine code (``REQUIRED``,
    ``INVALID_SERIAL``, ``NOT_ELIGIBLE``...), ``message`` Spanish text for a person.
    """

    path: str
    code: str
    message: str

    @property
    def parts(self) -> List[str]:
        """The path split into its reference tokens, ``~1``/``~0`` unescaped."""
        if not self.path:
            return []
        return [p.replace("~1", "/").replace("~0", "~") for p in self.path.split("/")[1:]]


class RpcError(Exception):
    """An error object the service answered with (JSON-RPC ``error`` member)."""

    PARSE_ERROR = -32700
    INVALID_REQUEST = -32600
    METHOD_NOT_FOUND = -32601
    INVALID_PARAMS = -32602
    INTERNAL_ERROR = -32603
    NOT_ELIGIBLE = -32001

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(code, message, data)
        self.code = code
        self.message = message
        self.data = data

    @property
    def errors(self) -> List[FieldError]:
        """``data.errors`` as objects; empty when the error carries none."""
        items = self.data.get("errors") if isinstance(self.data, dict) else None
        if not isinstance(items, list):
            return []
        return [
            FieldError(str(e.get("path", "")), str(e.get("code", "")), str(e.get("message", "")))
            for e in items
            if isinstance(e, dict)
        ]

    def __str__(self) -> str:
        details = "; ".join(f"{e.path or '(params)'}: {e.code}: {e.message}" for e in self.errors)
        if not details and isinstance(self.data, dict):
            details = str(self.data.get("reason") or self.data.get("method") or "")
        text = f"{self.message} ({self.code})"
        return f"{text}: {details}" if details else text

    def to_object(self) -> Dict[str, Any]:
        """The JSON-RPC error object again, as the service sent it."""
        obj: Dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            obj["data"] = self.data
        return obj

    @staticmethod
    def from_object(obj: Any) -> "RpcError":
        """Builds the most specific subclass for a JSON-RPC error object."""
        if not isinstance(obj, dict) or not isinstance(obj.get("code"), int):
            raise ProtocolError(f"malformed error object: {obj!r}")
        cls: Type[RpcError] = _BY_CODE.get(obj["code"], RpcError)
        return cls(obj["code"], str(obj.get("message", "")), obj.get("data"))


class ParseError(RpcError):
    """-32700: the service could not parse the text as JSON."""


class InvalidRequest(RpcError):
    """-32600: not a valid request object, or a message over the size limit."""


class MethodNotFound(RpcError):
    """-32601: no such method; ``data["method"]`` names it."""


class InvalidParams(RpcError):
    """-32602: the params failed validation; see :attr:`errors`."""


class InternalError(RpcError):
    """-32603: a bug in the service."""


class NotEligible(RpcError):
    """-32001: ``requestKeys`` with a system bought before the cutoff; see :attr:`errors`."""


_BY_CODE: Dict[int, Type[RpcError]] = {
    RpcError.PARSE_ERROR: ParseError,
    RpcError.INVALID_REQUEST: InvalidRequest,
    RpcError.METHOD_NOT_FOUND: MethodNotFound,
    RpcError.INVALID_PARAMS: InvalidParams,
    RpcError.INTERNAL_ERROR: InternalError,
    RpcError.NOT_ELIGIBLE: NotEligible,
}


class TransportError(ConnectionError):
    """The service cannot be reached, or the connection broke."""


class ProtocolError(Exception):
    """The service answered something that is not a JSON-RPC response to this request."""


class CallTimeout(TimeoutError):
    """No answer within the call's timeout. A late answer is discarded when it arrives."""

