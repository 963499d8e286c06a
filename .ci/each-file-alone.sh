#!/usr/bin/env bash
# Runs every test file alone (`npx vitest run <file>`, one vitest process per file, one at a time)
# and lists the files that fail alone: a file that passes only beside others depends on them.
# Usage: .ci/each-file-alone.sh [path ...]   (test files or folders; default: all of test/)
# Each run is shuffled with its own printed seed; CROSSWALK_TEST_SEED fixes one for all files.
# Heavy (one vitest start per file): not part of .ci/run; see docs/development.md.
set -uo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(find "${@:-test}" -name '*.test.ts' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no test files under: ${*:-test}" >&2; exit 2; fi

logs=$(mktemp -d)
failed=()
for file in "${files[@]}"; do
  seed=${CROSSWALK_TEST_SEED:-$RANDOM}
  log="$logs/$(echo "$file" | tr / _).log"
  start=$SECONDS
  if npx vitest run "$file" --sequence.seed="$seed" >"$log" 2>&1; then
    echo "pass  $file  (seed $seed, $((SECONDS - start)) s)"
  else
    echo "FAIL  $file  (seed $seed, $((SECONDS - start)) s; log: $log)"
    failed+=("$file")
  fi
done

echo "${#files[@]} files run alone, ${#failed[@]} failed"
for file in "${failed[@]}"; do echo "  $file"; done
[ "${#failed[@]}" -eq 0 ]
