#!/usr/bin/env python3
"""Reads `nis2check check --format junit` with junitparser, a JUnit reader CI tools use, and
checks that what it reads agrees with `--format json` of the same run.

    pip install junitparser
    python3 tests/junit_check.py [--bin target/debug/nis2check] [FIXTURE ...]

Exits 1 on the first disagreement. Needs a built binary (`cargo build` or `cargo test`).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

from junitparser import Failure, JUnitXml, Skipped

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-06-30"
DEFAULT_FIXTURES = [
    "fixtures/example-org",
    "fixtures/waivers/waived",
    "fixtures/many-findings",
    "fixtures/compliant-org",
    "fixtures/invalid/several-broken",
]


def run(binary, fixture, fmt):
    out = subprocess.run(
        [binary, "check", fixture, "--as-of", AS_OF, "--format", fmt],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    if out.returncode not in (0, 1, 2):
        sys.exit(f"{fixture}: exit code {out.returncode}\n{out.stderr}")
    return out.stdout


def check(binary, fixture):
    xml = JUnitXml.fromstring(run(binary, fixture, "junit").encode())
    doc = json.loads(run(binary, fixture, "json"))
    diags = doc["diagnostics"]

    suites = list(xml)
    problems = []
    if suites[0].name != "nis2check.input":
        problems.append(f"the first suite is {suites[0].name!r}")
    if len(suites) != doc["summary"]["rules_evaluated"] + 1:
        problems.append(f"{len(suites)} suites for {doc['summary']['rules_evaluated']} rules")

    failures = skipped = cases = 0
    for suite in suites:
        for case in suite:
            cases += 1
            for r in case.result:
                if isinstance(r, Failure):
                    failures += 1
                    if r.type not in ("error", "warning", "note"):
                        problems.append(f"{suite.name}/{case.name}: failure type {r.type!r}")
                elif isinstance(r, Skipped):
                    skipped += 1
                    if not (r.message or "").startswith("waived by "):
                        problems.append(f"{suite.name}/{case.name}: skipped {r.message!r}")
    open_ = sum(1 for d in diags if d["waived_by"] is None)
    waived = sum(1 for d in diags if d["waived_by"] is not None)
    if failures != open_:
        problems.append(f"{failures} failures for {open_} open diagnostics")
    if skipped != waived:
        problems.append(f"{skipped} skipped for {waived} waived findings")
    # The totals as written, not as junitparser would recount them.
    if xml.tests != cases or xml.failures != failures or xml.skipped != skipped:
        problems.append(
            f"totals tests={xml.tests} failures={xml.failures} skipped={xml.skipped}"
        )
    return cases, failures, skipped, problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bin", default=str(ROOT / "target/debug/nis2check"))
    p.add_argument("fixtures", nargs="*", default=DEFAULT_FIXTURES)
    args = p.parse_args()
    passed = failed = 0
    for fixture in args.fixtures:
        cases, failures, skipped, problems = check(args.bin, fixture)
        if problems:
            failed += 1
            print(f"FAIL {fixture}:")
            for pr in problems:
                print(f"  {pr}")
        else:
            passed += 1
            print(f"ok   {fixture}: {cases} test cases, {failures} failures, {skipped} skipped")
    print(f"junit: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
