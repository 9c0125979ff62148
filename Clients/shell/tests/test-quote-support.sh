#!/usr/bin/env bash
# quote-support.sh against the real server binary, in-process.
#   bash Clients/shell/tests/test-quote-support.sh
# shellcheck source=harness.bash
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/harness.bash" || exit 1

test_january_annual_quote() {
    run bash "$QS" annual 2 "" 2012-01-10
    expect_rc 0
    expect_out "Póliza de soporte remoto anual"
    expect_out "Descuento 20%:"
    expect_out "-2600.00"
    expect_out "12064.00"
    expect_out "pregunte por los precios de promoción"
    run bash "$QS" --json annual 2 "" 2012-01-10
    expect_json '.total == "12064.00" and .discount.percent == "20" and .multiSystemPromotion == true'
}

test_per_event_quotes() {
    run bash "$QS" --json perEvent 1 5 2012-03-01
    expect_rc 0
    expect_json '.unitPrice == "1200.00" and .total == "1392.00" and .discount == null'
    run bash "$QS" perEvent "" 21
    expect_rc 0
    expect_out "Se cotizará por proyecto"
    expect_out "—"
}

test_iva_option() {
    run bash "$QS" --json --iva 0.160 quarterly "" "" 2012-05-01
    expect_json '.ivaRate == "0.16" and .total == "2900.00"'
    run bash "$QS" --json --iva=0 quarterly
    expect_json '.iva == "0.00" and .total == "2500.00"'
}

test_quote_errors() {
    run bash "$QS" weekly
    expect_rc 1
    expect_err "/plan: "
    expect_err "[INVALID_VALUE]"
    run bash "$QS" perEvent 2
    expect_rc 1
    expect_err "/users: "
    expect_err "[REQUIRED]"
    run bash "$QS" annual 007 many
    expect_rc 1
    expect_err "/systems: "
    expect_err "/users: "
    expect_err "[INVALID_TYPE]"
}

run_tests
