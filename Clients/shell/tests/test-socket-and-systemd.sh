#!/usr/bin/env bash
# The scripts against a running server (CONTPAQI_UPGRADE_SOCKET), and the systemd units.
#   bash Clients/shell/tests/test-socket-and-systemd.sh
# shellcheck source=harness.bash
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/harness.bash" || exit 1

start_server() {
    SOCKET=$WORK/s.sock
    "$BINARY" serve --socket "$SOCKET" --log-level error 2>"$WORK/server.log" &
    SERVER_PID=$!
    local tries=0
    until "$BINARY" call --socket "$SOCKET" getCatalog >/dev/null 2>&1; do
        tries=$((tries + 1))
        ((tries < 200)) || { echo "the server did not start: $(cat "$WORK/server.log")" >&2; exit 1; }
        sleep 0.05
    done
}

test_scripts_over_a_socket() {
    start_server
    CONTPAQI_UPGRADE_SOCKET=$SOCKET run bash "$CE" --json 2011-08-15
    expect_rc 0
    expect_json '.eligible == true'
    CONTPAQI_UPGRADE_SOCKET=$SOCKET run bash "$QS" semiannual "" "" 2012-01-31
    expect_rc 0
    expect_out "3712.00"
    write_several "$WORK/socket.csv"
    CONTPAQI_UPGRADE_SOCKET=$SOCKET run bash "$RK" "$WORK/socket.csv" "$WORK/socket-out"
    expect_rc 0
    [[ -s $WORK/socket-out/socket.xlsx ]] || fail "the .xlsx over the socket"
    CONTPAQI_UPGRADE_SOCKET=$SOCKET run bash "$QS" weekly
    expect_rc 1
    expect_err "[INVALID_VALUE]"
    kill "$SERVER_PID"
    wait "$SERVER_PID" || fail "SIGTERM stops the server with status 0"
    SERVER_PID=''
    [[ ! -e $SOCKET ]] || fail "the server removes its socket file"
}

test_unreachable_socket_exit_3() {
    CONTPAQI_UPGRADE_SOCKET=$WORK/nobody.sock run bash "$CE" 2011-08-15
    expect_rc 3
    expect_err "cannot reach the server"
    write_several "$WORK/unreachable.csv"
    CONTPAQI_UPGRADE_SOCKET=$WORK/nobody.sock run bash "$RK" "$WORK/unreachable.csv" "$WORK/unreachable"
    expect_rc 3
}

test_systemd_units() {
    local units=$REPO_ROOT/Clients/systemd
    grep -q '^ListenStream=/run/contpaqi-upgrade/contpaqi-upgrade.sock$' "$units/contpaqi-upgrade.socket" ||
        fail "socket path"
    grep -q '^ExecStart=/usr/local/bin/contpaqi-upgrade serve' "$units/contpaqi-upgrade.service" || fail "ExecStart"
    if command -v systemd-analyze >/dev/null; then
        # verify checks that ExecStart exists: point it at the binary under test.
        mkdir -p "$WORK/units"
        cp "$units/contpaqi-upgrade.socket" "$WORK/units/"
        sed "s|/usr/local/bin/contpaqi-upgrade|$BINARY|" "$units/contpaqi-upgrade.service" >"$WORK/units/contpaqi-upgrade.service"
        run systemd-analyze verify "$WORK/units/contpaqi-upgrade.socket" "$WORK/units/contpaqi-upgrade.service"
        expect_rc 0
        [[ -z $ERR ]] || fail "systemd-analyze verify complains: $ERR"
    else
        echo "    (systemd-analyze not installed: units not verified)"
    fi
    if command -v systemd-socket-activate >/dev/null; then
        # The activation protocol for real: systemd-socket-activate listens and passes the
        # socket as fd 3 with LISTEN_FDS/LISTEN_PID, as the .socket unit does.
        local socket=$WORK/activated.sock pid tries=0
        systemd-socket-activate -l "$socket" "$BINARY" serve --log-level error 2>"$WORK/activate.log" &
        pid=$!
        until [[ -S $socket ]] || ((tries++ > 100)); do sleep 0.05; done
        CONTPAQI_UPGRADE_SOCKET=$socket run bash "$QS" --json annual 1 "" 2012-02-01
        expect_rc 0
        expect_json '.total == "7540.00"'
        kill "$pid"
        wait "$pid" || fail "the activated server stops with status 0: $(cat "$WORK/activate.log")"
        [[ -S $socket ]] || fail "under activation the socket file belongs to systemd and stays"
    fi
}

run_tests
