"""``gensafe score``: the default pipeline on one file, every field kept.

Users test the filter on their own samples with it, so its verdicts must be
exactly the pipeline's: it calls ``Pipeline.process`` on the same batches.
"""
from __future__ import annotations

import json
import os
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from gensafe.config import FieldMap, detect_format
from gensafe.pipeline import Pipeline
from gensafe.readers import Rejection, read_path
from gensafe.taxonomy import CODES

#: columns that are the record itself, or that ``_records`` writes under its own names
_NOT_PASSED = frozenset({"text", "meta", "doc_id", "source_id", "url", "timestamp", "license", "lang",
                         "input_file", "input_line", "decision", "reasons", "risk_codes", "unsafe", "clf_scores"})


def _records(batch: pa.RecordBatch, passthrough: list[str]) -> list[dict[str, Any]]:
    cols = batch.schema.names
    data = {c: batch.column(c).to_pylist() for c in cols}
    out = []
    for i in range(batch.num_rows):
        rec: dict[str, Any] = json.loads(data["meta"][i]) if data["meta"][i] else {}
        rec.update({"id": data["doc_id"][i], "text": data["text"][i]})
        for k in ("url", "timestamp", "license", "lang"):
            if data[k][i] is not None:
                rec[k] = data[k][i]
        rec["source"] = data["source_id"][i]
        rec["unsafe"] = bool(data["unsafe"][i])
        rec["risks"] = data["risk_codes"][i]
        rec["decision"] = data["decision"][i]
        rec["reasons"] = data["reasons"][i]
        for c in passthrough:  # every column the stages declare
            if c in data:
                rec[c] = data[c][i]
        if "clf_scores" in data and data["clf_scores"][i] is not None:
            rec["clf_scores"] = {code: round(float(s), 4) for code, s in zip(CODES, data["clf_scores"][i])}
        if "pii" not in rec:
            rec["pii"] = []
        out.append(rec)
    return out


def score_file(input_path: str, output_path: str, pipeline: Pipeline | None = None,
               fields: FieldMap | None = None) -> tuple[int, list[Rejection]]:
    """Score every record of ``input_path`` into ``output_path`` (same format: JSONL or Parquet)."""
    pipe = pipeline or Pipeline.from_file()
    # every column a stage declares (``Stage.COLUMNS``, or ``output_columns()`` of an older plug-in)
    declared = {c: t for s in pipe.stages for c, t in s.column_types().items() if c not in _NOT_PASSED}
    passthrough = list(declared)
    fmt_in = detect_format(input_path, None)
    fmt_out = detect_format(output_path, None) if os.path.splitext(output_path)[1] else fmt_in
    if fmt_out not in ("jsonl", "parquet"):
        raise ValueError(f"output must be .jsonl or .parquet, got {output_path}")
    rejected: list[Rejection] = []
    n = 0
    tmp = output_path + ".tmp"
    if fmt_out == "jsonl":
        with open(tmp, "wb") as fh:
            for batch in read_path(input_path, fields=fields, rejected=rejected):
                for rec in _records(pipe.process(batch), passthrough):
                    fh.write(orjson.dumps(rec) + b"\n")
                    n += 1
    else:
        writer = None
        for batch in read_path(input_path, fields=fields, rejected=rejected):
            decided = pipe.process(batch)
            table = pa.Table.from_pylist(_records(decided, passthrough))
            if writer is None:
                # a stage column keeps the stage's own type (declared, else the batch's), also when it
                # is all null in the first batch
                schema = table.schema
                for c, typ in declared.items():
                    if c in schema.names and (typ is not None or c in decided.schema.names):
                        typ = typ if typ is not None else decided.schema.field(c).type
                        schema = schema.set(schema.get_field_index(c), pa.field(c, typ))
                writer = pq.ParquetWriter(tmp, schema, compression="zstd")
            writer.write_table(table.cast(writer.schema))
            n += table.num_rows
        if writer is None:
            pq.write_table(pa.table({"id": pa.array([], pa.string())}), tmp)
        else:
            writer.close()
    os.replace(tmp, output_path)
    return n, rejected
