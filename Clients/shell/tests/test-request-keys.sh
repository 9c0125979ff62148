#!/usr/bin/env bash
# request-keys.sh: the .eml and .xlsx written from a CSV, and errors pointing at CSV cells.
#   bash Clients/shell/tests/test-request-keys.sh
# shellcheck source=harness.bash
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/harness.bash" || exit 1

test_several_systems_write_eml_and_xlsx() {
    write_several "$WORK/sistemas.csv"
    run bash "$RK" --sent-at 2012-01-10T16:30:00-06:00 --cc ventas@example.com "$WORK/sistemas.csv" "$WORK/out"
    expect_rc 0
    [[ $OUT == "$WORK/out/sistemas.eml"$'\n'"$WORK/out/sistemas.xlsx" ]] || fail "paths printed: $OUT"
    local eml=$WORK/out/sistemas.eml xlsx=$WORK/out/sistemas.xlsx
    grep -q $'^Subject: =?UTF-8?' "$eml" || fail "Subject is RFC 2047-encoded"
    grep -q $'^Cc: ventas@example.com\r$' "$eml" || fail "Cc header"
    grep -q $'^Date: Tue, 10 Jan 2012 16:30:00 -0600\r$' "$eml" || fail "Date header from --sent-at"
    [[ $(grep -c $'\r$' "$eml") == $(wc -l <"$eml" | tr -d ' ') ]] || fail "every line ends in CRLF"
    [[ $(head -c 2 "$xlsx") == PK ]] || fail "the .xlsx is a zip package"
    if command -v python3 >/dev/null; then
        python3 - "$eml" "$xlsx" <<'EOF' || fail "python's email package reads it back"
import email, email.policy, sys, zipfile, io
message = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert message["Subject"] == "Solicitud de claves para actualización sin costo", message["Subject"]
assert message["From"].addresses[0].display_name == "José Ñúñez"
body = message.get_body(preferencelist=("plain",)).get_content()
assert body.startswith("Buenas tardes") and "anexo un archivo" in body, body
(attachment,) = message.iter_attachments()
data = attachment.get_content()
assert data == open(sys.argv[2], "rb").read()
names = zipfile.ZipFile(io.BytesIO(data)).namelist()
assert "xl/workbook.xml" in names, names
EOF
    fi
}

test_one_system_semicolons_no_xlsx() {
    printf 'serial;email;contact;company;system_type;purchase_date\n' >"$WORK/uno.csv"
    printf 'aaaa-bbbb-cccc-0009;ana@example.com;Ana;ACME;contabilidad;2011-09-01\n' >>"$WORK/uno.csv"
    run bash "$RK" --sent-at 2012-01-10T08:00:00-06:00 "$WORK/uno.csv"
    expect_rc 0
    [[ $OUT == "$WORK/uno.eml" ]] || fail "only the .eml, next to the CSV: $OUT"
    [[ ! -e $WORK/uno.xlsx ]] || fail "no .xlsx for one system"
    grep -q '^Content-Type: text/plain' "$WORK/uno.eml" || fail "a single text/plain part"
    grep -q '^Buenos d' "$WORK/uno.eml" || fail "morning greeting"
}

test_several_customers_numbered() {
    {
        echo 'company,contact,email,system_type,serial'
        echo 'Uno,Ana,ana@example.com,bancos,AAAA-0000-0000-0001'
        echo 'Dos,Luis,luis@example.com,bancos,AAAA-0000-0000-0002'
        echo 'Uno,Ana,ANA@example.com,nominas,AAAA-0000-0000-0003'
    } >"$WORK/clientes.csv"
    run bash "$RK" "$WORK/clientes.csv" "$WORK/numbered"
    expect_rc 0
    [[ $OUT == "$WORK/numbered/clientes-1.eml"$'\n'"$WORK/numbered/clientes-1.xlsx"$'\n'"$WORK/numbered/clientes-2.eml" ]] ||
        fail "files: $OUT"
}

test_request_errors_point_at_csv_cells() {
    {
        echo 'company,contact,email,system_type,serial,purchase_date'
        echo 'ACME,Ana,ana@example.com,bancos,AAAA-BBBB-CCCC-0001,'
        echo 'ACME,Ana,ana@example.com,bancos,not-a-serial,'
    } >"$WORK/malo.csv"
    run bash "$RK" "$WORK/malo.csv" "$WORK/malo"
    expect_rc 1
    expect_err "no key request for 'ACME': Invalid params (-32602)"
    expect_err "line 3, column serial"
    expect_err "[INVALID_SERIAL]"
    [[ -z $(ls "$WORK/malo") ]] || fail "nothing written on error"

    printf 'company,contact,email,system_type,serial,purchase_date\nACME,Ana,ana@example.com,bancos,AAAA-BBBB-CCCC-0001,2011-01-15\n' >"$WORK/viejo.csv"
    run bash "$RK" "$WORK/viejo.csv" "$WORK/viejo"
    expect_rc 1
    expect_err "Not eligible (-32001)"
    expect_err "line 2, column purchase_date"
    expect_err "[NOT_ELIGIBLE]"
}

test_malformed_csv() {
    printf 'company,contact,email,system_type\nA,B,c@d.mx,bancos\n' >"$WORK/x.csv"
    run bash "$RK" "$WORK/x.csv"
    expect_rc 1
    expect_err "missing column(s) serial"
    printf 'company,contact,email,system_type,serial,notes\n' >"$WORK/x.csv"
    run bash "$RK" "$WORK/x.csv"
    expect_err "unknown column(s) notes"
    printf 'company,contact,email,system_type,serial\n"ACME,Ana,a@b.mx,bancos,AAAA-BBBB-CCCC-0001\n' >"$WORK/x.csv"
    run bash "$RK" "$WORK/x.csv"
    expect_rc 1
    expect_err "quoted field is not closed"
    run bash "$RK" "$WORK/absent.csv"
    expect_rc 1
    expect_err "cannot read"
}

run_tests
