"""Python values to wire params. No validation here: the service is the one judge of
input, so a bad value comes back as an ``InvalidParams`` with its JSON Pointer."""

from dataclasses import is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional

# Snake-case spellings accepted in system dicts, for callers who build them from rows.
_SYSTEM_KEYS = {"system_type": "systemType", "serial_number": "serialNumber", "purchase_date": "purchaseDate"}


def compact(**fields: Any) -> Dict[str, Any]:
    """The params object, without the fields left as None (the same as leaving them out)."""
    return {name: value for name, value in fields.items() if value is not None}


def wire_date(value: Any) -> Any:
    """``datetime.date`` -> ``"YYYY-MM-DD"``; anything else passes through."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def wire_datetime(value: Any) -> Any:
    """An aware ``datetime`` -> RFC 3339 with its offset, to the second."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value


def wire_decimal(value: Any) -> Any:
    """``Decimal``/int/float -> a plain decimal string (``0.16`` -> ``"0.16"``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        value = Decimal(repr(value))  # the shortest text that round-trips, not the binary value
    if isinstance(value, (Decimal, int)):
        return format(Decimal(value), "f")
    return value


def wire_addresses(value: Any) -> Any:
    """A single address is accepted where a list belongs."""
    if isinstance(value, str):
        return [value]
    if value is None or isinstance(value, list):
        return value
    return list(value)


def wire_system(system: Any) -> Any:
    """A ``KeySystem``, a mapping (camelCase or snake_case keys) or a tuple
    ``(system_type, serial_number[, purchase_date])`` -> the wire object."""
    if is_dataclass(system) and not isinstance(system, type):
        pairs: Dict[str, Any] = {
            "systemType": getattr(system, "system_type"),
            "serialNumber": getattr(system, "serial_number"),
            "purchaseDate": getattr(system, "purchase_date", None),
        }
    elif isinstance(system, Mapping):
        pairs = {_SYSTEM_KEYS.get(str(k), str(k)): v for k, v in system.items()}
    elif isinstance(system, (tuple, list)) and 2 <= len(system) <= 3:
        pairs = dict(zip(("systemType", "serialNumber", "purchaseDate"), system))
    else:
        return system  # the service reports INVALID_TYPE with the right path
    return {k: wire_date(v) for k, v in pairs.items() if v is not None}


def wire_systems(systems: Optional[Iterable[Any]]) -> Optional[List[Any]]:
    if systems is None or isinstance(systems, (str, bytes, Mapping)):
        return systems  # type: ignore[return-value]  # reported by the service as INVALID_TYPE
    return [wire_system(s) for s in systems]
