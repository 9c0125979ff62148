"""The systems CSV of ``request-keys``: one row per system, grouped into one key request
per customer (same company, contact and e-mail), in order of first appearance.

Header (any case, any order): ``company,contact,email,system_type,serial`` and,
optionally, ``purchase_date``. Comma, semicolon (Excel in es-MX) or tab separated;
UTF-8 with or without a byte-order mark.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple, Union

REQUIRED_COLUMNS = ("company", "contact", "email", "system_type", "serial")
OPTIONAL_COLUMNS = ("purchase_date",)

# requestKeys params -> CSV column, to point a field error at a cell.
WIRE_TO_COLUMN = {
    "company": "company", "contactName": "contact", "contactEmail": "email", "from": "email",
    "systemType": "system_type", "serialNumber": "serial", "purchaseDate": "purchase_date",
}


class CsvError(ValueError):
    """The file cannot be read as a systems CSV; the message says where and why."""


@dataclass
class SystemRow:
    line: int
    system_type: str
    serial: str
    purchase_date: Optional[str] = None

    def to_params(self) -> Dict[str, str]:
        params = {"systemType": self.system_type, "serialNumber": self.serial}
        if self.purchase_date:
            params["purchaseDate"] = self.purchase_date
        return params


@dataclass
class Customer:
    company: str
    contact: str
    email: str
    line: int
    systems: List[SystemRow] = field(default_factory=list)

    def locate(self, pointer: str) -> str:
        """``/systems/1/serialNumber`` -> ``line 3, column serial``."""
        parts = pointer.split("/")[1:]
        if len(parts) >= 2 and parts[0] == "systems" and parts[1].isdigit() and int(parts[1]) < len(self.systems):
            line = self.systems[int(parts[1])].line
            column = WIRE_TO_COLUMN.get(parts[2], parts[2]) if len(parts) > 2 else None
        else:
            line = self.line
            column = WIRE_TO_COLUMN.get(parts[0]) if parts else None
        return f"line {line}, column {column}" if column else f"line {line}"


def _column_name(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


class _Row:
    def __init__(self, cells: List[str], index: Dict[str, int]) -> None:
        self.cells, self.index = cells, index

    def cell(self, column: str) -> str:
        i = self.index.get(column)
        return self.cells[i] if i is not None and i < len(self.cells) else ""


def _records(reader: Iterator[List[str]], source: Path) -> Iterator[List[str]]:
    try:
        yield from reader
    except csv.Error as error:
        raise CsvError(f"{source}: line {getattr(reader, 'line_num', '?')}: {error} "
                       "(is a quoted field not closed?)") from error


def read_customers(path: Union[str, Path]) -> List[Customer]:
    """Reads the CSV and groups its rows into customers."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvError(f"{source}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except OSError as error:
        raise CsvError(f"{source}: {error.strerror or error}") from error
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=_delimiter(lines[0] if lines else ""), strict=True)
    header = next(reader, None)
    if not header:
        raise CsvError(f"{source}: empty file; the first line must be the header "
                       f"{','.join(REQUIRED_COLUMNS)}[,purchase_date]")
    names = [_column_name(h) for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    unknown = [h for h, n in zip(header, names) if n not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        problems = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + \
                   ([f"unknown column(s) {', '.join(unknown)}"] if unknown else [])
        raise CsvError(f"{source}: {'; '.join(problems)}; the header must be "
                       f"{','.join(REQUIRED_COLUMNS)}[,purchase_date]")
    index = {n: i for i, n in enumerate(names)}
    customers: Dict[Tuple[str, str, str], Customer] = {}
    start = reader.line_num + 1  # where the next record starts (a quoted field may span lines)
    for cells in _records(reader, source):
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            raise CsvError(f"{source}: line {line}: {len(cells)} cells, the header has {len(names)} "
                           "(quote text that contains the separator)")
        cell = _Row(cells, index).cell
        key = (cell("company").strip(), cell("contact").strip(), cell("email").strip().lower())
        customer = customers.get(key)
        if customer is None:
            customer = customers[key] = Customer(cell("company"), cell("contact"), cell("email"), line)
        customer.systems.append(SystemRow(line, cell("system_type"), cell("serial"),
                                          cell("purchase_date").strip() or None))
    if not customers:
        raise CsvError(f"{source}: no systems after the header")
    return list(customers.values())
