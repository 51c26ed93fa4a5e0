#!/usr/bin/env bash
# Runs the given make targets (the test suites), up to TEST_JOBS at a time (default 2). Each suite's
# output goes to build/test-logs/<target>.log and is printed whole when the suite ends, so parallel
# suites never interleave. Every suite runs even after a failure; exits 1 when any failed.
set -uo pipefail

jobs_max="${TEST_JOBS:-2}"
logs="${TEST_LOG_DIR:-build/test-logs}"
make_cmd="${MAKE:-make}"
mkdir -p "$logs"

declare -A started_at=()
declare -A pid_of=()
failed=()
passed=()
queue=("$@")
start_all=$SECONDS

finish() {  # reports the suite whose job has ended
  local target="$1" rc="$2"
  local took=$((SECONDS - started_at[$target]))
  echo "=== $target (exit $rc, ${took} s)"
  cat "$logs/$target.log"
  if [ "$rc" -eq 0 ]; then passed+=("$target"); else failed+=("$target"); fi
}

while [ "${#queue[@]}" -gt 0 ] || [ "${#pid_of[@]}" -gt 0 ]; do
  while [ "${#queue[@]}" -gt 0 ] && [ "${#pid_of[@]}" -lt "$jobs_max" ]; do
    target="${queue[0]}"
    queue=("${queue[@]:1}")
    started_at[$target]=$SECONDS
    "$make_cmd" --no-print-directory "$target" >"$logs/$target.log" 2>&1 &
    pid_of[$target]=$!
    echo "--- started $target"
  done
  wait -n 2>/dev/null || true
  for target in "${!pid_of[@]}"; do
    pid="${pid_of[$target]}"
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid"
      rc=$?
      unset "pid_of[$target]"
      finish "$target" "$rc"
    fi
  done
done

echo "suites took $((SECONDS - start_all)) s in all"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all suites passed: ${passed[*]}"
