"""Loads an OSCAL assessment-results document (written by `nis2check report --format oscal`)
with compliance-trestle, an independent OSCAL implementation, and checks what nis2check promises
about it: one finding per requirement with a known status, observations that the findings point
at, and UUIDs that are unique.

Usage: python3 tests/oscal_check.py REPORT.json
"""

import json
import sys

from trestle.oscal.assessment_results import AssessmentResults


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    # Raises on any schema violation (unknown keys, bad UUIDs, tokens, datetimes, enums).
    parse = getattr(AssessmentResults, "model_validate", None) or AssessmentResults.parse_obj
    ar = parse(doc["assessment-results"])

    assert doc["assessment-results"]["metadata"]["oscal-version"] == "1.1.2"
    assert len(ar.results) == 1, len(ar.results)
    result = ar.results[0]
    observations = {str(o.uuid) for o in result.observations or []}
    findings = result.findings or []
    assert findings, "no findings"

    statuses = {}
    for f in findings:
        props = {p.name: p.value for p in f.props or []}
        status = props.get("status")
        assert status in {
            "passing", "failing", "waived", "not-applicable", "not-covered", "declared-only",
        }, (f.title, status)
        statuses[status] = statuses.get(status, 0) + 1
        state = f.target.status.state
        state = getattr(state, "value", state)
        expected = "satisfied" if status in {"passing", "not-applicable", "declared-only"} else "not-satisfied"
        assert state == expected, (f.title, status, state)
        for rel in f.related_observations or []:
            assert str(rel.observation_uuid) in observations, (f.title, rel.observation_uuid)

    uuids = [str(ar.uuid), str(result.uuid)]
    uuids += [str(o.uuid) for o in result.observations or []]
    uuids += [str(f.uuid) for f in findings]
    assert len(uuids) == len(set(uuids)), "duplicate UUIDs"

    print(
        f"trestle: {path}: valid OSCAL assessment-results; {len(findings)} findings "
        f"({', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))}), "
        f"{len(observations)} observations"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
