#!/usr/bin/env bash
# Makes sure a local PostgreSQL answers at $CHRONICLE_TEST_POSTGRES_URL (default
# postgres://postgres@127.0.0.1:5432/postgres) for the database tests: starts the Debian
# cluster if it is installed and down, installs it from Debian's packages if missing.
set -euo pipefail
url="${CHRONICLE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
ready() { psql "$url" -Atqc 'select 1' >/dev/null 2>&1; }
if ready; then echo "PostgreSQL is up"; exit 0; fi
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then echo "no PostgreSQL cluster found" >&2; exit 1; fi
# Local TCP connections by trust for the test role (the machine is the CI sandbox).
hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -1)
if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
  sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
fi
# shellcheck disable=SC2086
pg_ctlcluster --skip-systemctl-redirect $cluster start || true
for _ in $(seq 1 30); do ready && { echo "PostgreSQL started"; exit 0; }; sleep 1; done
echo "PostgreSQL did not start; see /var/log/postgresql" >&2
exit 1
