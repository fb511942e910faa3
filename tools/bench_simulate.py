#!/usr/bin/python3
"""bench_simulate.py -- NumPy reference of draagkracht's population Monte Carlo.

What `draagkracht simulate` does for one `[population NAME]` section with
sector = po, class-size / support-needs / heavy = survey and
support = as-now (src/run/simulate.c, src/model/survey.c, model.c),
written as the best straightforward vectorised NumPy we know -- the
benchmark baseline of tools/bench_simulate.sh.  Review, as such:

  * no Python loop over classes or outcomes: every step is one NumPy
    call over a block of classes (all eleven outcomes at once, as an
    11 x n array); the only loops are over replicates (each has its own
    parameters) and over blocks of --chunk classes within one (so that
    the arrays stay in the cache; one block for the whole replicate was
    slower);
  * the model's small categorical parts are look-up tables indexed by
    the counts, as a NumPy programmer writes them: the piecewise
    support-need and heavy effects per integer count, the support effect
    per combination of the four forms (16 codes), the class size from
    its probability table with Generator.choice;
  * the counts are drawn as the model names them: beta then binomial
    (beta-binomial), the forms as four Bernoulli draws, one teacher per
    class and outcome as mu + sd z with z a standard normal;
  * the per-class arrays are single precision (float32 tables, ratings
    and normals): ratings to 1e-7, half the memory traffic of doubles;
  * what it does not do: draagkracht's own tricks (per-replicate alias
    tables of the composition, 16-bit uniforms refined on demand,
    inverting the normal only as far as a decision needs), which are not
    plain NumPy.

The random numbers differ (NumPy's PCG64), so the two agree only
statistically (bench_simulate.sh compares the mean tailor rating).
It replaces an earlier reference that computed the support effect with a
masked max over the forms and the piecewise effects per class in double
precision: 2.3 s a replicate of 1,000,000 classes against 0.9-1.1 s for
this one, back to back on the same (busy) machine, two runs each of
`-N 1000000 -R 3`.

Per replicate r:
  * every parameter from a PERT (scaled beta) on its lo..hi range;
  * per class: size from Table 7.2 bins, support-need count and heavy count
    beta-binomial (icc), support forms from Table 3.15 by size bin, the
    expected rating of 11 outcomes (intercept + piecewise ob + piecewise
    heavy + support effect + class-size slope), one teacher rating
    mu + N(0, sqrt(sd.teacher^2 + sd.residual^2)) (the teacher's intercept
    plus the residual, as draagkracht draws it);
  * population means of mu, shares y < 2.5 and y >= 3.5, FTE.
At the end: mean and 5 / 95 % quantiles over replicates.

The parameter table comes from `draagkracht model --format csv`
(or --model-csv FILE).  Output: one CSV row per outcome with the columns
of draagkracht's own csv (population rows), plus '#' comment lines with
the work done and the time it took.

    tools/bench_simulate.py [--draagkracht ./draagkracht] [-N 1000000]
                            [-R 100] [--seed 1] [--max-seconds S]
"""
import argparse
import csv
import io
import subprocess
import sys
import time

import numpy as np

ASPECTS = ["motivate", "instruction", "energy", "calm", "tailor"]
NEEDS = ["assistant", "extra-teacher", "specialist-in", "specialist-out",
         "facility", "coaching"]
OUTCOMES = ASPECTS + NEEDS
NO, NA = len(OUTCOMES), len(ASPECTS)
SUPPORTS = ["assistant", "extra-teacher", "specialist", "facility"]
OB_LV = np.array([5, 8, 10, 12], dtype=float)       # src/vocab.c ob_pv
HV_LV = np.array([0, 1, 3, 5], dtype=float)         # src/vocab.c hv_pv
SIZE_BINS_PO = (0.15, 0.56, 0.28)                  # src/survey.c size_bins[0]
# src/survey.c avail[form][size bin][sector], po column; bins < 18, 18-24, > 24
AVAIL_PO = np.array([[0.40, 0.15, 0.05],           # assistant
                     [0.12, 0.02, 0.08],           # extra-teacher
                     [0.22, 0.26, 0.24],           # specialist
                     [0.23, 0.47, 0.38]])          # facility
NEED_COST = {"assistant": "cost.assistant.hours",
             "extra-teacher": "cost.extra-teacher.hours",
             "specialist-in": "cost.specialist.hours",
             "specialist-out": "cost.specialist.hours",
             "coaching": "cost.coaching.hours"}    # facility: per school


def load_table(args):
    if args.model_csv:
        with open(args.model_csv, newline="") as f:
            text = f.read()
    else:
        text = subprocess.run([args.draagkracht, "model", "--format", "csv"],
                              check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    names = [r["name"] for r in rows]
    val = np.array([float(r["value"]) for r in rows])
    lo = np.array([float(r["lo"]) for r in rows])
    hi = np.array([float(r["hi"]) for r in rows])
    return names, val, lo, hi


class Index:
    """Positions of the parameters the po population needs."""

    def __init__(self, names):
        pos = {n: i for i, n in enumerate(names)}
        kind = lambda o: "cap" if o in ASPECTS else "need"
        self.icept = np.array([pos[f"po.{kind(o)}.{o}.intercept"] for o in OUTCOMES])
        self.ob = np.array([[pos[f"po.{kind(o)}.{o}.ob.{a}-{b}"]
                             for a, b in ((5, 8), (8, 10), (10, 12))] for o in OUTCOMES])
        self.hv = np.array([[pos[f"po.{kind(o)}.{o}.heavy.{a}-{b}"]
                             for a, b in ((0, 1), (1, 3), (3, 5))] for o in OUTCOMES])
        self.sup = np.array([[pos[f"po.cap.{o}.support.{s}"] for s in SUPPORTS]
                             for o in ASPECTS])
        g = lambda n: pos[n]
        self.cs_ref, self.cs_cap, self.cs_need = g("po.class-size.ref"), g("po.class-size.cap"), g("po.class-size.need")
        self.sd_t, self.sd_e = g("po.sd.teacher"), g("po.sd.residual")
        self.s_size, self.s_ob, self.s_hv = g("po.survey.class-size"), g("po.survey.support-needs"), g("po.survey.heavy")
        self.size_lo, self.size_hi = g("population.class-size.min"), g("population.class-size.max")
        self.ob_icc, self.hv_icc = g("population.support-needs.icc"), g("population.heavy.icc")
        self.combine = g("support.combine")
        self.need_cost = np.array([pos[NEED_COST[o]] if o in NEED_COST else -1 for o in NEEDS])
        self.fac_hours, self.fte_hours = g("cost.facility.hours"), g("cost.fte.hours")


def draw_theta(rng, val, lo, hi):
    """dk_model_draw: PERT on lo..hi, mode at the value."""
    w = hi - lo
    fixed = w <= 1e-12
    ws = np.where(fixed, 1.0, w)
    a = 1 + 4 * (val - lo) / ws
    b = 1 + 4 * (hi - val) / ws
    return np.where(fixed, val, lo + w * rng.beta(a, b))


def draw_count(rng, n, share, icc):
    """Beta-binomial count out of n with mean share and intra-class correlation."""
    if share <= 0:
        return np.zeros_like(n)
    if share >= 1:
        return n.copy()
    k = (1 - icc) / icc
    return rng.binomial(n, rng.beta(share * k, (1 - share) * k, size=n.shape))


def piecewise_table(steps, lv, top):
    """src/model/model.c piecewise() at every count 0..top, for each row of
    steps (outcomes x 3): outcomes x (top + 1)."""
    x = np.arange(top + 1, dtype=float)
    k = np.where(x <= lv[1], 0, np.where(x <= lv[2], 1, 2))
    at = np.concatenate([np.zeros((len(steps), 1)), np.cumsum(steps, axis=1)[:, :2]], axis=1)
    return at[:, k] + steps[:, k] * (x - lv[k]) / (lv[k + 1] - lv[k])


def support_table(sv, combine):
    """The support effect (aspects x 16) of each combination of the four
    forms, code = sum of 2^form: the largest counts fully, the rest at
    `support.combine`; none: 0 (model.c support_effect)."""
    bits = (np.arange(16)[:, None] >> np.arange(4)) & 1 == 1           # 16 x 4
    best = np.where(bits[None], sv[:, None, :], -np.inf).max(axis=2)   # NA x 16
    best[:, 0] = 0.0
    return best + combine * (sv @ bits.T - best)


class Tables:
    """One replicate's look-up tables, from its parameters th."""

    def __init__(self, th, ix):
        lo = int(np.floor(th[ix.size_lo] + 0.5))
        hi = int(np.floor(th[ix.size_hi] + 0.5))
        b = np.array(SIZE_BINS_PO) / sum(SIZE_BINS_PO)
        self.sizes = np.arange(lo, hi + 1)
        width = np.array([21 - lo, 7, hi - 27])
        band = np.where(self.sizes <= 20, 0, np.where(self.sizes <= 27, 1, 2))
        self.size_p = b[band] / width[band]
        # single precision for the per-class arrays: ratings to 1e-7
        f4 = np.float32
        self.ob = piecewise_table(th[ix.ob], OB_LV, hi).astype(f4)
        self.hv = piecewise_table(th[ix.hv], HV_LV, hi).astype(f4)
        self.sup = support_table(th[ix.sup], th[ix.combine]).astype(f4)
        self.icept = th[ix.icept][:, None].astype(f4)
        self.slope = np.concatenate([np.full(NA, th[ix.cs_cap]),
                                     np.full(NO - NA, th[ix.cs_need])])[:, None].astype(f4)
        self.ref = th[ix.cs_ref]
        self.sd = f4(np.hypot(th[ix.sd_t], th[ix.sd_e]))
        self.ob_share, self.hv_share = th[ix.s_ob] / th[ix.s_size], th[ix.s_hv] / th[ix.s_ob]
        self.ob_icc, self.hv_icc = th[ix.ob_icc], th[ix.hv_icc]
        hours = np.where(ix.need_cost >= 0, th[np.maximum(ix.need_cost, 0)], 0.0)
        self.fte = np.concatenate([np.zeros(NA), hours]) / th[ix.fte_hours]


def chunk(rng, tb, n, acc):
    """Draws n classes under the replicate's tables and adds them to acc
    (outcomes x 4 sums: mean, share <= 2, share >= 4, FTE)."""
    size = rng.choice(tb.sizes, size=n, p=tb.size_p)
    ob = draw_count(rng, size, tb.ob_share, tb.ob_icc)
    hv = draw_count(rng, ob, tb.hv_share, tb.hv_icc)
    sbin = (size >= 18).astype(np.intp) + (size > 24)
    code = (rng.random((n, 4)) < AVAIL_PO.T[sbin]) @ np.array([1, 2, 4, 8])
    mu = tb.ob[:, ob] + tb.hv[:, hv]
    mu += tb.icept + tb.slope * (size - tb.ref).astype(np.float32)
    mu[:NA] += tb.sup[:, code]
    # one teacher per class and outcome (intercept and residual: one
    # normal with their combined SD)
    y = rng.standard_normal((NO, n), dtype=np.float32)
    y *= tb.sd
    y += mu
    le2 = np.count_nonzero(y < 2.5, axis=1)
    ge4 = np.count_nonzero(y >= 3.5, axis=1)
    acc += np.stack([mu.sum(axis=1, dtype=float), le2, ge4, ge4 * tb.fte], axis=1)


def replicate(rng, val, lo, hi, ix, nclass, school_size, chunk_size):
    th = draw_theta(rng, val, lo, hi)
    tb = Tables(th, ix)
    acc = np.zeros((NO, 4))
    for start in range(0, nclass, chunk_size):
        chunk(rng, tb, min(chunk_size, nclass - start), acc)
    acc[:, :3] /= nclass
    fac = th[ix.fac_hours] / th[ix.fte_hours]
    f = NA + NEEDS.index("facility")
    acc[f, 3] = acc[f, 2] * fac * nclass / school_size
    return acc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--draagkracht", default="./draagkracht")
    ap.add_argument("--model-csv", help="parameter table (else: draagkracht model --format csv)")
    ap.add_argument("-N", "--classes", type=int, default=1_000_000)
    ap.add_argument("-R", "--replicates", type=int, default=100)
    ap.add_argument("--school-size", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=1 << 17,
                    help="classes per vectorised block (memory ~ 1 kB per class)")
    ap.add_argument("--max-seconds", type=float, default=0,
                    help="stop after the replicate that passes this much time "
                         "(at least --min-replicates); 0: run all")
    ap.add_argument("--min-replicates", type=int, default=10)
    args = ap.parse_args()

    t0 = time.perf_counter()
    names, val, lo, hi = load_table(args)
    ix = Index(names)
    rng = np.random.default_rng(args.seed)
    out = []
    for r in range(args.replicates):
        out.append(replicate(rng, val, lo, hi, ix, args.classes,
                             args.school_size, args.chunk))
        if (args.max_seconds > 0 and r + 1 >= args.min_replicates
                and time.perf_counter() - t0 > args.max_seconds):
            break
    t1 = time.perf_counter()
    v = np.array(out)                                     # R x NO x 4
    reps = len(out)
    print(f"# numpy {np.__version__}: {args.classes} classes x {reps} replicates "
          f"(asked {args.replicates}) in {t1 - t0:.3f} s")
    print(f"# replicates_done={reps}")
    print("unit,group,class,kind,outcome,mean,lo,hi,share_le2,share_le2_lo,share_le2_hi,"
          "share_ge4,share_ge4_lo,share_ge4_hi,fte,fte_lo,fte_hi")
    for o, name in enumerate(OUTCOMES):
        cells = []
        for k in range(4):
            x = v[:, o, k]
            cells += [x.mean(), np.quantile(x, 0.05), np.quantile(x, 0.95)]
        if o < NA:
            cells[9:12] = [0.0, 0.0, 0.0]
        kind = "capability" if o < NA else "demand"
        print(f'population,"numpy po","",{kind},{name},' + ",".join(f"{c:.17g}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
