# Sourced by demo.sh and test.sh: puts the pinned pnpm on a machine that has only Node.js
# and npm (corepack cannot be used here), then installs the locked dependencies.
export TURBO_TELEMETRY_DISABLED=1 npm_config_nodedir=/usr
PNPM_VERSION=12.21.0
if ! pnpm --version 2>/dev/null | grep -qx "$PNPM_VERSION"; then
  corepack disable pnpm 2>/dev/null || true
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi
pnpm install --frozen-lockfile "$@"
