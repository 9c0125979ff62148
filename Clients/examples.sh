#!/usr/bin/env bash
# Runs every ```bash and ```python block of a README (Clients/README.md by default), in
# order, so the README's examples cannot rot. Blocks tagged otherwise (```sh, ```text) are
# not run.
#
#   bash Clients/examples.sh [README.md]
#
# Each block runs in its own process (bash -euo pipefail, or python3), all in one scratch
# folder so later blocks see earlier files, with:
#   - contpaqi-upgrade ($CONTPAQI_UPGRADE_BIN, else PATH, else .build/release|debug) and
#     Clients/shell on PATH, and Clients/python/src importable (as if pip-installed);
#   - a server listening on a temporary socket, substituted for the README's
#     /run/contpaqi-upgrade/contpaqi-upgrade.sock.
# A block that exits non-zero fails the run. Ends with "N passed, N failed".
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$HERE")
README=$(realpath "${1:-$HERE/README.md}")
DOC_SOCKET=/run/contpaqi-upgrade/contpaqi-upgrade.sock

find_binary() {
    local candidate
    if [[ -n ${CONTPAQI_UPGRADE_BIN:-} ]]; then printf '%s\n' "$CONTPAQI_UPGRADE_BIN"; return; fi
    if command -v contpaqi-upgrade >/dev/null 2>&1; then command -v contpaqi-upgrade; return; fi
    for candidate in "$REPO_ROOT/.build/release/contpaqi-upgrade" "$REPO_ROOT/.build/debug/contpaqi-upgrade"; do
        if [[ -x $candidate ]]; then printf '%s\n' "$candidate"; return; fi
    done
    echo "examples.sh: no contpaqi-upgrade binary: build it or set CONTPAQI_UPGRADE_BIN" >&2
    exit 1
}
BINARY=$(find_binary)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/contpaqi-examples.XXXXXX")
SERVER_PID=''
cleanup() {
    if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/bin" "$WORK/blocks" "$WORK/scratch"
ln -s "$BINARY" "$WORK/bin/contpaqi-upgrade"
export PATH="$WORK/bin:$HERE/shell:$PATH"
export PYTHONPATH="$HERE/python/src${PYTHONPATH:+:$PYTHONPATH}"
unset CONTPAQI_UPGRADE CONTPAQI_UPGRADE_SOCKET

SOCKET=$WORK/s.sock
contpaqi-upgrade serve --socket "$SOCKET" --log-level error 2>"$WORK/server.log" &
SERVER_PID=$!
tries=0
until contpaqi-upgrade call --socket "$SOCKET" getCatalog >/dev/null 2>&1; do
    tries=$((tries + 1))
    if ((tries > 200)); then echo "examples.sh: the server did not start: $(cat "$WORK/server.log")" >&2; exit 1; fi
    sleep 0.05
done

# Each runnable block into blocks/NNN-LINE.{bash,python}, the socket path substituted.
awk -v dir="$WORK/blocks" -v from="$DOC_SOCKET" -v to="$SOCKET" '
    function sub_all(text,    out, i) {
        out = ""
        while ((i = index(text, from)) > 0) { out = out substr(text, 1, i - 1) to; text = substr(text, i + length(from)) }
        return out text
    }
    inside && /^```[[:space:]]*$/ { inside = 0; close(file); next }
    inside { print sub_all($0) > file; next }
    /^```(bash|python)[[:space:]]*$/ {
        inside = 1; n++
        kind = substr($0, 4); sub(/[[:space:]]+$/, "", kind)
        file = sprintf("%s/%03d-%d.%s", dir, n, NR + 1, kind)
        printf "" > file
    }
' "$README"

passed=0 failed=0
for block in "$WORK"/blocks/*; do
    [[ -e $block ]] || break
    name=${block##*/}
    line=${name#*-}
    line=${line%.*}
    echo "== ${README#"$REPO_ROOT"/} line $line (${name##*.})"
    case $name in
        *.bash) runner=(bash -euo pipefail "$block") ;;
        *.python) runner=(python3 "$block") ;;
    esac
    if (cd "$WORK/scratch" && "${runner[@]}"); then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: the example at $README line $line:" >&2
        sed 's/^/    /' "$block" >&2
    fi
done
if ((passed + failed == 0)); then
    echo "examples.sh: no \`\`\`bash or \`\`\`python block found in $README" >&2
    exit 1
fi
echo "examples: $passed passed, $failed failed"
((failed == 0))
