"""``python -m contpaqi_upgrade request-keys systems.csv``: the written .eml and .xlsx are
read back with ``email`` and ``openpyxl``."""

import email
import email.policy
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import run_cli

HEADER = ["Nombre de la empresa", "Nombre del contacto", "Correo electrónico", "Tipo de sistema", "Número de serie"]

SEVERAL = (
    "\ufeffcompany,contact,email,system_type,serial\r\n"
    '"Abarrotes Peña, S.A. de C.V.",José Ñúñez,jose@example.com,nominas,aaaa-bbbb-cccc-0001\r\n'
    '"Abarrotes Peña, S.A. de C.V.",José Ñúñez,jose@example.com,CONTPAQ i – Factura electrónica,aaaa-bbbb-cccc-0002\r\n'
    '"Abarrotes Peña, S.A. de C.V.",José Ñúñez,jose@example.com,"contpaqi contabilidad",AAAA-BBBB-CCCC-0003\r\n'
)


def read_eml(path: Path):
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "CRLF line ends only"
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_several_systems_write_eml_and_xlsx(cli_env, tmp_path):
    source = tmp_path / "sistemas.csv"
    source.write_text(SEVERAL, encoding="utf-8")
    out = tmp_path / "salida"
    done = run_cli(["request-keys", str(source), "--out", str(out), "--sent-at", "2012-01-10T16:30:00-06:00",
                    "--cc", "ventas@example.com"], cli_env)
    assert done.returncode == 0, done.stderr
    eml_path, xlsx_path = out / "sistemas.eml", out / "sistemas.xlsx"
    assert done.stdout.split() == [str(eml_path), str(xlsx_path)]

    message = read_eml(eml_path)
    assert message["Subject"] == "Solicitud de claves para actualización sin costo"
    assert message["To"] == "claves@contpaqi.com" and message["Cc"] == "ventas@example.com"
    assert message["From"].addresses[0].display_name == "José Ñúñez"
    assert message["Date"].datetime == datetime(2012, 1, 10, 16, 30, tzinfo=timezone(timedelta(hours=-6)))
    assert message.get_content_type() == "multipart/mixed"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Buenas tardes") and "anexo un archivo" in body
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_filename() == "Relacion de sistemas sin costo.xlsx"
    attached = attachments[0].get_content()
    assert attached == xlsx_path.read_bytes(), "the .xlsx written is the one attached"

    workbook = load_workbook(io.BytesIO(attached))
    assert workbook.sheetnames == ["Sistemas"]
    rows = [list(r) for r in workbook["Sistemas"].iter_rows(values_only=True)]
    company = "Abarrotes Peña, S.A. de C.V."
    assert rows == [
        HEADER,
        [company, "José Ñúñez", "jose@example.com", "CONTPAQ i Nóminas", "AAAA-BBBB-CCCC-0001"],
        [company, "José Ñúñez", "jose@example.com", "CONTPAQ i Factura electrónica", "AAAA-BBBB-CCCC-0002"],
        [company, "José Ñúñez", "jose@example.com", "CONTPAQ i Contabilidad", "AAAA-BBBB-CCCC-0003"],
    ]


def test_one_system_writes_only_the_eml_next_to_the_csv(cli_env, tmp_path):
    source = tmp_path / "uno.csv"
    source.write_text("serial;email;contact;company;system_type;purchase_date\n"
                      "aaaa-bbbb-cccc-0009;ana@example.com;Ana;ACME;bancos;2011-09-01\n", encoding="utf-8")
    done = run_cli(["request-keys", str(source), "--sent-at", "2012-01-10T08:00:00-06:00"], cli_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(tmp_path / "uno.eml")]
    assert not (tmp_path / "uno.xlsx").exists()
    message = read_eml(tmp_path / "uno.eml")
    assert message.get_content_type() == "text/plain"
    body = message.get_content()
    assert body.startswith("Buenos días")
    assert "Tipo de sistema: CONTPAQ i Bancos" in body


def test_several_customers_get_numbered_files(cli_env, tmp_path):
    source = tmp_path / "clientes.csv"
    source.write_text("company,contact,email,system_type,serial\n"
                      "Uno,Ana,ana@example.com,bancos,AAAA-0000-0000-0001\n"
                      "Dos,Luis,luis@example.com,bancos,AAAA-0000-0000-0002\n"
                      "Uno,Ana,ANA@example.com,nominas,AAAA-0000-0000-0003\n", encoding="utf-8")
    done = run_cli(["request-keys", str(source)], cli_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(tmp_path / n) for n in ("clientes-1.eml", "clientes-1.xlsx", "clientes-2.eml")]
    assert "Luis" in read_eml(tmp_path / "clientes-2.eml").get_content()


def test_field_errors_point_at_csv_lines_and_columns(cli_env, tmp_path):
    source = tmp_path / "malo.csv"
    source.write_text("company,contact,email,system_type,serial\n"
                      "ACME,Ana,ana@example.com,bancos,AAAA-BBBB-CCCC-0001\n"
                      "ACME,Ana,ana@example.com,bancos,not-a-serial\n", encoding="utf-8")
    done = run_cli(["request-keys", str(source)], cli_env)
    assert done.returncode == 1
    assert "line 3, column serial" in done.stderr and "INVALID_SERIAL" in done.stderr
    assert not list(tmp_path.glob("*.eml"))


def test_pre_cutoff_row_is_reported(cli_env, tmp_path):
    source = tmp_path / "viejo.csv"
    source.write_text("company,contact,email,system_type,serial,purchase_date\n"
                      "ACME,Ana,ana@example.com,bancos,AAAA-BBBB-CCCC-0001,2011-01-15\n", encoding="utf-8")
    done = run_cli(["request-keys", str(source)], cli_env)
    assert done.returncode == 1
    assert "-32001" in done.stderr and "line 2, column purchase_date" in done.stderr


def test_multi_line_field_is_refused_as_header_injection(cli_env, tmp_path):
    source = tmp_path / "inject.csv"
    source.write_text('company,contact,email,system_type,serial\n'
                      '"ACME\nBcc: x@y.mx",Ana,ana@example.com,bancos,AAAA-BBBB-CCCC-0001\n', encoding="utf-8")
    done = run_cli(["request-keys", str(source)], cli_env)
    assert done.returncode == 1
    assert "line 2, column company" in done.stderr and "[INVALID_TEXT]" in done.stderr


@pytest.mark.parametrize("content, expected", [
    ('company,contact,email,system_type,serial\n"ACME,Ana,a@b.mx,bancos,AAAA-BBBB-CCCC-0001\n',
     "quoted field not closed"),
    ("company,contact,email,system_type\nA,B,c@d.mx,bancos\n", "missing column(s) serial"),
    ("company,contact,email,system_type,serial,notes\n", "unknown column(s) notes"),
    ("", "empty file"),
    ("company,contact,email,system_type,serial\n\n", "no systems"),
])
def test_malformed_csv_is_explained(cli_env, tmp_path, content, expected):
    source = tmp_path / "x.csv"
    source.write_text(content, encoding="utf-8")
    done = run_cli(["request-keys", str(source)], cli_env)
    assert done.returncode == 1
    assert expected in done.stderr


def test_request_keys_over_a_socket(cli_env, socket_server, tmp_path):
    source = tmp_path / "s.csv"
    source.write_text(SEVERAL, encoding="utf-8")
    done = run_cli(["--socket", str(socket_server.path), "request-keys", str(source)], cli_env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s.xlsx").read_bytes()[:2] == b"PK"
