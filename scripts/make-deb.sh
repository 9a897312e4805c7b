#!/bin/bash
# make-deb.sh — builds build/zhijian_VERSION_ARCH.deb from the release binary
# (build/zhijian) and the console (web/dist), both built by `make deb` first:
# the program, the console, a sandboxed systemd unit, the commented
# configuration /etc/zhijian/zhijian.conf (a conffile), the maintainer
# scripts (packaging/deb/) and the nginx and pgbouncer examples. Installing it
# creates the zhijian user and the database and starts the service where
# systemd runs; upgrading it applies the new migrations. Built with
# dpkg-deb (no debhelper: the tree is already built, and make test checks
# the package with lintian). VERSION defaults to 0.<commits>.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/zhijian ] && [ -f web/dist/index.html ] || { echo "make-deb: build first (make all web)" >&2; exit 1; }
VERSION=${VERSION:-0.$(git rev-list --count HEAD 2>/dev/null || echo 1)}
ARCH=$(dpkg --print-architecture)
P=packaging/deb
ROOT=build/deb/zhijian_${VERSION}_$ARCH
OUT=build/zhijian_${VERSION}_$ARCH.deb
rm -rf "$ROOT" && mkdir -p "$ROOT/DEBIAN"

install -D -m 0755 build/zhijian "$ROOT/usr/bin/zhijian"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$ROOT/usr/bin/zhijian"
mkdir -p "$ROOT/usr/share/zhijian"
cp -r web/dist "$ROOT/usr/share/zhijian/web"
install -D -m 0644 $P/zhijian.conf "$ROOT/etc/zhijian/zhijian.conf"
install -D -m 0644 $P/zhijian.service "$ROOT/lib/systemd/system/zhijian.service"
D=$ROOT/usr/share/doc/zhijian
install -D -m 0644 $P/copyright "$D/copyright"
install -D -m 0644 README.md "$D/README.md"
install -D -m 0644 docs/operations.md "$D/operations.md"
install -D -m 0644 docs/scale.md "$D/scale.md"
install -D -m 0644 $P/nginx.conf "$D/examples/nginx.conf"
install -D -m 0644 $P/pgbouncer.ini "$D/examples/pgbouncer.ini"
sed -e "s/VERSION/$VERSION/" -e "s/DATE/$(date -R -u -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")/" $P/changelog.in |
  gzip -9n >"$D/changelog.gz"
install -D -m 0644 $P/zhijian.1 "$ROOT/usr/share/man/man1/zhijian.1"
gzip -9n "$ROOT/usr/share/man/man1/zhijian.1"
find "$ROOT" -type d -exec chmod 0755 {} +
find "$ROOT/usr/share" -type f -exec chmod 0644 {} +

# what the binary links, as package names (dpkg -S on each library)
# (the libraries it names itself, not theirs)
deps=$(objdump -p build/zhijian | awk '/NEEDED/{print $2}' | while read -r so; do
  lib=$(ldd build/zhijian | awk -v so="$so" '$1 == so {print $3}')
  dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null
done | cut -d: -f1 | sort -u | while read -r pkg; do
  printf '%s (>= %s), ' "$pkg" "$(dpkg-query -W -f='${Version}' "$pkg" | sed 's/-[^-]*$//')"
done)
size=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat >"$ROOT/DEBIAN/control" <<CTL
Package: zhijian
Version: $VERSION
Architecture: $ARCH
Maintainer: Zhijian developers <dev@zhijian.example.org>
Installed-Size: $size
Depends: ${deps}adduser
Section: web
Priority: optional
Homepage: https://github.com/zhijian/zhijian
Description: quality and technical supervision information system
 The information system a city quality and technical supervision bureau
 (market supervision administration) runs its work on: regulated
 enterprises, food-safety sampling and verdicts against the national
 standards, special equipment and its inspection dates, enforcement cases
 with inter-agency consultation, complaints, a public portal, and a
 hash-chained audit log. SQLite for one bureau, PostgreSQL for a province.
 .
 The package runs the server as a sandboxed systemd service on SQLite
 (configuration in /etc/zhijian/zhijian.conf).
CTL
echo /etc/zhijian/zhijian.conf >"$ROOT/DEBIAN/conffiles"
install -m 0755 $P/postinst $P/prerm $P/postrm "$ROOT/DEBIAN/"
(cd "$ROOT" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$ROOT/DEBIAN/md5sums"
chmod 0644 "$ROOT/DEBIAN/md5sums" "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/conffiles"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >/dev/null
echo "make-deb: $OUT ($(du -h "$OUT" | cut -f1))"
