#!/usr/bin/env bash
# Is a CONTPAQ i system entitled to the free update to the 2012 version? (checkEligibility)
set -u
# shellcheck source=contpaqi-common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/contpaqi-common.sh" || exit 2

usage() {
    cat <<'EOF'
Usage: check-eligibility.sh [--policy] [--json] DATE [SYSTEM] [SERIAL]

Asks the contpaqi-upgrade service whether software bought on DATE (YYYY-MM-DD) may be
updated to the 2012 version at no cost (bought on or after 2011-07-01), and how the
update gets installed.

  DATE      purchase date, YYYY-MM-DD (not in the future)
  SYSTEM    optional system type: "nominas", "CONTPAQ i Bancos", ... (matched loosely)
  SERIAL    optional serial number, XXXX-XXXX-XXXX-XXXX

Options:
  --policy  the customer has a current remote-support policy (installation included)
  --json    print the result JSON as the service sent it (no jq needed)
  -h, --help

Environment:
  CONTPAQI_UPGRADE         the server binary (default: contpaqi-upgrade on PATH)
  CONTPAQI_UPGRADE_SOCKET  talk to the server on this Unix socket instead of in-process

Exit status: 0 answered (eligible or not: read the output), 1 the service refused the
input (the reason is printed), 2 usage, 3 the service cannot be reached.

Example:
  check-eligibility.sh 2011-08-15 nominas AAAA-BBBB-CCCC-DDDD
EOF
}

policy=false json=false
positional=()
while (($#)); do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --policy) policy=true ;;
        --json) json=true ;;
        --) shift; positional+=("$@"); break ;;
        -?*) cu_usage_error "unknown option '$1'" ;;
        *) positional+=("$1") ;;
    esac
    shift
done
((${#positional[@]} >= 1)) || cu_usage_error "DATE is required"
((${#positional[@]} <= 3)) || cu_usage_error "too many arguments: DATE [SYSTEM] [SERIAL]"

params="{\"purchaseDate\":$(cu_json_string "${positional[0]}")"
[[ -n ${positional[1]:-} ]] && params+=",\"systemType\":$(cu_json_string "${positional[1]}")"
[[ -n ${positional[2]:-} ]] && params+=",\"serialNumber\":$(cu_json_string "${positional[2]}")"
$policy && params+=',"hasActiveSupportPolicy":true'
params+='}'

cu_call checkEligibility "$params" || cu_fail_call $?

if $json || ! cu_have_jq; then
    printf '%s\n' "$CU_RESULT"
    exit 0
fi
jq -r '
    "Elegible: \(if .eligible then "sí" else "no" end)",
    "Fecha de compra: \(.purchaseDate) (fecha límite: \(.cutoffDate))",
    (.systemType // empty | "Sistema: \(.)"),
    (.serialNumber // empty | "Número de serie: \(.)"),
    .reason,
    (.keyRequest // empty | "Solicite las claves a \(.to), asunto: \(.subject)"),
    (.installation |
        if .includedInPolicy then
            "Instalación: incluida en su póliza; llame al \(.phone) al recibir las claves."
        else
            "Instalación (sin póliza vigente), opciones:",
            (.options[] | "  - \(.option): \(.description) (\(.quoteMethod): \(.plans | join(", ")))")
        end)' <<<"$CU_RESULT"
