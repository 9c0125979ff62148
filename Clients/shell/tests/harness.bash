# shellcheck shell=bash
# The harness of the shell clients' tests, sourced by each test-*.sh here (not run).
# A test file defines test_* functions, then calls run_tests; that ends with
# "NAME: N passed, N failed" and exits 1 on a failure.
#
# The binary: $CONTPAQI_UPGRADE_BIN, else contpaqi-upgrade on PATH, else .build/release,
# else .build/debug of the package. Tests run in-process unless they set the socket.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SHELL_DIR=$(dirname "$HERE")
REPO_ROOT=$(cd "$SHELL_DIR/../.." && pwd)

find_binary() {
    local candidate
    if [[ -n ${CONTPAQI_UPGRADE_BIN:-} ]]; then printf '%s\n' "$CONTPAQI_UPGRADE_BIN"; return; fi
    if command -v contpaqi-upgrade >/dev/null 2>&1; then command -v contpaqi-upgrade; return; fi
    for candidate in "$REPO_ROOT/.build/release/contpaqi-upgrade" "$REPO_ROOT/.build/debug/contpaqi-upgrade"; do
        if [[ -x $candidate ]]; then printf '%s\n' "$candidate"; return; fi
    done
    echo "no contpaqi-upgrade binary: build it (swift build) or set CONTPAQI_UPGRADE_BIN" >&2
    exit 1
}
BINARY=$(find_binary) || exit 1
export CONTPAQI_UPGRADE=$BINARY
unset CONTPAQI_UPGRADE_SOCKET
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/contpaqi-shell-tests.XXXXXX")
SERVER_PID=''
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- a tiny harness -----------------------------------------------------------------
passed=0 failed=0 current_failed=0
fail() { printf '    %s\n' "$*" >&2; current_failed=1; }

run() { # run CMD...: sets OUT, ERR, RC
    "$@" >"$WORK/.stdout" 2>"$WORK/.stderr"
    RC=$?
    OUT=$(cat "$WORK/.stdout")
    ERR=$(cat "$WORK/.stderr")
}
expect_rc() { [[ $RC == "$1" ]] || fail "exit status $RC, expected $1 (stderr: ${ERR:0:300})"; }
expect_out() { [[ $OUT == *"$1"* ]] || fail "stdout lacks '$1': ${OUT:0:400}"; }
expect_err() { [[ $ERR == *"$1"* ]] || fail "stderr lacks '$1': ${ERR:0:400}"; }
expect_json() { # JQ_FILTER: true on stdout
    jq -e "$1" >/dev/null 2>&1 <<<"$OUT" || fail "stdout fails jq '$1': ${OUT:0:300}"
}

run_test() {
    current_failed=0
    "$1"
    if ((current_failed)); then failed=$((failed + 1)); echo "FAIL $1"; else passed=$((passed + 1)); echo "ok   $1"; fi
}

# shellcheck disable=SC2034  # used by the test files
CE=$SHELL_DIR/check-eligibility.sh QS=$SHELL_DIR/quote-support.sh RK=$SHELL_DIR/request-keys.sh

write_several() { # FILE: three systems of one customer, with quoted commas and accents
    {
        printf '\xef\xbb\xbfcompany,contact,email,system_type,serial\r\n'
        printf '"Abarrotes Peña, S.A. de C.V.",José Ñúñez,jose@example.com,nominas,aaaa-bbbb-cccc-0001\r\n'
        printf '"Abarrotes Peña, S.A. de C.V.",José Ñúñez,jose@example.com,"contpaqi factura electronica",aaaa-bbbb-cccc-0002\r\n'
        printf '"Abarrotes Peña, S.A. de C.V.",José Ñúñez,jose@example.com,bancos,AAAA-BBBB-CCCC-0003\r\n'
    } >"$1"
}

# run_tests: every test_* function of the calling file, in the order written (later
# tests may reuse earlier files).
run_tests() {
    local name
    # shellcheck disable=SC2013  # function names are single words
    for name in $(sed -n 's/^\(test_[a-z0-9_]*\)() {$/\1/p' "$0"); do
        run_test "$name"
    done
    echo "${0##*/}: $passed passed, $failed failed"
    ((failed == 0))
}
