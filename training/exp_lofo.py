"""Scratch: fast any-unsafe LOFO experiments (features cached)."""
import sys, time, json, hashlib, collections
from pathlib import Path
import numpy as np, scipy.sparse as sp
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from gensafe.classifier.data import read_jsonl
from gensafe.classifier.features import Featurizer, FeatureConfig
from train_default import load_corpus
CACHE = Path("/tmp/lofo_cache"); CACHE.mkdir(exist_ok=True)

def fam(e):
    s = e.source
    for pre, f in (("MultiJail", "MultiJail"), ("COLD", "COLD"), ("JADE", "JADE"), ("SafetyPrompts-CipherChat", "CipherChat"),
                   ("JailBench", "JailBench"), ("AdvBench", "behaviours"), ("HarmBench", "behaviours"), ("TDC2023", "behaviours")):
        if s.startswith(pre):
            return f
    return s

def load():
    exs = []
    for p in [Path("/work/shared/train/train_zh.jsonl"), Path("/work/shared/train/train_en.jsonl")] + sorted((ROOT/"training/seeds").glob("*.jsonl")):
        exs.extend(read_jsonl(p))
    ctr, chold = load_corpus(Path("/work/shared/corpus"))
    return exs, ctr, chold

if __name__ == "__main__":
    t0 = time.time()
    exs, ctr, chold = load()
    print(len(exs), len(ctr), len(chold), time.time()-t0, flush=True)
    fz = Featurizer(FeatureConfig(bits=19, char_orders=(1,2,3), word_orders=(1,2,3)))
    X = fz.transform([e.text for e in exs + ctr + chold])
    print("feat", X.shape, X.nnz, time.time()-t0, flush=True)
    sp.save_npz(CACHE/"X.npz", X.tocsr())
    meta = [{"fam": fam(e), "src": e.source, "lang": e.lang, "unsafe": e.unsafe, "w": e.weight, "risks": list(e.risks), "kind": e.kind} for e in exs]
    meta += [{"fam": "corpus", "src": "corpus", "lang": "", "unsafe": False, "w": 1.0, "risks": [], "kind": e.kind} for e in ctr]
    meta += [{"fam": "corpus_hold", "src": "corpus", "lang": "", "unsafe": False, "w": 1.0, "risks": [], "kind": e.kind} for e in chold]
    json.dump(meta, open(CACHE/"meta.json", "w"))
    print(collections.Counter(m["fam"] for m in meta))
