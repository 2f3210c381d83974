#!/usr/bin/env bash
# Runs `npm test` while other processes keep every core busy, as on a loaded CI machine.
# The suite must pass as it is: no retries, no longer timeouts. Busy loops stop when it ends.
set -uo pipefail
cd "$(dirname "$0")/.."
busy=${STRESS_PROCESSES:-4}
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait "${pids[@]}" 2>/dev/null; }
trap stop EXIT INT TERM
for _ in $(seq "$busy"); do
  node -e 'for (;;) {}' &
  pids+=("$!")
done
echo "test:stress: $busy busy-loop processes on $(nproc) cores; running npm test"
start=$(date +%s)
npm test -- "$@"
rc=$?
echo "test:stress: npm test exited $rc after $(( $(date +%s) - start )) s with $busy busy processes"
exit "$rc"
