"""Tampering with any stored field of a draw record is caught by `replay` and by the standalone verifier, which
runs alone (copied to an empty directory, Python in isolated mode without site-packages: `-I -S`)."""
import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import experts.verify_draw
from experts.verify_draw import canonical_json, replay, sha256_hex
from tests.unit.test_experts_draw import vector_record

RECORD = json.loads(vector_record().dumps())  # picks [2], alternates [3, 7, 1, 4], two exclusions


def _swap(items, i=0, j=1):
    items[i], items[j] = items[j], items[i]


def _set(path, value):
    def change(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        d[last] = value
    return change


TAMPERINGS = {
    "a pick": _set(["picks", 0], 3),
    "an alternate's place": lambda d: _swap(d["alternates"]),
    "an alternate dropped": lambda d: d["alternates"].pop(),
    "an exclusion dropped": lambda d: d["exclusions"].pop(),
    "an exclusion's reason": _set(["exclusions", 0, "reason"], "exited"),
    "an exclusion's matching row": _set(["exclusions", 1, "related_party_id"], 999),
    "a ranking sort key": _set(["ranking", 0, "tiebreak"], "00" * 32),
    "the ranking order": lambda d: _swap(d["ranking"]),
    "the snapshot: a member's load": _set(["snapshot", "members", 1, "open_load"], 2),
    "the snapshot: a member's status": _set(["snapshot", "members", 4, "status"], "active"),
    "the snapshot: a matter party": _set(["snapshot", "matter_parties", 0, "name"], "贵州别的公司"),
    "the snapshot: a related party removed": lambda d: d["snapshot"]["related_parties"].clear(),
    "the snapshot: the requester": _set(["snapshot", "request", "requested_by"], "他人"),
    "the snapshot: the rules": _set(["snapshot", "rules", "min_alternates"], 0),
    "the seed": lambda d: d.update(seed="ff" + d["seed"][2:]),
    "the seed hash": _set(["seed_hash"], "0" * 64),
    "the snapshot hash": _set(["snapshot_hash"], "0" * 64),
    "the rules version": _set(["rules_version"], "experts-draw/2020.1"),
    "the shortfall": _set(["shortfall"], "alternates"),
    "a field added": _set(["note"], "后补"),
    "a field removed": lambda d: d.pop("ranking"),
    "the snapshot not canonical": lambda d: _swap(d["snapshot"]["members"]),
}


@pytest.fixture(scope="module")
def verifier(tmp_path_factory) -> Path:
    """verify_draw.py copied alone into an empty directory."""
    alone = tmp_path_factory.mktemp("alone") / "verify_draw.py"
    shutil.copyfile(experts.verify_draw.__file__, alone)
    return alone


def run_alone(verifier: Path, record: dict, python: str = sys.executable) -> subprocess.CompletedProcess:
    path = verifier.parent / "record.json"
    path.write_bytes(canonical_json(record))
    return subprocess.run([python, "-I", "-S", str(verifier), str(path)], cwd=verifier.parent,
                          capture_output=True, timeout=60)


def test_an_untouched_record_is_consistent_alone(verifier):
    assert replay(RECORD).matches
    done = run_alone(verifier, RECORD)
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    assert out.startswith("一致\n") and "选中 [2]，候补 [3, 7, 1, 4]" in out


@pytest.mark.skipif(not Path("/usr/bin/python3").exists(), reason="no system Python")
def test_the_system_python_without_the_projects_environment_agrees(verifier):
    assert run_alone(verifier, RECORD, "/usr/bin/python3").returncode == 0


@pytest.mark.parametrize("what", TAMPERINGS)
def test_changing_any_stored_field_is_reported(verifier, what):
    tampered = copy.deepcopy(RECORD)
    TAMPERINGS[what](tampered)
    result = replay(tampered)
    assert not result.matches and result.differences
    done = run_alone(verifier, tampered)
    assert done.returncode == 1
    assert done.stdout.decode("utf-8").startswith("不一致\n")


def test_a_forger_who_recomputes_the_snapshot_hash_is_still_caught_by_the_outputs():
    # Suspending the pick in the snapshot and fixing its hash leaves the exclusions, ranking and picks wrong.
    tampered = copy.deepcopy(RECORD)
    tampered["snapshot"]["members"][1]["status"] = "suspended"
    tampered["snapshot_hash"] = sha256_hex(canonical_json(tampered["snapshot"]))
    differences = replay(tampered).differences
    fields = [d.split("：")[0].split("[")[0] for d in differences]
    assert fields == ["exclusions", "ranking", "picks", "alternates"]
    assert "picks[0]：记录为 2，重算为 3" in differences


def test_the_differences_name_the_field():
    tampered = copy.deepcopy(RECORD)
    tampered["picks"] = [3]
    assert replay(tampered).differences == ("picks[0]：记录为 3，重算为 2",)


def test_usage_and_unreadable_input(verifier, tmp_path):
    assert subprocess.run([sys.executable, "-I", "-S", str(verifier)], capture_output=True).returncode == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    done = subprocess.run([sys.executable, "-I", "-S", str(verifier), str(bad)], capture_output=True)
    assert done.returncode == 1 and done.stdout.decode("utf-8").startswith("不一致")
