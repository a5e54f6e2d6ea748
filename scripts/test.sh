#!/usr/bin/env bash
# Chronicle's Test command: installs what a fresh Debian machine lacks (PostgreSQL's server, Chromium, the npm
# packages of the web app) and runs every test, on SQLite and on a throwaway PostgreSQL server the tests start.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-liberation)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${need[*]}..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -f src/Chronicle.Web/package.json ]; then
  (cd src/Chronicle.Web && npm ci --no-audit --no-fund --loglevel=error)
fi

# Every app a test hosts watches its configuration and content files, and the test projects run side by side: more
# apps at once than the kernel's default of 128 inotify instances per user allows. File watching polls instead.
export DOTNET_USE_POLLING_FILE_WATCHER=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Chronicle.slnx --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
