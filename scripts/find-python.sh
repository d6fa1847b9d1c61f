#!/usr/bin/env bash
# Print the command of a Python the course supports, or stop with a message saying how to get one.
#   scripts/find-python.sh [PYTHON]
# PYTHON (default python3) is used when its version is supported; otherwise the newest supported
# python3.X on PATH. The supported versions are pyproject.toml's requires-python (a test checks that
# the two agree). Nothing is installed: `make book` calls this before it creates .venv.
set -euo pipefail
SUPPORTED=(3.13 3.12 3.11)
wanted="${1:-python3}"

version_of() {
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}
supported() {
  local v
  for v in "${SUPPORTED[@]}"; do [ "$1" = "$v" ] && return 0; done
  return 1
}

if command -v "$wanted" >/dev/null 2>&1; then
  have=$(version_of "$wanted" || true)
  have=${have:-"unknown (it did not run)"}
  if supported "$have"; then
    echo "$wanted"
    exit 0
  fi
else
  have="not found"
fi
for v in "${SUPPORTED[@]}"; do
  candidate="python$v"
  if command -v "$candidate" >/dev/null 2>&1 && [ "$(version_of "$candidate" || true)" = "$v" ]; then
    echo "'$wanted' is Python $have; using $candidate instead." >&2
    echo "$candidate"
    exit 0
  fi
done
cat >&2 <<MSG
error: the course needs Python 3.11, 3.12 or 3.13, but '$wanted' is Python $have and no python3.11,
python3.12 or python3.13 is on PATH. Install one (Debian/Ubuntu: apt install python3.12-venv, or from
python.org, pyenv or uv), then run, for example:  make book PYTHON=python3.12
Nothing has been installed.
MSG
exit 1
