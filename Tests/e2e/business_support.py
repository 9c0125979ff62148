"""Helpers for the business and schema tests: one long-lived `serve --stdio` process per
test module, the source document's sample data, and "today" in Mexico City."""

from __future__ import annotations

import base64
import datetime
import itertools
import json
import select
import subprocess
import zoneinfo

import pytest

import rpc

SOURCE_SUBJECT = "Solicitud de claves para actualización sin costo"
CATALOG = ["CONTPAQ i Factura electrónica", "CONTPAQ i Contabilidad", "CONTPAQ i Nóminas", "CONTPAQ i Bancos"]
HEADER_ROW = ("Nombre de la empresa", "Nombre del contacto", "Correo electrónico", "Tipo de sistema", "Número de serie")

COMPANY = "Empresa de muestra, S.A. de C.V."
CONTACT = "Raul Gonzalez Rivera"
EMAIL = "rgonzalez@empresamuestra.com.mx"
#: The four rows of the source document's spreadsheet, as they must come back.
FOUR_SYSTEMS = [
    ("CONTPAQ i Factura electrónica", "AAAA-BBBB-CCCC-DDDD"),
    ("CONTPAQ i Contabilidad", "AAAA-BBBB-CCCC-EEEE"),
    ("CONTPAQ i Nóminas", "AAAA-BBBB-CCCC-FFFF"),
    ("CONTPAQ i Bancos", "AAAA-BBBB-CCCC-GGGG"),
]
AFTERNOON = "2012-01-10T16:30:00-06:00"


def system(system_type, serial, purchase_date=None) -> dict:
    item = {"systemType": system_type, "serialNumber": serial}
    if purchase_date is not None:
        item["purchaseDate"] = purchase_date
    return item


def key_request(systems=None, **fields) -> dict:
    """requestKeys params for the sample customer; `fields` override or add members."""
    params = {"company": COMPANY, "contactName": CONTACT, "contactEmail": EMAIL,
              "systems": systems if systems is not None
              else [system("CONTPAQ i – Factura electrónica", "Aaaa-Bbbb-Cccc-Dddd")],
              "sentAt": AFTERNOON}
    params.update(fields)
    return params


def four_systems_request(**fields) -> dict:
    """The source's second example: the four systems, written the way people type them."""
    typed = ["Factura electrónica", "contpaqi contabilidad", "NOMINAS", "CONTPAQ i – Bancos"]
    return key_request([system(t, s.lower()) for t, (_, s) in zip(typed, FOUR_SYSTEMS)], **fields)


def mexico_today() -> datetime.date:
    return datetime.datetime.now(zoneinfo.ZoneInfo("America/Mexico_City")).date()


def attachment_bytes(result: dict) -> bytes:
    return base64.b64decode(result["attachment"]["contentBase64"], validate=True)


def error_summary(response: dict) -> list[str]:
    """`["path CODE", …]` of a -32602/-32001 response."""
    return [f'{e["path"]} {e["code"]}' for e in response["error"]["data"]["errors"]]


class StdioService:
    """One `serve --stdio` process; `call` sends a request and waits for its answer."""

    def __init__(self):
        self.process = subprocess.Popen([rpc.BIN, "serve", "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.ids = itertools.count(1)

    def call(self, method: str, params=None) -> dict:
        """The whole response object (with `result` or `error`)."""
        request_id = next(self.ids)
        self.process.stdin.write(rpc.line(rpc.request(request_id, method, params)))
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], rpc.TIMEOUT)
        assert ready, f"no answer to {method} within {rpc.TIMEOUT}s"
        response = json.loads(self.process.stdout.readline())
        assert response.get("id") == request_id, response
        assert response.get("error", {}).get("code") != -32603, response
        return response

    def result(self, method: str, params=None):
        response = self.call(method, params)
        assert "result" in response, f"{method} failed: {response.get('error')}"
        return response["result"]

    def error(self, method: str, params=None) -> dict:
        response = self.call(method, params)
        assert "error" in response, f"{method} unexpectedly answered {str(response)[:300]}"
        return response

    def close(self):
        self.process.stdin.close()
        assert self.process.wait(timeout=rpc.TIMEOUT) == 0


@pytest.fixture(scope="module")
def service():
    running = StdioService()
    yield running
    running.close()
