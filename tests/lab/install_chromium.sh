#!/usr/bin/env bash
# Install Debian's chromium for `make test-lab` when /usr/bin/chromium is missing (CI starts on a fresh machine).
# Playwright drives this browser through executable_path; nothing downloads a browser build of its own.
# Runs apt-get as root, or through sudo otherwise; refreshes the package lists first when they do not know
# chromium, and once more if the install fails on stale lists.
set -euo pipefail
BROWSER=/usr/bin/chromium
if [ -x "$BROWSER" ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
install() { "${APT[@]}" install -y --no-install-recommends chromium; }
echo "make test-lab: $BROWSER is missing; installing Debian's chromium with apt-get" >&2
if ! apt-cache show chromium >/dev/null 2>&1; then
    "${APT[@]}" update -qq
fi
if ! install; then
    echo "make test-lab: the install failed; refreshing the package lists and trying once more" >&2
    "${APT[@]}" update -qq
    install
fi
test -x "$BROWSER" || { echo "error: $BROWSER still missing after installing chromium" >&2; exit 1; }
