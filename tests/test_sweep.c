/* test_sweep.c -- sweep designs and estimators against what is known
 * exactly (analytic indices, the full factorial, LHS strata, the
 * predictor), and `sweep` through the binary: threads, shards, gzip,
 * --analyse, bad input. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <sys/wait.h>

#include "readers.h"
#include "t.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/run/sweep.h"

static int parse(t_ctx *t, const char *name, const dk_model *m, const char *text,
                 dk_sweep_spec *sp)
{
    dk_err e = { 0 };
    if (dk_sweep_parse(sp, m, "test.ini", text, strlen(text), &e) == 0 &&
        dk_sweep_validate(sp, &e) == 0)
        return 0;
    t_ok(t, 0, name, "spec: %s", e.msg);
    return -1;
}

/* Every row of a whole design, evaluated in process: y (rows x nr),
 * the unit points u (rows x nf) and the tags. */
/* A spec and every row of its design, evaluated in the library. */
typedef struct {
    dk_sweep_spec sp;
    long rows;
    double *u, *y;          /* unit points [rows nf], responses [rows nr] */
    dk_row_tag *tag;
} evaluated;

/* Parses text and evaluates its design; -1 (a failed check) if the spec
 * is bad. */
static int evaluate(t_ctx *t, const char *name, const dk_model *m, const char *text,
                    evaluated *ev)
{
    if (parse(t, name, m, text, &ev->sp))
        return -1;
    const dk_sweep_spec *sp = &ev->sp;
    long rows = ev->rows = dk_sweep_rows(sp);
    ev->y = malloc((size_t)rows * (size_t)sp->nr * sizeof *ev->y);
    ev->u = malloc((size_t)rows * (size_t)sp->nf * sizeof *ev->u);
    ev->tag = malloc((size_t)rows * sizeof *ev->tag);
    double *theta = malloc(sp->ntheta * sizeof *theta), x[DK_SWEEP_MAX_FACTORS];
    memcpy(theta, sp->theta, sp->ntheta * sizeof *theta);
    dk_design *d = dk_design_new(sp, 0);
    for (long i = 0; i < rows; i++) {
        double *ui = ev->u + i * sp->nf;
        dk_design_next(d, ui, &ev->tag[i]);
        for (int k = 0; k < sp->nf; k++)
            x[k] = dk_factor_value(sp, k, ui[k]);
        dk_sweep_eval(sp, m, x, theta, ev->y + i * sp->nr);
    }
    dk_design_free(d);
    free(theta);
    return 0;
}

static void evaluated_free(evaluated *ev)
{
    free(ev->y);
    free(ev->u);
    free(ev->tag);
    dk_sweep_free(&ev->sp);
}

/* dk_fmt_g17 against printf on x and -x: a difference counts, the first
 * is kept.  out is exactly the 32 bytes dk_fmt_g17 may use, so the
 * sanitizer build catches a store past them. */
typedef struct {
    int n, bad;
    char first[120];
} fmt_check;

static void fmt_one(fmt_check *c, double x)
{
    for (int sign = 0; sign < 2; sign++, x = -x) {
        char *out = malloc(32), want[40];
        int len = dk_fmt_g17(out, x);
        snprintf(want, sizeof want, "%.17g", x);
        c->n++;
        if ((memchr(out, 0, 32) == NULL || strcmp(out, want) != 0 ||
             len != (int)strlen(want)) && c->bad++ == 0)
            snprintf(c->first, sizeof c->first, "%.32s (length %d) vs printf %s",
                     memchr(out, 0, 32) ? out : "unterminated", len, want);
        free(out);
    }
}

static void fmt_report(t_ctx *t, const fmt_check *c, const char *what)
{
    char name[160];
    snprintf(name, sizeof name, "sweep: dk_fmt_g17 equals printf %%.17g, %s", what);
    t_ok(t, c->bad == 0 && c->n > 0, name, "%d of %d differ, first %s", c->bad, c->n,
         c->first);
}

/* x, and the n doubles on either side of it */
static void fmt_around(fmt_check *c, double x, int n)
{
    double lo = x, hi = x;
    fmt_one(c, x);
    for (int i = 0; i < n; i++) {
        fmt_one(c, lo = nextafter(lo, 0));
        fmt_one(c, hi = nextafter(hi, INFINITY));
    }
}

static double fmt_bits(uint64_t bits)
{
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static void fmt_random(t_ctx *t)
{
    unsigned long long z = 88172645463325252ULL;
    fmt_check c = { 0 };
    for (int i = 0; i < 300000; i++) {
        z ^= z << 13; z ^= z >> 7; z ^= z << 17;
        double x;
        if (i % 4 == 0) {           /* any bit pattern in a wide exponent range */
            x = ldexp((double)(z >> 11) / 9007199254740992.0 + 0.5, (int)(z % 80) - 30);
        } else if (i % 4 == 1) {    /* short decimals, ties and round numbers */
            x = (double)(long long)(z % 2000001) / (i % 8 == 1 ? 1000.0 : 8.0);
        } else if (i % 4 == 2) {    /* values near powers of ten */
            x = pow(10, (int)(z % 24) - 5) * (1 + ((double)(z >> 40) - 8e6) * 1e-17);
        } else {                    /* any mantissa in each binade of 1e-4 .. 1e15 */
            x = fmt_bits((z >> 12) | (uint64_t)(1009 + z % 64) << 52);
        }
        fmt_one(&c, x);
    }
    fmt_report(t, &c, "on 600,000 random numbers");
}

/* Where the first digit's exponent or the binary one changes, and the
 * edges of the exact range, from a few ulps below to a few above. */
static void fmt_boundaries(t_ctx *t)
{
    fmt_check c = { 0 };
    for (int e = -6; e <= 17; e++) {
        char s[16];
        snprintf(s, sizeof s, "1e%d", e);
        fmt_around(&c, strtod(s, NULL), 40);
    }
    for (int k = -16; k <= 53; k++)
        fmt_around(&c, ldexp(1, k), 8);
    fmt_report(t, &c, "at every power of ten and two from 1e-6 to 1e17");
}

/* m * 10^e for short m: trailing zeros in every position, and whole
 * numbers 1, 10, ..., 100000000000000 and their neighbours. */
static void fmt_round_numbers(t_ctx *t)
{
    static const int mant[] = { 1, 2, 5, 8, 10, 12, 25, 75, 99, 101, 125, 999, 1001,
                                4096, 12345, 99999, 100001, 1234567, 99999999 };
    fmt_check c = { 0 };
    for (size_t i = 0; i < sizeof mant / sizeof mant[0]; i++)
        for (int e = -12; e <= 18; e++) {
            char s[32];
            snprintf(s, sizeof s, "%de%d", mant[i], e);
            fmt_around(&c, strtod(s, NULL), 1);
        }
    for (long k = 1; k <= 20000; k++) {
        fmt_one(&c, (double)k);
        fmt_one(&c, k / 8.0);
        fmt_one(&c, k / 100.0);
        fmt_one(&c, k / 1024.0);
    }
    fmt_report(t, &c, "on round numbers and short decimals");
}

/* Exact ties at the 17th digit: N + f / 2^j with N of I digits and j =
 * 18 - I, f odd, has exactly 18 significant digits, the last a 5 (and
 * f / 2^j alone below 1 when j = 17 - X); half of them round up, half down
 * (to even). */
static void fmt_ties(t_ctx *t)
{
    unsigned long long z = 0x9E3779B97F4A7C15ULL;
    fmt_check c = { 0 };
    for (int i = 0; i < 2000; i++)
        for (int digits = 1; digits <= 15; digits++) {
            z ^= z << 13; z ^= z >> 7; z ^= z << 17;
            int j = 18 - digits;
            double lo = pow(10, digits - 1), n = lo + (double)(z % (unsigned long long)(9 * lo));
            fmt_one(&c, n + (double)((z >> 20) % (1ULL << j) | 1) / (double)(1ULL << j));
        }
    for (int i = 0; i < 2000; i++)
        for (int X = -4; X <= -1; X++) {
            z ^= z << 13; z ^= z >> 7; z ^= z << 17;
            int j = 17 - X;
            double lo = ldexp(pow(10, X), j);
            double f = floor(lo + (double)(z % (unsigned long long)(9 * lo)));
            fmt_one(&c, ldexp(f + (fmod(f, 2) == 0), -j));
        }
    fmt_report(t, &c, "on exact ties at the 17th digit");
}

/* printf's own range: zero, subnormals, the smallest normals, huge
 * numbers, infinities and NaN. */
static void fmt_fallback(t_ctx *t)
{
    static const double x[] = { 0.0, 4.9406564584124654e-324, 2.2250738585072009e-308,
                                DBL_MIN, 1e-300, 1e-100, 1e-20, 1e-5, 1e15, 1e16,
                                9007199254740993.0, 1e22, 1e23, 1.7976931348623157e308,
                                1e300, INFINITY, NAN };
    fmt_check c = { 0 };
    for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
        fmt_around(&c, x[i], isfinite(x[i]) && x[i] != 0 ? 3 : 0);
    unsigned long long z = 0x2545F4914F6CDD1DULL;
    for (int i = 0; i < 2000; i++) {
        z ^= z << 13; z ^= z >> 7; z ^= z << 17;
        fmt_one(&c, fmt_bits(z >> 12));                 /* subnormal */
        fmt_one(&c, fmt_bits(z >> 1));                  /* anything, also NaN */
    }
    fmt_report(t, &c, "where printf does it (zero, subnormal, huge, inf, NaN)");
}

static void fmt_g17(t_ctx *t)
{
    fmt_random(t);
    fmt_boundaries(t);
    fmt_round_numbers(t);
    fmt_ties(t);
    fmt_fallback(t);
}

static void ishigami(t_ctx *t, const dk_model *m)
{
    evaluated ev;
    if (evaluate(t, "sweep: ishigami", m, "[sweep]\ntest-function = ishigami\ndesign = saltelli\n"
                 "n = 16384\nseed = 1\n", &ev))
        return;
    double s1[3], st[3], worst = 0;
    dk_sobol_index ix[3];
    dk_sobol_indices(ev.y, 1, ev.sp.n, 3, 50, 1, 1, ix);
    dk_ishigami_indices(7, 0.1, s1, st);
    int covered = 0;
    for (int i = 0; i < 3; i++) {
        worst = fmax(worst, fmax(fabs(ix[i].s1 - s1[i]), fabs(ix[i].st - st[i])));
        covered += ix[i].s1_lo <= s1[i] && s1[i] <= ix[i].s1_hi;
        covered += ix[i].st_lo <= st[i] && st[i] <= ix[i].st_hi;
    }
    t_ok(t, fabs(s1[0] - 0.3139) < 1e-4 && fabs(st[0] - 0.5576) < 1e-4 &&
         fabs(st[2] - 0.2437) < 1e-4, "sweep: ishigami analytic indices",
         "S1 %g ST %g ST3 %g", s1[0], st[0], st[2]);
    t_ok(t, worst < 0.02, "sweep: ishigami indices within 0.02 of analytic at N = 2^14",
         "largest error %g (S1 %g %g %g, ST %g %g %g)", worst, ix[0].s1, ix[1].s1, ix[2].s1,
         ix[0].st, ix[1].st, ix[2].st);
    t_ok(t, covered >= 5, "sweep: ishigami bootstrap intervals cover the truth",
         "%d of 6 cover", covered);
    evaluated_free(&ev);
}

/* Jansen's estimators written out directly, in double precision, over
 * the base rows idx[0 .. n) (NULL: every row once): the reference the
 * one-pass sums and the bootstrap are checked against. */
static void jansen_ref(const double *y, int nr, int r, long n, int k, const long *idx,
                       double *s1, double *st)
{
    size_t rs = (size_t)(k + 2) * (size_t)nr;
    double mean = 0, var = 0;
    for (long a = 0; a < n; a++) {
        const double *row = y + (size_t)(idx ? idx[a] : a) * rs + r;
        mean += row[0] + row[nr];
    }
    mean /= 2.0 * (double)n;
    for (long a = 0; a < n; a++) {
        const double *row = y + (size_t)(idx ? idx[a] : a) * rs + r;
        var += (row[0] - mean) * (row[0] - mean) + (row[nr] - mean) * (row[nr] - mean);
    }
    var /= 2.0 * (double)n;
    for (int i = 0; i < k; i++) {
        double first = 0, total = 0;
        for (long a = 0; a < n; a++) {
            const double *row = y + (size_t)(idx ? idx[a] : a) * rs + r;
            double fab = row[(size_t)(2 + i) * (size_t)nr];
            first += (row[nr] - fab) * (row[nr] - fab);
            total += (row[0] - fab) * (row[0] - fab);
        }
        s1[i] = (var - first / (2.0 * (double)n)) / var;
        st[i] = total / (2.0 * (double)n) / var;
    }
}

static int same_indices(const dk_sobol_index *a, const dk_sobol_index *b, int n)
{
    return memcmp(a, b, (size_t)n * sizeof *a) == 0;
}

/* The one-pass estimates against Jansen written out; the bootstrap the
 * same bits on any number of threads; its intervals as wide as those of
 * a plain bootstrap (GSL draws of every base row, Jansen written out). */
static void sobol_bootstrap(t_ctx *t, const dk_model *m)
{
    evaluated ev;
    if (evaluate(t, "sweep: bootstrap", m, "[sweep]\ndesign = saltelli\nn = 4096\n"
                 "responses = tailor.mean, tailor.le2, assistant.fte\n[base]\nsector = po\n"
                 "[factor class-size]\nrange = 20 32\n[factor heavy]\nrange = 0 5\n"
                 "[factor support]\nlevels = none assistant specialist\n"
                 "[factor po.sd.teacher]\n[factor cost.assistant.hours]\n", &ev))
        return;
    enum { K = 5, NR = 3, B = 1000 };
    long n = ev.sp.n;
    dk_sobol_index one[NR * K], two[NR * K], many[NR * K];
    int rc = dk_sobol_indices(ev.y, NR, n, K, B, 7, 1, one);
    rc |= dk_sobol_indices(ev.y, NR, n, K, B, 7, 2, two);
    rc |= dk_sobol_indices(ev.y, NR, n, K, B, 7, 7, many);
    t_ok(t, rc == 0 && same_indices(one, two, NR * K) && same_indices(one, many, NR * K),
         "sweep: bootstrap intervals identical on 1, 2 and 7 threads", "rc %d", rc);
    double worst = 0, lo = 1e9, hi = 0, logsum = 0;
    int count = 0;
    long *idx = malloc((size_t)n * sizeof *idx);
    double *rs1 = malloc((size_t)B * NR * K * sizeof *rs1), *rst = malloc((size_t)B * NR * K * sizeof *rst);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    for (int r = 0; r < NR; r++) {
        double s1[K], st[K];
        jansen_ref(ev.y, NR, r, n, K, NULL, s1, st);
        for (int i = 0; i < K; i++)
            worst = fmax(worst, fmax(fabs(s1[i] - one[r * K + i].s1),
                                     fabs(st[i] - one[r * K + i].st)));
    }
    for (int b = 0; b < B; b++) {
        for (long a = 0; a < n; a++)
            idx[a] = (long)gsl_rng_uniform_int(g, (unsigned long)n);
        for (int r = 0; r < NR; r++) {
            double s1[K], st[K];
            jansen_ref(ev.y, NR, r, n, K, idx, s1, st);
            for (int i = 0; i < K; i++) {
                rs1[(r * K + i) * B + b] = s1[i];
                rst[(r * K + i) * B + b] = st[i];
            }
        }
    }
    /* widths of the two bootstraps' 95 % intervals, index by index, where
     * the index is not ~0 (a width of 0.001 is noise on noise) */
    for (int c = 0; c < NR * K; c++) {
        double *x[2] = { rs1 + c * B, rst + c * B };
        double mine[2] = { one[c].s1_hi - one[c].s1_lo, one[c].st_hi - one[c].st_lo };
        for (int j = 0; j < 2; j++) {
            gsl_sort(x[j], 1, B);
            double w = gsl_stats_quantile_from_sorted_data(x[j], 1, B, 0.975) -
                       gsl_stats_quantile_from_sorted_data(x[j], 1, B, 0.025);
            if (w > 0.01) {
                lo = fmin(lo, mine[j] / w);
                hi = fmax(hi, mine[j] / w);
                logsum += log(mine[j] / w);
                count++;
            }
        }
    }
    t_ok(t, worst < 1e-12, "sweep: one-pass Sobol estimates equal Jansen's written out",
         "largest difference %g", worst);
    /* a width from 1000 resamples is within about 5 % of its mean (the
     * two bootstraps' averages over the indices, with seeds 1..5 of
     * both, were 0.99 to 1.03 of each other) */
    double mean = count ? exp(logsum / count) : 0;
    t_ok(t, count >= 10 && lo > 0.8 && hi < 1.25 && mean > 0.94 && mean < 1.06,
         "sweep: bootstrap intervals as wide as a plain bootstrap's",
         "width ratios %.3f .. %.3f, geometric mean %.3f over %d", lo, hi, mean, count);
    gsl_rng_free(g);
    free(idx);
    free(rs1);
    free(rst);
    evaluated_free(&ev);
}

/* Sobol' G with a = 0, 1, 4.5, 9, 99, 99: mu* must fall with the factor. */
static void morris_ranking(t_ctx *t, const dk_model *m)
{
    evaluated ev;
    if (evaluate(t, "sweep: morris", m, "[sweep]\ntest-function = sobol-g\ndesign = morris\n"
                 "n = 40\nseed = 7\n", &ev))
        return;
    dk_morris_index ix[6];
    dk_morris_indices(ev.y, 1, ev.tag, ev.sp.n, 6, ix);
    int ordered = 1;
    for (int i = 0; i < 4; i++)
        ordered &= ix[i].mu_star > ix[i + 1].mu_star;
    ordered &= ix[5].mu_star < ix[3].mu_star;
    t_ok(t, ordered, "sweep: morris mu* ranks Sobol' G's factors by importance",
         "mu* %g %g %g %g %g %g", ix[0].mu_star, ix[1].mu_star, ix[2].mu_star,
         ix[3].mu_star, ix[4].mu_star, ix[5].mu_star);
    /* every trajectory moves each factor exactly once, by +-delta = 2/3 */
    int ok = 1;
    for (long tr = 0; tr < ev.sp.n; tr++) {
        unsigned seen = 0;
        for (int s = 1; s <= 6; s++) {
            const dk_row_tag *g = &ev.tag[tr * 7 + s];
            seen |= 1u << g->block;
            ok &= fabs(fabs(g->delta) - 2.0 / 3) < 1e-12;
        }
        ok &= seen == 0x3f;
    }
    t_ok(t, ok, "sweep: morris trajectories move each factor once by delta", "bad trajectory");
    evaluated_free(&ev);
}

static void grid(t_ctx *t, const dk_model *m)
{
    evaluated ev;
    if (evaluate(t, "sweep: grid", m, "[sweep]\ndesign = grid\nresponses = tailor.mean\n"
                 "[base]\nsupport-needs = 8\nheavy = 2\n"
                 "[factor sector]\nlevels = po vo mbo\n[factor support]\nlevels = none "
                 "assistant+specialist\n[factor class-size]\nrange = 20 30\npoints = 3\n"
                 "[factor po.sd.teacher]\nlevels = 0.4 0.6\n", &ev))
        return;
    int seen[3][2][3][2] = { { { { 0 } } } }, ok = ev.rows == 36;
    for (long i = 0; i < ev.rows; i++) {
        double x[4];
        for (int k = 0; k < 4; k++)
            x[k] = dk_factor_value(&ev.sp, k, ev.u[i * 4 + k]);
        int s = (int)x[0], f = x[1] > 0, c = (int)(x[2] - 20) / 5, p = x[3] > 0.5;
        ok &= x[2] == 20 + 5 * c;
        seen[s][f][c][p]++;
    }
    for (int a = 0; a < 36; a++)
        ok &= ((int *)seen)[a] == 1;
    t_ok(t, ok, "sweep: grid enumerates the full factorial (3 x 2 x 3 x 2)", "%ld rows",
         ev.rows);
    evaluated_free(&ev);
}

static void lhs(t_ctx *t, const dk_model *m)
{
    evaluated ev;
    if (evaluate(t, "sweep: lhs", m, "[sweep]\ndesign = lhs\nn = 50\nseed = 3\n"
                 "responses = calm.mean\n[factor class-size]\nrange = 20 32\n"
                 "[factor po.class-size.cap]\n[factor cost.fte.hours]\n"
                 "distribution = normal 38 1\n", &ev))
        return;
    int ok = ev.rows == 50;
    for (int k = 0; k < 3; k++) {
        int hit[50] = { 0 };
        for (long i = 0; i < ev.rows; i++)
            hit[(int)(ev.u[i * 3 + k] * 50)]++;
        for (int s = 0; s < 50; s++)
            ok &= hit[s] == 1;
    }
    t_ok(t, ok, "sweep: latin hypercube puts one point in each of the n strata per factor",
         "strata not covered once");
    evaluated_free(&ev);
}

/* The keyed permutations: factors permuted unlike each other and unlike
 * the row order (|r| of 4097 independent uniform points is below 0.06 but
 * for odds of one in 10^4; the strata themselves: lhs_sizes). */
static void lhs_keyed(t_ctx *t, const dk_model *m)
{
    long n = 4097;
    evaluated ev;
    if (evaluate(t, "sweep: keyed lhs", m, "[sweep]\ntest-function = sobol-g\ndesign = lhs\n"
                 "n = 4097\nseed = 5\n[factor x1]\nrange = 0 1\n[factor x2]\nrange = 0 1\n"
                 "[factor x3]\nrange = 0 1\n", &ev))
        return;
    double *row = malloc((size_t)n * sizeof *row);
    for (long i = 0; row && i < n; i++)
        row[i] = (double)i;
    double worst = 1;
    if (row && ev.rows == n) {
        double r[] = { gsl_stats_correlation(ev.u, 3, ev.u + 1, 3, (size_t)n),
                       gsl_stats_correlation(ev.u, 3, ev.u + 2, 3, (size_t)n),
                       gsl_stats_correlation(ev.u + 1, 3, ev.u + 2, 3, (size_t)n),
                       gsl_stats_correlation(ev.u, 3, row, 1, (size_t)n) };
        worst = 0;
        for (int k = 0; k < 4; k++)
            worst = fabs(r[k]) > worst ? fabs(r[k]) : worst;
    }
    t_ok(t, worst < 0.06, "sweep: keyed LHS permutes factors unlike each other and the row order",
         "largest |correlation| %.3f", worst);
    free(row);
    evaluated_free(&ev);
}

/* The keyed permutations at every size class: n on either side of the
 * Feistel domains' powers of four (cycle walking) and of the block size,
 * 40 factors, each stratum exactly once; and the last 20,000 rows of the
 * largest design, whose strata are in range and distinct. */
static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void lhs_sizes(t_ctx *t, const dk_model *m)
{
    static const long ns[] = { 1, 2, 3, 4, 5, 15, 16, 17, 63, 64, 65, 1000, 1023, 1024, 1025,
                               4095, 4096, 4097, 65537, DK_SWEEP_MAX_N };
    char s[4000], first[200] = "";
    int bad = 0;
    for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
        long n = ns[j], from = n > 100000 ? n - 20000 : 0, span = n - from;
        snprintf(s, sizeof s, "[sweep]\ntest-function = sobol-g\ndesign = lhs\nn = %ld\n"
                 "seed = %zu\n", n, j);
        for (int i = 1; i <= DK_SWEEP_MAX_FACTORS; i++)
            snprintf(s + strlen(s), sizeof s - strlen(s), "[factor x%d]\nrange = 0 1\n", i);
        dk_sweep_spec sp;
        if (parse(t, "sweep: lhs sizes", m, s, &sp))
            return;
        int k = sp.nf;
        long *x = malloc((size_t)span * (size_t)k * sizeof *x), wrong = 0;
        dk_design *d = dk_design_new(&sp, from);
        double u[DK_SWEEP_MAX_FACTORS];
        dk_row_tag tag;
        for (long i = 0; i < span; i++) {   /* stratum of factor f, row i at x[f span + i] */
            dk_design_next(d, u, &tag);
            for (int f = 0; f < k; f++) {
                wrong += !(u[f] > 0 && u[f] < 1);
                x[(size_t)f * (size_t)span + (size_t)i] = (long)floor(u[f] * (double)n);
            }
        }
        for (int f = 0; f < k; f++) {   /* sorted: 0..n-1 whole, distinct in the tail */
            long *xf = x + (size_t)f * (size_t)span;
            qsort(xf, (size_t)span, sizeof *xf, cmp_long);
            for (long i = 0; i < span; i++)
                wrong += from == 0 ? xf[i] != i : xf[i] >= n || (i > 0 && xf[i] == xf[i - 1]);
        }
        if (wrong && bad++ == 0)
            snprintf(first, sizeof first, "n = %ld: %ld strata wrong", n, wrong);
        dk_design_free(d);
        free(x);
        dk_sweep_free(&sp);
    }
    t_ok(t, bad == 0, "sweep: latin hypercube strata once per factor at n = 1 .. 2^30",
         "%s", first);
}

/* A row is the predictor at the parameters' values, teachers integrated
 * out: the same as dk_model_mean and dk_answer_shares, and close to what
 * predict's Monte Carlo over parameters reports. */
static void like_predict(t_ctx *t, const dk_model *m)
{
    evaluated ev;
    if (evaluate(t, "sweep: predict", m, "[sweep]\ndesign = grid\nresponses = tailor.mean, "
                 "tailor.le2, assistant.ge4, assistant.fte\n[base]\nclass-size = 27\n"
                 "support-needs = 9\nheavy = 3\n[factor support]\nlevels = none assistant\n",
                 &ev))
        return;
    double *theta = malloc(m->n * sizeof *theta), le2, ge4, le2b, ge4b;
    dk_model_values(m, theta);
    dk_class c = { .sector = DK_PO, .class_size = 27, .ob = 9, .heavy = 3,
                   .support = 1u << DK_SUP_ASSISTANT };
    double mu = dk_model_mean(m, theta, &c, DK_TAILOR), sd = dk_teacher_sd(m, theta, DK_PO);
    dk_answer_shares(mu, sd, &le2, &ge4);
    double mua = dk_model_mean(m, theta, &c, DK_OUTCOME_NEED(DK_NEED_ASSISTANT));
    dk_answer_shares(mua, sd, &le2b, &ge4b);
    double fte = ge4b * theta[m->cost_hours[DK_SUP_ASSISTANT]] / theta[m->fte_hours];
    t_ok(t, ev.y[4] == dk_expected_answer(mu, sd) && ev.y[5] == le2 && ev.y[6] == ge4b && fabs(ev.y[7] - fte) < 1e-15,
         "sweep: a row is the predictor at the parameter values, teachers exact",
         "row %g %g %g %g, want %g %g %g %g", ev.y[4], ev.y[5], ev.y[6], ev.y[7], dk_expected_answer(mu, sd), le2,
         ge4b, fte);
    t_run_result r;
    t_run(t, "predict --class-size 27 --support-needs 9 --heavy 3 --support assistant "
          "--format csv", &r);
    const char *line = strstr(r.out, "capability,tailor,");
    double pm = line ? atof(line + strlen("capability,tailor,")) : 0;
    t_ok(t, fabs(pm - ev.y[4]) < 0.05, "sweep: a row agrees with predict's expected mean",
         "predict %g, sweep %g", pm, ev.y[4]);
    t_run_free(&r);
    free(theta);
    evaluated_free(&ev);
}

/* ---- through the binary ---- */

static int run_ok(t_ctx *t, const char *name, const char *args)
{
    t_run_result r;
    t_run(t, args, &r);
    int ok = r.status == 0 && !r.err[0];
    t_ok(t, ok, name, "status %d; stderr '%.300s'", r.status, r.err);
    t_run_free(&r);
    return ok;
}

static int same_files(const char *a, const char *b)
{
    size_t la, lb;
    dk_err e = { 0 };
    char *x = dk_read_file(a, &la, &e), *y = dk_read_file(b, &lb, &e);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static void end_to_end(t_ctx *t)
{
    char args[2000], a[300], b[300], c[300];
    const char *spec = "scenarios/sweep-po.ini --n 256";
    snprintf(a, sizeof a, "%s/one.csv", t->tmp);
    snprintf(args, sizeof args, "sweep %s -o %s", spec, a);
    run_ok(t, "sweep: runs silently", args);
    snprintf(b, sizeof b, "%s/two.csv", t->tmp);
    snprintf(args, sizeof args, "sweep %s --threads 2 -o %s", spec, b);
    run_ok(t, "sweep: runs on 2 threads", args);
    t_ok(t, t_same_bytes(a, b), "sweep: 1 and 2 threads give identical rows", "differ");
    for (int gz = 0; gz < 2; gz++) {
        char cat[1500] = "cat";
        for (int k = 1; k <= 3; k++) {
            snprintf(c, sizeof c, "%s/shard%d.csv%s", t->tmp, k, gz ? ".gz" : "");
            snprintf(args, sizeof args, "sweep %s --shard %d/3 --threads %d -o %s", spec, k,
                     k, c);
            run_ok(t, "sweep: a shard runs", args);
            snprintf(cat + strlen(cat), sizeof cat - strlen(cat), " %s", c);
        }
        snprintf(c, sizeof c, "%s/joined.csv%s", t->tmp, gz ? ".gz" : "");
        snprintf(cat + strlen(cat), sizeof cat - strlen(cat), " > %s", c);
        if (system(cat) != 0)
            fprintf(stderr, "runner: could not join shards\n");
        snprintf(b, sizeof b, "%s/whole.csv%s", t->tmp, gz ? ".gz" : "");
        snprintf(args, sizeof args, "sweep %s --threads 2 -o %s", spec, b);
        run_ok(t, "sweep: the whole design", args);
        t_ok(t, t_same_bytes(b, c), gz ? "sweep: gzip shards concatenate to the whole, byte "
             "for byte" : "sweep: shards concatenate to the whole, byte for byte", "differ");
    }
    t_ok(t, same_files(b, a), "sweep: .gz rows inflate to the plain CSV", "differ");
    /* indices in the run and from the rows afterwards */
    snprintf(c, sizeof c, "%s/in-run.csv", t->tmp);
    snprintf(args, sizeof args, "sweep %s -o /dev/null --indices %s --format csv", spec, c);
    run_ok(t, "sweep: indices in the run", args);
    snprintf(a, sizeof a, "%s/after.csv", t->tmp);
    snprintf(args, sizeof args, "sweep --analyse %s --indices %s --format csv", b, a);
    run_ok(t, "sweep: --analyse the joined gzip rows", args);
    t_ok(t, t_same_bytes(a, c), "sweep: --analyse gives the in-run indices exactly", "differ");
    expect(t, "sweep: ishigami through the binary", "sweep --test-function ishigami --n 1024 "
           "-o /dev/null --indices - --bootstrap 20", 0, "analytic (Ishigami a = 7, b = 0.1)", "");
    expect(t, "sweep: morris indices as json", "sweep scenarios/sweep-po.ini --design morris "
           "--n 10 -o /dev/null --indices - --format json", 0, "\"mu_star\": ", "");
    snprintf(args, sizeof args, "sweep tests/golden/sweep_grid.ini");
    t_run_result r;
    t_run(t, args, &r);
    snprintf(a, sizeof a, "%s/tests/golden/sweep_grid.csv", t->root);
    size_t n;
    char *gold = t_slurp(a, &n);
    t_ok(t, r.status == 0 && gold && n == r.outlen && memcmp(gold, r.out, n) == 0,
         "sweep: golden grid rows", "status %d, %zu bytes vs %zu golden", r.status, r.outlen, n);
    free(gold);
    t_run_free(&r);
}

/* ---- the cluster recipes of docs/sweep.md ---- */

/* The text of docs/sweep.md's fenced block after the line that starts
 * with `intro` (a shell script); 0, or -1 if there is none. */
static int readme_block(const char *root, const char *intro, char *cmd, size_t size)
{
    char path[600];
    snprintf(path, sizeof path, "%s/docs/sweep.md", root);
    char *text = t_slurp(path, NULL), *p = text ? strstr(text, intro) : NULL;
    char *open = p ? strstr(p, "```") : NULL, *body = open ? strchr(open, '\n') : NULL;
    char *end = body ? strstr(body + 1, "```") : NULL;
    int n = end ? snprintf(cmd, size, "%.*s", (int)(end - body - 1), body + 1) : 0;
    free(text);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* Runs docs/sweep.md's block after `intro` in a folder of its own, draagkracht on
 * the PATH the binary under test; 0, or -1 (reported) if it could not. */
static int run_recipe(t_ctx *t, const char *name, const char *intro, const char *dir)
{
    char recipe[2000], cmd[3000], path[500];
    if (readme_block(t->root, intro, recipe, sizeof recipe) != 0) {
        t_ok(t, 0, name, "not found in docs/sweep.md");
        return -1;
    }
    snprintf(cmd, sizeof cmd, "mkdir -p %s/bin && ln -sfn %s/scenarios %s/scenarios && "
             "ln -sfn %s %s/bin/draagkracht", dir, t->root, dir, t->bin, dir);
    int rc = system(cmd);
    snprintf(path, sizeof path, "%s/recipe.sh", dir);
    write_file(path, recipe);
    snprintf(cmd, sizeof cmd, "cd %s && PATH=%s/bin:$PATH sh recipe.sh >out.txt 2>err.txt",
             dir, dir);
    if (rc == 0)
        rc = system(cmd);
    snprintf(path, sizeof path, "%s/err.txt", dir);
    char *err = t_slurp(path, NULL);
    t_ok(t, rc == 0, name, "status %d; stderr '%.300s'", rc, err ? err : "");
    free(err);
    return rc == 0 ? 0 : -1;
}

/* The text of path without its lines that start with `--until-ci`. */
static char *without_until(const char *path)
{
    char *s = t_slurp(path, NULL), *w = s;
    for (char *p = s; p && *p;) {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (strncmp(p, "--until-ci", 10) != 0) {
            memmove(w, p, len);
            w += len;
        }
        p += len;
    }
    if (w)
        *w = '\0';
    return s;
}

/* GNU parallel as docs/sweep.md has it: eight shards in parallel processes, their
 * rows concatenated -- byte for byte the rows of one run -- and --analyse
 * of them printing the in-run indices; then the loop that grows the
 * design across shards, which must stop where --until-ci stops in one
 * run (n_until base rows) with the same indices. */
static void cluster_recipes(t_ctx *t, long n_until)
{
    if (system("parallel --version 2>/dev/null | grep -q 'GNU parallel'") != 0) {
        t_skip(t, "sweep: docs/sweep.md's GNU parallel recipes", "GNU parallel is not installed "
               "(./build.sh test installs it)");
        return;
    }
    char dir[400], a[500], b[500], args[1200];
    snprintf(dir, sizeof dir, "%s/cluster", t->tmp);
    if (run_recipe(t, "sweep: docs/sweep.md's GNU parallel recipe runs", "GNU parallel on one machine",
                   dir) == 0) {
        int shards = 0;
        for (int k = 1; k <= 8; k++) {
            snprintf(a, sizeof a, "%s/rows-%d.csv.gz", dir, k);
            shards += t_exists(a);
        }
        snprintf(a, sizeof a, "%s/whole.csv.gz", dir);
        snprintf(b, sizeof b, "%s/in-run.txt", dir);
        snprintf(args, sizeof args, "sweep scenarios/sweep-po.ini -q -o %s --indices %s", a, b);
        run_ok(t, "sweep: the recipe's sweep in one run", args);
        snprintf(args, sizeof args, "%s/rows.csv.gz", dir);
        t_ok(t, shards == 8 && t_same_bytes(args, a), "sweep: the recipe's 8 shards, "
             "concatenated, are the rows of one run byte for byte", "%d shards", shards);
        snprintf(args, sizeof args, "%s/out.txt", dir);
        t_ok(t, t_exists(b) && t_same_bytes(args, b), "sweep: --analyse of the recipe's rows "
             "prints the in-run indices", "differ");
    }
    snprintf(dir, sizeof dir, "%s/cluster-until", t->tmp);
    if (run_recipe(t, "sweep: docs/sweep.md's loop growing a design across shards runs",
                   "Growing a design across shards", dir) != 0)
        return;
    char want[200];
    snprintf(a, sizeof a, "%s/indices.txt", dir);
    snprintf(want, sizeof want, "--until-ci 0.02: met at n = %ld base rows;", n_until);
    char *got = t_slurp(a, NULL), *body = without_until(a);
    snprintf(b, sizeof b, "%s/in-run.txt", dir);
    snprintf(args, sizeof args, "sweep scenarios/sweep-po.ini --n %ld -q -o /dev/null "
             "--indices %s", n_until, b);
    run_ok(t, "sweep: the design --until-ci stopped at, in one run", args);
    char *one = t_slurp(b, NULL);
    t_ok(t, got && t_contains(got, want) && body && one && strcmp(body, one) == 0,
         "sweep: across shards, --analyse --until-ci stops where --until-ci does, with the "
         "same indices", "want '%s'; got '%.300s'", want, got ? got : "(none)");
    free(got);
    free(body);
    free(one);
}

/* ---- --until-ci ---- */

static int read_json(t_ctx *t, const char *name, const char *path, tj_value *doc)
{
    size_t len = 0;
    char *text = t_slurp(path, &len), err[300] = "missing";
    int ok = text && tj_parse(text, len, doc, err, sizeof err) == 0;
    t_ok(t, ok, name, "%s: %s", path, err);
    free(text);
    return ok;
}

static double num_at(const tj_value *v, const char *pointer)
{
    const tj_value *x = tj_at(v, pointer);
    return x && x->kind == TJ_NUMBER ? x->num : NAN;
}

/* The widest S1 or ST interval of an indices document: an index without
 * an interval counts as infinitely wide; a response without indices does
 * not count. */
static double widest_interval(const tj_value *doc)
{
    const tj_value *rs = tj_at(doc, "/responses");
    double w = 0;
    for (size_t r = 0; rs && r < rs->n; r++) {
        const tj_value *fs = tj_at(&rs->item[r], "/factors");
        for (size_t i = 0; fs && i < fs->n; i++) {
            const tj_value *f = &fs->item[i];
            static const char *const ix[][3] = { { "/S1", "/S1_lo", "/S1_hi" },
                                                 { "/ST", "/ST_lo", "/ST_hi" } };
            for (int k = 0; k < 2; k++) {
                double x = num_at(f, ix[k][0]), lo = num_at(f, ix[k][1]), hi = num_at(f, ix[k][2]);
                if (!isnan(x))
                    w = fmax(w, isnan(lo) || isnan(hi) ? INFINITY : hi - lo);
            }
        }
    }
    return rs && rs->n ? w : INFINITY;
}

/* Whether two indices documents hold the same numbers, response by
 * response and factor by factor. */
static int same_responses(const tj_value *a, const tj_value *b)
{
    const tj_value *ra = tj_at(a, "/responses"), *rb = tj_at(b, "/responses");
    if (!ra || !rb || ra->n != rb->n)
        return 0;
    for (size_t r = 0; r < ra->n; r++) {
        const tj_value *fa = tj_at(&ra->item[r], "/factors"), *fb = tj_at(&rb->item[r], "/factors");
        if (!fa || !fb || fa->n != fb->n)
            return 0;
        for (size_t i = 0; i < fa->n; i++) {
            static const char *const keys[] = { "/S1", "/S1_lo", "/S1_hi", "/ST", "/ST_lo", "/ST_hi" };
            for (int k = 0; k < 6; k++) {
                double x = num_at(&fa->item[i], keys[k]), y = num_at(&fb->item[i], keys[k]);
                if (!(x == y || (isnan(x) && isnan(y))))
                    return 0;
            }
        }
    }
    return 1;
}

/* The goal: --until-ci 0.02 on sweep-po.ini stops by itself with
 * every interval narrower than 0.02; its rows are the design of the n it
 * stopped at; --analyse of them agrees and, asked for more, names the n
 * to run next. */
static long until_po(t_ctx *t)
{
    char args[1500], rows[300], json[300], direct[300], after[300];
    snprintf(rows, sizeof rows, "%s/until.csv.gz", t->tmp);
    snprintf(json, sizeof json, "%s/until.json", t->tmp);
    snprintf(args, sizeof args, "sweep scenarios/sweep-po.ini --until-ci 0.02 --threads 2 -o %s "
             "--indices %s --format json", rows, json);
    tj_value doc, again;
    if (!run_ok(t, "sweep: --until-ci 0.02 on sweep-po.ini stops by itself", args) ||
        !read_json(t, "sweep: --until-ci indices", json, &doc))
        return 0;
    long n = (long)num_at(&doc, "/base_rows"), rounds = (long)num_at(&doc, "/until_ci/rounds");
    const tj_value *met = tj_at(&doc, "/until_ci/met");
    double widest = widest_interval(&doc);
    t_ok(t, met && met->kind == TJ_TRUE && widest < 0.02 && n > 4096 && !(n & (n - 1)),
         "sweep: --until-ci 0.02: every 95 % interval narrower than 0.02",
         "n %ld, widest %g", n, widest);
    t_ok(t, (4096L << (rounds - 1)) == n && num_at(&doc, "/until_ci/start_base_rows") == 4096 &&
         fabs(num_at(&doc, "/until_ci/widest") - widest) < 1e-12,
         "sweep: --until-ci doubles n from the spec's, round by round", "n %ld in %ld rounds",
         n, rounds);
    snprintf(direct, sizeof direct, "%s/direct.csv.gz", t->tmp);
    snprintf(args, sizeof args, "sweep scenarios/sweep-po.ini --n %ld -o %s", n, direct);
    run_ok(t, "sweep: the design of the n --until-ci chose", args);
    t_ok(t, t_same_bytes(rows, direct), "sweep: --until-ci's rows are the design of its n, "
         "byte for byte (earlier rows kept)", "differ");
    snprintf(after, sizeof after, "%s/after.json", t->tmp);
    snprintf(args, sizeof args, "sweep --analyse %s --until-ci 0.02 --indices %s --format json",
             rows, after);
    if (run_ok(t, "sweep: --analyse --until-ci of the rows", args) &&
        read_json(t, "sweep: --analyse --until-ci indices", after, &again)) {
        const tj_value *next = tj_at(&again, "/until_ci/next_base_rows");
        t_ok(t, same_responses(&doc, &again) && next && next->kind == TJ_NULL,
             "sweep: --analyse --until-ci agrees with the run: met, the same indices", "differ");
        tj_free(&again);
    }
    snprintf(args, sizeof args, "sweep --analyse %s --until-ci %.17g --indices %s --format json",
             rows, widest / 2, after);
    t_run_result r;
    t_run(t, args, &r);
    char want[100];
    snprintf(want, sizeof want, "Run the design with --n %ld next", 2 * n);
    int said = r.status == 1 && t_contains(r.err, want) && read_json(t, "sweep: --analyse "
               "--until-ci not met, indices", after, &again);
    t_ok(t, said && num_at(&again, "/until_ci/next_base_rows") == 2 * n &&
         tj_at(&again, "/until_ci/met")->kind == TJ_FALSE,
         "sweep: --analyse --until-ci not met: exit 1, the next n (doubled) named",
         "status %d; stderr '%.300s'", r.status, r.err);
    if (said)
        tj_free(&again);
    t_run_free(&r);
    tj_free(&doc);
    return n;
}

/* Sobol' G*: interactions carry four fifths of its variance.  At the n
 * --until-ci 0.2 picks, the analytic indices lie in (nearly) all the
 * intervals, and every estimate is within its interval's width of them
 * (S1 is what interactions make noisy: its intervals are the widest). */
static void until_g_star(t_ctx *t)
{
    char args[800], json[300];
    snprintf(json, sizeof json, "%s/gstar.json", t->tmp);
    snprintf(args, sizeof args, "sweep --test-function sobol-g-star --until-ci 0.2 --threads 2 "
             "-o /dev/null --indices %s --format json", json);
    tj_value doc;
    if (!run_ok(t, "sweep: --until-ci 0.2 on Sobol' G*", args) ||
        !read_json(t, "sweep: G* indices", json, &doc))
        return;
    double s1[10], st[10];
    dk_sobol_g_star_indices(10, s1, st);
    const tj_value *fs = tj_at(&doc, "/responses/0/factors");
    int covered = 0, close = 0, found = 0;
    double sum1 = 0, sumt = 0;
    for (size_t i = 0; fs && i < fs->n; i++) {
        const tj_value *f = &fs->item[i], *name = tj_at(f, "/factor");
        long x = name && name->kind == TJ_STRING ? strtol(name->str + 1, NULL, 10) - 1 : -1;
        if (x < 0 || x >= 10)
            continue;
        found++;
        double v[2][4] = { { s1[x], num_at(f, "/S1"), num_at(f, "/S1_lo"), num_at(f, "/S1_hi") },
                           { st[x], num_at(f, "/ST"), num_at(f, "/ST_lo"), num_at(f, "/ST_hi") } };
        for (int k = 0; k < 2; k++) {
            covered += v[k][2] <= v[k][0] && v[k][0] <= v[k][3];
            close += fabs(v[k][1] - v[k][0]) <= v[k][3] - v[k][2];
        }
        sum1 += s1[x];
        sumt += st[x];
    }
    t_ok(t, found == 10 && covered >= 18 && close == 20,
         "sweep: G*'s analytic indices in its intervals at the n --until-ci picks",
         "%d factors; %d of 20 intervals cover; %d of 20 estimates within a width; n %g",
         found, covered, close, num_at(&doc, "/base_rows"));
    t_ok(t, sum1 < 0.25 && sumt > 2, "sweep: G* (Saltelli 2010 case 6) is dominated by "
         "interactions", "sum S1 %g, sum ST %g", sum1, sumt);
    tj_free(&doc);
}

/* G*'s closed form against the values published for this case
 * (Saltelli et al. 2010, case 6, as tabulated by UQTestFuns), and the
 * function against its own mean and variance. */
static void g_star(t_ctx *t)
{
    double s1[10], st[10];
    dk_sobol_g_star_indices(10, s1, st);
    t_ok(t, fabs(s1[0] / 4.98832e-2 - 1) < 1e-5 && fabs(st[0] / 4.72157e-1 - 1) < 1e-5 &&
         fabs(s1[9] / 1.99533e-3 - 1) < 1e-5 && fabs(st[9] / 3.29412e-2 - 1) < 1e-5,
         "sweep: G* analytic indices as published", "S1 %g %g, ST %g %g", s1[0], s1[9], st[0],
         st[9]);
    double v = 1;
    for (int i = 0; i < 10; i++)
        v *= 1 + 0.8 / pow(1 + dk_sobol_g_star_a(i), 2);
    v -= 1;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    enum { N = 400000 };
    double *y = malloc(N * sizeof *y), x[10];
    for (int j = 0; j < N; j++) {
        for (int i = 0; i < 10; i++)
            x[i] = gsl_rng_uniform(g);
        y[j] = dk_sobol_g_star(x, 10);
    }
    double mean = gsl_stats_mean(y, 1, N), var = gsl_stats_variance(y, 1, N);
    t_ok(t, fabs(mean - 1) < 0.01 && fabs(var / v - 1) < 0.05,
         "sweep: G* has mean 1 and its analytic variance", "mean %g, variance %g of %g",
         mean, var, v);
    free(y);
    gsl_rng_free(g);
}

static void until_ci(t_ctx *t)
{
    g_star(t);
    long n = until_po(t);
    if (n)
        cluster_recipes(t, n);
    until_g_star(t);
    char args[800], rows[300];
    /* not met within --max-n: rows and indices written, exit 1 */
    snprintf(rows, sizeof rows, "%s/ish.csv", t->tmp);
    snprintf(args, sizeof args, "sweep --test-function ishigami --until-ci 0.001 --max-n 4096 "
             "-o %s --indices -", rows);
    t_run_result r;
    t_run(t, args, &r);
    size_t len = 0;
    char *text = t_slurp(rows, &len);
    int lines = 0;
    for (size_t i = 0; text && i < len; i++)
        lines += text[i] == '\n';
    t_ok(t, r.status == 1 && lines == 1 + 4096 * 5 && t_contains(r.out, "not met at n = 4096 "
         "base rows (doubled from 1024, 3 rounds), the most --max-n allows") &&
         t_contains(r.err, "not met"), "sweep: --until-ci not met by --max-n: exit 1, all "
         "written", "status %d, %d lines; stdout '%.300s'", r.status, lines, r.out);
    free(text);
    t_run_free(&r);
    /* bad input: each after "sweep scenarios/sweep-po.ini" */
    static const char *const bad_until[][3] = {
        { "without --indices", "--until-ci 0.02", "--until-ci needs --indices FILE" },
        { "with lhs", "--design lhs --until-ci 0.02 --indices -",
          "--indices: a lhs design has no indices" },
        { "with morris", "--design morris --until-ci 0.02 --indices -",
          "--until-ci needs a saltelli design" },
        { "with a shard", "--until-ci 0.02 --shard 1/2 --indices -",
          "--analyse ROWS --until-ci W" },
        { "--max-n below n", "--until-ci 0.02 --max-n 1024 --indices -",
          "--max-n 1024 is below the design's n = 4096" },
        { "without a bootstrap", "--until-ci 0.02 --bootstrap 0 --indices -",
          "--bootstrap 0 gives none" },
        { "--max-n alone", "--max-n 8192 --indices -", "--max-n goes with --until-ci" },
        { "0", "--until-ci 0 --indices -", "--until-ci: 0 is outside" },
        { "not a number", "--until-ci wide --indices -", "--until-ci: 'wide' is not a number" },
    };
    for (size_t i = 0; i < sizeof bad_until / sizeof bad_until[0]; i++) {
        char name[200];
        snprintf(name, sizeof name, "sweep --until-ci: %s", bad_until[i][0]);
        snprintf(args, sizeof args, "sweep scenarios/sweep-po.ini %s", bad_until[i][1]);
        bad(t, name, args, bad_until[i][2]);
    }
    snprintf(rows, sizeof rows, "%s/morris.csv", t->tmp);
    snprintf(args, sizeof args, "sweep --test-function ishigami --design morris --n 4 -o %s",
             rows);
    run_ok(t, "sweep: morris rows", args);
    snprintf(args, sizeof args, "sweep --analyse %s --until-ci 0.1", rows);
    bad_output(t, "sweep --analyse --until-ci of morris rows", args, "--indices",
               "--until-ci needs the rows of a saltelli design");
    snprintf(args, sizeof args, "sweep --analyse %s --until-ci 0.1 --max-n 64", rows);
    bad_output(t, "sweep --analyse with --max-n", args, "--indices", "--max-n does not apply");
}

/* --analyse of the rows at path: exit 2, msg, no stdout, no indices file. */
static void bad_analyse(t_ctx *t, const char *name, const char *path, const char *msg)
{
    char args[600];
    snprintf(args, sizeof args, "sweep --analyse %s", path);
    bad_output(t, name, args, "--indices", msg);
}

/* --analyse reads; its errors leave no indices file. */
static void bad_rows(t_ctx *t, const char *name, const char *rows, const char *msg)
{
    char path[300];
    snprintf(path, sizeof path, "%s/rows.csv", t->tmp);
    write_file(path, rows);
    bad_analyse(t, name, path, msg);
}

static void bad_spec(t_ctx *t, const char *name, const char *text, const char *extra,
                     const char *msg)
{
    char path[300], args[800];
    snprintf(path, sizeof path, "%s/spec.ini", t->tmp);
    write_file(path, text);
    snprintf(args, sizeof args, "sweep %s %s", path, extra);
    bad(t, name, args, msg);
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Runs the binary for a later check's input; 1 when it exits 0, else a
 * failed check (the checks that need its output cannot run). */
static int run_quiet(t_ctx *t, const char *args)
{
    t_run_result r;
    t_run(t, args, &r);
    int ok = r.status == 0;
    if (!ok)
        t_ok(t, 0, "sweep: a run that a check needs", "'%s' failed: %.300s", args, r.err);
    t_run_free(&r);
    return ok;
}

/*
 * 12: running out of memory part way.  Under an address-space limit of
 * many sizes, so that it strikes anywhere from start-up to the last
 * block (on any of 7 threads), every run either writes the whole design
 * or fails with a message and leaves nothing: no file, no temporary file,
 * no crash.  Worker threads used to exit the process from a row buffer
 * (the temporary file stayed) or crash making a Morris trajectory.  The
 * sanitizer build cannot run under such a limit.
 */
static void out_of_memory(t_ctx *t)
{
#ifdef __SANITIZE_ADDRESS__
    t_skip(t, "sweep: out of memory part way (lhs and morris) leaves nothing",
           "the ASan build cannot run under an address-space limit");
    return;
#endif
    static const char *const design[] = { "--design lhs --n 20000", "--design morris --n 3000" };
    static const char *const name[] = { "rows.csv.gz", "rows.csv" };
    char dir[300], ref[400], out[400], errf[400], cmd[2000], left[1000];
    snprintf(dir, sizeof dir, "%s/oom", t->tmp);
    snprintf(errf, sizeof errf, "%s/oom.err", t->tmp);
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "runner: could not make %s\n", dir);
    for (int k = 0; k < 2; k++) {
        snprintf(ref, sizeof ref, "%s/oom-ref-%s", t->tmp, name[k]);
        snprintf(out, sizeof out, "%s/%s", dir, name[k]);
        snprintf(cmd, sizeof cmd, "sweep scenarios/sweep-po.ini %s -q -o %s", design[k], ref);
        if (!run_quiet(t, cmd))
            continue;
        int bad = 0;
        char first[1200] = "";
        /* quick: three of the 28 limits */
        for (int kb = 12000; kb <= 120000; kb += t->quick ? 52000 : 4000) {
            snprintf(cmd, sizeof cmd, "ulimit -v %d && cd %s && %s sweep scenarios/sweep-po.ini "
                     "%s --threads 7 -q -o %s 2>%s", kb, t->root, t->bin, design[k], out, errf);
            int st = system(cmd);
            int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
            int files = t_list_dir(dir, left, sizeof left);
            char *err = t_slurp(errf, NULL);
            int ok = status == 0 ? files == 1 && t_same_bytes(out, ref)
                                 : (status == 1 || status == 2) && files == 0 && err &&
                                   t_contains(err, "out of memory");
            if (!ok && bad++ == 0)
                snprintf(first, sizeof first, "limit %d KB: status %d, left '%s', stderr '%.200s'",
                         kb, status, left, err ? err : "");
            free(err);
            snprintf(cmd, sizeof cmd, "rm -f %s/*", dir);
            if (system(cmd) != 0)
                fprintf(stderr, "runner: could not empty %s\n", dir);
        }
        char tname[200];
        snprintf(tname, sizeof tname, "sweep: out of memory part way (%s) leaves nothing, "
                 "exit 1 or 2", design[k]);
        t_ok(t, bad == 0, tname, "%d limits wrong; first %s", bad, first);
    }
}

/* The reviewer's defects, each through the binary where it can be. */
static void regressions(t_ctx *t)
{
    char spec[300], rows[300], rows2[300], args[1500], s[2000];
    const char *base = "[sweep]\ndesign = saltelli\nn = 64\n[factor class-size]\n"
                       "range = 20 32\n[factor heavy]\nrange = 0 3\n";

    /* 1: a Morris file with one factor moved in every step overflowed the
     * effects table; now the row that moves it again is named */
    snprintf(spec, sizeof spec, "%s/m.ini", t->tmp);
    write_file(spec, "[sweep]\ndesign = morris\nn = 10\nresponses = tailor.mean, assistant.fte\n"
               "[base]\nsector = po\n[factor class-size]\nrange = 20 32\n[factor support]\n"
               "levels = none assistant extra-teacher\n[factor po.sd.teacher]\n");
    snprintf(rows, sizeof rows, "%s/m.csv", t->tmp);
    snprintf(rows2, sizeof rows2, "%s/m-bad.csv", t->tmp);
    snprintf(args, sizeof args, "sweep %s -o %s", spec, rows);
    if (run_quiet(t, args)) {
        snprintf(s, sizeof s, "awk -F, 'BEGIN{OFS=\",\"} NR>1&&$2!=\"start\"{$2=\"po.sd.teacher\"}1' "
                 "%s > %s", rows, rows2);
        if (system(s) != 0)
            fprintf(stderr, "runner: awk failed\n");
        bad_analyse(t, "sweep --analyse morris factor moved twice in a trajectory", rows2,
                    "m-bad.csv:4: block: 'po.sd.teacher' is moved twice in trajectory 0");
        snprintf(args, sizeof args, "sweep --analyse %s", rows);
        expect(t, "sweep: --analyse the untouched morris rows", args, 0, "Morris elementary", "");
    }
    const char *mh = "run,block,base,delta,x1,x2,y\n";
    snprintf(s, sizeof s, "%s0,start,0,0,0,0,1\n1,x1,0,0.5,0.5,0,2\n2,x2,0,0.5,0.5,0.5,3\n"
             "3,start,1,0,0,0,1\n4,x2,1,0.5,0,0.5,2\n5,x1,1,0.5,0.5,0.5,3\n", mh);
    bad_rows(t, "analyse morris delta not a step of the design", s,
             "rows.csv:3: delta: 0.5 is not a Morris step");
    snprintf(s, sizeof s, "%s0,start,0,0,0,0,1\n1,x1,0,0.66666666666666663,0.6,0,2\n"
             "2,x2,0,1,0.6,1,3\n3,start,1,0,0,0,1\n4,x2,1,1,0,1,2\n5,x1,1,1,1,1,3\n", mh);
    bad_rows(t, "analyse morris deltas of two designs", s,
             "rows.csv:4: delta: 1, but the design's step is +-0.66666666666666663");
    /* the bound in dk_morris_indices itself */
    {
        double y[6] = { 1, 2, 3, 1, 2, 3 };
        dk_row_tag tag[6] = { { .block = -1 }, { .block = 0, .delta = 1 },
                              { .block = 0, .delta = 1 }, { .block = -1 },
                              { .block = 0, .delta = 1 }, { .block = 0, .delta = 1 } };
        dk_morris_index ix[2];
        int rc = dk_morris_indices(y, 1, tag, 2, 2, ix);
        t_ok(t, rc == 0 && isnan(ix[0].mu) && isnan(ix[1].mu) && isnan(ix[0].mu_star),
             "sweep: dk_morris_indices leaves out a factor moved twice (NaN, no overflow)",
             "rc %d, mu %g %g", rc, ix[0].mu, ix[1].mu);
    }

    /* 2: a missing last shard, and bytes after the last gzip member */
    snprintf(spec, sizeof spec, "%s/s.ini", t->tmp);
    write_file(spec, base);
    snprintf(rows, sizeof rows, "%s/s1.csv", t->tmp);
    snprintf(args, sizeof args, "sweep %s --shard 1/2 -o %s", spec, rows);
    if (run_quiet(t, args))
        bad_analyse(t, "sweep --analyse a shard alone (the last one missing)", rows,
                    "s1.csv: 128 rows, but the header says the design has 256 (run/256)");
    snprintf(rows, sizeof rows, "%s/s.csv.gz", t->tmp);
    snprintf(args, sizeof args, "sweep %s -o %s", spec, rows);
    if (run_quiet(t, args)) {
        snprintf(s, sizeof s, "printf 'trailing junk\\n' >> %s", rows);
        if (system(s) != 0)
            fprintf(stderr, "runner: could not append\n");
        bad_analyse(t, "sweep --analyse non-gzip bytes after the last member", rows,
                    "bytes after the last gzip member are not gzip");
    }

    /* 3: a plain file cut inside its last line */
    snprintf(rows, sizeof rows, "%s/s.csv", t->tmp);
    snprintf(args, sizeof args, "sweep %s -o %s", spec, rows);
    if (run_quiet(t, args)) {
        snprintf(s, sizeof s, "head -c -3 %s > %s/cut.csv", rows, t->tmp);
        if (system(s) != 0)
            fprintf(stderr, "runner: head failed\n");
        snprintf(rows2, sizeof rows2, "%s/cut.csv", t->tmp);
        bad_analyse(t, "sweep --analyse a truncated last line", rows2,
                    "cut.csv:257: the last line has no newline");
    }

    /* 4: a response no factor moves has no indices (was S1 = 1 each) */
    snprintf(s, sizeof s, "[sweep]\ndesign = saltelli\nn = 64\nresponses = tailor.mean, "
             "assistant.fte\n[factor cost.assistant.hours]\n[factor cost.fte.hours]\n");
    write_file(spec, s);
    snprintf(args, sizeof args, "sweep %s -o %s --indices - --bootstrap 20", spec, rows);
    expect(t, "sweep: a response no factor moves gets n/a, not S1 = 1", args, 0,
           "tailor.mean\n  factor                                    S1               95%      "
           "ST               95%\n  cost.assistant.hours                     n/a               "
           "n/a     n/a               n/a\n", "");

    /* 5: memory estimated up front: refused, no output, no temp file; a
     * Latin hypercube keeps no tables, so the last of 100,000 shards of a
     * billion-row one is its own ten blocks of rows, at once */
    snprintf(s, sizeof s, "[sweep]\ntest-function = sobol-g\ndesign = lhs\nn = 1073741824\n");
    for (int i = 1; i <= 40; i++)
        snprintf(s + strlen(s), sizeof s - strlen(s), "[factor x%d]\nrange = 0 1\n", i);
    write_file(spec, s);
    snprintf(args, sizeof args, "sweep %s --shard 100000/100000 -q", spec);
    t_run_result big;
    t_run(t, args, &big);
    t_ok(t, big.status == 0 && count_lines(big.out) == 10240 &&
         strncmp(big.out, "1073731584,", 11) == 0,
         "sweep: the last shard of a billion-row LHS is its own 10,240 rows (no tables)",
         "status %d, %d lines, starting %.20s; %s", big.status, count_lines(big.out), big.out,
         big.err);
    t_run_free(&big);
    bad(t, "sweep --indices keeping more than memory", "sweep --test-function sobol-g --n "
        "536870912 --indices /dev/null", "with --indices keeping every row's responses");

    /* 6: a bad --indices path fails before rows reach stdout; -o and
     * --indices may not be one file */
    write_file(spec, base);
    t_run_result r;
    snprintf(args, sizeof args, "sweep %s --indices %s/nodir/i.txt", spec, t->tmp);
    t_run(t, args, &r);
    t_ok(t, r.status == 2 && r.outlen == 0 && t_contains(r.err, "nodir/i.txt: cannot write"),
         "bad input: sweep --indices into a missing directory writes no rows to stdout",
         "status %d, %zu bytes on stdout, stderr '%.200s'", r.status, r.outlen, r.err);
    t_run_free(&r);
    snprintf(args, sizeof args, "sweep %s --indices %s/bad-output", spec, t->tmp);
    bad(t, "sweep -o and --indices the same file", args, "-o and --indices name the same file");
    snprintf(args, sizeof args, "sweep %s --indices %s/../%s/bad-output", spec, t->tmp,
             strrchr(t->tmp, '/') ? strrchr(t->tmp, '/') + 1 : t->tmp);
    bad(t, "sweep -o and --indices the same file by another name", args,
        "-o and --indices name the same file");

    /* 7: test-function factor names */
    bad_spec(t, "sweep test-function factor x01", "[sweep]\ntest-function = ishigami\ndesign = "
             "lhs\nn = 4\n[factor x1]\nrange = 0 1\n[factor x01]\nrange = 0 1\n[factor x3]\n"
             "range = 0 1\n", "", "spec.ini:7: factor: 'x01': write it 'x1'");
    write_file(spec, "[factor x1]\nrange = 0 1\n[factor x2]\nrange = 0 1\n[factor x3]\n"
               "range = 0 1\n[sweep]\ntest-function = ishigami\ndesign = lhs\nn = 4\n");
    snprintf(args, sizeof args, "sweep %s", spec);
    expect(t, "sweep: test-function after the [factor xN] sections", args, 0, "run,x1,x2,x3,y\n", "");

    /* 8: Sobol designs stop at 2^29 */
    bad(t, "sweep sobol n above 2^29", "sweep --test-function ishigami --design sobol --n "
        "1073741824", "the largest allowed is 536870912 (2^29)");

    /* 9: a truncated normal in its upper tail; a range with no mass */
    bad_spec(t, "sweep normal with no mass in the range", "[sweep]\ntest-function = ishigami\n"
             "design = lhs\n[factor x1]\nrange = -3 3\ndistribution = normal 100 0.001\n"
             "[factor x2]\nrange = 0 1\n[factor x3]\nrange = 0 1\n", "",
             "spec.ini:6: distribution: normal 100 0.001 has (numerically) no probability");
    {
        dk_model m;
        dk_sweep_spec sp;
        const char *txt = "[sweep]\ntest-function = ishigami\ndesign = lhs\nn = 4\n[factor x1]\n"
                          "range = 1 2\ndistribution = normal 0 0.1\n[factor x2]\nrange = 0 1\n"
                          "[factor x3]\nrange = 0 1\n";
        if (t_default_model(t, "sweep", &m) == 0) {
            if (parse(t, "sweep: normal upper tail", &m, txt, &sp) == 0) {
                double lo = dk_factor_value(&sp, 0, 0.01), mid = dk_factor_value(&sp, 0, 0.5);
                t_ok(t, lo > 1 && mid > lo && mid < 1.02, "sweep: a normal 10 SD below its "
                     "range takes values at the range's low end", "u 0.01: %.17g, 0.5: %.17g",
                     lo, mid);
                dk_sweep_free(&sp);
            }
            dk_model_free(&m);
        }
    }

    /* 10: tiny n with a bootstrap; the smallest n both places */
    expect(t, "sweep: ishigami n = 2 with a bootstrap", "sweep --test-function ishigami --n 2 "
           "--bootstrap 20 --bootstrap-seed 3 -o /dev/null --indices -", 0, "Sobol indices", "");
    bad(t, "sweep saltelli n = 1", "sweep --test-function ishigami --n 1",
        "saltelli needs at least 2 base rows");

    /* 11: the small ones */
    write_file(spec, base);
    snprintf(args, sizeof args, "sweep %s %s", spec, spec);
    bad(t, "sweep two specs", args, "one spec at a time");
    snprintf(args, sizeof args, "sweep %s --design grid --n 10", spec);
    bad(t, "sweep --n with a grid", args, "--n does not apply to a grid design");
    bad_spec(t, "sweep triangular mode at the distribution's line", "[sweep]\ndesign = lhs\n"
             "[factor po.sd.teacher]\ndistribution = triangular 5\nrange = 0.1 0.5\n", "",
             "spec.ini:4: distribution: the mode 5 of po.sd.teacher lies outside");
    snprintf(s, sizeof s, "[sweep]\ntest-function = sobol-g\ndesign = saltelli\nn = 64\n");
    for (int i = 1; i <= 21; i++)
        snprintf(s + strlen(s), sizeof s - strlen(s), "[factor x%d]\nrange = 0 1\n", i);
    bad_spec(t, "sweep saltelli with 21 factors names the line", s, "",
             "spec.ini:45: x21: saltelli needs 42 Sobol dimensions");
    write_file(spec, "\xEF\xBB\xBF[sweep]\ndesign = grid\n[factor heavy]\nrange = 0 3\n");
    snprintf(args, sizeof args, "sweep %s", spec);
    expect(t, "sweep: a spec with a UTF-8 byte order mark", args, 0, "run,heavy,", "");
    write_file(spec, "[sweep]\ndesign = saltelli\nn = 8\n[factor heavy]\nrange = 0 3\n");
    snprintf(args, sizeof args, "sweep %s -o /dev/null --indices - --bootstrap 0", spec);
    expect(t, "sweep: one factor, not '1 factors'", args, 0, "x (1 factor + 2)", "");
}

static void bad_inputs(t_ctx *t)
{
    const char *head = "[sweep]\ndesign = saltelli\nn = 64\n";
    char s[600];
    snprintf(s, sizeof s, "%s[factor class-sise]\nrange = 20 30\n", head);
    bad_spec(t, "sweep unknown factor", s, "", "spec.ini:4: factor: unknown input or model "
             "parameter 'class-sise' (did you mean 'class-size'?)");
    snprintf(s, sizeof s, "%s[factor po.class-size.cp]\n", head);
    bad_spec(t, "sweep unknown parameter", s, "", "(did you mean 'po.class-size.cap'?)");
    snprintf(s, sizeof s, "%s[factor class-size]\nrange = 30 20\n", head);
    bad_spec(t, "sweep empty range", s, "", "spec.ini:5: range: 30..20 is empty");
    snprintf(s, sizeof s, "%s[factor po.share.novice]\nrange = 0.5 0.5\n", head);
    bad_spec(t, "sweep empty parameter range", s, "", "spec.ini:5: range: 0.5..0.5 is empty");
    snprintf(s, sizeof s, "[sweep]\ndesign = sobol\nn = 1000\n[factor heavy]\nrange = 0 4\n");
    bad_spec(t, "sweep sobol n not a power of two", s, "", "spec.ini:3: n: 1000 is not a power "
             "of two; a Sobol sequence is balanced only at powers of two: use n = 1024");
    snprintf(s, sizeof s, "%s[factor heavy]\nrange = 0 4\n", head);
    bad_spec(t, "sweep --n not a power of two", s, "--n 100", "use --n 128");
    bad_spec(t, "sweep shard 0/3", s, "--shard 0/3", "--shard: shard 0 of 3 is outside 1..3");
    bad_spec(t, "sweep shard 4/3", s, "--shard 4/3", "--shard: shard 4 of 3 is outside 1..3");
    bad_spec(t, "sweep too many shards", s, "--shard 1/100001", "--shard: 100001 shards; at most 100000");
    bad_spec(t, "sweep shard malformed", s, "--shard 2", "is not K/N");
    snprintf(s, sizeof s, "%s[factor heavy]\nrange = 0 9\n", head);
    bad_spec(t, "sweep heavy above support needs", s, "", "spec.ini:4: heavy: up to 9 heavy pupils");
    snprintf(s, sizeof s, "%sresponses = tailor.mea\n[factor heavy]\nrange = 0 4\n", head);
    bad_spec(t, "sweep unknown response", s, "", "spec.ini:4: responses: unknown response "
             "'tailor.mea' (did you mean 'tailor.mean'?)");
    snprintf(s, sizeof s, "%s[factor support]\nlevels = none asistant\n", head);
    bad_spec(t, "sweep unknown support level", s, "", "did you mean 'assistant'?");
    snprintf(s, sizeof s, "%s[factor po.sd.teacher]\nrange = -0.2 0.5\n", head);
    bad_spec(t, "sweep parameter out of its domain", s, "", "spec.ini:5: po.sd.teacher: a "
             "standard deviation cannot be negative");
    snprintf(s, sizeof s, "[sweep]\ndesign = lhs\n[factor heavy]\nrange = 0 4\n");
    bad_spec(t, "sweep indices of an lhs", s, "--indices -", "a lhs design has no indices");
    bad_spec(t, "sweep indices of a shard", s, "--design saltelli --n 64 --shard 1/2 --indices x",
             "--indices needs the whole design");
    bad(t, "sweep unknown test function", "sweep --test-function ishigam", "did you mean 'ishigami'");
    const char *hdr = "run,block,base,x1,x2,x3,y\n";
    char rows[2000];
    snprintf(rows, sizeof rows, "%s0,A,0,1,1,1,0.5\n1,B,0,1,1,1,0.5\n2,AB.x1,0,1,1,1,0.5\n"
             "3,AB.x2,0,1,1,1,0.5\n4,AB.x3,0,1,1,1,0.5\n5,A,1,1,1,1,0.5\n7,B,1,1,1,1,0.5\n", hdr);
    bad_rows(t, "analyse rows out of order", rows, "rows.csv:8: run: expected 6, got '7'");
    snprintf(rows, sizeof rows, "%s0,A,0,1,1,1,0.5\n1,B,0,1,1,1,x\n", hdr);
    bad_rows(t, "analyse a non-number", rows, "rows.csv:3: y: 'x' is not a number");
    snprintf(rows, sizeof rows, "%s0,A,0,1,1,1,0.5\n1,B,0,1,1,1,0.5\n2,AB.x1,0,1,1,1,0.5\n", hdr);
    bad_rows(t, "analyse truncated rows", rows, "3 rows is not a whole number");
    snprintf(rows, sizeof rows, "%s0,A,0,1,1,1,0.5\n1,AB.x1,0,1,1,1,0.5\n", hdr);
    bad_rows(t, "analyse wrong block", rows, "rows.csv:3: block: 'AB.x1'");
    bad_rows(t, "analyse short row", "run,block,base,x1,y\n0,A,0,1\n", "rows.csv:2:");
    bad_rows(t, "analyse an lhs", "run,x1,y\n0,1,2\n", "rows.csv:1: expected the columns run,block,base");
    regressions(t);
    out_of_memory(t);
}

void test_sweep(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "sweep", &m) != 0)
        return;
    fmt_g17(t);
    ishigami(t, &m);
    sobol_bootstrap(t, &m);
    morris_ranking(t, &m);
    grid(t, &m);
    lhs(t, &m);
    lhs_keyed(t, &m);
    lhs_sizes(t, &m);
    like_predict(t, &m);
    end_to_end(t);
    until_ci(t);
    bad_inputs(t);
    dk_model_free(&m);
}
