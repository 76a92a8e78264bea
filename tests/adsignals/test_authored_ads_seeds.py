"""The authored ad/spam seed files: reproducible from their generators, valid
training records, unique, and as large as the retraining plan counts on."""
from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

from gensafe.classifier.data import parse_record

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "training" / "seeds"
FILES = ["zh_authored_ads.jsonl", "en_authored_ads.jsonl", "zh_authored_ads_negatives.jsonl",
         "en_authored_ads_negatives.jsonl"]


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()]


def test_files_match_a_rebuild_of_the_generators() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "training" / "authored_ads" / "build.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_rows_are_valid_training_records_of_their_own_family() -> None:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for name in FILES:
        for i, rec in enumerate(_rows(name), 1):
            ex = parse_record(rec, f"{name}:{i}")
            assert ex.source == f"authored-{rec['lang']}-ads"
            assert rec["family"].startswith(ex.source + ":")
            assert ex.unsafe == bool(rec["risks"])
            counts[(rec["lang"], rec["label"])] += 1
    assert counts[("zh", "unsafe")] >= 600
    assert counts[("en", "unsafe")] >= 150
    assert counts[("zh", "safe")] + counts[("en", "safe")] >= 400


def test_ids_and_texts_are_unique_across_all_seed_files() -> None:
    ids: collections.Counter[str] = collections.Counter()
    texts: collections.Counter[str] = collections.Counter()
    for path in sorted(SEEDS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            ids[rec["id"]] += 1
            texts[rec["text"]] += 1
    assert [k for k, n in ids.items() if n > 1] == []
    assert [k[:40] for k, n in texts.items() if n > 1] == []
