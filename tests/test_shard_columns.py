"""Shards a training job can use: original fields as typed columns, chosen annotations beside them."""
import datetime as dt
import glob
import os

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from conftest import spine_pipeline, write_jsonl
from gensafe.cli import main


def _run(p):
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 0, r.output
    return r


def _shards(out, kind):
    return [pq.read_table(f) for f in sorted(glob.glob(os.path.join(out, kind, "*.parquet")))]


def _rows(out, kind):
    return {r["doc_id"]: r for t in _shards(out, kind) for r in t.to_pylist()}


def test_jsonl_fields_are_typed_columns(tmp_path):
    recs = [{"id": f"d{i}", "text": f"text {i}" + (" bomb" if i % 4 == 0 else ""), "n": i, "score": i / 8,
             "flag": i % 2 == 0, "tags": ["a", str(i)], "nested": {"k": i, "s": "x"},
             "sparse": "only here" if i == 5 else None}
            for i in range(30)]
    src = write_jsonl(tmp_path / "typed.jsonl", recs)
    _run(spine_pipeline(tmp_path, [str(src)]))
    out = tmp_path / "out"
    kept, removed = _shards(out, "kept"), _shards(out, "removed")
    schema = kept[0].schema
    assert schema.names[:3] == ["doc_id", "source_id", "text"]
    assert "meta" not in schema.names
    assert schema.field("n").type == pa.int64()
    assert schema.field("score").type == pa.float64()
    assert schema.field("flag").type == pa.bool_()
    assert schema.field("tags").type == pa.list_(pa.string())
    assert pa.types.is_struct(schema.field("nested").type)
    assert schema.field("id").type == pa.string()
    rows = _rows(out, "kept") | _rows(out, "removed")
    assert len(rows) == 30
    for r in recs:
        got = rows[r["id"]]
        assert (got["n"], got["score"], got["flag"], got["tags"], got["nested"]) == \
               (r["n"], r["score"], r["flag"], r["tags"], r["nested"])
        assert got["text"] == r["text"]
    # a field present in only one batch (batch_size 7) is a column of its shard, null elsewhere
    assert rows["d5"]["sparse"] == "only here"
    assert all(rows[f"d{i}"].get("sparse") is None for i in range(30) if i != 5)
    # removed shards: the same fields, plus why
    assert {"reasons", "risk_codes", "n", "tags"} <= set(removed[0].schema.names)


def test_parquet_types_are_kept_exactly(tmp_path):
    n = 20
    t = pa.table({
        "text": [f"row {i}" + (" bomb" if i == 3 else "") for i in range(n)],
        "id": pa.array(range(n), pa.int32()),
        "when": pa.array([dt.datetime(2024, 1, 1) + dt.timedelta(hours=i) for i in range(n)], pa.timestamp("ms")),
        "day": pa.array([dt.date(2024, 1, 1 + i) for i in range(n)], pa.date32()),
        "weights": pa.array([[float(i), 0.5] for i in range(n)], pa.list_(pa.float32())),
        "price": pa.array([None if i % 5 == 0 else i * 1.25 for i in range(n)], pa.float64()),
    })
    src = tmp_path / "typed.parquet"
    pq.write_table(t, src)
    _run(spine_pipeline(tmp_path, [str(src)]))
    out = tmp_path / "out"
    shards = _shards(out, "kept") + _shards(out, "removed")
    for s in shards:
        for name in ("id", "when", "day", "weights", "price"):
            assert s.schema.field(name).type == t.schema.field(name).type, name
    rows = {r["id"]: r for s in shards for r in s.to_pylist()}
    assert sorted(rows) == list(range(n))
    for r in t.to_pylist():
        got = rows[r["id"]]
        assert (got["when"], got["day"], got["price"], got["doc_id"]) == (r["when"], r["day"], r["price"], "json:" + str(r["id"]))
        assert got["weights"] == r["weights"]


def test_datasets_folder_types_are_kept(tmp_path):
    import datasets

    ds = datasets.Dataset.from_dict({"text": ["alpha", "beta bomb", "gamma"], "label": [0, 1, 2],
                                     "probs": [[0.1, 0.9], [0.5, 0.5], [1.0, 0.0]]},
                                    features=datasets.Features({"text": datasets.Value("string"),
                                                                "label": datasets.ClassLabel(names=["a", "b", "c"]),
                                                                "probs": datasets.Sequence(datasets.Value("float32"))}))
    ds.save_to_disk(str(tmp_path / "hfds"))
    _run(spine_pipeline(tmp_path, [str(tmp_path / "hfds")]))
    out = tmp_path / "out"
    shards = _shards(out, "kept") + _shards(out, "removed")
    assert sum(s.num_rows for s in shards) == 3
    for s in shards:
        assert s.schema.field("label").type == pa.int64()
        assert s.schema.field("probs").type == pa.list_(pa.float32())
    labels = sorted(r["label"] for s in shards for r in s.to_pylist())
    assert labels == [0, 1, 2]


def test_chosen_annotations_go_into_the_shards(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)])
    text = p.read_text().replace("[output]\n", '[output]\ncolumns = ["risk_codes", "reasons", "t_risks", "unsafe"]\n')
    p.write_text(text)
    _run(p)
    out = tmp_path / "out"
    kept = _shards(out, "kept")[0]
    removed = _shards(out, "removed")[0]
    for s in (kept, removed):
        assert s.schema.names[-4:] == ["risk_codes", "reasons", "t_risks", "unsafe"]
    # the annotations let a user re-threshold from the shards alone
    rows = _rows(out, "removed")
    assert rows["doc-3"]["t_risks"] == ["A1d"] and rows["doc-3"]["unsafe"] is True
    assert all(r["reasons"] == [] for r in _rows(out, "kept").values())


def test_unknown_annotation_column_stops_the_run_before_work(tmp_path, corpus):
    p = spine_pipeline(tmp_path, [str(corpus)])
    p.write_text(p.read_text().replace("[output]\n", '[output]\ncolumns = ["t_riskz"]\n'))
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1
    assert "output.columns" in r.output and "t_riskz" in r.output and "Traceback" not in r.output
    assert not glob.glob(str(tmp_path / "out" / "kept" / "*.parquet"))
    p.write_text(p.read_text().replace('columns = ["t_riskz"]', 'columns = "t_risks"'))
    r = CliRunner().invoke(main, ["run", str(p), "--no-progress"])
    assert r.exit_code == 1 and "output.columns must be a list" in r.output


def test_field_names_that_clash_keep_a_prefix(tmp_path):
    src = write_jsonl(tmp_path / "clash.jsonl", [
        {"text": "fine", "reasons": "mine", "doc_id": 5},
        {"text": "a bomb", "reasons": "mine too", "doc_id": 6},
    ])
    _run(spine_pipeline(tmp_path, [str(src)]))
    out = tmp_path / "out"
    for kind in ("kept", "removed"):
        (row,) = _rows(out, kind).values()
        assert row["input:reasons"].startswith("mine") and row["input:doc_id"] in (5, 6)
    assert _rows(out, "removed")
    removed = next(iter(_rows(out, "removed").values()))
    assert removed["reasons"] == ["strong:A1d"]


def test_type_clash_between_batches_starts_a_new_shard(tmp_path):
    # batch_size is 7: the first batch has a numeric "v", the second a string "v"
    recs = [{"id": f"d{i}", "text": f"t {i}", "v": i if i < 7 else f"s{i}"} for i in range(14)]
    src = write_jsonl(tmp_path / "clash.jsonl", recs)
    _run(spine_pipeline(tmp_path, [str(src)]))
    shards = _shards(tmp_path / "out", "kept")
    assert len(shards) == 2
    assert [s.schema.field("v").type for s in shards] == [pa.int64(), pa.string()]
    assert sum(s.num_rows for s in shards) == 14
    # within one batch, values Arrow cannot type alike become their JSON text
    recs = [{"id": "x", "text": "t", "v": 1}, {"id": "y", "text": "u", "v": "one"}, {"id": "z", "text": "w", "v": {}}]
    src = write_jsonl(tmp_path / "mixed.jsonl", recs)
    (tmp_path / "out2").mkdir()
    p = spine_pipeline(tmp_path, [str(src)])
    p.write_text(p.read_text().replace(str(tmp_path / "out"), str(tmp_path / "out2")))
    _run(p)
    rows = _rows(tmp_path / "out2", "kept")
    assert [rows[k]["v"] for k in "xyz"] == ["1", "one", "{}"]
