#!/usr/bin/env bash
# npm test: the type check and the test suite side by side (tsc takes one core for about 15 s
# while jest's workers wait on child processes and sockets), failing if either fails. Arguments
# go to jest.
set -uo pipefail
cd "$(dirname "$0")/.."
tsc_out=$(mktemp)
trap 'rm -f "$tsc_out"' EXIT
npx tsc --noEmit -p . >"$tsc_out" 2>&1 &
tsc_pid=$!
npx jest "$@"
jest_rc=$?
wait "$tsc_pid"
tsc_rc=$?
if [ "$tsc_rc" -ne 0 ]; then
  cat "$tsc_out"
  echo "npm test: tsc --noEmit found type errors (exit $tsc_rc)" >&2
fi
if [ "$jest_rc" -ne 0 ] || [ "$tsc_rc" -ne 0 ]; then exit 1; fi
