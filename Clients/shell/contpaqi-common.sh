# shellcheck shell=bash
# Shared by check-eligibility.sh, quote-support.sh and request-keys.sh (sourced, not run).
# Keep the three scripts and this file together when you copy them.
#
# Portable bash (3.2 and later: no associative arrays, no ${var,,}). jq is used only to
# read results and error objects; params are built here, in bash.

# Exit codes, the same as `contpaqi-upgrade call`.
# shellcheck disable=SC2034  # used by the scripts that source this file
CU_OK=0 CU_ERROR=1 CU_USAGE=2 CU_UNREACHABLE=3

CU_SCRIPT=${0##*/}

cu_die() { # STATUS MESSAGE...
    local status=$1
    shift
    printf '%s: %s\n' "$CU_SCRIPT" "$*" >&2
    exit "$status"
}

cu_usage_error() {
    printf '%s: %s\nTry '\''%s --help'\''.\n' "$CU_SCRIPT" "$*" "$CU_SCRIPT" >&2
    exit "$CU_USAGE"
}

cu_have_jq() { command -v jq >/dev/null 2>&1; }

# The server binary: $CONTPAQI_UPGRADE, else contpaqi-upgrade on PATH.
cu_binary() {
    if [[ -n ${CONTPAQI_UPGRADE:-} ]]; then
        [[ -x $CONTPAQI_UPGRADE ]] || cu_die "$CU_UNREACHABLE" "CONTPAQI_UPGRADE=$CONTPAQI_UPGRADE is not an executable file"
        printf '%s\n' "$CONTPAQI_UPGRADE"
    elif command -v contpaqi-upgrade >/dev/null 2>&1; then
        command -v contpaqi-upgrade
    else
        cu_die "$CU_UNREACHABLE" "contpaqi-upgrade is not on PATH; set CONTPAQI_UPGRADE to the binary"
    fi
}

# A JSON string literal for any text: \ and " escaped, control characters as \uXXXX (the
# service then rejects them with INVALID_TEXT, which is the message the user should see).
cu_json_string() {
    local s=$1 out='' c i
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    s=${s//$'\t'/\\t}
    case $s in
        *[$'\001'-$'\037'$'\177']*)
            for ((i = 0; i < ${#s}; i++)); do
                c=${s:i:1}
                case $c in
                    [$'\001'-$'\037'$'\177']) out+=$(printf '\\u%04x' "'$c") ;;
                    *) out+=$c ;;
                esac
            done
            s=$out
            ;;
    esac
    printf '"%s"' "$s"
}

# A JSON integer when the text is one, else a JSON string (the service explains the error).
cu_json_integer() {
    if [[ $1 =~ ^-?(0|[1-9][0-9]{0,17})$ ]]; then printf '%s' "$1"; else cu_json_string "$1"; fi
}

cu_trim() {
    local s=$1
    s=${s#"${s%%[![:space:]]*}"}
    s=${s%"${s##*[![:space:]]}"}
    printf '%s' "$s"
}

# cu_call METHOD PARAMS_JSON: sets CU_RESULT (stdout of the call) and CU_STDERR, returns
# the call's exit status. In-process, or against $CONTPAQI_UPGRADE_SOCKET when set.
# shellcheck disable=SC2034  # CU_RESULT is read by the calling script
cu_call() {
    local binary errfile status
    binary=$(cu_binary) || exit $?
    errfile=$(mktemp "${TMPDIR:-/tmp}/contpaqi-upgrade.XXXXXX") || cu_die "$CU_ERROR" "cannot create a temporary file"
    if [[ -n ${CONTPAQI_UPGRADE_SOCKET:-} ]]; then
        CU_RESULT=$("$binary" call --socket "$CONTPAQI_UPGRADE_SOCKET" "$1" "$2" 2>"$errfile")
    else
        CU_RESULT=$("$binary" call "$1" "$2" 2>"$errfile")
    fi
    status=$?
    CU_STDERR=$(cat "$errfile")
    rm -f "$errfile"
    return "$status"
}

# Prints the RPC error object in CU_STDERR for a person: the message, then one line per
# field error (path, Spanish message, code). Without jq, the JSON as it came.
cu_print_rpc_error() {
    if cu_have_jq && jq -e 'type == "object" and has("code")' >/dev/null 2>&1 <<<"$CU_STDERR"; then
        jq -r --arg script "$CU_SCRIPT" '
            "\($script): \(.message) (\(.code))",
            (.data.errors[]? | "  \(if .path == "" then "(params)" else .path end): \(.message) [\(.code)]"),
            (.data.method // empty | "  no such method: \(.)"),
            (.data.reason // empty | "  \(.)")' <<<"$CU_STDERR" >&2
    else
        printf '%s: %s\n' "$CU_SCRIPT" "$CU_STDERR" >&2
    fi
}

# After a failed cu_call: explain and exit with the matching status.
cu_fail_call() { # STATUS
    case $1 in
        1) cu_print_rpc_error; exit "$CU_ERROR" ;;
        3) printf '%s: %s\n' "$CU_SCRIPT" "${CU_STDERR#contpaqi-upgrade: }" >&2; exit "$CU_UNREACHABLE" ;;
        *) printf '%s: %s\n' "$CU_SCRIPT" "${CU_STDERR:-contpaqi-upgrade call failed with status $1}" >&2
           exit "$CU_ERROR" ;;
    esac
}
