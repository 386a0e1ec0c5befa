#!/usr/bin/env bash
# The script of action.yml. Inputs arrive as environment variables (never interpolated into
# the workflow's shell text): INPUT_PATH, INPUT_FAIL_ON, INPUT_SARIF_FILE, INPUT_ARGS,
# INPUT_AS_OF. NIS2CHECK_BIN is the binary to run (default: nis2check on PATH).
#
# It writes GitHub annotations and the job summary (--format github), a SARIF file, and the
# step outputs errors, warnings, notes, waived and exit-code. Its exit code is the check's.
set -uo pipefail

bin="${NIS2CHECK_BIN:-nis2check}"
path="${INPUT_PATH:-.}"
sarif="${INPUT_SARIF_FILE:-nis2check.sarif}"

common=()
if [ -n "${INPUT_FAIL_ON:-}" ]; then common+=(--fail-on "$INPUT_FAIL_ON"); fi
if [ -n "${INPUT_AS_OF:-}" ]; then common+=(--as-of "$INPUT_AS_OF"); fi
# Extra arguments are split on white space, never evaluated by the shell.
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then read -r -a extra <<< "$INPUT_ARGS"; fi

# GitHub places annotations and SARIF results relative to the root of the git repository:
# when the compliance folder is a subfolder, its paths need the folder's place in front.
place=()
case " ${extra[*]-} " in
  *" --path-prefix "* | *" --path-prefix="*) ;;
  *)
    if prefix="$(git -C "$path" rev-parse --show-prefix 2>/dev/null)" && [ -n "$prefix" ]; then
      place+=(--path-prefix "$prefix")
    fi
    ;;
esac

# One run writes the annotations and the job summary (stdout), the SARIF file and the JSON the
# counts come from: all three describe the same evaluation.
json_file="$(mktemp)"
trap 'rm -f "$json_file"' EXIT
"$bin" check "$path" --format github --sarif-output "$sarif" --json-output "$json_file" \
  "${common[@]}" "${place[@]}" "${extra[@]}"
code=$?

count() {
  # the first occurrence of the key is the one in "summary"
  sed -n "s/^ *\"$1\": \([0-9]*\),\{0,1\}$/\1/p" "$json_file" | head -n 1
}
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "errors=$(count errors)"
    echo "warnings=$(count warnings)"
    echo "notes=$(count notes)"
    echo "waived=$(count waived)"
    echo "exit-code=$code"
    echo "sarif-file=$sarif"
  } >> "$GITHUB_OUTPUT"
fi
exit "$code"
