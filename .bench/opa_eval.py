"""Evaluates the built-in rule pack with OPA (through opa-golib-python-bindings) on the input
nis2check built, and compares every rule's result sets with regorus'.

Run by `.bench/run` with the venv's python:
    opa_eval.py INPUT.json POLICIES_DIR REGORUS_RESULTS.json [--repeat K] [--as-input]
Prints one JSON object.

The rules read `input`; the bindings take an input per evaluation, which would serialise the
whole document (tens of MB) on every query. So the input is loaded once as data
(`data.bench_input`) and the rule sources are rewritten `input.` -> `data.bench_input.`.

With `--as-input` (the large cases, where OPA's data store grew past 20 GB when queried rule
by rule) the rules are left as they are and the whole pack is one query,
`data.nis2check.rules`, with the document passed as its input: OPA then reads the input once,
and its time includes decoding it.
"""

import json
import pathlib
import re
import statistics
import sys
import time

from opa_bindings import OpaEngine, OpaUndefinedError


def canon(value):
    """A set (JSON array) of findings in a comparable form."""
    if value is None:
        return None
    return sorted(json.dumps(v, sort_keys=True, ensure_ascii=False) for v in value)


def main():
    # The Go side grows quickly with a large data document: never let it take the machine.
    import resource
    limit = 12 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    input_path, policies_dir, regorus_path = sys.argv[1:4]
    repeat = 3
    if "--repeat" in sys.argv:
        repeat = int(sys.argv[sys.argv.index("--repeat") + 1])

    t = time.perf_counter()
    document = json.loads(pathlib.Path(input_path).read_text())
    read_ms = (time.perf_counter() - t) * 1e3

    as_input = "--as-input" in sys.argv
    engine = OpaEngine()
    t = time.perf_counter()
    packages = []
    for path in sorted(pathlib.Path(policies_dir).rglob("*.rego")):
        stem = path.stem
        if stem.endswith("_test") and stem != path.parent.name:
            continue
        src = path.read_text()
        if not as_input:
            src = re.sub(r"\binput\.", "data.bench_input.", src)
        engine.add_policy(str(path), src)
        m = re.search(r"^package\s+(\S+)", src, re.M)
        if m and m.group(1).startswith("nis2check.rules."):
            rules = set(re.findall(r"^(deny|warn)\b", src, re.M))
            packages.append((m.group(1), sorted(rules)))
    compile_ms = (time.perf_counter() - t) * 1e3

    regorus = json.loads(pathlib.Path(regorus_path).read_text())
    if as_input:
        print(json.dumps(whole_pack_with_input(engine, document, packages, regorus, repeat,
                                                read_ms, compile_ms)))
        return

    t = time.perf_counter()
    engine.add_data(document, path="bench_input")
    add_data_ms = (time.perf_counter() - t) * 1e3

    def run_all():
        results = {}
        per = {}
        for pkg, names in packages:
            t = time.perf_counter()
            out = {}
            for name in names:
                try:
                    out[name] = engine.eval_document(f"{pkg}.{name}")
                except OpaUndefinedError:
                    out[name] = None
            per[pkg] = (time.perf_counter() - t) * 1e3
            results[pkg] = out
        return results, per

    runs = []
    per_rule_runs = []
    results = None
    for i in range(repeat):
        t = time.perf_counter()
        r, per = run_all()
        runs.append((time.perf_counter() - t) * 1e3)
        per_rule_runs.append(per)
        if results is None:
            results = r

    # The whole pack as one query (OPA shares the lib indexes across rules inside one query).
    # Nine runs at least: OPA's time moves a lot between runs, and its median is what regorus
    # is compared with.
    whole_runs = []
    for i in range(max(repeat, 9)):
        t = time.perf_counter()
        engine.eval_document("nis2check.rules")
        whole_runs.append((time.perf_counter() - t) * 1e3)

    compared, findings, mismatches = compare(packages, results, regorus)
    per_rule = {
        pkg: statistics.median(run[pkg] for run in per_rule_runs[1:] or per_rule_runs)
        for pkg, _ in packages
    }
    print(json.dumps({
        "read_json_ms": round(read_ms, 3),
        "compile_ms": round(compile_ms, 3),
        "add_data_ms": round(add_data_ms, 3),
        "evaluate_first_ms": round(runs[0], 3),
        "evaluate_runs_ms": [round(r, 3) for r in runs],
        "evaluate_median_ms": round(statistics.median(runs), 3),
        "whole_document_runs_ms": [round(r, 3) for r in whole_runs],
        "whole_document_median_ms": round(statistics.median(whole_runs), 3),
        "per_rule_ms": {k: round(v, 3) for k, v in per_rule.items()},
        "result_sets_compared": compared,
        "findings": findings,
        "mismatches": mismatches,
    }))


def compare(packages, results, regorus):
    """Result sets of OPA (`results`: package -> rule -> value) against regorus'."""
    mismatches = []
    compared = 0
    findings = 0
    for pkg, names in packages:
        ours = regorus.get(pkg)
        if ours is None:
            mismatches.append({"package": pkg, "problem": "not evaluated by regorus"})
            continue
        for name in names:
            a = canon(results[pkg].get(name))
            b = canon(ours.get(name))
            # An empty set and an undefined partial set are the same answer.
            a = a or []
            b = b or []
            compared += 1
            findings += len(a)
            if a != b:
                only_opa = sorted(set(a) - set(b))[:3]
                only_regorus = sorted(set(b) - set(a))[:3]
                mismatches.append(
                    {"package": pkg, "rule": name, "opa": len(a), "regorus": len(b),
                     "only_opa": only_opa, "only_regorus": only_regorus}
                )
    return compared, findings, mismatches


def whole_pack_with_input(engine, document, packages, regorus, repeat, read_ms, compile_ms):
    """The whole pack as one query with the document as input; every rule's result sets are
    taken from that one answer."""
    runs = []
    answer = None
    for _ in range(max(repeat, 1)):
        t = time.perf_counter()
        answer = engine.eval_document("nis2check.rules", input=document)
        runs.append((time.perf_counter() - t) * 1e3)
    results = {}
    for pkg, names in packages:
        node = answer
        for part in pkg.split(".")[2:]:
            node = (node or {}).get(part)
        results[pkg] = {name: (node or {}).get(name) for name in names}
    compared, findings, mismatches = compare(packages, results, regorus)
    return {
        "mode": "whole pack, document as input",
        "read_json_ms": round(read_ms, 3),
        "compile_ms": round(compile_ms, 3),
        "whole_document_runs_ms": [round(r, 3) for r in runs],
        "whole_document_median_ms": round(statistics.median(runs), 3),
        "result_sets_compared": compared,
        "findings": findings,
        "mismatches": mismatches,
    }


if __name__ == "__main__":
    main()
