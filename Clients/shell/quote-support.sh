#!/usr/bin/env bash
# A remote-support quote for installing the 2012 update (quoteSupport).
set -u
# shellcheck source=contpaqi-common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/contpaqi-common.sh" || exit 2

usage() {
    cat <<'EOF'
Usage: quote-support.sh [--iva RATE] [--json] PLAN [SYSTEMS] [USERS] [DATE]

Quotes CONTPAQ i remote support, in MXN, IVA included.

  PLAN      quarterly | semiannual | annual  (support policies), or perEvent
  SYSTEMS   number of systems, 1-1000 (default 1); a per-event quote is one event each
  USERS     users of the system; required for perEvent (more than 20: quoted per project)
  DATE      YYYY-MM-DD, decides the January promotion (default: today, Mexico City)
  Leave a middle argument empty ("") to skip it: quote-support.sh perEvent "" 5

Options:
  --iva RATE  IVA rate as a decimal, 0 to 1 (default 0.16)
  --json      print the result JSON as the service sent it (no jq needed)
  -h, --help

Environment:
  CONTPAQI_UPGRADE         the server binary (default: contpaqi-upgrade on PATH)
  CONTPAQI_UPGRADE_SOCKET  talk to the server on this Unix socket instead of in-process

Exit status: 0 quoted, 1 the service refused the input (the reason is printed),
2 usage, 3 the service cannot be reached.

Example:
  quote-support.sh annual 2 "" 2012-01-10
EOF
}

iva='' json=false
positional=()
while (($#)); do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --json) json=true ;;
        --iva) (($# >= 2)) || cu_usage_error "--iva needs a RATE"; iva=$2; shift ;;
        --iva=*) iva=${1#--iva=} ;;
        --) shift; positional+=("$@"); break ;;
        -[a-zA-Z-]*) cu_usage_error "unknown option '$1'" ;;
        *) positional+=("$1") ;;
    esac
    shift
done
((${#positional[@]} >= 1)) || cu_usage_error "PLAN is required (quarterly, semiannual, annual or perEvent)"
((${#positional[@]} <= 4)) || cu_usage_error "too many arguments: PLAN [SYSTEMS] [USERS] [DATE]"

params="{\"plan\":$(cu_json_string "${positional[0]}")"
[[ -n ${positional[1]:-} ]] && params+=",\"systems\":$(cu_json_integer "${positional[1]}")"
[[ -n ${positional[2]:-} ]] && params+=",\"users\":$(cu_json_integer "${positional[2]}")"
[[ -n ${positional[3]:-} ]] && params+=",\"date\":$(cu_json_string "${positional[3]}")"
[[ -n $iva ]] && params+=",\"ivaRate\":$(cu_json_string "$iva")"
params+='}'

cu_call quoteSupport "$params" || cu_fail_call $?

if $json || ! cu_have_jq; then
    printf '%s\n' "$CU_RESULT"
    exit 0
fi
jq -r '
    def amount: if . == null then "—" else . end;
    def spaces(n): if n > 0 then " " * n else "" end;
    def row(name; value): (value | amount) as $v | "\(name)\(spaces(20 - (name | length)))\(spaces(12 - ($v | length)))\($v)";
    "\(.planLabel): \(.systems) sistema(s)\(if .users then ", \(.users) usuario(s)" else "" end), \(.date)",
    row("Precio unitario:"; .unitPrice),
    row("Subtotal de lista:"; .listSubtotal),
    (.discount // empty | row("Descuento \(.percent)%:"; "-\(.amount)"), "  \(.reason)"),
    row("Subtotal:"; .subtotal),
    row("IVA (\(.ivaRate)):"; .iva),
    row("Total \(.currency):"; .total),
    (if (.includes | length) > 0 then "Incluye:", (.includes[] | "  - \(.)") else empty end),
    (if (.notes | length) > 0 then "Notas:", (.notes[] | "  - \(.)") else empty end)' <<<"$CU_RESULT"
