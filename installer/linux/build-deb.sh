#!/usr/bin/env bash
# Build the .deb of stationdesk from a one-folder bundle (make bundle), with dpkg-deb.
# Usage: installer/linux/build-deb.sh BUNDLE_DIR VERSION OUT.deb
#   /opt/stationdesk/          the bundle (stationdesk + _internal/)
#   /usr/bin/stationdesk       launcher
#   /usr/share/applications/stationdesk.desktop, /usr/share/icons/hicolor/*/apps/stationdesk.*
# Station data stays in each user's own data folder: removing or purging the package never
# touches it.
set -euo pipefail

bundle=$1
version=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=/opt/stationdesk

if [ ! -x "$bundle/stationdesk" ]; then
  echo "build-deb: no bundle at $bundle (run make bundle)" >&2
  exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
mkdir -p "$pkg/DEBIAN" "$pkg$prefix" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/doc/stationdesk"

cp -a "$bundle/." "$pkg$prefix/"

cat > "$pkg/usr/bin/stationdesk" <<LAUNCHER
#!/bin/sh
# stationdesk launcher: the program and everything it needs live in $prefix.
exec $prefix/stationdesk "\$@"
LAUNCHER
chmod 0755 "$pkg/usr/bin/stationdesk"

install -m 0644 "$here/stationdesk.desktop" "$pkg/usr/share/applications/stationdesk.desktop"
for size in 16 24 32 48 64 128 256; do
  dir=$pkg/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  install -m 0644 "$root/resources/icons/stationdesk-$size.png" "$dir/stationdesk.png"
done
mkdir -p "$pkg/usr/share/icons/hicolor/scalable/apps"
install -m 0644 "$root/resources/icons/stationdesk.svg" \
  "$pkg/usr/share/icons/hicolor/scalable/apps/stationdesk.svg"

cat > "$pkg/usr/share/doc/stationdesk/copyright" <<COPYRIGHT
stationdesk: offline desk application for community service stations.
It bundles Python, Qt (PySide6, LGPLv3) and the WenQuanYi Zen Hei font, whose licence follows.

COPYRIGHT
cat "$root/resources/fonts/wqy-zenhei.LICENSE.txt" >> "$pkg/usr/share/doc/stationdesk/copyright"

# The oldest C library the bundled binaries accept: the highest GLIBC_x.y any of them needs.
glibc=$(find "$pkg$prefix" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | xargs -0 objdump -T 2>/dev/null \
  | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -u -V | tail -n1)
arch=$(dpkg --print-architecture)
size_kb=$(du -sk "$pkg" | cut -f1)

cat > "$pkg/DEBIAN/control" <<CONTROL
Package: stationdesk
Version: $version
Architecture: $arch
Maintainer: stationdesk maintainers <maintainers@stationdesk.invalid>
Installed-Size: $size_kb
Depends: libc6 (>= $glibc), libgl1, libegl1
Recommends: cups-client
Section: misc
Priority: optional
Description: desk application for community service stations
 Offline desk for Chinese urban community service stations: resident intake
 and lookup, certificates within the district's reduced list, one-window case
 handling and sync with a district server. Self-contained: Python and Qt are
 bundled in $prefix.
CONTROL

cat > "$pkg/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
POSTINST
cat > "$pkg/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
# Station data lives in the users' own data folders and is never removed here.
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
POSTRM
chmod 0755 "$pkg/DEBIAN/postinst" "$pkg/DEBIAN/postrm"

mkdir -p "$(dirname "$out")"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out" >/dev/null
echo "$out ($(du -h "$out" | cut -f1), installs $((size_kb / 1024)) MB, libc6 >= $glibc)"
