"""Typed results: money as ``Decimal``, dates as ``datetime.date``, the raw dict kept in ``raw``.

Field names are the wire names in snake_case. Fields the service may add later are
ignored here and stay readable in ``raw``.
"""

import base64
import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

Raw = Dict[str, Any]


def parse_money(value: Any) -> Optional[Decimal]:
    """A wire money string (or null) as a Decimal."""
    return None if value is None else Decimal(str(value))


def parse_date(value: Any) -> Optional[date]:
    """A wire ``YYYY-MM-DD`` (or null) as a date."""
    return None if value is None else date.fromisoformat(value)


@dataclass(frozen=True)
class KeyRequestAddress:
    """Where key requests go: ``to`` and ``subject``."""

    to: str
    subject: str


@dataclass(frozen=True)
class InstallationOption:
    """A way to get the update installed without a current support policy."""

    option: str
    description: str
    quote_method: str
    plans: List[str]


@dataclass(frozen=True)
class Installation:
    included_in_policy: bool
    phone: str
    options: List[InstallationOption]


@dataclass(frozen=True)
class Eligibility:
    """The result of ``checkEligibility``."""

    eligible: bool
    purchase_date: date
    cutoff_date: date
    target_version: str
    reason: str
    installation: Installation
    system_type: Optional[str] = None
    serial_number: Optional[str] = None
    key_request: Optional[KeyRequestAddress] = None
    raw: Raw = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, raw: Raw) -> "Eligibility":
        inst = raw["installation"]
        key = raw.get("keyRequest")
        return cls(
            eligible=bool(raw["eligible"]),
            purchase_date=date.fromisoformat(raw["purchaseDate"]),
            cutoff_date=date.fromisoformat(raw["cutoffDate"]),
            target_version=raw["targetVersion"],
            reason=raw["reason"],
            installation=Installation(
                included_in_policy=bool(inst["includedInPolicy"]),
                phone=inst["phone"],
                options=[
                    InstallationOption(o["option"], o["description"], o["quoteMethod"], list(o["plans"]))
                    for o in inst.get("options") or []
                ],
            ),
            system_type=raw.get("systemType"),
            serial_number=raw.get("serialNumber"),
            key_request=KeyRequestAddress(key["to"], key["subject"]) if key else None,
            raw=raw,
        )


@dataclass(frozen=True)
class Discount:
    percent: Decimal
    amount: Decimal
    reason: str


@dataclass(frozen=True)
class Quote:
    """The result of ``quoteSupport``. Amounts are ``None`` when ``custom_quote_required``."""

    plan: str
    plan_label: str
    currency: str
    systems: int
    users: Optional[int]
    date: date
    unit_price: Optional[Decimal]
    list_subtotal: Optional[Decimal]
    discount: Optional[Discount]
    subtotal: Optional[Decimal]
    iva_rate: Decimal
    iva: Optional[Decimal]
    total: Optional[Decimal]
    custom_quote_required: bool
    multi_system_promotion: bool
    includes: List[str]
    notes: List[str]
    raw: Raw = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, raw: Raw) -> "Quote":
        disc = raw.get("discount")
        return cls(
            plan=raw["plan"],
            plan_label=raw["planLabel"],
            currency=raw["currency"],
            systems=raw["systems"],
            users=raw.get("users"),
            date=date.fromisoformat(raw["date"]),
            unit_price=parse_money(raw.get("unitPrice")),
            list_subtotal=parse_money(raw.get("listSubtotal")),
            discount=Discount(Decimal(disc["percent"]), Decimal(disc["amount"]), disc.get("reason", ""))
            if disc else None,
            subtotal=parse_money(raw.get("subtotal")),
            iva_rate=Decimal(raw["ivaRate"]),
            iva=parse_money(raw.get("iva")),
            total=parse_money(raw.get("total")),
            custom_quote_required=bool(raw["customQuoteRequired"]),
            multi_system_promotion=bool(raw["multiSystemPromotion"]),
            includes=list(raw.get("includes") or []),
            notes=list(raw.get("notes") or []),
            raw=raw,
        )


@dataclass(frozen=True)
class KeySystem:
    """A system in a key request. Also accepted as input by ``request_keys``."""

    system_type: str
    serial_number: str
    purchase_date: Optional[date] = None


@dataclass(frozen=True)
class Attachment:
    filename: str
    media_type: str
    size: int
    content_base64: str

    @property
    def content(self) -> bytes:
        """The decoded file (an .xlsx workbook)."""
        return base64.b64decode(self.content_base64, validate=True)


@dataclass(frozen=True)
class KeyRequest:
    """The result of ``requestKeys``: the e-mail, parsed out and whole (``message``)."""

    to: List[str]
    from_: str
    cc: List[str]
    bcc: List[str]
    subject: str
    body: str
    systems: List[KeySystem]
    attachment: Optional[Attachment]
    message: str
    raw: Raw = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, raw: Raw) -> "KeyRequest":
        att = raw.get("attachment")
        return cls(
            to=list(raw["to"]),
            from_=raw["from"],
            cc=list(raw.get("cc") or []),
            bcc=list(raw.get("bcc") or []),
            subject=raw["subject"],
            body=raw["body"],
            systems=[
                KeySystem(s["systemType"], s["serialNumber"], parse_date(s.get("purchaseDate")))
                for s in raw["systems"]
            ],
            attachment=Attachment(att["filename"], att["mediaType"], att["size"], att["contentBase64"])
            if att else None,
            message=raw["message"],
            raw=raw,
        )

    @property
    def message_bytes(self) -> bytes:
        """The message as a mail program sends it (CRLF line ends, UTF-8)."""
        return self.message.encode("utf-8")

    def write_eml(self, path: Union[str, "os.PathLike[str]"]) -> Path:
        """Writes ``message`` byte for byte, ready for ``sendmail -t`` or a mail client."""
        target = Path(path)
        target.write_bytes(self.message_bytes)
        return target

    def write_attachment(self, path: Union[str, "os.PathLike[str]"]) -> Optional[Path]:
        """Writes the .xlsx when there is one (several systems); returns None otherwise."""
        if self.attachment is None:
            return None
        target = Path(path)
        target.write_bytes(self.attachment.content)
        return target
