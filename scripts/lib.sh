# Shared set-up for the project's scripts: a virtual environment with the pinned packages.
# Sourced by scripts/run-demo and scripts/test; works on a fresh Debian machine with only Python 3.11+.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${CCHC_VENV:-$ROOT/.venv}"

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Cần quyền root để cài: $*" >&2; return 1; fi
}

apt_install() {
  # apt_install [--lean] PACKAGE...: install Debian packages that are missing (--lean: without recommended ones).
  local options=()
  if [ "${1:-}" = "--lean" ]; then options+=(--no-install-recommends); shift; fi
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== Cài gói Debian: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${options[@]}" "${missing[@]}" >/dev/null
}

ensure_venv() {
  # ensure_venv REQUIREMENTS_FILE: create the venv if needed and install the pinned packages when they changed.
  local requirements="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      local version
      version="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      apt_install "python${version}-venv"
      "$PYTHON" -m venv "$VENV"
    fi
  fi
  local stamp="$VENV/.installed-$(basename "$requirements")"
  local digest
  digest="$(cat requirements/*.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "== Cài thư viện Python ($requirements)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements"
    echo "$digest" > "$stamp"
  fi
}

install_document_tools() {
  # LibreOffice turns the generated DOCX (receipts, apologies, reports) into PDF; Liberation fonts stand in for
  # Times New Roman with the same metrics.
  apt_install --lean libreoffice-writer-nogui fonts-liberation
}
