"""The service's methods, typed, written once for both ``Client`` (calls now) and
``Batch`` (queues for one round trip): each builds params and hands them to ``_submit``."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Dict, Iterable, Optional, Sequence, Union, cast

from .params import compact, wire_addresses, wire_date, wire_datetime, wire_decimal, wire_systems
from .catalog import Catalog
from .results import Eligibility, KeyRequest, Quote

DateLike = Union[date, str]
Convert = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


class _Default:
    """The client's default timeout (``Client(timeout=...)``)."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT: Any = _Default()
Timeout = Any  # float seconds, None for no limit, or DEFAULT


class ServiceMethods:
    """Typed wrappers of checkEligibility, quoteSupport, requestKeys, getCatalog, rpc.discover."""

    def _submit(self, method: str, params: Any, convert: Convert, timeout: Timeout) -> Any:
        raise NotImplementedError

    def check_eligibility(
        self,
        purchase_date: DateLike,
        system_type: Optional[str] = None,
        serial_number: Optional[str] = None,
        has_active_support_policy: Optional[bool] = None,
        *,
        timeout: Timeout = DEFAULT,
    ) -> Eligibility:
        """Whether a system bought on ``purchase_date`` gets the 2012 version at no cost."""
        params = compact(
            purchaseDate=wire_date(purchase_date),
            systemType=system_type,
            serialNumber=serial_number,
            hasActiveSupportPolicy=has_active_support_policy,
        )
        return cast(Eligibility, self._submit("checkEligibility", params, Eligibility.from_dict, timeout))

    def quote_support(
        self,
        plan: str,
        systems: Optional[int] = None,
        users: Optional[int] = None,
        date: Optional[DateLike] = None,
        iva_rate: Union[Decimal, str, int, float, None] = None,
        *,
        timeout: Timeout = DEFAULT,
    ) -> Quote:
        """A remote-support quote: ``plan`` is quarterly, semiannual, annual or perEvent."""
        params = compact(
            plan=plan, systems=systems, users=users, date=wire_date(date), ivaRate=wire_decimal(iva_rate)
        )
        return cast(Quote, self._submit("quoteSupport", params, Quote.from_dict, timeout))

    def request_keys(
        self,
        company: str,
        contact_name: str,
        contact_email: str,
        systems: Iterable[Any],
        from_: Optional[str] = None,
        cc: Union[str, Sequence[str], None] = None,
        bcc: Union[str, Sequence[str], None] = None,
        sent_at: Union[datetime, str, None] = None,
        *,
        timeout: Timeout = DEFAULT,
    ) -> KeyRequest:
        """The key-request e-mail (and .xlsx for several systems), ready to send.

        ``systems``: ``KeySystem`` objects, dicts (``systemType``/``system_type``...) or
        ``(system_type, serial_number[, purchase_date])`` tuples. ``sent_at``: an aware
        ``datetime`` or an RFC 3339 string with an offset.
        """
        params = compact(
            company=company,
            contactName=contact_name,
            contactEmail=contact_email,
            systems=wire_systems(systems),
            cc=wire_addresses(cc),
            bcc=wire_addresses(bcc),
            sentAt=wire_datetime(sent_at),
        )
        if from_ is not None:
            params["from"] = from_
        return cast(KeyRequest, self._submit("requestKeys", params, KeyRequest.from_dict, timeout))

    def get_catalog(self, *, timeout: Timeout = DEFAULT) -> Catalog:
        """System types, prices, promotions and key-request constants."""
        return cast(Catalog, self._submit("getCatalog", None, Catalog.from_dict, timeout))

    def discover(self, *, timeout: Timeout = DEFAULT) -> Dict[str, Any]:
        """The OpenRPC document (``rpc.discover``), as a dict."""
        return cast(Dict[str, Any], self._submit("rpc.discover", None, _identity, timeout))

    def call(self, method: str, params: Any = None, *, timeout: Timeout = DEFAULT) -> Any:
        """Any method, params as given (dict, list or None), the plain JSON result back."""
        return self._submit(method, params, _identity, timeout)
