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

# Every app a test hosts watches its configuration and content files, and a test project hosts many at once: more
# than the kernel's default of 128 inotify instances per user allows. File watching polls instead.
export DOTNET_USE_POLLING_FILE_WATCHER=1

log=$(mktemp)
results=$(mktemp -d)
trap 'rm -rf "$log" "$results"' EXIT

# Everything is built first (the benchmarks too: warnings are errors everywhere), then each test project runs on its
# own, bounded in time: a test that runs for more than 10 minutes is taken to hang, its test process is stopped and
# the test named, so that a hang fails the run with a name instead of running out the clock.
dotnet build Chronicle.slnx --nologo -v q -clp:NoSummary
# The house style (.editorconfig): the build already reports its code-style rules; this also checks the layout of
# every file, so that the code reads the same whoever wrote it.
echo "Checking the house style (dotnet format --verify-no-changes)..."
status=0
dotnet format Chronicle.slnx --verify-no-changes --no-restore -v q || { echo "dotnet format found code out of the house style: run 'dotnet format Chronicle.slnx' and commit."; status=1; }
# Every test's database (SQLite files, the throwaway PostgreSQL server's cluster), scenario folder and browser profile
# is thrown away when the test ends. Where the machine has a memory file system with room (/dev/shm), they live there:
# each SQLite commit otherwise waits for the disk, the largest single cost of the run, and guards nothing a test
# checks (a killed process loses nothing either way), as the test PostgreSQL server already runs with fsync off.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 4194304 ]; then
  TMPDIR=$(mktemp -d /dev/shm/chronicle-tests.XXXXXX)
  # Open to every user, as /tmp is: the test PostgreSQL server runs as its own user when the run is root's.
  chmod 1777 "$TMPDIR"
  export TMPDIR
  trap 'rm -rf "$log" "$results" "$TMPDIR"' EXIT
fi
for project in Core Cli Web; do
  case $project in Web) limit=45m ;; *) limit=15m ;; esac
  echo "Chronicle.$project.Tests, from $(date -u +%H:%M:%S) UTC:"
  # In a session of its own, so that whatever its tests leave running (a web app, a browser) is stopped with it and
  # cannot hold the run's output open; its output is followed until it ends.
  out="$results/$project.log"
  : >"$out" # made before it is followed, so that following it cannot race the test run's first line
  setsid -w timeout --kill-after=1m "$limit" dotnet test "tests/Chronicle.$project.Tests" --no-build --nologo \
    --blame-hang-timeout 10m --blame-hang-dump-type none \
    --logger "trx;LogFilePrefix=$project" --results-directory "$results" >"$out" 2>&1 &
  pid=$!
  tail -n +1 --pid="$pid" -f "$out" || true
  set +e
  wait "$pid"
  code=$?
  set -e
  kill -- -"$pid" 2>/dev/null || true
  cat "$out" >>"$log"
  if [ "$code" -eq 124 ]; then echo "Chronicle.$project.Tests was stopped after $limit."; fi
  if [ "$code" -ne 0 ]; then status=$code; fi
done

# The slowest tests, to see where the run's time goes.
echo "Slowest tests:"
cat "$results"/*.trx 2>/dev/null | grep -o 'testName="[^"]*"[^>]*duration="[^"]*"' \
  | sed -E 's/testName="([^"]*)".*duration="([^"]*)"/\2 \1/' | sort -r | head -15 | sed 's/^/  /' || true

# And the classes whose tests take longest in all (a class's set-up is paid by its first test).
echo "Slowest test classes (time summed over their tests):"
cat "$results"/*.trx 2>/dev/null | grep -o 'testName="[^"]*"[^>]*duration="[^"]*"' \
  | sed -E 's/testName="([^"(]*)[^"]*".*duration="([0-9]+):([0-9]+):([0-9.]+)"/\1 \2 \3 \4/' \
  | awk '{ name = $1; sub(/\.[^.]*$/, "", name); t[name] += $2 * 3600 + $3 * 60 + $4 }
         END { for (n in t) printf "%8.1f s %s\n", t[n], n }' | sort -rn | head -15 | sed 's/^/  /' || true

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
