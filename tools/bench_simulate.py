#!/usr/bin/python3
"""bench_simulate.py -- the aggregated NumPy reference of draagkracht's
population Monte Carlo (tools/bench_simulate.sh).

A population's outputs are sums over its classes, and a class counts
only through its cell (class size, support forms, pupils with a support
need, of whom heavy).  So, per replicate, what a careful NumPy user
writes: the cell counts as nested multinomials (Generator.multinomial
with a probability row per parent cell), each cell's expected ratings
from the additive term rows (class size incl. intercept, need count,
heavy count, support forms, class size x heavy), each cell's teachers
split over <= 2 / middle / >= 4 by two binomials per outcome
(scipy.special.ndtr for the normal), sums to means, shares and FTE.

The model is the engine's own: tools/pop_tables (built from
tools/pop_tables.c) writes, for every replicate, the tables
`draagkracht simulate` builds -- the same stream, the same ensemble
member, the same composition probabilities and term rows -- and this
script reads them.  So the reference cannot drift from the model (it was
missing the class-size x heavy term and drew independent parameter
ranges before), and what is compared is the Monte Carlo alone.  The
time to read the tables is reported apart and left out of the
reference's time (which favours the reference).

Output: draagkracht's CSV columns for the population, plus '#' lines,
and per replicate the outcomes' values in --replicates-out (for the
agreement check in bench_simulate.sh).

    tools/bench_simulate.py --tables FILE [--seed 1] [--draws FILE.npy]
"""
import argparse
import sys
import time

import numpy as np
from scipy.special import ndtr

ASPECTS = ["motivate", "instruction", "energy", "calm", "tailor"]
NEEDS = ["assistant", "extra-teacher", "specialist-in", "specialist-out",
         "facility", "coaching"]
OUTCOMES = ASPECTS + NEEDS
NO, NA = len(OUTCOMES), len(ASPECTS)
FACILITY = NA + NEEDS.index("facility")


def read_tables(path):
    """Every replicate's tables: a list of dicts of arrays."""
    reps, cur = [], None
    with open(path) as f:
        for line in f:
            name, _, rest = line.partition(" ")
            if name == "replicate":
                cur = {}
                reps.append(cur)
                continue
            cur[name] = np.array(rest.split(), dtype=float)
    out = []
    for t in reps:
        lo, hi = int(t["size_lo"][0]), int(t["size_hi"][0])
        r = {k: t[k] for k in ("fte", "ss_p", "cs", "hv", "inter")}
        r["n"] = int(t["classes"][0])
        r["school_size"] = t["school_size"][0]
        r["inv_sd"] = t["inv_sd"][0]
        r["facility"] = t["facility"][0]
        code = t["ss_code"].astype(np.int64)
        r["ss_size"], r["ss_mask"] = code >> 8, code & 0xFF
        # P(need count | size), rows by size; P(heavy | need count)
        r["ob_p"] = np.zeros((hi + 1, hi + 1))
        r["size_row"] = np.zeros((hi + 1, NO))
        for s in range(lo, hi + 1):
            r["ob_p"][s, :s + 1] = t[f"ob_{s}"]
            r["size_row"][s] = t[f"size_{s}"]
        r["hv_p"] = np.zeros((hi + 1, hi + 1))
        r["ob_row"] = np.zeros((hi + 1, NO))
        r["hv_row"] = np.zeros((hi + 1, NO))
        for k in range(hi + 1):
            r["hv_p"][k, :k + 1] = t[f"heavy_{k}"]
            r["ob_row"][k] = t[f"obrow_{k}"]
            r["hv_row"][k] = t[f"heavyrow_{k}"]
        r["sup_row"] = np.array([t[f"support_{m}"] for m in range(16)])
        out.append(r)
    return out


def normalise(p):
    """Rows that sum to 1 exactly enough for Generator.multinomial."""
    return p / p.sum(axis=-1, keepdims=True)


def replicate(rng, t):
    """One replicate's population: outcomes x 4 (mean, <= 2, >= 4, FTE)."""
    n = t["n"]
    n_ss = rng.multinomial(n, normalise(t["ss_p"]))
    k = np.nonzero(n_ss)[0]
    size, mask = t["ss_size"][k], t["ss_mask"][k]
    n_ob = rng.multinomial(n_ss[k], normalise(t["ob_p"][size]))       # cells x ob
    i, ob = np.nonzero(n_ob)
    n_hv = rng.multinomial(n_ob[i, ob], normalise(t["hv_p"][ob]))      # cells x heavy
    j, hv = np.nonzero(n_hv)
    cnt = n_hv[j, hv]
    size, mask, ob = size[i][j], mask[i][j], ob[j]
    mu = (t["size_row"][size] + t["ob_row"][ob] + t["hv_row"][hv] + t["sup_row"][mask]
          + (t["cs"][size] * t["hv"][hv])[:, None] * t["inter"][None, :])     # cells x NO
    s = t["inv_sd"]
    if s > 0:
        p_le2, c_ge4 = ndtr((2.5 - mu) * s), ndtr((3.5 - mu) * s)
    else:
        p_le2, c_ge4 = (mu < 2.5).astype(float), (mu < 3.5).astype(float)
    cnt2 = np.broadcast_to(cnt[:, None], mu.shape)
    le2 = rng.binomial(cnt2, p_le2)
    up = 1 - p_le2
    ge4 = rng.binomial(cnt2 - le2, np.where(up > 0, (1 - c_ge4) / np.where(up > 0, up, 1), 0).clip(0, 1))
    acc = np.empty((2, NO, 4))
    acc[0, :, 0] = cnt @ mu / n
    acc[0, :, 1] = le2.sum(axis=0) / n
    acc[0, :, 2] = ge4.sum(axis=0) / n
    acc[0, :, 3] = ge4.sum(axis=0) * t["fte"]
    acc[0, FACILITY, 3] = acc[0, FACILITY, 2] * t["facility"] * n / t["school_size"]
    # the classes' own noise in each number, given the parameters (the
    # agreement check's standard error): a mean of n class ratings, a
    # share of n teachers (a mixture of Bernoullis: p (1 - p) / n), FTE in
    # proportion to the share >= 4
    var_mu = cnt @ (mu - acc[0, :, 0]) ** 2 / n
    p_le2, p_ge4 = acc[0, :, 1], acc[0, :, 2]
    acc[1, :, 0] = np.sqrt(var_mu / n)
    acc[1, :, 1] = np.sqrt(p_le2 * (1 - p_le2) / n)
    acc[1, :, 2] = np.sqrt(p_ge4 * (1 - p_ge4) / n)
    acc[1, :, 3] = np.where(p_ge4 > 0, acc[0, :, 3] / np.where(p_ge4 > 0, p_ge4, 1), 0) * acc[1, :, 2]
    return acc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tables", required=True, help="tools/pop_tables' output")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--draws", help="write the replicates' values and their noise SDs "
                    "here (.npy, R x 2 x outcomes x 4)")
    args = ap.parse_args()
    # CPU time of this process (the machine may be shared: wall time is not the work)
    t0 = time.process_time()
    tables = read_tables(args.tables)
    t1 = time.process_time()
    rng = np.random.default_rng(args.seed)
    both = np.array([replicate(rng, t) for t in tables])              # R x 2 x NO x 4
    t2 = time.process_time()
    v = both[:, 0]
    if args.draws:
        np.save(args.draws, both)
    n = tables[0]["n"]
    print(f"# numpy {np.__version__}: {n} classes x {len(tables)} replicates, aggregated, "
          f"in {t2 - t1:.3f} CPU s (tables read in {t1 - t0:.3f} s, not counted)")
    print(f"# cpu_seconds={t2 - t1:.6f}")
    print("unit,group,class,kind,outcome,mean,lo,hi,share_le2,share_le2_lo,share_le2_hi,"
          "share_ge4,share_ge4_lo,share_ge4_hi,fte,fte_lo,fte_hi")
    for o, name in enumerate(OUTCOMES):
        cells = []
        for k in range(4):
            x = v[:, o, k]
            cells += [x.mean(), np.quantile(x, 0.05), np.quantile(x, 0.95)]
        kind = "capability" if o < NA else "demand"
        print(f'population,"numpy","",{kind},{name},' + ",".join(f"{c:.17g}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
