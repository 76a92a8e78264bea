import sys, time, json, collections
from pathlib import Path
import numpy as np, scipy.sparse as sp
from sklearn.linear_model import SGDClassifier
CACHE = Path("/tmp/lofo_cache")
X = sp.load_npz(CACHE/"X.npz").tocsr()
meta = json.load(open(CACHE/"meta.json"))
fam = np.array([m["fam"] for m in meta]); y = np.array([m["unsafe"] and any(not r.startswith("A5") for r in m["risks"]) or (m["unsafe"] and not m["risks"]) for m in meta])
a5only = np.array([m["unsafe"] and bool(m["risks"]) and all(r.startswith("A5") for r in m["risks"]) for m in meta])
lang = np.array([m["lang"] for m in meta]); base_w = np.array([m["w"] for m in meta])
labelled = ~np.isin(fam, ["corpus", "corpus_hold"])
_rng = np.random.default_rng(7)
CAP = 5000
sub = np.ones(len(fam), bool)
for _f in set(fam) - {"corpus_hold"}:
    for _lab in (0, 1):
        _m = np.flatnonzero((fam == _f) & (y == _lab))
        if len(_m) > CAP:
            sub[_rng.choice(_m, len(_m) - CAP, replace=False)] = False
D = np.load(CACHE/"D128.npy")
FAMS = sorted(set(fam[labelled]))

def weights(mode, sel):
    w = base_w.copy()
    w[a5only] = 0.0
    if mode == "fam":
        for f in FAMS + ["corpus"]:
            for lab in (0, 1):
                m = (fam == f) & (y == lab)
                n = m.sum()
                if n: w[m] *= (n ** 0.5) / n * 40  # total ~ 40*sqrt(n)
    return w

def nb(Xs, ys, a=1.0):
    xb = Xs.copy(); xb.data[:] = 1.0
    p = np.asarray(xb[ys == 1].sum(0)).ravel() + a; q = np.asarray(xb[ys == 0].sum(0)).ravel() + a
    return np.log((p/p.sum())/(q/q.sum())).astype(np.float32)

EPOCHS = 6
XX = X
def fit(tr, w, alpha, use_nb):
    tr = tr[sub[tr]]
    Xt, yt, wt = XX[tr], y[tr], w[tr]
    keep = wt > 0; Xt, yt, wt = Xt[keep], yt[keep], wt[keep]
    pos = yt.sum(); pw = np.clip(np.sqrt((len(yt)-pos)/pos), 1, 20)
    r = nb(Xt, yt) if use_nb else None
    if r is not None: Xt = Xt @ sp.diags(r)
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=EPOCHS, tol=None, random_state=1, average=True)
    clf.fit(Xt, yt, sample_weight=wt * np.where(yt, pw, 1.0))
    coef = clf.coef_.ravel().astype(np.float32)
    if r is not None: coef *= r
    return coef, clf.intercept_[0]

def run(mode="fam", alpha=1e-6, use_nb=True, label=""):
    global XX
    t0 = time.time()
    w = weights(mode, None)
    oof = np.full(len(y), np.nan)
    trainable = labelled | (fam == "corpus")
    for f in FAMS:
        tr = trainable & (fam != f)
        coef, b = fit(np.flatnonzero(tr), w, alpha, use_nb)
        te = np.flatnonzero(fam == f)
        oof[te] = XX[te] @ coef + b
    coef, b = fit(np.flatnonzero(trainable), w, alpha, use_nb)
    hold = np.flatnonzero(fam == "corpus_hold")
    zh = XX[hold] @ coef + b
    # threshold: FPR 5% with each family's safe rows weighted equally
    neg = labelled & ~y & ~a5only
    fams_neg = [f for f in FAMS if (neg & (fam == f)).sum() >= 20]
    def fpr_at(t):
        return np.mean([np.mean(oof[neg & (fam == f)] >= t) for f in fams_neg])
    ts = np.quantile(oof[neg], np.linspace(0.80, 0.999, 400))
    t5 = min((t for t in ts if fpr_at(t) <= 0.05), default=ts[-1])
    out = {}
    for f in FAMS:
        m = fam == f
        out[f] = (round(float(np.mean(oof[m & y] >= t5)), 3) if (m & y).any() else None,
                  round(float(np.mean(oof[m & neg] >= t5)), 3) if (m & neg).any() else None)
    recs = [v[0] for v in out.values() if v[0] is not None]
    for L in ("zh", "en"):
        out["lang_" + L] = (round(float(np.mean(oof[(lang == L) & y] >= t5)), 3), round(float(np.mean(oof[(lang == L) & neg] >= t5)), 3))
    print(f"== {label} mode={mode} alpha={alpha} nb={use_nb}: macro recall@famFPR5 {np.mean(recs):.3f}  "
          f"pooled recall {np.mean(oof[y & labelled] >= t5):.3f} pooled fpr {np.mean(oof[neg] >= t5):.3f} corpus_hold {np.mean(zh >= t5):.4f} [{time.time()-t0:.0f}s]")
    print("   ", {k: v for k, v in out.items()})
    return oof, t5

if __name__ == "__main__":
    import sys
    which = sys.argv[1:]
    if "base" in which: run("fam", 1e-6, True, "base")
    if "nofam" in which: run("none", 1e-6, True, "nofam")
    if "vec2" in which:
        Dn = D / (np.linalg.norm(D, axis=1, keepdims=True) + 1e-6)
        XX = sp.csr_matrix(Dn * 1.0); run("fam", 1e-5, False, "veconly")
        XX = sp.hstack([X, sp.csr_matrix(Dn * 3.0)]).tocsr(); run("fam", 1e-6, False, "vec3-nonb")
    if "alpha" in which:
        run("fam", 1e-5, True, "a1e-5"); run("fam", 1e-4, True, "a1e-4")
    if "vec" in which:
        for sc in (1.0,):
            Dn = D / (np.linalg.norm(D, axis=1, keepdims=True) + 1e-6) * sc
            XX = sp.hstack([X, sp.csr_matrix(Dn)]).tocsr()
            run("fam", 1e-6, True, f"vec{sc}+nb")
