"""The key-request e-mail read back by Python's own `email` package (an independent reader):
same subject, body and attachment bytes; CRLF everywhere; the header rules of API.md §3."""

import datetime
import email
import email.utils
import re
from email import policy

import pytest

from business_support import (CONTACT, EMAIL, SOURCE_SUBJECT, attachment_bytes, four_systems_request,  # noqa: F401
                              key_request, service)


def parse(message: str):
    # message_from_bytes handles CRLF exactly as a mail program receiving it would.
    return email.message_from_bytes(message.encode("ascii"), policy=policy.default)


def body_of(parsed) -> str:
    """The text part as a reader shows it: `email` returns text in MIME's canonical form, with
    CRLF line ends, which must be the only line ends it holds."""
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    return text.replace("\r\n", "\n")


def test_single_system_message_parses_back(service):
    result = service.result("requestKeys", key_request())
    parsed = parse(result["message"])
    assert parsed["Subject"] == SOURCE_SUBJECT == result["subject"]
    assert body_of(parsed) == result["body"] + "\n"
    assert parsed.get_content_type() == "text/plain"
    assert not parsed.is_multipart()
    assert parsed["To"] == "claves@contpaqi.com"
    assert result["attachment"] is None


def test_source_example_body_line_by_line(service):
    result = service.result("requestKeys", key_request(company="Empresa de muestra S.A. de C.V."))
    assert body_of(parse(result["message"])).split("\n") == [
        "Buenas tardes", "",
        "Me permito solicitar mis claves para la actualización sin costo de mi sistema.", "",
        "Nombre de la empresa: Empresa de muestra S.A. de C.V.",
        "Nombre del contacto: Raul Gonzalez Rivera",
        "Correo electrónico del contacto: rgonzalez@empresamuestra.com.mx",
        "Tipo de sistema: CONTPAQ i Factura electrónica",
        "Número de serie: AAAA-BBBB-CCCC-DDDD", "",
        "Raul Gonzalez Rivera", "Empresa de muestra S.A. de C.V.", ""]


def test_multi_system_message_parses_back_with_the_same_attachment(service):
    result = service.result("requestKeys", four_systems_request(cc=["conta@empresamuestra.com.mx"]))
    parsed = parse(result["message"])
    assert parsed.get_content_type() == "multipart/mixed"
    assert parsed["Subject"] == SOURCE_SUBJECT
    assert body_of(parsed) == result["body"] + "\n"
    assert "anexo un archivo donde relaciono los números de serie actuales" in result["body"]
    attachments = list(parsed.iter_attachments())
    assert len(attachments) == 1
    part = attachments[0]
    assert part.get_filename() == "Relacion de sistemas sin costo.xlsx" == result["attachment"]["filename"]
    assert part.get_content_type() == result["attachment"]["mediaType"]
    data = part.get_content()
    assert data == attachment_bytes(result)
    assert len(data) == result["attachment"]["size"]
    assert "\n" not in result["attachment"]["contentBase64"]  # one unwrapped line in the result


@pytest.mark.parametrize("request_params", [key_request(), four_systems_request(contactName="Ñandú " * 33)],
                         ids=["one", "four-long-name"])
def test_every_line_is_crlf_and_within_the_limits(service, request_params):
    message = service.result("requestKeys", request_params)["message"]
    assert message.endswith("\r\n")
    assert "\n" not in message.replace("\r\n", "") and "\r" not in message.replace("\r\n", "")
    lines = message.split("\r\n")[:-1]
    assert max(len(line.encode()) for line in lines) <= 998
    assert message.isascii()
    body_lines = lines[lines.index("") + 1:]
    assert max(len(line) for line in body_lines) <= 76  # quoted-printable and base64


@pytest.mark.parametrize("sent_at, greeting", [
    ("2012-01-10T11:59:00-06:00", "Buenos días"), ("2012-01-10T12:00:00-06:00", "Buenas tardes"),
    ("2012-01-10T19:59:00-06:00", "Buenas tardes"), ("2012-01-10T20:00:00-06:00", "Buenas noches"),
    ("2012-01-10T11:59:00+09:00", "Buenos días"), ("2012-01-10T20:00:00Z", "Buenas noches")])
def test_greeting_follows_the_hour_in_its_own_offset(service, sent_at, greeting):
    result = service.result("requestKeys", key_request(sentAt=sent_at))
    assert body_of(parse(result["message"])).startswith(greeting + "\n\n")


@pytest.mark.parametrize("sent_at", ["2012-01-10T16:30:00-06:00", "2012-01-10T22:30:00Z", "2011-12-31T23:59:59+05:30"])
def test_date_header_keeps_the_offset(service, sent_at):
    parsed = parse(service.result("requestKeys", key_request(sentAt=sent_at))["message"])
    assert parsed["Date"].datetime == datetime.datetime.fromisoformat(sent_at.replace("Z", "+00:00"))
    assert parsed["Date"].datetime.utcoffset() == datetime.datetime.fromisoformat(sent_at.replace("Z", "+00:00")).utcoffset()


def test_bcc_never_in_the_message(service):
    result = service.result("requestKeys", four_systems_request(cc=["a@b.mx"], bcc=["oculto@secreto.mx", "x@y.mx"]))
    assert result["bcc"] == ["oculto@secreto.mx", "x@y.mx"]
    parsed = parse(result["message"])
    assert parsed["Bcc"] is None
    assert "secreto" not in result["message"] and "x@y.mx" not in result["message"]
    assert parsed["Cc"] == "a@b.mx"


@pytest.mark.parametrize("name", [CONTACT, "José Núñez", 'Ana "La Jefa" Ruiz', "Dr. O'Neil, Jr.", "=?utf-8?q?x?="])
def test_from_display_name(service, name):
    result = service.result("requestKeys", key_request(contactName=name))
    display, address = email.utils.parseaddr(str(parse(result["message"])["From"]))
    assert (display, address) == (name, EMAIL) == (name, result["from"])


LONG_NAMES = ["María Guadalupe Hernández Fernández de Córdoba y Sánchez", "Bérénice-Amélie Rosemonde Dûbois-Bénard",
              "Ma. Guadalupe Hernández-Fernández, Lic. en Contaduría Pública (Despacho Pérez)",
              "Raul Gonzalez Rivera" * 3]


@pytest.mark.parametrize("name", LONG_NAMES)
def test_long_display_names_read_back_exactly(service, name):
    # Longer than one encoded-word: split at the name's own spaces, so that even readers that
    # keep the space between adjacent encoded-words (CPython issue 128110) read it back whole.
    message = service.result("requestKeys", key_request(contactName=name))["message"]
    parsed = parse(message)
    assert parsed["From"].addresses[0].display_name == name
    assert parsed["From"].addresses[0].addr_spec == EMAIL
    head = message.split("\r\n\r\n", 1)[0].split("\r\n")
    assert max(len(line) for line in head) <= 78


def test_from_override_and_message_id_domain(service):
    result = service.result("requestKeys", key_request(**{"from": "envios@correo.otra.com.mx"}))
    parsed = parse(result["message"])
    assert email.utils.parseaddr(str(parsed["From"]))[1] == "envios@correo.otra.com.mx" == result["from"]
    assert re.fullmatch(r"<[^<>@\s]+@correo\.otra\.com\.mx>", parsed["Message-ID"])
    own = parse(service.result("requestKeys", key_request())["message"])
    assert own["Message-ID"].endswith("@empresamuestra.com.mx>")
    assert own["MIME-Version"] == "1.0"


def test_subject_is_rfc2047_encoded_without_a_trailing_period(service):
    message = service.result("requestKeys", key_request())["message"]
    raw = re.search(r"^Subject: (.*(?:\r\n .*)*)", message, re.M).group(1)
    assert raw.startswith("=?") and not raw.endswith(".")
    assert parse(message)["Subject"] == SOURCE_SUBJECT
