#!/usr/bin/env bash
# check-eligibility.sh and what all scripts share: --help, usage errors, escaping, exit 3.
#   bash Clients/shell/tests/test-check-eligibility.sh
# shellcheck source=harness.bash
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/harness.bash" || exit 1

test_help_of_every_script() {
    local script
    for script in "$CE" "$QS" "$RK"; do
        run bash "$script" --help
        expect_rc 0
        expect_out "Usage: ${script##*/}"
        expect_out "CONTPAQI_UPGRADE_SOCKET"
    done
}

test_eligible_purchase() {
    run bash "$CE" 2011-08-15 nominas aaaa-bbbb-cccc-dddd
    expect_rc 0
    expect_out "Elegible: sí"
    expect_out "Sistema: CONTPAQ i Nóminas"
    expect_out "Número de serie: AAAA-BBBB-CCCC-DDDD"
    expect_out "claves@contpaqi.com"
    expect_out "renewPolicy"
}

test_not_eligible_with_policy() {
    run bash "$CE" --policy 2011-06-30
    expect_rc 0
    expect_out "Elegible: no"
    expect_out "incluida en su póliza"
    [[ $OUT != *claves@contpaqi.com* ]] || fail "no key request when not eligible"
}

test_eligibility_json() {
    run bash "$CE" --json 2011-07-01 "CONTPAQ i – Factura electrónica"
    expect_rc 0
    expect_json '.eligible == true and .systemType == "CONTPAQ i Factura electrónica" and .cutoffDate == "2011-07-01"'
}

test_eligibility_invalid_input_lists_every_problem() {
    run bash "$CE" 2011-02-30 "no such system" bad-serial
    expect_rc 1
    expect_err "Invalid params (-32602)"
    expect_err "/purchaseDate"
    expect_err "[INVALID_DATE]"
    expect_err "[UNKNOWN_SYSTEM_TYPE]"
    expect_err "[INVALID_SERIAL]"
    [[ -z $OUT ]] || fail "nothing on stdout on error"
}

test_awkward_text_is_escaped_not_broken() {
    # Quotes, backslashes and control characters must reach the service as text (it
    # rejects them with INVALID_TEXT), never break the JSON (`call`'s exit 2).
    run bash "$CE" 2011-08-15 $'nom"inas\\\nx\001'
    expect_rc 1
    expect_err "/systemType: "
    expect_err "[INVALID_TEXT]"
    # A quoted CSV field may span lines; the newline reaches the service, which refuses
    # it as header injection.
    printf 'company,contact,email,system_type,serial\n"ACME\nBcc: x@y.mx",Ana,ana@example.com,bancos,AAAA-BBBB-CCCC-0001\n' >"$WORK/inject.csv"
    run bash "$RK" "$WORK/inject.csv" "$WORK/inject"
    expect_rc 1
    expect_err "line 2, column company"
    expect_err "[INVALID_TEXT]"
}

test_usage_errors_exit_2() {
    run bash "$CE"
    expect_rc 2
    expect_err "DATE is required"
    run bash "$CE" --frobnicate 2011-08-15
    expect_rc 2
    run bash "$QS" annual 1 2 2012-01-01 extra
    expect_rc 2
    run bash "$RK"
    expect_rc 2
}

test_missing_binary_exit_3() {
    CONTPAQI_UPGRADE=$WORK/no-such-binary run bash "$CE" 2011-08-15
    expect_rc 3
    expect_err "not an executable"
}

run_tests
