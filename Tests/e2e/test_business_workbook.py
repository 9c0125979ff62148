"""The .xlsx attachment read by independent tools: zipfile, `unzip -t`, openpyxl."""

import io
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from business_support import (COMPANY, CONTACT, EMAIL, FOUR_SYSTEMS, HEADER_ROW, attachment_bytes,  # noqa: F401
                              four_systems_request, key_request, service, system)


@pytest.fixture(scope="module")
def workbook(service):
    return attachment_bytes(service.result("requestKeys", four_systems_request()))


def test_zipfile_finds_the_archive_intact(workbook):
    archive = zipfile.ZipFile(io.BytesIO(workbook))
    assert archive.testzip() is None
    names = archive.namelist()
    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml"} <= set(names)
    assert len(names) == len(set(names))


@pytest.mark.skipif(shutil.which("unzip") is None, reason="unzip is not installed")
def test_unzip_finds_the_archive_intact(workbook, tmp_path):
    path = tmp_path / "Relacion de sistemas sin costo.xlsx"
    path.write_bytes(workbook)
    done = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No errors detected" in done.stdout


def test_openpyxl_reads_back_the_source_spreadsheet(workbook):
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["Sistemas"]
    sheet = book["Sistemas"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [HEADER_ROW] + [(COMPANY, CONTACT, EMAIL, t, s) for t, s in FOUR_SYSTEMS]
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for cell in sheet[2])
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row)


def test_column_widths_fit_the_content(workbook):
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["Sistemas"]
    for column in "ABCDE":
        longest = max(len(str(cell.value)) for cell in sheet[column])
        assert sheet.column_dimensions[column].width >= longest


def test_rows_follow_request_order_and_xml_special_characters(service):
    company = 'A&B <"Ñ"> \'x\' ]]> Ltd'
    systems = [system("bancos", "ZZZZ-0000-0000-0001"), system("nominas", "aaaa-0000-0000-0002"),
               system("bancos", "MMMM-0000-0000-0003")]
    result = service.result("requestKeys", key_request(systems, company=company))
    sheet = openpyxl.load_workbook(io.BytesIO(attachment_bytes(result)))["Sistemas"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in rows] == ["ZZZZ-0000-0000-0001", "AAAA-0000-0000-0002", "MMMM-0000-0000-0003"]
    assert {r[0] for r in rows} == {company}


def test_same_request_same_bytes(service):
    first = attachment_bytes(service.result("requestKeys", four_systems_request()))
    assert attachment_bytes(service.result("requestKeys", four_systems_request(sentAt="2013-05-05T09:00:00Z"))) == first
