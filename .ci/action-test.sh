#!/usr/bin/env bash
# Runs the action's script (.github/action.sh) as GitHub would, with simulated GITHUB_*
# variables, against the example organisation, and checks what it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/target/debug/nis2check"
cargo build --locked --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/summary.md"
printf 'previous step\n' > "$GITHUB_STEP_SUMMARY"
export NIS2CHECK_BIN="$bin" INPUT_PATH="fixtures/example-org" INPUT_FAIL_ON="" \
  INPUT_SARIF_FILE="$work/out.sarif" INPUT_AS_OF="2026-06-30" INPUT_ARGS="--policy-timeout 20"
set +e
bash .github/action.sh > "$work/stdout" 2> "$work/stderr"
code=$?
set -e
fail() { echo "action test: $*" >&2; echo "--- stdout" >&2; head -40 "$work/stdout" >&2; echo "--- stderr" >&2; cat "$work/stderr" >&2; exit 1; }
[ "$code" -eq 1 ] || fail "expected exit code 1 (findings), got $code"
grep -q '^::error file=' "$work/stdout" || fail "no error annotations"
# The example lives in fixtures/example-org of this git repository: GitHub needs the paths
# from the repository's root.
if git rev-parse --git-dir > /dev/null 2>&1; then
  grep -q '^::error file=fixtures/example-org/assets/' "$work/stdout" || fail "annotations are not relative to the repository root"
  grep -q '"uri": "fixtures/example-org/' "$INPUT_SARIF_FILE" || fail "SARIF paths are not relative to the repository root"
fi
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0" and d["runs"][0]["results"], "empty SARIF"' "$INPUT_SARIF_FILE" || fail "SARIF missing or invalid"
head -n 1 "$GITHUB_STEP_SUMMARY" | grep -q 'previous step' || fail "the job summary was overwritten instead of appended"
grep -q 'nis2check' "$GITHUB_STEP_SUMMARY" || fail "no job summary written"
grep -qE '^errors=[1-9][0-9]*$' "$GITHUB_OUTPUT" || fail "no errors output: $(cat "$GITHUB_OUTPUT")"
grep -qE '^exit-code=1$' "$GITHUB_OUTPUT" || fail "no exit-code output"
grep -qE '^waived=[0-9]+$' "$GITHUB_OUTPUT" || fail "no waived output"
# An input containing shell syntax is data, not code.
export INPUT_ARGS='--policy-timeout 20 $(touch '"$work"'/pwned)'
bash .github/action.sh > /dev/null 2>&1 || true
[ ! -e "$work/pwned" ] || fail "INPUT_ARGS was evaluated by the shell"
echo "action test: ok (exit 1, annotations, SARIF, appended job summary, outputs: $(tr '\n' ' ' < "$GITHUB_OUTPUT"))"
