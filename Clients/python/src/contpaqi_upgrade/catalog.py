"""The result of ``getCatalog``, typed like the other results (see ``results.py``)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Dict, List, Optional

from .results import Raw, parse_money


@dataclass(frozen=True)
class PolicyPrice:
    plan: str
    label: str
    price: Decimal


@dataclass(frozen=True)
class PerEventPrice:
    """``max_users``/``price`` are None for the top band (quoted per project)."""

    min_users: int
    max_users: Optional[int]
    price: Optional[Decimal]


@dataclass(frozen=True)
class Promotion:
    months: List[int]
    percent: Decimal
    plans: List[str]
    description: str


@dataclass(frozen=True)
class Catalog:
    """The result of ``getCatalog``: everything a form needs for its drop-downs."""

    target_version: str
    cutoff_date: date
    system_types: List[str]
    serial_number_pattern: str
    key_request: Dict[str, Any]
    installation_phone: str
    currency: str
    iva_rate: Decimal
    support_policies: List[PolicyPrice]
    per_event: List[PerEventPrice]
    promotions: List[Promotion]
    multi_system_note: str
    raw: Raw = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, raw: Raw) -> "Catalog":
        return cls(
            target_version=raw["targetVersion"],
            cutoff_date=date.fromisoformat(raw["cutoffDate"]),
            system_types=list(raw["systemTypes"]),
            serial_number_pattern=raw["serialNumberPattern"],
            key_request=dict(raw["keyRequest"]),
            installation_phone=raw["installation"]["phone"],
            currency=raw["currency"],
            iva_rate=Decimal(raw["ivaRate"]),
            support_policies=[PolicyPrice(p["plan"], p["label"], Decimal(p["price"]))
                              for p in raw["supportPolicies"]],
            per_event=[PerEventPrice(b["minUsers"], b.get("maxUsers"), parse_money(b.get("price")))
                       for b in raw["perEvent"]],
            promotions=[Promotion(list(p["months"]), Decimal(p["percent"]), list(p["plans"]),
                                  p.get("description", "")) for p in raw["promotions"]],
            multi_system_note=raw["multiSystemNote"],
            raw=raw,
        )
