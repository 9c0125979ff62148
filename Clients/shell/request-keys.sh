#!/usr/bin/env bash
# Writes the key-request e-mail (.eml, and .xlsx for several systems) for each customer
# in a CSV of systems (requestKeys).
set -u
# shellcheck source=contpaqi-common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/contpaqi-common.sh" || exit 2

usage() {
    cat <<'EOF'
Usage: request-keys.sh [--sent-at DATETIME] [--from ADDRESS] [--cc ADDRESS]... CSV [OUTDIR]

Reads CSV, one row per system, with the header (any order, any case)
  company,contact,email,system_type,serial[,purchase_date]
(comma, semicolon or tab separated; UTF-8, with or without BOM; quote fields that
contain the separator), and writes one key request per customer (same company,
contact and e-mail) into OUTDIR (default: the CSV's folder):
  STEM.eml   the whole message, CRLF line ends: send it with `sendmail -t < STEM.eml`
             or open it in a mail program
  STEM.xlsx  the attached list of systems (only when the customer has several)
STEM is the CSV's name without extension, numbered (-1, -2, ...) when the CSV holds
several customers. The paths written are printed, one per line.

Options:
  --sent-at DATETIME  RFC 3339 with offset for the Date header (default: now)
  --from ADDRESS      sender address (default: the contact's e-mail)
  --cc ADDRESS        copy to (repeatable)
  -h, --help

Needs jq (Debian: apt-get install jq) to read the service's answer.

Environment:
  CONTPAQI_UPGRADE         the server binary (default: contpaqi-upgrade on PATH)
  CONTPAQI_UPGRADE_SOCKET  talk to the server on this Unix socket instead of in-process

Exit status: 0 all written, 1 a customer's request was refused (each problem is printed
with its CSV line and column) or the CSV cannot be read, 2 usage, 3 the service cannot
be reached.
EOF
}

sent_at='' from='' cc=()
positional=()
while (($#)); do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --sent-at | --from | --cc)
            (($# >= 2)) || cu_usage_error "$1 needs a value"
            case $1 in --sent-at) sent_at=$2 ;; --from) from=$2 ;; --cc) cc+=("$2") ;; esac
            shift ;;
        --) shift; positional+=("$@"); break ;;
        -?*) cu_usage_error "unknown option '$1'" ;;
        *) positional+=("$1") ;;
    esac
    shift
done
((${#positional[@]} >= 1)) || cu_usage_error "CSV is required"
((${#positional[@]} <= 2)) || cu_usage_error "too many arguments: CSV [OUTDIR]"
csv=${positional[0]}
outdir=${positional[1]:-$(dirname "$csv")}
[[ -f $csv && -r $csv ]] || cu_die "$CU_ERROR" "$csv: cannot read the file"
cu_have_jq || cu_die "$CU_ERROR" "jq is needed to read the service's answer (Debian: apt-get install jq)"
base=${csv##*/}
stem=${base%.*}
[[ -n $stem ]] || stem=$base

# csv_split RECORD DELIMITER: the fields into CSV_FIELDS; status 1 while a quote is open.
csv_split() {
    local record=$1 delimiter=$2 field='' quoted=false i=0 c
    CSV_FIELDS=()
    while ((i < ${#record})); do
        c=${record:i:1}
        if $quoted; then
            if [[ $c != '"' ]]; then field+=$c
            elif [[ ${record:i+1:1} == '"' ]]; then field+='"'; i=$((i + 1))
            else quoted=false; fi
        elif [[ $c == '"' && -z $field ]]; then quoted=true  # a quote opens only at a field's start
        elif [[ $c == "$delimiter" ]]; then CSV_FIELDS+=("$field"); field=''
        else field+=$c; fi
        i=$((i + 1))
    done
    $quoted && return 1
    CSV_FIELDS+=("$field")
}

# read_record: the next record (a quoted field may span lines) into CSV_FIELDS, the
# line it starts on into record_line.
line_number=0 record_line=0
read_record() {
    local line next
    IFS= read -r line <&3 || [[ -n $line ]] || return 1
    line_number=$((line_number + 1))
    record_line=$line_number
    line=${line%$'\r'}
    [[ $line_number == 1 ]] && line=${line#$'\xef\xbb\xbf'}
    [[ -n ${delimiter:-} ]] || delimiter=$(pick_delimiter "$line")
    until csv_split "$line" "$delimiter"; do
        IFS= read -r next <&3 || [[ -n $next ]] ||
            cu_die "$CU_ERROR" "$csv: line $line_number: a quoted field is not closed"
        line_number=$((line_number + 1))
        line+=$'\n'${next%$'\r'}
    done
}

pick_delimiter() {
    local commas=${1//[^,]/} semicolons=${1//[^;]/} tabs=${1//[^$'\t']/}
    if ((${#semicolons} > ${#commas} && ${#semicolons} >= ${#tabs})); then printf ';'
    elif ((${#tabs} > ${#commas})); then printf '\t'
    else printf ','; fi
}

lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

exec 3<"$csv"
read_record || cu_die "$CU_ERROR" "$csv: empty file; the first line must be the header company,contact,email,system_type,serial[,purchase_date]"
col_company='' col_contact='' col_email='' col_system_type='' col_serial='' col_purchase_date='' unknown=''
for ((i = 0; i < ${#CSV_FIELDS[@]}; i++)); do
    name=$(lower "$(cu_trim "${CSV_FIELDS[i]}")")
    name=${name// /_}
    name=${name//-/_}
    case $name in
        company | contact | email | system_type | serial | purchase_date) eval "col_$name=$i" ;;
        *) unknown+="${unknown:+, }${CSV_FIELDS[i]}" ;;
    esac
done
missing=''
for name in company contact email system_type serial; do
    eval "[[ -n \$col_$name ]]" || missing+="${missing:+, }$name"
done
if [[ -n $missing$unknown ]]; then
    problems=${missing:+missing column(s) $missing}
    [[ -n $unknown ]] && problems+="${problems:+; }unknown column(s) $unknown"
    cu_die "$CU_ERROR" "$csv: $problems; the header must be company,contact,email,system_type,serial[,purchase_date]"
fi
columns=${#CSV_FIELDS[@]}

# Customers in order of first appearance: parallel arrays, one entry per customer.
keys=() companies=() contacts=() emails=() systems=() lines=()
while read_record; do
    [[ ${CSV_FIELDS[*]} =~ [^[:space:]] ]] || continue  # a blank row
    ((${#CSV_FIELDS[@]} <= columns)) ||
        cu_die "$CU_ERROR" "$csv: line $record_line: ${#CSV_FIELDS[@]} cells, the header has $columns (quote text that contains the separator)"
    company=${CSV_FIELDS[col_company]:-} contact=${CSV_FIELDS[col_contact]:-} email=${CSV_FIELDS[col_email]:-}
    system="{\"systemType\":$(cu_json_string "${CSV_FIELDS[col_system_type]:-}"),\"serialNumber\":$(cu_json_string "${CSV_FIELDS[col_serial]:-}")"
    if [[ -n $col_purchase_date ]]; then
        purchase=$(cu_trim "${CSV_FIELDS[col_purchase_date]:-}")
        [[ -n $purchase ]] && system+=",\"purchaseDate\":$(cu_json_string "$purchase")"
    fi
    system+='}'
    key="$(cu_trim "$company")"$'\x1f'"$(cu_trim "$contact")"$'\x1f'"$(lower "$(cu_trim "$email")")"
    found=-1
    for ((g = 0; g < ${#keys[@]}; g++)); do [[ ${keys[g]} == "$key" ]] && { found=$g; break; }; done
    if ((found < 0)); then
        found=${#keys[@]}
        keys+=("$key") companies+=("$company") contacts+=("$contact") emails+=("$email") systems+=("") lines+=("")
    fi
    systems[found]+="${systems[found]:+,}$system"
    lines[found]+="${lines[found]:+ }$record_line"
done
exec 3<&-
((${#keys[@]} > 0)) || cu_die "$CU_ERROR" "$csv: no systems after the header"

options=''
[[ -n $from ]] && options+=",\"from\":$(cu_json_string "$from")"
[[ -n $sent_at ]] && options+=",\"sentAt\":$(cu_json_string "$sent_at")"
if ((${#cc[@]})); then
    list=''
    for address in "${cc[@]}"; do list+="${list:+,}$(cu_json_string "$address")"; done
    options+=",\"cc\":[$list]"
fi

# Where a field error points, as "line N, column NAME" of the CSV.
locate() { # GROUP POINTER
    local rows part index field column
    read -r -a rows <<<"${lines[$1]}"
    IFS=/ read -r _ part index field <<<"$2"
    if [[ $part == systems && $index =~ ^[0-9]+$ ]] && ((index < ${#rows[@]})); then
        column=$field
        printf 'line %s' "${rows[index]}"
    else
        column=$part
        printf 'line %s' "${rows[0]}"
    fi
    case $column in
        company) column=company ;; contactName) column=contact ;; contactEmail | from) column=email ;;
        systemType) column=system_type ;; serialNumber) column=serial ;; purchaseDate) column=purchase_date ;;
    esac
    [[ -n $column ]] && printf ', column %s' "$column"
}

mkdir -p "$outdir" || cu_die "$CU_ERROR" "cannot create $outdir"
status=$CU_OK
for ((g = 0; g < ${#keys[@]}; g++)); do
    name=$stem
    ((${#keys[@]} > 1)) && name="$stem-$((g + 1))"
    params="{\"company\":$(cu_json_string "${companies[g]}"),\"contactName\":$(cu_json_string "${contacts[g]}")"
    params+=",\"contactEmail\":$(cu_json_string "${emails[g]}"),\"systems\":[${systems[g]}]$options}"
    cu_call requestKeys "$params"
    call_status=$?
    case $call_status in
        0) ;;
        1)
            status=$CU_ERROR
            printf "%s: %s: no key request for '%s': %s\n" "$CU_SCRIPT" "$csv" "${companies[g]}" \
                "$(jq -r '"\(.message) (\(.code))"' <<<"$CU_STDERR")" >&2
            while IFS=$'\t' read -r path code message; do
                printf '  %s: %s: %s [%s]\n' "$csv" "$(locate "$g" "$path")" "$message" "$code" >&2
            done < <(jq -r '.data.errors[]? | [.path, .code, .message] | @tsv' <<<"$CU_STDERR")
            continue ;;
        *) cu_fail_call "$call_status" ;;
    esac
    jq -j '.message' <<<"$CU_RESULT" >"$outdir/$name.eml" || cu_die "$CU_ERROR" "cannot write $outdir/$name.eml"
    printf '%s\n' "$outdir/$name.eml"
    attachment=$(jq -r '.attachment.contentBase64 // empty' <<<"$CU_RESULT")
    if [[ -n $attachment ]]; then
        { printf '%s' "$attachment" | base64 -d 2>/dev/null || printf '%s' "$attachment" | base64 -D; } \
            >"$outdir/$name.xlsx" || cu_die "$CU_ERROR" "cannot write $outdir/$name.xlsx"
        printf '%s\n' "$outdir/$name.xlsx"
    fi
done
exit "$status"
