#!/usr/bin/env bash
# Runs the editor snippets of the README ("From editors") against the real binary: Neovim's
# vim.lsp.rpc and Emacs' jsonrpc.el, each over stdio with LSP framing. An editor that is not
# installed is skipped, visibly (Scripts/test-deps.sh installs both when it can).
set -euo pipefail
cd "$(dirname "$0")"
export CONTPAQI_UPGRADE_BIN=${CONTPAQI_UPGRADE_BIN:-$PWD/../../.build/release/contpaqi-upgrade}
expected='CONTPAQ i Nóminas: El software se adquirió el 15 de agosto de 2011, a partir del 1 de julio de 2011, por lo que tiene derecho a la actualización a la versión 2012 sin costo.
target version 2012
annual x2 in January: 12064.00 MXN'

check() {  # $1 = editor name, then its command line
  local name=$1; shift
  if ! command -v "$1" >/dev/null; then echo "$name: SKIPPED (not installed)"; return; fi
  local out
  out=$(timeout 60 "$@" 2>/dev/null) || { echo "$name: FAILED (exit $?)"; exit 1; }
  if [ "$out" != "$expected" ]; then printf '%s: FAILED, it printed:\n%s\n' "$name" "$out"; exit 1; fi
  echo "$name: ok"
}
check neovim nvim --headless -u NONE -i NONE -c 'luafile contpaqi-upgrade.lua' -c 'qa!'
check emacs emacs --batch -Q -l contpaqi-upgrade.el
