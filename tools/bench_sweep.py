#!/usr/bin/python3
"""bench_sweep.py -- NumPy reference of the `draagkracht sweep` benchmark.

What `draagkracht sweep tools/bench_sweep.ini -o rows.csv.gz` does: a Latin
hypercube of N po classes over class size, support-need and heavy counts,
the support form and three assumptions (po.class-size.cap, po.sd.teacher,
cost.assistant.hours, each uniform on its range from the model table),
then per scenario, exactly as src/model/model.c and src/run/sweep.c do:

  mean(outcome) = intercept + piecewise(support-needs) + piecewise(heavy)
                  + support effect (capability) + slope * (size - ref)
                  + slope.heavy * (size - ref) * heavy / 5
  le2 = Phi((2.5 - mean) / sd),  ge4 = Q((3.5 - mean) / sd),
  sd  = sqrt(sd.teacher^2 + sd.residual^2)
  assistant.fte = ge4(assistant) * cost.assistant.hours / cost.fte.hours

and the rows as CSV at full precision ('%.17g', the same columns) in
gzip members of the same level and strategy (zlib level 1, Huffman only).

Reviewed as the best straightforward NumPy for this job:
  * the evaluation has no Python loop over scenarios: the hypercube is
    one permutation and one jitter array per factor, the piecewise
    effects np.interp, the shares scipy.special.ndtr, all over the whole
    array at once (0.3-1.1 s of the 1,000,000 scenarios on this shared
    machine, the writing 4.6-7.5 s);
  * the output is where the time goes, and it is what the format
    demands: NumPy has no vectorised number formatter, so np.savetxt
    formats row by row (measured on 200,000 rows x 12 columns: savetxt
    0.97 s, a Python join of '%r' 0.86 s, np.char.mod / astype(str) with
    np.char.add 6.5-8 s); zlib then compresses each block of rows;
  * so draagkracht / NumPy is mostly a comparison of writing CSV; the
    script prints its evaluation and writing times apart, and
    tools/bench_sweep.sh reports both.
The LHS draws differ from draagkracht's (NumPy's PCG64), so the rows agree
only statistically; the script prints each response's mean over the rows
so that the shell script can compare them.

    tools/bench_sweep.py [--draagkracht ./draagkracht] [-N 1000000]
                         [-o rows.csv.gz] [--seed 1] [--chunk 100000]
"""
import argparse
import csv
import io
import subprocess
import sys
import time
import zlib

import numpy as np
from scipy.special import ndtr

OB_LV = np.array([5, 8, 10, 12], dtype=float)      # src/vocab.c, po
HV_LV = np.array([0, 1, 3, 5], dtype=float)
SUPPORTS = ["none", "assistant", "extra-teacher", "specialist", "facility"]
FACTORS = [("class-size", 20, 32), ("support-needs", 5, 12), ("heavy", 0, 5)]
PARAMS = ["po.class-size.cap", "po.sd.teacher", "cost.assistant.hours"]
RESPONSES = ["tailor.mean", "tailor.le2", "instruction.mean", "assistant.fte"]


def model_table(binary):
    out = subprocess.run([binary, "model", "--format", "csv"], check=True,
                         capture_output=True, text=True).stdout
    return {r["name"]: (float(r["value"]), float(r["lo"]), float(r["hi"]))
            for r in csv.DictReader(io.StringIO(out))}


def piecewise(x, levels, steps):
    knots = np.concatenate([[0.0], np.cumsum(steps)])
    return np.interp(x, levels, knots)


def mean(P, kind, outcome, size, ob, heavy, support, slope):
    pre = f"po.{kind}.{outcome}."
    v = lambda name: P[pre + name][0]
    y = v("intercept")
    y = y + piecewise(ob, OB_LV, [v(f"ob.{a}-{b}") for a, b in
                                  zip(OB_LV[:-1].astype(int), OB_LV[1:].astype(int))])
    y = y + piecewise(heavy, HV_LV, [v(f"heavy.{a}-{b}") for a, b in
                                     zip(HV_LV[:-1].astype(int), HV_LV[1:].astype(int))])
    if kind == "cap":
        eff = np.array([0.0] + [v(f"support.{f}") for f in SUPPORTS[1:]])
        y = y + eff[support]
    # class size x heavy (src/model/model.c size_heavy): the extra slope
    # at the top heavy-need level, linear in the heavy count
    ref = P["po.class-size.ref"][0]
    extra = P[f"po.class-size.{'cap' if kind == 'cap' else 'need'}.heavy"][0]
    return y + slope * (size - ref) + extra * (size - ref) * (heavy / HV_LV[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--draagkracht", default="./draagkracht")
    ap.add_argument("-N", type=int, default=1000000)
    ap.add_argument("-o", default="/tmp/bench_sweep_numpy.csv.gz")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=100000)
    a = ap.parse_args()
    P = model_table(a.draagkracht)
    t0 = time.perf_counter()
    n = a.N
    rng = np.random.default_rng(a.seed)
    # Latin hypercube: one point per stratum and factor
    u = [(rng.permutation(n) + rng.random(n)) / n for _ in range(7)]
    cols = {}
    for k, (name, lo, hi) in enumerate(FACTORS):
        cols[name] = np.minimum(lo + np.floor(u[k] * (hi - lo + 1)), hi)
    support = np.minimum((u[3] * 5).astype(int), 4)
    for k, name in enumerate(PARAMS):
        _, lo, hi = P[name]
        cols[name] = lo + u[4 + k] * (hi - lo)
    size, ob, hv = cols["class-size"], cols["support-needs"], cols["heavy"]
    cap = cols["po.class-size.cap"]
    need = P["po.class-size.need"][0]
    sd = np.sqrt(cols["po.sd.teacher"] ** 2 + P["po.sd.residual"][0] ** 2)
    tailor = mean(P, "cap", "tailor", size, ob, hv, support, cap)
    instr = mean(P, "cap", "instruction", size, ob, hv, support, cap)
    assist = mean(P, "need", "assistant", size, ob, hv, support, need)
    le2 = ndtr((2.5 - tailor) / sd)
    fte = ndtr((assist - 3.5) / sd) * cols["cost.assistant.hours"] / P["cost.fte.hours"][0]
    t1 = time.perf_counter()
    labels = np.array(SUPPORTS, dtype=object)[support]
    fmt = "%d,%d,%d,%d,%s," + ",".join(["%.17g"] * 7)
    header = ("run," + ",".join(f[0] for f in FACTORS) + ",support," + ",".join(PARAMS)
              + "," + ",".join(RESPONSES) + "\n")
    zsec = 0.0
    with open(a.o, "wb") as f:
        z = zlib.compressobj(1, zlib.DEFLATED, 31, 8, zlib.Z_HUFFMAN_ONLY)
        f.write(z.compress(header.encode()) + z.flush())
        for s in range(0, n, a.chunk):
            e = min(n, s + a.chunk)
            table = np.empty((e - s, 12), dtype=object)
            table[:, 0] = np.arange(s, e)
            table[:, 1] = size[s:e]
            table[:, 2] = ob[s:e]
            table[:, 3] = hv[s:e]
            table[:, 4] = labels[s:e]
            for k, name in enumerate(PARAMS):
                table[:, 5 + k] = cols[name][s:e]
            for k, col in enumerate([tailor, le2, instr, fte]):
                table[:, 8 + k] = col[s:e]
            buf = io.StringIO()
            np.savetxt(buf, table, fmt=fmt)
            data = buf.getvalue().encode()
            tz = time.perf_counter()
            z = zlib.compressobj(1, zlib.DEFLATED, 31, 8, zlib.Z_HUFFMAN_ONLY)
            f.write(z.compress(data) + z.flush())
            zsec += time.perf_counter() - tz
    t2 = time.perf_counter()
    print(f"# numpy: {n} scenarios; evaluate {t1 - t0:.3f} s, write {t2 - t1:.3f} s "
          f"(compress {zsec:.3f} s), total {t2 - t0:.3f} s")
    for name, col in zip(RESPONSES, [tailor, le2, instr, fte]):
        print(f"mean {name} {col.mean():.6f}")
    print(f"seconds {t2 - t0:.6f}")
    print(f"evaluate_seconds {t1 - t0:.6f}")


if __name__ == "__main__":
    sys.exit(main())
