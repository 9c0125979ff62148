"""Client for the contpaqi-upgrade JSON-RPC 2.0 service (standard library only).

    from contpaqi_upgrade import Client
    with Client.connect("/run/contpaqi-upgrade/contpaqi-upgrade.sock") as client:
        quote = client.quote_support("annual", systems=2, date="2012-01-10")
        print(quote.total)            # Decimal('12064.00')
"""

from .catalog import Catalog, PerEventPrice, PolicyPrice, Promotion
from .client import Batch, Client
from .errors import (
    CallTimeout,
    FieldError,
    InternalError,
    InvalidParams,
    InvalidRequest,
    MethodNotFound,
    NotEligible,
    ParseError,
    ProtocolError,
    RpcError,
    TransportError,
)
from .methods import DEFAULT
from .results import (
    Attachment,
    Discount,
    Eligibility,
    Installation,
    InstallationOption,
    KeyRequest,
    KeyRequestAddress,
    KeySystem,
    Quote,
)
from .transport import PipeTransport, SocketTransport, find_binary

__version__ = "0.1.0"

__all__ = [
    "Attachment", "Batch", "CallTimeout", "Catalog", "Client", "DEFAULT", "Discount", "Eligibility",
    "FieldError", "Installation", "InstallationOption", "InternalError", "InvalidParams",
    "InvalidRequest", "KeyRequest", "KeyRequestAddress", "KeySystem", "MethodNotFound",
    "NotEligible", "ParseError", "PerEventPrice", "PipeTransport", "PolicyPrice", "Promotion",
    "ProtocolError", "Quote", "RpcError", "SocketTransport", "TransportError", "find_binary",
]
