"""Manual spot-check loop: blinded export, label import, §4.3.1 c, qualified rate and agreement."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from gensafe.admission.review import ReviewError, allocate, export_review, import_labels
from gensafe.cli import main


def make_shards(root: Path) -> dict[str, bool]:
    """Two kept shards over three sources; every 10th document is auto-flagged A1f; one removed row."""
    root.mkdir()
    auto: dict[str, bool] = {}
    for shard, sources in (("part-0.parquet", ["s-a", "s-b"]), ("part-1.parquet", ["s-c"])):
        ids, srcs, texts, codes, decision = [], [], [], [], []
        for sid in sources:
            n = 300 if sid == "s-a" else 100
            for i in range(n):
                did = f"{sid}-{i}"
                flagged = i % 10 == 0
                ids.append(did); srcs.append(sid); texts.append(f"text of {did}")
                codes.append(["A1f"] if flagged else []); decision.append("kept")
                auto[did] = flagged
        ids.append("gone"); srcs.append("s-a"); texts.append("removed"); codes.append(["A1d"]); decision.append("removed")
        pq.write_table(pa.table({"doc_id": ids, "source_id": srcs, "text": texts,
                                 "risk_codes": pa.array(codes, pa.list_(pa.string())), "decision": decision}),
                       root / shard)
    return auto


def test_allocate_proportional() -> None:
    assert allocate({"a": 300, "b": 100, "c": 100}, 100) == {"a": 60, "b": 20, "c": 20}
    assert allocate({"a": 5, "b": 1}, 100) == {"a": 5, "b": 1}
    assert sum(allocate({"a": 7, "b": 7, "c": 7}, 10).values()) == 10


def test_export_import_cycle(tmp_path: Path) -> None:
    auto = make_shards(tmp_path / "kept")
    con = duckdb.connect(str(tmp_path / "r.duckdb"))
    out = tmp_path / "task.jsonl"
    rep = export_review(con, str(out), per_modality=100, seed=4, from_parquet=str(tmp_path / "kept"))
    assert rep["items"] == 100 and rep["per_source"]["text"] == {"s-a": 60, "s-b": 20, "s-c": 20}
    items = [json.loads(l) for l in out.open()]
    # blinded: no doc ids, sources or automatic verdicts in the annotators' file
    assert set(items[0]) == {"task_id", "item_id", "modality", "text", "labels", "annotator", "reviewer"}
    assert not any("gone" in json.dumps(i) for i in items)
    # same seed → same documents
    rep2 = export_review(con, str(tmp_path / "t2.jsonl"), per_modality=100, seed=4, from_parquet=str(tmp_path / "kept"))
    docs = lambda t: sorted(r[0] for r in con.execute("SELECT doc_id FROM review_tasks WHERE task_id = ?", [t]).fetchall())
    assert docs(rep["task_id"]) == docs(rep2["task_id"])
    mapping = dict(con.execute("SELECT item_id, doc_id FROM review_tasks").fetchall())
    # annotators agree with the automatic verdict except on two items
    labelled = tmp_path / "labels.jsonl"
    with labelled.open("w") as fh:
        for n, it in enumerate(items):
            flagged = auto[mapping[it["item_id"]]]
            if n < 2:
                flagged = not flagged
            it.update(labels="A1f" if flagged else "qualified", annotator="ann-1", reviewer="rev-1")
            del it["text"]
            fh.write(json.dumps(it) + "\n")
    res = import_labels(con, str(labelled))
    r = res["tasks"][rep["task_id"]]["text"]
    manual_bad = sum(1 for it in items if it["labels"] != "qualified")
    assert r["n_labelled"] == 100 and r["qualified"] == 100 - manual_bad
    assert r["ci_low"] < r["qualified_rate"] < r["ci_high"]
    assert r["agreement"]["all"]["agreement"] == pytest.approx(0.98)
    assert 0 < r["agreement"]["all"]["kappa"] < 1
    assert r["agreement"]["A1"]["agreement"] == pytest.approx(0.98) and r["agreement"]["A2"]["kappa"] is None
    assert r["meets_b2121"] is False  # 100 < 4000 items
    stored = con.execute("SELECT count(*) FROM review_results WHERE task_id = ?", [rep["task_id"]]).fetchone()[0]
    assert stored == 6  # all + A1..A5
    # re-import replaces rather than duplicates
    import_labels(con, str(labelled))
    assert con.execute("SELECT count(*) FROM review_labels").fetchone()[0] == 100


def test_same_person_is_rejected(tmp_path: Path) -> None:
    make_shards(tmp_path / "kept")
    con = duckdb.connect(str(tmp_path / "r.duckdb"))
    export_review(con, str(tmp_path / "t.jsonl"), per_modality=10, seed=1, from_parquet=str(tmp_path / "kept"))
    items = [json.loads(l) for l in (tmp_path / "t.jsonl").open()]
    bad = tmp_path / "bad.jsonl"
    with bad.open("w") as fh:
        for n, it in enumerate(items):
            # Wang annotates item 0 and reviews item 5: the same person in both roles of one task
            ann, rev = ("Wang", "Li") if n != 5 else ("Zhao", " wang ")
            fh.write(json.dumps({"item_id": it["item_id"], "labels": "qualified", "annotator": ann, "reviewer": rev}) + "\n")
    with pytest.raises(ReviewError, match="both annotator .* and reviewer"):
        import_labels(con, str(bad))
    assert con.execute("SELECT count(*) FROM review_labels").fetchone()[0] == 0
    with bad.open("w") as fh:
        fh.write(json.dumps({"item_id": items[0]["item_id"], "labels": "Z9z", "annotator": "a", "reviewer": "b"}) + "\n")
        fh.write(json.dumps({"item_id": "nope", "labels": "qualified", "annotator": "a", "reviewer": "b"}) + "\n")
        fh.write(json.dumps({"item_id": items[1]["item_id"], "labels": "qualified", "annotator": "a"}) + "\n")
    with pytest.raises(ReviewError) as exc:
        import_labels(con, str(bad))
    msg = str(exc.value)
    assert "bad.jsonl:1" in msg and "unknown risk code" in msg and "unknown item_id 'nope'" in msg
    assert "'reviewer' are required" in msg


def test_cli_review_csv_and_documents_table(tmp_path: Path) -> None:
    auto = make_shards(tmp_path / "kept")
    db = str(tmp_path / "r.duckdb")
    con = duckdb.connect(db)
    # a documents table as a filtering run leaves it (text stays in the shards)
    rows = []
    for shard in sorted((tmp_path / "kept").glob("*.parquet")):
        t = pq.read_table(shard).to_pylist()
        rows += [[r["doc_id"], r["source_id"], r["decision"], str(shard), r["risk_codes"], bool(r["risk_codes"])] for r in t]
    con.execute("CREATE TABLE documents (doc_id VARCHAR, source_id VARCHAR, decision VARCHAR, output_shard VARCHAR,"
                " risk_codes VARCHAR[], unsafe BOOLEAN)")
    con.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.close()
    reg = tmp_path / "reg.toml"
    reg.write_text('[[source]]\nid="s-c"\nkind="domain"\nlanguages=["zh"]\norigin="domestic"\nmodality="image"\n')
    runner = CliRunner()
    out = tmp_path / "task.csv"
    r = runner.invoke(main, ["review", "export", "--db", db, "--out", str(out), "--per-modality", "50", "--seed", "2",
                             "--format", "csv", "--registry", str(reg)])
    assert r.exit_code == 0, r.output
    assert "text: 50 items" in r.output and "image: 50 items" in r.output and "fewer than the 4,000" in r.output
    items = list(csv.DictReader(out.open()))
    assert len(items) == 100 and items[0]["text"].startswith("text of ")
    for it in items:
        it.update(labels="qualified", annotator="a1", reviewer="r1")
    with out.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(items[0]))
        w.writeheader(); w.writerows(items)
    r = runner.invoke(main, ["review", "import", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert "qualified 50 = 100.00%" in r.output and "NOT met" in r.output
    items[3].update(reviewer="A1")
    with out.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(items[0]))
        w.writeheader(); w.writerows(items)
    r = runner.invoke(main, ["review", "import", str(out), "--db", db])
    assert r.exit_code == 1 and "§4.3.1 c" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["review", "export", "--db", str(tmp_path / "empty.duckdb"), "--out", str(out)])
    assert r.exit_code == 1 and "no audit database" in r.output  # a mistyped --db creates no empty database
    assert not (tmp_path / "empty.duckdb").exists()
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    r = runner.invoke(main, ["review", "export", "--db", str(tmp_path / "empty.duckdb"), "--out", str(out)])
    assert r.exit_code == 1 and "no 'documents' table" in r.output
