/*
 * bench_fmt.c -- dk_fmt_g17 against snprintf("%.17g") on numbers like the
 * ones a sweep writes, in one run.
 *
 *   tools/bench_fmt.sh [REV]   (builds this against build/rel and runs it)
 *
 * The numbers follow the decimal exponents of a sweep's response and
 * assumption columns (tools/bench_sweep.ini: 43 % in 0.1..1, 29 % in 1..10,
 * 14 % in 10..100, 11 % in 0.01..0.1, 3 % smaller, a quarter negative), with
 * full 17-digit mantissas, plus 2 % short decimals such as 8.5 or 0.1.
 * Every output is first checked against printf.  Then each formatter runs
 * over them in slices of 200,000, interleaved; a slice's time is its best
 * of five passes, so that a busy (shared) machine counts as little as it
 * can and slows all formatters alike.  Built with -DBENCH_OLD, the script links
 * REV's dk_fmt_g17 as dk_fmt_g17_old and that is timed as well.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "draagkracht/base/text.h"

#define COUNT 2000000
#define SLICE 200000
#define PASSES 5

#ifdef BENCH_OLD
int dk_fmt_g17_old(char *out, double x);
#endif

static double sweep_like(uint64_t *z)
{
    static const double scale[] = { 1e-4, 1e-3, 1e-2, 1e-1, 1, 10 };
    static const int share[] = { 3, 11, 43, 29, 14 };   /* percent, up to 10..100 */
    uint64_t r = bench_next(z);
    int pick = (int)(r % 100);
    if (pick < 2)       /* short decimals: eighths and tenths */
        return (double)(r >> 8 & 63) / ((r >> 16 & 1) ? 8.0 : 10.0) + 0.125;
    double mant = 1 + 9 * ((double)(bench_next(z) >> 11) / 9007199254740992.0);
    int k = 0;
    for (pick -= 2; k < 4 && pick >= share[k]; k++)
        pick -= share[k];
    double x = mant * scale[k + 1];
    return (r >> 20 & 3) == 0 ? -x : x;
}

static int with_printf(char *out, double x)
{
    return snprintf(out, 32, "%.17g", x);
}

/* Seconds for SLICE numbers; the sum of lengths keeps the calls. */
static double slice(int (*fmt)(char *, double), const double *xs, long *sink)
{
    char out[32];
    long total = 0;
    double t0 = bench_now();
    for (int i = 0; i < SLICE; i++)
        total += fmt(out, xs[i]);
    double t = bench_now() - t0;
    *sink += total;
    return t;
}

int main(int argc, char **argv)
{
    double *xs = malloc(COUNT * sizeof *xs);
    uint64_t z = 88172645463325252ULL;
    int bad = 0;
    for (int i = 0; i < COUNT; i++) {
        char a[32], b[32];
        xs[i] = sweep_like(&z);
        dk_fmt_g17(a, xs[i]);
        with_printf(b, xs[i]);
        if (strcmp(a, b) != 0 && bad++ < 3)
            fprintf(stderr, "bench_fmt: %s, printf %s\n", a, b);
    }
    if (bad)
        return fprintf(stderr, "bench_fmt: %d of %d differ from printf\n", bad, COUNT), 1;
    int (*fmts[])(char *, double) = { dk_fmt_g17, with_printf,
#ifdef BENCH_OLD
        dk_fmt_g17_old,
#endif
    };
    enum { NF = sizeof fmts / sizeof fmts[0] };
    double best[NF] = { 0 };
    long sink = 0;
    for (int s = 0; s < COUNT; s += SLICE) {
        double t[NF];
        for (int p = 0; p < PASSES; p++)
            for (int f = 0; f < NF; f++) {
                double dt = slice(fmts[f], xs + s, &sink);
                t[f] = p == 0 || dt < t[f] ? dt : t[f];
            }
        for (int f = 0; f < NF; f++)
            best[f] += 1e9 * t[f] / COUNT;
    }
    printf("%d numbers like a sweep's (all equal printf's), best of %d passes per slice\n",
           COUNT, PASSES);
    printf("  %-24s %7.1f ns/number\n", "dk_fmt_g17", best[0]);
    printf("  %-24s %7.1f ns/number  %5.2fx dk_fmt_g17's time\n", "snprintf %.17g",
           best[1], best[1] / best[0]);
    if (NF > 2)
        printf("  dk_fmt_g17 at %-10.10s %7.1f ns/number  %5.2fx dk_fmt_g17's time\n",
               argc > 1 ? argv[1] : "REV", best[NF - 1], best[NF - 1] / best[0]);
    free(xs);
    return sink == 0;
}
