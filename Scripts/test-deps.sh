# Sourced by Scripts/test.sh: installs what the tests need on a machine that has only the
# Swift toolchain, Python 3 and apt, so that the README's test command is the whole setup.
#  - system tools through apt when we are root; otherwise it stops at once with the one
#    command that installs them;
#  - the Python test packages, pinned in Scripts/test-requirements.txt, into a virtual
#    environment under .build/ (nothing is installed into the system's Python), put first
#    on PATH for the rest of the run.
# Optional tools (LibreOffice, Neovim, Emacs) are tried the same way; when they cannot be
# installed, the tests that use them say they were skipped.

required_tools=(jq:jq unzip:unzip nc:netcat-openbsd)
optional_tools=(libreoffice:libreoffice-calc-nogui nvim:neovim emacs:emacs-nox)

missing_packages() {  # $@ = command:package pairs; prints the packages whose command is absent
  local pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null || printf '%s ' "${pair#*:}"; done
}

apt_install() {  # $@ = packages; true when they were installed
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  echo "installing with apt: $*"
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } >/dev/null
}

needed=$(missing_packages "${required_tools[@]}")
if [ -n "$needed" ] && ! apt_install $needed; then
  echo "the tests need: $needed— install them with:"
  echo "  sudo apt-get install -y $needed"
  exit 1
fi
wanted=$(missing_packages "${optional_tools[@]}")
if [ -n "$wanted" ] && ! apt_install $wanted; then
  echo "warning: could not install $wanted(the tests that use them are skipped)"
fi

venv=.build/test-venv
stamp=$venv/.requirements
if ! cmp -s Scripts/test-requirements.txt "$stamp" 2>/dev/null; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian's python3 leaves venv (ensurepip) to a package of its own.
    apt_install python3-venv || { echo "Python's venv is missing: sudo apt-get install -y python3-venv"; exit 1; }
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r Scripts/test-requirements.txt
  cp Scripts/test-requirements.txt "$stamp"
fi
PATH=$PWD/$venv/bin:$PATH
export PATH
