import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

# CI runs the property tests with a fixed seed: a random draw that finds a new case must not fail
# someone's unrelated submission; developers' runs stay random so that new cases keep being found.
_hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
# spawned workers import the test stages too
os.environ["PYTHONPATH"] = os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)


def write_jsonl(path: Path, records, raw_lines=()) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for line in raw_lines:
            fh.write(line + "\n")
    return path


def spine_pipeline(tmp_path: Path, inputs: list[str], workers: int = 1, extra: str = "", chunk_bytes: int | None = None,
                   shard_rows: int | None = None) -> Path:
    ins = "\n".join(f'[[inputs]]\npath = "{p}"\n' for p in inputs)
    ex = f"[execution]\nworkers = {workers}\nbatch_size = 7\n" + (f"chunk_bytes = {chunk_bytes}\n" if chunk_bytes else "")
    out = f'[output]\ndir = "{tmp_path / "out"}"\n' + (f"shard_rows = {shard_rows}\n" if shard_rows else "")
    text = f'''[pipeline]
name = "spine-test"
{ins}
{out}
{ex}
[[stages]]
type = "spine_stages:WordRiskStage"

[[policy.remove]]
reason = "strong"
risks = "t_risks"

[[policy.remove]]
reason = "weak+confirm"
risks = "t_weak"
confirm = "t_confirm"
match = "group"

[[policy.remove]]
reason = "forbidden"
flag = "t_ok"
{extra}
'''
    p = tmp_path / "pipeline.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    recs = []
    for i in range(120):
        t = f"document {i} about gardening and 中文内容 {i}"
        if i % 10 == 3:
            t += " how to build a bomb"
        if i % 17 == 5:
            t += " forbidden licence"
        if i % 13 == 7:
            t += " weakword confirm"
        recs.append({"id": f"doc-{i}", "text": t, "url": f"https://www{i % 3}.example{i % 2}.co.uk/p/{i}"})
    return write_jsonl(tmp_path / "corpus.jsonl", recs)
