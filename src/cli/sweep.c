/*
 * sweep.c -- `draagkracht sweep`: designs over scenario inputs and
 * model parameters, rows to CSV(.gz), Sobol and Morris indices, shards
 * for a cluster and the analysis of their concatenated rows (read by
 * input/rows.c); the indices are written by report/sweep.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/report/pages.h"
#include "draagkracht/io/csv.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/run/sweep.h"

static const dk_opt opts[] = {
    { "design", 0, "D", "grid, lhs, sobol, saltelli or morris (default: the spec's, else saltelli)" },
    { "n", 0, "N", "lhs/sobol: rows; saltelli: base rows, a power of two; morris: trajectories" },
    { "seed", 0, "N", "design seed (lhs, morris; default: the spec's, else 1)" },
    { "test-function", 0, "F", "ishigami, sobol-g or sobol-g-star instead of the model, to "
      "check the estimators" },
    { "threads", 0, "T", "worker threads; rows and indices do not depend on it (default 1)" },
    { "shard", 0, "K/N", "write only shard K of N; the shards' rows concatenate to the whole" },
    { "indices", 0, "FILE", "write Sobol (saltelli) or Morris indices here ('-': stdout)" },
    { "format", 0, "FMT", "indices as table, csv, json or html (default: from --indices's name, else table)" },
    { "bootstrap", 0, "B", "bootstrap resamples for the Sobol intervals (default 200; 0: none)" },
    { "bootstrap-seed", 0, "N", "seed of the bootstrap resamples (default 1)" },
    { "analyse", 0, "ROWS", "compute the indices from a rows file (CSV or .gz) instead" },
    { "until-ci", 0, "W", "saltelli: double n (keeping the rows) until every index's 95% "
      "interval is narrower than W; with --analyse: say which n to run next" },
    { "max-n", 0, "N", "--until-ci: base rows at most (default 1048576)" },
    { "model", 0, "FILE", "model file (default: the embedded model)" },
    { "output", 'o', "FILE", "rows here instead of stdout (atomically; .gz compresses)" },
    { "quiet", 'q', NULL, "no progress display (shown only on a terminal, for long runs)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_sweep)

typedef struct {
    dk_format fmt;
    long boot, boot_seed;
    int threads;            /* the bootstrap's, as the rows' */
    const char *indices;
    double until;           /* --until-ci W (0: not given) */
    long max_n;
    dk_lang lang;
} index_opts;

/* An analysis with nothing in it yet but what the options say. */
static void analysis_init(dk_sweep_analysis *an, const index_opts *io)
{
    memset(an, 0, sizeof *an);
    an->boot = io->boot;
    an->boot_seed = io->boot_seed;
    an->until = io->until;
}

/* --until-ci not met is a finding, not a failure: everything is
 * written, and the exit status lets scripts notice. */
static int until_status(const dk_sweep_analysis *an, const index_opts *io)
{
    if (io->until <= 0 || an->met)
        return DK_EXIT_OK;
    dk_buf b = { 0 };
    dk_sweep_until_text(an, io->lang, &b);
    fprintf(stderr, "draagkracht sweep: %s", dk_buf_text(&b));   /* a program's name */
    dk_buf_free(&b);
    return DK_EXIT_FAIL;
}

/* The indices' destination, opened (as a temporary file) before any
 * work, so that a bad path fails before rows go anywhere. */
static dk_writer *open_indices(const index_opts *io, dk_err *e)
{
    return dk_writer_open(io->indices ? io->indices : "-", e);
}

/* Computes the indices of every response (unless given: --until-ci has
 * them; taken over) and writes them to w (closed either way). */
static int indices_out(dk_sweep_analysis *an, const index_opts *io, void *given, dk_writer *w,
                       dk_err *e)
{
    double t0 = dk_seconds_now();
    size_t cells = (size_t)an->d.nr * (size_t)an->d.k;
    int sobol = an->d.design == DK_DESIGN_SALTELLI, rc = 0;
    void *ix = given ? given : sobol ? dk_malloc(cells * sizeof(dk_sobol_index))
                                     : dk_malloc(cells * sizeof(dk_morris_index));
    rc = ix ? 0 : -1;
    if (rc == 0 && sobol && !given)
        rc = dk_sobol_indices(an->d.y, an->d.nr, an->d.n, an->d.k, (int)io->boot,
                              (unsigned long)io->boot_seed, io->threads, ix);
    if (rc == 0 && sobol && io->until > 0) {
        an->widest = dk_sobol_widest(ix, an->d.nr, an->d.k, &an->where);
        an->met = an->widest < io->until;
    }
    for (int r = 0; rc == 0 && !sobol && !given && r < an->d.nr; r++)
        rc = dk_morris_indices(an->d.y + r, an->d.nr, an->d.tag, an->d.n, an->d.k,
                               (dk_morris_index *)ix + r * an->d.k);
    an->index_seconds = dk_seconds_now() - t0;
    if (rc != 0) {
        dk_free(ix);
        dk_writer_abort(w);
        return dk_fail(e, "sweep: out of memory computing the indices (%ld %s)", an->d.n,
                       sobol ? "base rows" : "trajectories");
    }
    dk_buf b = { 0 };
    rc = dk_sweep_report_write(an, ix, io->fmt, io->lang, &b, e);
    dk_buf z = { 0 };
    const char *path = io->indices ? io->indices : "-";
    if (rc == 0 && b.oom)
        rc = dk_fail_oom(e, "sweep: the indices");
    else if (rc == 0 && dk_path_is_gz(path) &&
             dk_gzip_member(dk_buf_text(&b), b.len, 6, DK_GZ_DEFAULT, &z) != 0)
        rc = dk_fail(e, "%s: out of memory compressing the indices", path);
    if (rc == 0)
        rc = dk_path_is_gz(path) ? dk_writer_put(w, z.data, z.len, e)
                                 : dk_writer_put(w, b.data ? b.data : "", b.len, e);
    if (rc == 0)
        rc = dk_writer_commit(w, e);
    else
        dk_writer_abort(w);
    dk_buf_free(&b);
    dk_buf_free(&z);
    dk_free(ix);
    return rc;
}

/* ---- --analyse ROWS ---- */

static int analyse(const char *path, const index_opts *io)
{
    dk_err e = DK_ERR_IN(io->lang);
    dk_sweep_analysis an;
    analysis_init(&an, io);
    dk_writer *w = open_indices(io, &e);
    dk_csv *c = w ? dk_csv_open(path, &e) : NULL;
    int rc = c ? 0 : -1;
    if (rc == 0)
        rc = dk_rows_header(c, &an.d, &e);
    snprintf(an.source, sizeof an.source, dk_s(io->lang, DKS_SWP_SOURCE_ROWS), path);
    if (rc == 0 && io->until > 0 && an.d.design != DK_DESIGN_SALTELLI)
        rc = dk_fail(&e, "%s: --until-ci needs the rows of a saltelli design (Sobol "
                     "indices), not %s", path, dk_design_names[an.d.design]);
    if (rc == 0)
        rc = dk_rows_body(c, &an.d, &e);
    if (c)
        dk_csv_close(c);
    if (rc == 0)
        rc = indices_out(&an, io, NULL, w, &e);
    else
        dk_writer_abort(w);
    dk_rows_release(&an.d);
    return rc == 0 ? until_status(&an, io) : dk_report(DK_EXIT_USAGE, &e);
}

/* ---- a sweep ---- */

static int shard_opt(const dk_args *a, int *k, int *n, dk_err *e)
{
    const char *v = dk_opt_get(CMD, a, "shard");
    *k = *n = 1;
    if (!v)
        return 0;
    long x, y;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", v);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    if (!slash || dk_parse_long(buf, &x) != 0 || dk_parse_long(slash + 1, &y) != 0 || y < 1)
        return dk_fail(e, "sweep: --shard: '%s' is not K/N (shard K of N, 1 <= K <= N)", v);
    if (y > 100000)
        return dk_fail(e, "sweep: --shard: %ld shards; at most 100000", y);
    if (x < 1 || x > y)
        return dk_fail(e, "sweep: --shard: shard %ld of %ld is outside 1..%ld", x, y, y);
    *k = (int)x;
    *n = (int)y;
    return 0;
}

/* The spec file, or a test function's own; command-line overrides. */
static int load_spec(const dk_args *a, const dk_model *m, dk_sweep_spec *sp, dk_err *e)
{
    const char *fn = dk_opt_get(CMD, a, "test-function");
    if (fn && dk_test_fn_lookup(fn) <= 0) {
        const char *s = dk_suggest(fn, dk_test_fn_names + 1);
        char mean[120];
        return dk_fail(e, "sweep: --test-function: unknown function '%s'%s (ishigami, "
                       "sobol-g or sobol-g-star)", fn,
                       dk_mean_text(dk_e_lang(e), s, mean, sizeof mean));
    }
    if (fn && a->npos)
        return dk_fail(e, "sweep: give the test function in the spec (test-function = %s) "
                       "or on the command line, not both", fn);
    if (!fn && !a->npos)
        return dk_fail(e, "sweep: expected a sweep spec (see scenarios/sweep-po.ini) or "
                       "--test-function");
    if (a->npos > 1)
        return dk_fail(e, "sweep: one spec at a time: '%s' and '%s' (run them apart)",
                       a->pos[0], a->pos[1]);
    int rc;
    if (fn) {
        char text[80], name[80];
        snprintf(text, sizeof text, "[sweep]\ntest-function = %s\n", fn);
        snprintf(name, sizeof name, "(--test-function %s)", fn);
        rc = dk_sweep_parse(sp, m, name, text, strlen(text), e);
    } else {
        rc = dk_sweep_load(sp, m, a->pos[0], e);
    }
    if (rc != 0)
        return -1;
    const char *d = dk_opt_get(CMD, a, "design");
    long n = 0, seed = -1;
    int k = d ? -1 : 0;
    for (int i = 0; d && dk_design_names[i]; i++)
        k = strcmp(d, dk_design_names[i]) == 0 ? i : k;
    if (k < 0) {
        const char *s = dk_suggest(d, dk_design_names);
        char mean[120];
        rc = dk_fail(e, "sweep: --design: unknown design '%s'%s", d,
                     dk_mean_text(dk_e_lang(e), s, mean, sizeof mean));
    } else if (dk_opt_long(CMD, a, "n", 1, DK_SWEEP_MAX_N, &n, e) ||
               dk_opt_long(CMD, a, "seed", 0, DK_SEED_MAX, &seed, e)) {
        rc = -1;
    }
    if (rc == 0 && d)
        sp->design = (dk_design_kind)k;
    if (rc == 0 && n) {
        sp->n = n;
        sp->line_n = 0;
    }
    if (rc == 0 && seed >= 0)
        sp->seed = (unsigned long)seed;
    if (rc == 0 && n && sp->design == DK_DESIGN_GRID)
        rc = dk_fail(e, "sweep: --n does not apply to a grid design: its rows are every "
                     "combination of the factors' levels and points (set points = K)");
    if (rc == 0 && n && (sp->design == DK_DESIGN_SOBOL || sp->design == DK_DESIGN_SALTELLI) &&
        (n & (n - 1))) {
        long up = 1;
        while (up < n)
            up *= 2;
        rc = dk_fail(e, "sweep: --n: %ld is not a power of two; a Sobol sequence is "
                     "balanced only at powers of two: use --n %ld (or %ld)", n, up, up / 2);
    }
    if (rc == 0)
        rc = dk_sweep_validate(sp, e);
    if (rc != 0)
        dk_sweep_free(sp);
    return rc;
}

static void progress_fn(void *ctx, double done, double total)
{
    dk_progress_update(ctx, done, total);
}

/* What the options ask of this spec, and whether it fits in memory:
 * checked before anything is written. */
static int sweep_checks(dk_sweep_spec *sp, const index_opts *io, const char *out,
                        int k, int n, dk_err *e)
{
    if (io->indices && n > 1)
        return dk_fail(e, "sweep: --indices needs the whole design, not shard %d/%d: "
                       "concatenate the shards and run 'draagkracht sweep --analyse ROWS%s",
                       k, n, io->until > 0 ? " --until-ci W' (it says which n to run next)"
                       : "'");
    if (io->indices && sp->design != DK_DESIGN_SALTELLI && sp->design != DK_DESIGN_MORRIS)
        return dk_fail(e, "sweep: --indices: a %s design has no indices; use design = "
                       "saltelli (Sobol indices) or morris (screening)",
                       dk_design_names[sp->design]);
    if (io->until > 0 && (!io->indices || sp->design != DK_DESIGN_SALTELLI))
        return dk_fail(e, "sweep: --until-ci needs %s", !io->indices ? "--indices FILE "
                       "(where the indices go)" : "a saltelli design (Sobol indices)");
    if (io->until > 0 && io->max_n < sp->n)
        return dk_fail(e, "sweep: --max-n %ld is below the design's n = %ld", io->max_n,
                       sp->n);
    if (io->indices && strcmp(io->indices, "-") == 0 && (!out || !strcmp(out, "-")))
        return dk_fail(e, "sweep: rows and indices cannot both go to stdout: give -o FILE");
    if (out && !*out)
        return dk_fail(e, "sweep: -o: empty file name");
    /* refuse what cannot fit before anything is written: with --until-ci,
     * the largest design it may grow to */
    long n0 = sp->n;
    if (io->until > 0)
        sp->n = io->max_n;
    char what[200];
    snprintf(what, sizeof what, "this %s sweep (%ld rows%s)", dk_design_names[sp->design],
             dk_sweep_rows(sp), io->until > 0 ? " at --max-n" : io->indices ? ", with "
             "--indices keeping every row's responses" : "");
    double need = dk_sweep_memory(sp, io->threads, io->indices != NULL);
    sp->n = n0;
    return dk_sweep_memory_ok(need, what, e);
}

/* --until-ci on a terminal: each round's n and widest interval. */
static void round_fn(void *ctx, long n, double widest)
{
    const dk_progress *pr = ctx;
    if (pr->on)
        fprintf(stderr, "draagkracht sweep: n = %ld base rows: widest 95%% interval %.4f\n",
                n, widest);
}

/* --until-ci: grows the design, nothing written yet; its responses to an
 * (an->d.y), its indices to *ix. */
static int grow(dk_sweep_spec *sp, const dk_model *m, const index_opts *io,
                dk_progress *pr, dk_sweep_analysis *an, dk_sobol_index **ix, dk_err *e)
{
    dk_until_opts uo = { .width = io->until, .max_n = io->max_n, .boot = (int)io->boot,
                         .boot_seed = (unsigned long)io->boot_seed, .threads = io->threads,
                         .progress = round_fn, .ctx = pr };
    dk_until_result res;
    int rc = dk_sweep_until(sp, m, &uo, &res, e);
    an->start_n = res.start_n;
    an->rounds = res.rounds;
    an->d.y = res.y;
    *ix = res.ix;
    return rc;
}

/* The spec's names and test function, for the indices' report. */
static void describe(const dk_sweep_spec *sp, const dk_model *m, dk_lang l,
                     dk_sweep_analysis *an)
{
    if (dk_sweep_test_domain(sp))
        snprintf(an->source, sizeof an->source, dk_s(l, DKS_SWP_SOURCE_TEST),
                 dk_test_fn_names[sp->test], sp->seed);
    else
        snprintf(an->source, sizeof an->source, dk_s(l, DKS_SWP_SOURCE), dk_model_id(m), sp->seed);
    an->d.design = sp->design;
    an->d.k = sp->nf;
    an->d.nr = sp->nr;
    an->d.n = sp->n;
    an->d.rows = dk_sweep_rows(sp);
    an->test = dk_sweep_test_domain(sp) ? sp->test : DK_TEST_NONE;
    an->a = sp->ishigami_a;
    an->b = sp->ishigami_b;
    for (int i = 0; i < sp->nf; i++)
        snprintf(an->d.factor[i], sizeof an->d.factor[i], "%s", sp->f[i].name);
    for (int r = 0; r < sp->nr; r++)
        snprintf(an->d.response[r], sizeof an->d.response[r], "%s", sp->r[r].name);
}

/* Room to keep the responses (and a Morris design's tags) of rows
 * first..last for --indices; --until-ci has them already. */
static int keep_rows(const dk_sweep_spec *sp, dk_sweep_opts *o, dk_sweep_analysis *an, dk_err *e)
{
    long rows = o->last - o->first;
    int morris = sp->design == DK_DESIGN_MORRIS;    /* Sobol needs no tags */
    if (!an->d.y)
        an->d.y = dk_malloc((size_t)rows * (size_t)sp->nr * sizeof *an->d.y);
    else
        o->known = rows;
    an->d.tag = morris ? dk_malloc((size_t)rows * sizeof *an->d.tag) : NULL;
    o->keep_y = an->d.y;
    o->keep_tag = an->d.tag;
    if (!an->d.y || (morris && !an->d.tag))
        return dk_fail(e, "sweep: out of memory keeping %ld rows' responses for --indices: "
                       "use a smaller n, or shards and --analyse", rows);
    return 0;
}

/* The rows' size, checked against the free space and stated on a
 * terminal before any is written (with --until-ci, at --max-n). */
static int rows_room(dk_sweep_spec *sp, const dk_model *m, const index_opts *io,
                     const char *out, int k, int n, int quiet, dk_err *e)
{
    long n0 = sp->n, first, last;
    if (io->until > 0)
        sp->n = io->max_n;
    dk_sweep_shard(sp, k, n, &first, &last);
    const char *path = out ? out : "-";
    double bytes = dk_sweep_bytes(sp, m, first, last, dk_path_is_gz(path));
    sp->n = n0;
    return dk_output_room(CMD, path, bytes, quiet, "a smaller n, or shards "
                          "(--shard K/N) on several disks", io->lang, e);
}

static int sweep(const dk_args *a, const index_opts *io)
{
    dk_err e = DK_ERR_IN(a->ui);
    dk_model m;
    int k, n;
    if (shard_opt(a, &k, &n, &e) != 0 || dk_opt_model(CMD, a, &m, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    dk_sweep_spec *sp = dk_calloc(1, sizeof *sp);
    const char *out = dk_opt_get(CMD, a, "output");
    int rc = sp ? load_spec(a, &m, sp, &e) : dk_fail(&e, "sweep: out of memory");
    if (rc == 0 && (rc = sweep_checks(sp, io, out, k, n, &e)) != 0)
        dk_sweep_free(sp);
    if (rc == 0 && (rc = rows_room(sp, &m, io, out, k, n, dk_opt_get(CMD, a, "quiet") != NULL,
                                   &e)) != 0)
        dk_sweep_free(sp);
    dk_writer *iw = NULL;
    if (rc == 0 && io->indices && !(iw = open_indices(io, &e))) {
        dk_sweep_free(sp);
        rc = -1;
    }
    if (rc != 0) {
        dk_free(sp);
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_progress pr;
    dk_progress_start(&pr, "sweep", "scenarios", dk_opt_get(CMD, a, "quiet") != NULL);
    dk_progress_lang(&pr, io->lang, DKS_UNIT_SCENARIOS);
    dk_sweep_analysis an;
    analysis_init(&an, io);
    dk_sobol_index *ix = NULL;
    if (io->until > 0)
        rc = grow(sp, &m, io, &pr, &an, &ix, &e);
    dk_sweep_opts o = { .threads = io->threads, .header = k == 1, .out = out ? out : "-",
                        .progress = pr.on ? progress_fn : NULL, .ctx = &pr };
    dk_sweep_shard(sp, k, n, &o.first, &o.last);
    if (rc == 0 && io->indices)
        rc = keep_rows(sp, &o, &an, &e);
    double t0 = dk_seconds_now();
    if (rc == 0)
        rc = dk_sweep_run(sp, &m, &o, &e);
    double rows_seconds = dk_seconds_now() - t0;
    if (rc == 0 && io->indices) {
        describe(sp, &m, io->lang, &an);
        rc = indices_out(&an, io, ix, iw, &e);
        ix = NULL;
        iw = NULL;
        if (rc != 0 && out && strcmp(out, "-") != 0)
            remove(out);    /* no partial output: rows without their indices */
    }
    dk_writer_abort(iw);
    /* for the benchmarks (tools/bench_sweep.sh, bench_indices.sh) */
    if (rc == 0 && getenv("DK_SWEEP_TIMING"))
        fprintf(stderr, "draagkracht sweep: compress_cpu_seconds %.6f\n"
                "draagkracht sweep: rows_seconds %.6f\ndraagkracht sweep: indices_seconds %.6f\n",
                o.compress_seconds, rows_seconds, an.index_seconds);
    dk_free(ix);
    dk_rows_release(&an.d);
    dk_sweep_free(sp);
    dk_free(sp);
    dk_model_free(&m);
    return rc == 0 ? until_status(&an, io) : dk_report(DK_EXIT_USAGE, &e);
}

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    index_opts io = { .boot = 200, .boot_seed = 1, .max_n = 1L << 20 };
    long threads = 1;
    io.indices = dk_opt_get(CMD, a, "indices");
    if (dk_opt_format(CMD, a, &io.fmt, &e) || dk_opt_lang(CMD, a, &io.lang, &e) ||
        dk_opt_long(CMD, a, "bootstrap", 0, 100000, &io.boot, &e) ||
        dk_opt_long(CMD, a, "bootstrap-seed", 0, DK_SEED_MAX, &io.boot_seed, &e) ||
        dk_opt_long(CMD, a, "threads", 1, DK_MAX_THREADS, &threads, &e) ||
        dk_opt_double(CMD, a, "until-ci", 1e-9, 100, &io.until, &e) ||
        dk_opt_long(CMD, a, "max-n", DK_SWEEP_MIN_BASE, DK_SWEEP_MAX_SOBOL_N, &io.max_n, &e))
        return dk_report(DK_EXIT_USAGE, &e);
    io.threads = (int)threads;
    if (io.until > 0 && io.boot < 1) {
        dk_fail(&e, "sweep: --until-ci needs the bootstrap's intervals: --bootstrap 0 gives none");
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_get(CMD, a, "max-n") && !(io.until > 0)) {
        dk_fail(&e, "sweep: --max-n goes with --until-ci");
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (io.indices && !*io.indices) {
        dk_fail(&e, "sweep: --indices: empty file name");
        return dk_report(DK_EXIT_USAGE, &e);
    }
    const char *rows = dk_opt_get(CMD, a, "analyse");
    if (!rows)
        return sweep(a, &io);
    const char *clash[] = { "output", "shard", "design", "n", "seed", "test-function",
                            "max-n", NULL };
    for (int i = 0; clash[i]; i++)
        if (dk_opt_get(CMD, a, clash[i])) {
            dk_fail(&e, "sweep: --analyse reads the design from the rows; --%s does not "
                    "apply (indices go to --indices FILE or stdout)", clash[i]);
            return dk_report(DK_EXIT_USAGE, &e);
        }
    if (a->npos) {
        dk_fail(&e, "sweep: --analyse needs no spec: the rows' header names the design");
        return dk_report(DK_EXIT_USAGE, &e);
    }
    return analyse(rows, &io);
}

const dk_command dk_cmd_sweep = {
    "sweep",
    "sensitivity sweeps over inputs and model assumptions: rows, Sobol and Morris indices",
    "[SPEC] [--design D] [--n N] [-o ROWS[.gz]] [--indices FILE] [--threads T] "
    "[--shard K/N] | --analyse ROWS | --test-function F",
    opts, run, 1, "indices"
};
