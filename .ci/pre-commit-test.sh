#!/usr/bin/env bash
# Exercises .pre-commit-hooks.yaml with `pre-commit try-repo` against a small git repository
# that fails, and then passes once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
here="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One target folder for both hook installs, so the second one reuses the first build.
export PRE_COMMIT_HOME="$work/cache" NIS2CHECK_AS_OF="2026-06-30" CARGO_TARGET_DIR="$work/target"
repo="$work/repo"
cp -r fixtures/compliant-org "$repo"
cd "$repo"
git init -q
git -c user.name=ci -c user.email=ci@example.invalid add .
git -c user.name=ci -c user.email=ci@example.invalid -c commit.gpgsign=false commit -qm "clean compliance repository"
# Break it: MFA switched off on an asset of a file with an internet-facing asset (ACC001 or ACC002).
python3 - <<'PY'
import pathlib, re
p = next(p for p in pathlib.Path('.').rglob('*.toml') if 'internet_facing = true' in p.read_text())
t = p.read_text()
p.write_text(re.sub(r'mfa = true', 'mfa = false', t, count=1))
PY
git -c user.name=ci -c user.email=ci@example.invalid add .
if pre-commit try-repo "$here" nis2check --all-files > "$work/broken.log" 2>&1; then
  cat "$work/broken.log"; echo "pre-commit test: the hook passed on a broken repository" >&2; exit 1
fi
grep -qE 'error\[ACC00[12]\]' "$work/broken.log" || { cat "$work/broken.log"; echo "pre-commit test: no MFA finding (ACC001/ACC002) in the hook output" >&2; exit 1; }
git reset -q --hard HEAD   # back to the committed, clean state (index and files)
if ! pre-commit try-repo "$here" nis2check --all-files > "$work/clean.log" 2>&1; then
  cat "$work/clean.log"; echo "pre-commit test: the hook failed on the clean repository" >&2; exit 1
fi
echo "pre-commit test: ok (fails on the broken repository, passes on the clean one)"
