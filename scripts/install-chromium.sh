#!/usr/bin/env bash
# Makes sure Chromium is at $CHROMIUM_PATH (default /usr/bin/chromium) for the console's
# browser tests: installs Debian's package when it is missing. The tests fail, not skip,
# without it.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then echo "Chromium is at $path"; exit 0; fi
echo "installing Chromium from Debian's packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
[ -x "$path" ] || { echo "Chromium is not at $path after installing it" >&2; exit 1; }
echo "Chromium installed at $path"
