"""Command line: ``python -m contpaqi_upgrade [--socket PATH | --binary PATH] COMMAND``.

Exit codes follow ``contpaqi-upgrade call``: 0 done; 1 the service answered an error
(or a file could not be read/written); 2 usage; 3 the service cannot be reached.
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

from .client import Client
from .errors import ProtocolError, RpcError, TransportError
from .systems_csv import CsvError, Customer, read_customers
from .transport import find_binary

EXIT_OK, EXIT_RPC_ERROR, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m contpaqi_upgrade",
        description="Call the contpaqi-upgrade JSON-RPC service. Without --socket the server "
                    "binary is spawned and spoken to over its stdin/stdout.",
        epilog="Exit codes: 0 done, 1 error answered by the service, 2 usage, 3 server unreachable.",
    )
    parser.add_argument("--socket", metavar="PATH", default=os.environ.get("CONTPAQI_UPGRADE_SOCKET") or None,
                        help="Unix socket of a running server (default: $CONTPAQI_UPGRADE_SOCKET)")
    parser.add_argument("--binary", metavar="PATH",
                        help="server binary to spawn (default: $CONTPAQI_UPGRADE, else contpaqi-upgrade on PATH)")
    parser.add_argument("--timeout", metavar="SECONDS", type=float, default=30.0,
                        help="per-call timeout (default 30)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    call = commands.add_parser("call", help="one call; result JSON on stdout, error object on stderr")
    call.add_argument("method", metavar="METHOD")
    call.add_argument("params", metavar="PARAMS_JSON", nargs="?", help="params as a JSON object")

    keys = commands.add_parser(
        "request-keys",
        help="write the key-request .eml (and .xlsx) for each customer in a CSV",
        description="Reads a CSV with the header company,contact,email,system_type,serial"
                    "[,purchase_date], one row per system, and writes one key request per customer: "
                    "STEM.eml (CRLF, ready for sendmail -t) and, with several systems, STEM.xlsx. "
                    "STEM is the CSV's name, numbered (-1, -2...) when it holds several customers. "
                    "Prints the paths written.",
    )
    keys.add_argument("csv", metavar="CSV", type=Path)
    keys.add_argument("--out", metavar="DIR", type=Path, help="output folder (default: the CSV's folder)")
    keys.add_argument("--sent-at", metavar="DATETIME",
                      help="RFC 3339 date-time with offset for the Date header (default: now)")
    keys.add_argument("--from", dest="from_", metavar="ADDRESS", help="sender address (default: the contact's)")
    keys.add_argument("--cc", action="append", metavar="ADDRESS", help="copy to (repeatable)")
    keys.add_argument("--bcc", action="append", metavar="ADDRESS",
                      help="blind copy (repeatable; not written into the .eml headers)")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        client = _open(args)
    except TransportError as error:
        _complain(str(error))
        return EXIT_UNREACHABLE
    try:
        with client:
            if args.command == "call":
                return _call(client, args.method, args.params)
            return _request_keys(client, args)
    except TransportError as error:
        _complain(str(error))
        return EXIT_UNREACHABLE
    except (ProtocolError, TimeoutError) as error:
        _complain(str(error) or "no answer from the server in time")
        return EXIT_UNREACHABLE
    except BrokenPipeError:
        # The reader went away (`| head`): say nothing more, like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_RPC_ERROR


def _open(args: argparse.Namespace) -> Client:
    if args.socket:
        return Client.connect(args.socket, timeout=args.timeout)
    binary = args.binary or os.environ.get("CONTPAQI_UPGRADE") or None
    return Client.spawn([binary or find_binary(), "--log-level", "error"], timeout=args.timeout)


def _call(client: Client, method: str, params_text: Optional[str]) -> int:
    params = None
    if params_text is not None:
        try:
            params = json.loads(params_text)
        except ValueError as error:
            _complain(f"PARAMS_JSON is not valid JSON: {error}")
            return EXIT_USAGE
    try:
        result = client.call(method, params)
    except RpcError as error:
        print(json.dumps(error.to_object(), ensure_ascii=False), file=sys.stderr)
        return EXIT_RPC_ERROR
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return EXIT_OK


def _request_keys(client: Client, args: argparse.Namespace) -> int:
    try:
        customers = read_customers(args.csv)
    except CsvError as error:
        _complain(str(error))
        return EXIT_RPC_ERROR
    out = args.out or args.csv.resolve().parent
    status = EXIT_OK
    for number, customer in enumerate(customers, start=1):
        stem = args.csv.stem if len(customers) == 1 else f"{args.csv.stem}-{number}"
        try:
            request = client.request_keys(
                customer.company, customer.contact, customer.email,
                [row.to_params() for row in customer.systems],
                from_=args.from_, cc=args.cc, bcc=args.bcc, sent_at=args.sent_at,
            )
        except RpcError as error:
            _report(args.csv, customer, error)
            status = EXIT_RPC_ERROR
            continue
        try:
            out.mkdir(parents=True, exist_ok=True)
            print(request.write_eml(out / f"{stem}.eml"))
            if request.attachment is not None:
                print(request.write_attachment(out / f"{stem}.xlsx"))
        except OSError as error:
            _complain(f"cannot write into {out}: {error.strerror or error}")
            return EXIT_RPC_ERROR
    return status


def _report(csv_path: Path, customer: Customer, error: RpcError) -> None:
    _complain(f"{csv_path}: no key request for {customer.company!r}: {error.message} ({error.code})")
    for field_error in error.errors:
        _complain(f"  {csv_path}: {customer.locate(field_error.path)}: {field_error.message} "
                  f"[{field_error.code}]")
    if not error.errors:
        _complain(f"  {error}")


def _complain(text: str) -> None:
    print(f"contpaqi_upgrade: {text}", file=sys.stderr)
