#!/usr/bin/env bash
# Builds a fuzz target with libFuzzer on stable Rust and runs it for SECONDS (default 600).
#
#   .fuzz/run.sh [SECONDS] [more libFuzzer flags]               # the pipeline (target `check`)
#   TARGET=policy .fuzz/run.sh [SECONDS] [more libFuzzer flags]  # the organisation's policies
#
# cargo-fuzz needs nightly only for its sanitizer flags; the coverage instrumentation libFuzzer
# feeds on is available on stable as `-C passes=sancov-module` plus LLVM options, so this builds
# with the ordinary toolchain. Seeds for `check`: every fixture repository, written as one case
# each (files joined with `#@@ PATH` header lines, see src/lib.rs); for `policy`: every built-in
# rule (moved out of the reserved namespace) and the policies of fixtures/hostile. Crashes land
# in artifacts/; replay one with `target/<host>/release/$TARGET artifacts/crash-…`.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
shift || true
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
--cfg fuzzing"
# An explicit --target keeps the instrumentation out of build scripts and proc macros.
target="$(rustc -vV | sed -n 's/^host: //p')"
fuzz_target="${TARGET:-check}"
cargo build --release --bin "$fuzz_target" --target "$target"
mkdir -p "seeds/$fuzz_target" "corpus/$fuzz_target" artifacts
if [ "$fuzz_target" = policy ]; then
python3 - <<'PY'
import pathlib, re
out = pathlib.Path("seeds/policy")
for f in sorted(pathlib.Path("../policies").rglob("*.rego")) + sorted(pathlib.Path("../fixtures/hostile").rglob("*.rego")):
    text = re.sub(r"(?m)^package nis2check\.", "package org.", f.read_text())
    text = text.replace("data.nis2check.", "data.org.")
    (out / str(f).strip("./").replace("/", "__")).write_text(text)
PY
else
python3 - <<'PY'
import os, pathlib
root = pathlib.Path("../fixtures")
for d in sorted(p for p in root.rglob("*") if p.is_dir()):
    if not any(f.suffix == ".toml" for f in d.iterdir() if f.is_file()):
        continue
    if any(any(f.suffix == ".toml" for f in a.iterdir() if f.is_file()) for a in d.parents if a != root and root in a.parents):
        continue
    out = bytearray()
    for f in sorted(d.rglob("*.toml")):
        if not f.is_file() or f.is_symlink():
            continue
        out += b"#@@ " + str(f.relative_to(d)).encode() + b"\n" + f.read_bytes()
        if not out.endswith(b"\n"):
            out += b"\n"
    (pathlib.Path("seeds/check") / str(d.relative_to(root)).replace("/", "__")).write_bytes(out)
PY
fi
exec "./target/$target/release/$fuzz_target" "corpus/$fuzz_target" "seeds/$fuzz_target" -max_total_time="$secs" -max_len=131072 -timeout=30 \
  -rss_limit_mb=4096 -artifact_prefix=artifacts/ -print_final_stats=1 "$@"
