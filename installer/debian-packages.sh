#!/usr/bin/env bash
# The machine set-up step of `make run`, `make test` and `make bundle`: finds, with one
# dpkg-query, which Debian packages the target needs are missing. As root it installs them
# (apt-get update once, then a noninteractive install); otherwise it prints the one apt-get
# command to run and fails. For `run` it also fails, with how to use Xvfb, when there is no display.
#
# usage: installer/debian-packages.sh run|test|bundle|venv
#   PY    the Python that makes the virtual environment (default python3)
#   VENV  the virtual environment's folder (default .venv); python3-venv is needed until it exists
set -euo pipefail

# Every Debian package the project needs, by the first target that needs it; kept here only.
# run: the Qt runtime libraries (xcb platform plugin, OpenGL, fontconfig, D-Bus) and a CJK font.
RUN_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-wqy-zenhei
)
# run without a display: a virtual X server (xvfb-run needs xauth).
XVFB_PACKAGES=(xvfb xauth)
# test: the PDF checks (poppler), .desktop validation, Debian's chromium for the /dept page, and
# a real CUPS queue on the cups-pdf backend for the printing tests (tests/helpers/cups.py).
TEST_PACKAGES=(poppler-utils desktop-file-utils chromium cups printer-driver-cups-pdf)
# bundle: objdump, which finds the C library version the .deb depends on; nm, readelf, as and
# ld, which rebuild the trimmed ICU data library (installer/icu_data.py).
BUNDLE_PACKAGES=(binutils)

group=${1:-}
PY=${PY:-python3}
VENV=${VENV:-.venv}
what="\`make $group\`"

has_display() {
  [ "$(uname -s)" != Linux ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]
}

case "$group" in
  run)
    wanted=("${RUN_PACKAGES[@]}")
    has_display || wanted+=("${XVFB_PACKAGES[@]}")
    ;;
  test) wanted=("${RUN_PACKAGES[@]}" "${XVFB_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  bundle)
    wanted=("${RUN_PACKAGES[@]}" "${XVFB_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${BUNDLE_PACKAGES[@]}")
    ;;
  venv) wanted=() what="creating $VENV" ;;
  *)
    echo "usage: $0 run|test|bundle|venv" >&2
    exit 2
    ;;
esac

# `python3 -m venv` needs Debian's pythonX.Y-venv (ensurepip) until the environment exists.
if [ ! -x "$VENV/bin/python" ] && ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
  case "$(basename "$PY")" in
    python3) wanted+=(python3-venv) ;;
    *) wanted+=("$(basename "$PY")-venv") ;;
  esac
fi

missing=()
if [ ${#wanted[@]} -gt 0 ]; then
  if command -v dpkg-query >/dev/null; then
    installed=" $(dpkg-query -W -f='${Package}=${Status}\n' "${wanted[@]}" 2>/dev/null \
      | sed -n 's/=install ok installed$//p' | tr '\n' ' ' || true)"
    for p in "${wanted[@]}"; do
      case "$installed" in *" $p "*) ;; *) missing+=("$p") ;; esac
    done
  else
    echo "stationdesk: not a Debian system; install the equivalents of: ${wanted[*]}" >&2
  fi
fi

status=0
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "stationdesk: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}"
  else
    how="As root, run:" sudo=""
    if command -v sudo >/dev/null; then how="Run:" sudo="sudo "; fi
    cat >&2 <<EOF
stationdesk: $what needs Debian packages that are not installed. $how

    ${sudo}apt-get install ${missing[*]}

and then try again (run as root, make installs them itself).
EOF
    status=1
  fi
fi

if [ "$group" = run ] && ! has_display; then
  [ "$status" = 0 ] || echo >&2
  cat >&2 <<'EOF'
stationdesk: `make run` opens a desktop window, and this session has no display (neither
DISPLAY nor WAYLAND_DISPLAY is set). Run it from a desktop session, or under a virtual X server:

    xvfb-run -a make run

For a smoke check with no display at all (the window is drawn offscreen; stop it with Ctrl-C):

    QT_QPA_PLATFORM=offscreen make run
EOF
  status=1
fi
exit "$status"
