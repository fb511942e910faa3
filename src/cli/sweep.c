/*
 * cmd_sweep.c -- `draagkracht sweep`: designs over scenario inputs and
 * model parameters, rows to CSV(.gz), Sobol and Morris indices, shards
 * for a cluster and the analysis of their concatenated rows.
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

/* ---- indices: computing and writing ---- */

typedef struct {
    dk_design_kind design;
    int k, nr;
    long rows, n;           /* n: base rows (saltelli) or trajectories */
    long want_rows;         /* --analyse: the design's rows, from the header (0: not given) */
    char factor[DK_SWEEP_MAX_FACTORS][64];
    char response[DK_SWEEP_MAX_RESPONSES][48];
    double *y;              /* rows x nr */
    dk_row_tag *tag;
    dk_test_fn test;
    double a, b;
    unsigned long long moved;   /* morris: factors moved so far in this trajectory */
    double step;            /* morris: |delta| of the first move (the design's step) */
    double index_seconds;   /* wall time computing the indices */
    /* --until-ci: how the design grew (in the run), the widest interval */
    long start_n;
    int rounds, met;
    double widest;
    dk_sobol_where where;
    char source[400];       /* where the rows come from: the report's every chart says it */
} analysis;

static void num_cell(dk_buf *b, double x, const char *fmt)
{
    if (isnan(x))
        dk_buf_printf(b, fmt[0] == ',' ? ",nan" : "%s", "  nan");
    else if (strcmp(fmt, ",") == 0)
        dk_buf_num(b, ',', x);
    else
        dk_buf_printf(b, fmt, x);
}

static void sobol_csv(const analysis *an, const dk_sobol_index *ix, dk_buf *b)
{
    dk_buf_printf(b, "response,factor,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi\n");
    for (int r = 0; r < an->nr; r++)
        for (int i = 0; i < an->k; i++) {
            const dk_sobol_index *s = &ix[r * an->k + i];
            dk_buf_printf(b, "%s,%s", an->response[r], an->factor[i]);
            double v[] = { s->s1, s->s1_lo, s->s1_hi, s->st, s->st_lo, s->st_hi };
            for (int j = 0; j < 6; j++)
                num_cell(b, v[j], ",");
            dk_buf_printf(b, "\n");
        }
}

static void morris_csv(const analysis *an, const dk_morris_index *ix, dk_buf *b)
{
    dk_buf_printf(b, "response,factor,mu,mu_star,sigma\n");
    for (int r = 0; r < an->nr; r++)
        for (int i = 0; i < an->k; i++) {
            const dk_morris_index *s = &ix[r * an->k + i];
            dk_buf_printf(b, "%s,%s", an->response[r], an->factor[i]);
            num_cell(b, s->mu, ",");
            num_cell(b, s->mu_star, ",");
            num_cell(b, s->sigma, ",");
            dk_buf_printf(b, "\n");
        }
}

/* ---- --until-ci: what it found ---- */

/* The n to run next: the design doubled (its first rows are the ones
 * there are: Sobol points extend); 0 when met or past GSL's Sobol limit. */
static long next_n(const analysis *an)
{
    return an->met || 2 * an->n > DK_SWEEP_MAX_SOBOL_N ? 0 : 2 * an->n;
}

/* The n whose widest interval would be narrower than W, as intervals
 * narrow with 1 / sqrt(n); a power of two (0: no interval to go by). */
static long projected_n(const analysis *an, const index_opts *io)
{
    if (!isfinite(an->widest))
        return 0;
    double want = (double)an->n * pow(an->widest / io->until, 2);
    long n = an->n;
    while ((double)n < want && n < DK_SWEEP_MAX_SOBOL_N)
        n *= 2;
    return n;
}

/* The finding in a sentence: met or not, at which n, the widest interval
 * and, from --analyse, the n to run next. */
static void until_text(const analysis *an, const index_opts *io, dk_buf *b)
{
    const char *at_r = an->response[an->where.r], *at_f = an->factor[an->where.i];
    const char *at_t = an->where.total ? "ST" : "S1";
    dk_lang l = io->lang;
    dk_buf_printf(b, dk_s(l, DKS_UNTIL_HEAD), io->until,
                  dk_s(l, an->met ? DKS_UNTIL_MET : DKS_UNTIL_NOT_MET), an->n);
    if (an->rounds > 1)
        dk_buf_printf(b, dk_s(l, DKS_UNTIL_DOUBLED), an->start_n, an->rounds);
    if (!an->met && an->rounds)
        dk_buf_printf(b, "%s", dk_s(l, DKS_UNTIL_MAX));
    dk_buf_printf(b, dk_s(l, DKS_UNTIL_WIDEST), an->widest, at_t, at_f, at_r);
    long next = next_n(an), proj = projected_n(an, io);
    if (!an->met && !an->rounds && next)
        dk_buf_printf(b, dk_s(l, DKS_UNTIL_NEXT), next, proj > next ? "" : ".");
    if (!an->met && !an->rounds && next && proj > next)
        dk_buf_printf(b, dk_s(l, DKS_UNTIL_RATE), proj);
    dk_buf_printf(b, "\n");
}

/* --until-ci not met is a finding, not a failure: everything is
 * written, and the exit status lets scripts notice. */
static int until_status(const analysis *an, const index_opts *io)
{
    if (io->until <= 0 || an->met)
        return DK_EXIT_OK;
    dk_buf b = { 0 };
    until_text(an, io, &b);
    fprintf(stderr, "draagkracht sweep: %s", dk_buf_text(&b));   /* a program's name */
    dk_buf_free(&b);
    return DK_EXIT_FAIL;
}

static void until_json(const analysis *an, const index_opts *io, dk_json *j)
{
    static const char *const which[] = { "S1", "ST" };
    dk_json_break(j, 1);
    dk_json_key(j, "until_ci");
    dk_json_begin_object(j);
    dk_json_kv_number(j, "width", io->until);
    dk_json_kv_bool(j, "met", an->met);
    dk_json_kv_number(j, "widest", an->widest);
    dk_json_kv_string(j, "widest_response", an->response[an->where.r]);
    dk_json_kv_string(j, "widest_factor", an->factor[an->where.i]);
    dk_json_kv_string(j, "widest_index", which[an->where.total]);
    dk_json_kv_int(j, "start_base_rows", an->rounds ? an->start_n : an->n);
    dk_json_kv_int(j, "rounds", an->rounds);
    dk_json_key(j, "next_base_rows");
    if (next_n(an) && !an->rounds)
        dk_json_int(j, next_n(an));
    else
        dk_json_null(j);
    dk_json_end_object(j);
}

static int json_out(const analysis *an, const index_opts *io, const void *ix, dk_buf *b,
                    dk_err *e)
{
    static const char *const sk[] = { "S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi" };
    static const char *const mk[] = { "mu", "mu_star", "sigma" };
    int sobol = an->design == DK_DESIGN_SALTELLI;
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "design", sobol ? "saltelli" : "morris");
    dk_json_kv_int(&j, "rows", an->rows);
    dk_json_kv_int(&j, sobol ? "base_rows" : "trajectories", an->n);
    if (sobol) {
        dk_json_kv_int(&j, "bootstrap", io->boot);
        dk_json_kv_int(&j, "bootstrap_seed", io->boot_seed);
        dk_json_key(&j, "confidence");
        dk_json_number_digits(&j, 0.95, 2);
    }
    if (sobol && io->until > 0)
        until_json(an, io, &j);
    dk_json_break(&j, 1);
    dk_json_key(&j, "responses");
    dk_json_begin_array(&j);
    for (int r = 0; r < an->nr; r++) {
        dk_json_break(&j, 2);
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "response", an->response[r]);
        dk_json_key(&j, "factors");
        dk_json_begin_array(&j);
        for (int i = 0; i < an->k; i++) {
            dk_json_break(&j, 4);
            dk_json_begin_object(&j);
            dk_json_kv_string(&j, "factor", an->factor[i]);
            if (sobol) {
                const dk_sobol_index *s = (const dk_sobol_index *)ix + r * an->k + i;
                double v[] = { s->s1, s->s1_lo, s->s1_hi, s->st, s->st_lo, s->st_hi };
                for (int k = 0; k < 6; k++)
                    dk_json_kv_number(&j, sk[k], v[k]);
            } else {
                const dk_morris_index *s = (const dk_morris_index *)ix + r * an->k + i;
                double v[] = { s->mu, s->mu_star, s->sigma };
                for (int k = 0; k < 3; k++)
                    dk_json_kv_number(&j, mk[k], v[k]);
            }
            dk_json_end_object(&j);
        }
        dk_json_end_array(&j);
        dk_json_end_object(&j);
    }
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

/* Factors of response r in order of ST (Sobol) or mu* (Morris), largest first. */
static void ranking(const analysis *an, const void *ix, int r, int *order)
{
    double key[DK_SWEEP_MAX_FACTORS];
    for (int i = 0; i < an->k; i++) {
        key[i] = an->design == DK_DESIGN_SALTELLI
               ? ((const dk_sobol_index *)ix)[r * an->k + i].st
               : ((const dk_morris_index *)ix)[r * an->k + i].mu_star;
        if (isnan(key[i]))
            key[i] = -1;
        order[i] = i;
    }
    for (int i = 1; i < an->k; i++)
        for (int j = i; j > 0 && key[order[j]] > key[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* A table cell: %.4f, or n/a where there is no index (a response no
 * factor moves, a bootstrap with too few resamples left). */
static void fixed4(char *s, size_t n, double x, dk_lang l)
{
    if (isnan(x))
        snprintf(s, n, "%s", dk_s(l, DKS_NA));
    else
        snprintf(s, n, "%.4f", x);
}

static void interval(char *s, size_t n, double lo, double hi, dk_lang l)
{
    if (isnan(lo) || isnan(hi))
        snprintf(s, n, "%s", dk_s(l, DKS_NA));
    else
        snprintf(s, n, "%.4f..%.4f", lo, hi);
}

/* A test function's analytic indices, x1..xk, under the table (in the
 * run only: rows do not say which function made them). */
static void analytic_out(const analysis *an, dk_lang l, dk_buf *b)
{
    double s1[DK_SWEEP_MAX_FACTORS], st[DK_SWEEP_MAX_FACTORS];
    if (!an->test || dk_test_indices(an->test, an->k, an->a, an->b, s1, st) != 0)
        return;
    if (an->test == DK_TEST_ISHIGAMI)
        dk_buf_printf(b, dk_s(l, DKS_SWP_ANALYTIC_ISHIGAMI), an->a, an->b);
    else
        dk_buf_printf(b, dk_s(l, DKS_SWP_ANALYTIC), an->test == DK_TEST_SOBOL_G ? "Sobol' G"
                      : "Sobol' G*, Saltelli et al. 2010 case 6");
    for (int i = 0; i < an->k; i++)
        dk_buf_printf(b, " %.4f", s1[i]);
    dk_buf_printf(b, "; ST");
    for (int i = 0; i < an->k; i++)
        dk_buf_printf(b, " %.4f", st[i]);
    dk_buf_printf(b, "\n");
}

/* What the indices are, in words: the table's head, the report's facts. */
static void indices_head(const analysis *an, const index_opts *io, dk_buf *b)
{
    dk_lang l = io->lang;
    const char *fs = dk_s(l, an->k == 1 ? DKS_WORD_FACTOR : DKS_WORD_FACTORS);
    if (an->design == DK_DESIGN_SALTELLI)
        dk_buf_printf(b, dk_s(l, DKS_SWP_SOBOL_HEAD), an->n, an->k, fs, an->rows, io->boot,
                      io->boot_seed);
    else
        dk_buf_printf(b, dk_s(l, DKS_SWP_MORRIS_HEAD), an->n, an->k, fs, an->rows);
}

static void table_out(const analysis *an, const index_opts *io, const void *ix, dk_buf *b)
{
    int sobol = an->design == DK_DESIGN_SALTELLI;
    dk_lang l = io->lang;
    char h[5][DK_LABEL];
    dk_split_labels(dk_s(l, sobol ? DKS_SWP_T_SOBOL : DKS_SWP_T_MORRIS), h, 5);
    indices_head(an, io, b);
    if (sobol && io->until > 0)
        until_text(an, io, b);
    for (int r = 0; r < an->nr; r++) {
        int order[DK_SWEEP_MAX_FACTORS];
        ranking(an, ix, r, order);
        dk_buf_printf(b, "\n%s\n  ", an->response[r]);
        dk_buf_cell(b, h[0], 36);
        if (sobol)
            dk_buf_printf(b, " %7s %17s %7s %17s\n", h[1], h[2], h[3], h[4]);
        else
            dk_buf_printf(b, " %10s %10s %10s\n", h[1], h[2], h[3]);
        for (int j = 0; j < an->k; j++) {
            int i = order[j];
            dk_buf_printf(b, "  %-36s", an->factor[i]);
            if (sobol) {
                const dk_sobol_index *s = (const dk_sobol_index *)ix + r * an->k + i;
                char c1[48], c2[48], v1[24], v2[24];
                interval(c1, sizeof c1, s->s1_lo, s->s1_hi, l);
                interval(c2, sizeof c2, s->st_lo, s->st_hi, l);
                fixed4(v1, sizeof v1, s->s1, l);
                fixed4(v2, sizeof v2, s->st, l);
                dk_buf_printf(b, " %7s %17s %7s %17s\n", v1, c1, v2, c2);
            } else {
                const dk_morris_index *s = (const dk_morris_index *)ix + r * an->k + i;
                char v[3][24];
                double w[] = { s->mu_star, s->mu, s->sigma };
                for (int j = 0; j < 3; j++)
                    if (isnan(w[j]))
                        snprintf(v[j], sizeof v[j], "%s", dk_s(l, DKS_NA));
                    else
                        snprintf(v[j], sizeof v[j], "%.4g", w[j]);
                dk_buf_printf(b, " %10s %10s %10s\n", v[0], v[1], v[2]);
            }
        }
    }
    analytic_out(an, l, b);
}

/* The report: the indices and names as they are, in the page's view. */
static void html_out(const analysis *an, const index_opts *io, const void *ix, dk_buf *b)
{
    const char *factor[DK_SWEEP_MAX_FACTORS], *response[DK_SWEEP_MAX_RESPONSES];
    for (int i = 0; i < an->k; i++)
        factor[i] = an->factor[i];
    for (int r = 0; r < an->nr; r++)
        response[r] = an->response[r];
    int sobol = an->design == DK_DESIGN_SALTELLI;
    dk_buf facts = { 0 };
    indices_head(an, io, &facts);
    dk_sweep_view v = { sobol, an->k, an->nr, factor, response, sobol ? ix : NULL,
                        sobol ? NULL : ix, facts.data, an->source };
    dk_sweep_page(&v, io->lang, b);
    dk_buf_free(&facts);
}

/* The indices' destination, opened (as a temporary file) before any
 * work, so that a bad path fails before rows go anywhere. */
static dk_writer *open_indices(const index_opts *io, dk_err *e)
{
    return dk_writer_open(io->indices ? io->indices : "-", e);
}

/* Computes the indices of every response (unless given: --until-ci has
 * them; taken over) and writes them to w (closed either way). */
static int indices_out(analysis *an, const index_opts *io, void *given, dk_writer *w,
                       dk_err *e)
{
    double t0 = dk_seconds_now();
    size_t cells = (size_t)an->nr * (size_t)an->k;
    int sobol = an->design == DK_DESIGN_SALTELLI, rc = 0;
    void *ix = given ? given : sobol ? dk_malloc(cells * sizeof(dk_sobol_index))
                                     : dk_malloc(cells * sizeof(dk_morris_index));
    rc = ix ? 0 : -1;
    if (rc == 0 && sobol && !given)
        rc = dk_sobol_indices(an->y, an->nr, an->n, an->k, (int)io->boot,
                              (unsigned long)io->boot_seed, io->threads, ix);
    if (rc == 0 && sobol && io->until > 0) {
        an->widest = dk_sobol_widest(ix, an->nr, an->k, &an->where);
        an->met = an->widest < io->until;
    }
    for (int r = 0; rc == 0 && !sobol && !given && r < an->nr; r++)
        rc = dk_morris_indices(an->y + r, an->nr, an->tag, an->n, an->k,
                               (dk_morris_index *)ix + r * an->k);
    an->index_seconds = dk_seconds_now() - t0;
    if (rc != 0) {
        dk_free(ix);
        dk_writer_abort(w);
        return dk_fail(e, "sweep: out of memory computing the indices (%ld %s)", an->n,
                       sobol ? "base rows" : "trajectories");
    }
    dk_buf b = { 0 };
    if (io->fmt == DK_FMT_CSV && sobol)
        sobol_csv(an, ix, &b);
    else if (io->fmt == DK_FMT_CSV)
        morris_csv(an, ix, &b);
    else if (io->fmt == DK_FMT_JSON)
        rc = json_out(an, io, ix, &b, e);
    else if (io->fmt == DK_FMT_HTML)
        html_out(an, io, ix, &b);
    else
        table_out(an, io, ix, &b);
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

/* Physical memory in bytes (HUGE_VAL if the system does not say). */
static double phys_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (double)pages * (double)size : HUGE_VAL;
}

/* Refuses work that cannot fit in memory, before any output. */
static int memory_ok(double need, const char *what, dk_err *e)
{
    double have = phys_memory();
    if (need <= have)
        return 0;
    return dk_fail(e, "sweep: %s needs about %.3g GB of memory and this machine has %.3g GB: "
                   "use a smaller n%s", what, need / 1e9, have / 1e9,
                   strstr(what, "indices") ? ", or write the rows in shards and --analyse "
                   "them on a larger machine" : " or another design");
}

/* ---- --analyse ROWS ---- */

static int is_response(const char *name)
{
    if (strcmp(name, "y") == 0)
        return 1;
    const char *dot = strrchr(name, '.');
    if (!dot || (strcmp(dot, ".mean") && strcmp(dot, ".le2") && strcmp(dot, ".ge4") &&
                 strcmp(dot, ".fte")))
        return 0;
    for (int o = 0; o < DK_NOUTCOME; o++)
        if (strlen(dk_outcome_name(o)) == (size_t)(dot - name) &&
            strncmp(name, dk_outcome_name(o), (size_t)(dot - name)) == 0)
            return 1;
    return 0;
}

/* The columns: run, block, base[, delta], factors, responses. */
static int read_header(dk_csv *c, analysis *an, int *first_factor, dk_err *e)
{
    const char *path = dk_csv_path(c);
    int nc = dk_csv_ncols(c);
    int morris = nc > 3 && strcmp(dk_csv_name(c, 3), "delta") == 0;
    const char *run = nc ? dk_csv_name(c, 0) : "";
    if (nc < 4 || strncmp(run, "run", 3) || (run[3] && run[3] != '/') ||
        strcmp(dk_csv_name(c, 1), "block") || strcmp(dk_csv_name(c, 2), "base"))
        return dk_fail(e, "%s:1: expected the columns run,block,base,... of a saltelli or "
                       "morris sweep: indices need one of those designs", path);
    /* "run/ROWS": the whole design's rows (older files say just "run") */
    if (run[3] && (dk_parse_long(run + 4, &an->want_rows) != 0 || an->want_rows < 1))
        return dk_fail(e, "%s:1: run: '%s' is not run/ROWS (the design's number of rows)",
                       path, run);
    an->design = morris ? DK_DESIGN_MORRIS : DK_DESIGN_SALTELLI;
    *first_factor = morris ? 4 : 3;
    int col = *first_factor;
    for (; col < nc && !is_response(dk_csv_name(c, col)); col++) {
        if (an->k == DK_SWEEP_MAX_FACTORS)
            return dk_fail(e, "%s:1: more than %d factors", path, DK_SWEEP_MAX_FACTORS);
        snprintf(an->factor[an->k++], sizeof an->factor[0], "%s", dk_csv_name(c, col));
    }
    for (; col < nc; col++) {
        if (!is_response(dk_csv_name(c, col)))
            return dk_fail(e, "%s:1: column '%s' after the responses is not a response",
                           path, dk_csv_name(c, col));
        if (an->nr == DK_SWEEP_MAX_RESPONSES)
            return dk_fail(e, "%s:1: more than %d responses", path, DK_SWEEP_MAX_RESPONSES);
        snprintf(an->response[an->nr++], sizeof an->response[0], "%s", dk_csv_name(c, col));
    }
    if (!an->k || !an->nr)
        return dk_fail(e, "%s:1: no %s columns", path, an->k ? "response" : "factor");
    return 0;
}

/* The block a row must have, by its place in the design. */
static int expected_block(const analysis *an, long i, long *base)
{
    int per = an->k + (an->design == DK_DESIGN_SALTELLI ? 2 : 1);
    *base = i / per;
    int t = (int)(i % per);
    if (an->design == DK_DESIGN_SALTELLI)
        return t == 0 ? DK_BLOCK_A : t == 1 ? DK_BLOCK_B : t - 2;
    return t == 0 ? DK_BLOCK_START : -100;    /* morris: any factor, checked apart */
}

static int row_tag(dk_csv *c, analysis *an, long i, dk_row_tag *tag, dk_err *e)
{
    const char *path = dk_csv_path(c), *blk = dk_csv_field(c, 1);
    long line = dk_csv_line(c), run, base, want_base;
    if (dk_parse_long(dk_csv_field(c, 0), &run) != 0 || run != i)
        return dk_fail(e, "%s:%ld: run: expected %ld, got '%s' (rows missing, repeated or out "
                       "of order? concatenate the shards in order, header once)", path, line,
                       i, dk_csv_field(c, 0));
    int want = expected_block(an, i, &want_base);
    if (dk_parse_long(dk_csv_field(c, 2), &base) != 0 || base != want_base)
        return dk_fail(e, "%s:%ld: base: expected %ld, got '%s'", path, line, want_base,
                       dk_csv_field(c, 2));
    int got = -100;
    if (strcmp(blk, want == DK_BLOCK_A ? "A" : "B") == 0 && want < 0 && an->design == DK_DESIGN_SALTELLI)
        got = want;
    else if (an->design == DK_DESIGN_MORRIS && strcmp(blk, "start") == 0)
        got = DK_BLOCK_START;
    for (int f = 0; f < an->k && got == -100; f++)
        if (strcmp(blk + (an->design == DK_DESIGN_SALTELLI ? 3 : 0), an->factor[f]) == 0 &&
            (an->design == DK_DESIGN_MORRIS || strncmp(blk, "AB.", 3) == 0))
            got = f;
    int ok = an->design == DK_DESIGN_SALTELLI ? got == want
           : (want == DK_BLOCK_START) == (got == DK_BLOCK_START) && got != -100;
    if (!ok)
        return dk_fail(e, "%s:%ld: block: '%s' is not what row %ld of a %s design holds",
                       path, line, blk, i, dk_design_names[an->design]);
    tag->block = got;
    tag->base = base;
    tag->delta = 0;
    if (an->design != DK_DESIGN_MORRIS)
        return 0;
    if (got == DK_BLOCK_START) {
        an->moved = 0;
        return 0;
    }
    /* a trajectory moves every factor exactly once */
    if (an->moved & (1ULL << got))
        return dk_fail(e, "%s:%ld: block: '%s' is moved twice in trajectory %ld (a Morris "
                       "trajectory moves each factor once)", path, line, blk, base);
    an->moved |= 1ULL << got;
    if (dk_parse_double(dk_csv_field(c, 3), &tag->delta) != 0 || tag->delta == 0)
        return dk_fail(e, "%s:%ld: delta: '%s' is not a non-zero number", path, line,
                       dk_csv_field(c, 3));
    /* every step is +-p / (2 (p - 1)) of the design's even number of levels p */
    double d = fabs(tag->delta);
    if (an->step == 0) {
        int ok = 0;
        for (int p = 2; p <= 100 && !ok; p += 2)
            ok = fabs(d - (double)p / (2.0 * (p - 1))) <= 1e-9;
        if (!ok)
            return dk_fail(e, "%s:%ld: delta: %s is not a Morris step p/(2(p-1)) of an even "
                           "number of levels p", path, line, dk_csv_field(c, 3));
        an->step = d;
    } else if (fabs(d - an->step) > 1e-9) {
        return dk_fail(e, "%s:%ld: delta: %s, but the design's step is +-%.17g", path, line,
                       dk_csv_field(c, 3), an->step);
    }
    return 0;
}

static int read_rows(dk_csv *c, analysis *an, int first_factor, dk_err *e)
{
    long cap = 0;
    int rc;
    int resp0 = first_factor + an->k;
    size_t row_bytes = (size_t)an->nr * sizeof *an->y + sizeof *an->tag;
    if (an->want_rows) {
        /* the design's size is known: check it fits, and take it at once */
        char what[200];
        snprintf(what, sizeof what, "--analyse of %ld rows", an->want_rows);
        if (memory_ok((double)an->want_rows * ((double)row_bytes + 8) + 16e6, what, e) != 0)
            return -1;
    }
    while ((rc = dk_csv_next(c, e)) == 1) {
        long i = an->rows;
        if (an->want_rows && i >= an->want_rows)
            return dk_fail(e, "%s:%ld: more rows than the %ld the header's run/%ld says "
                           "(shards repeated, or files of another sweep?)", dk_csv_path(c),
                           dk_csv_line(c), an->want_rows, an->want_rows);
        if (i == cap) {
            long grow = an->want_rows ? an->want_rows : cap ? 2 * cap : 4096;
            double *y = dk_realloc(an->y, (size_t)grow * (size_t)an->nr * sizeof *an->y);
            if (y)
                an->y = y;
            dk_row_tag *tag = y ? dk_realloc(an->tag, (size_t)grow * sizeof *an->tag) : NULL;
            if (!tag)
                return dk_fail(e, "%s:%ld: out of memory for %ld rows", dk_csv_path(c),
                               dk_csv_line(c), grow);
            an->tag = tag;
            cap = grow;
        }
        /* sweep ends every row with a newline: a last line without one
         * was cut off */
        if (!dk_csv_newline(c))
            return dk_fail(e, "%s:%ld: the last line has no newline: the file is truncated",
                           dk_csv_path(c), dk_csv_line(c));
        if (row_tag(c, an, i, &an->tag[i], e) != 0)
            return -1;
        for (int r = 0; r < an->nr; r++) {
            double *v = &an->y[(size_t)i * (size_t)an->nr + (size_t)r];
            const char *s = dk_csv_field(c, resp0 + r);
            if (dk_parse_double(s, v) != 0 || !isfinite(*v))
                return dk_fail(e, "%s:%ld: %s: '%s' is not a number", dk_csv_path(c),
                               dk_csv_line(c), an->response[r], s);
        }
        an->rows++;
    }
    if (rc < 0)
        return -1;
    int per = an->k + (an->design == DK_DESIGN_SALTELLI ? 2 : 1);
    if (an->want_rows && an->rows != an->want_rows)
        return dk_fail(e, "%s: %ld rows, but the header says the design has %ld (run/%ld): "
                       "is a shard missing, or the file truncated?", dk_csv_path(c), an->rows,
                       an->want_rows, an->want_rows);
    if (an->rows % per || an->rows / per < DK_SWEEP_MIN_BASE)
        return dk_fail(e, "%s: %ld rows is not a whole number (at least %d) of %s groups of "
                       "%d rows: is the file truncated, or a shard missing?", dk_csv_path(c),
                       an->rows, DK_SWEEP_MIN_BASE, dk_design_names[an->design], per);
    an->n = an->rows / per;
    return 0;
}

static int analyse(const char *path, const index_opts *io)
{
    dk_err e;
    analysis an;
    memset(&an, 0, sizeof an);
    int first_factor = 0;
    dk_writer *w = open_indices(io, &e);
    dk_csv *c = w ? dk_csv_open(path, &e) : NULL;
    int rc = c ? 0 : -1;
    if (rc == 0)
        rc = read_header(c, &an, &first_factor, &e);
    snprintf(an.source, sizeof an.source, dk_s(io->lang, DKS_SWP_SOURCE_ROWS), path);
    if (rc == 0 && io->until > 0 && an.design != DK_DESIGN_SALTELLI)
        rc = dk_fail(&e, "%s: --until-ci needs the rows of a saltelli design (Sobol "
                     "indices), not %s", path, dk_design_names[an.design]);
    if (rc == 0)
        rc = read_rows(c, &an, first_factor, &e);
    if (c)
        dk_csv_close(c);
    if (rc == 0)
        rc = indices_out(&an, io, NULL, w, &e);
    else
        dk_writer_abort(w);
    dk_free(an.y);
    dk_free(an.tag);
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
        return dk_fail(e, "sweep: --test-function: unknown function '%s'%s%s%s (ishigami, "
                       "sobol-g or sobol-g-star)", fn, s ? "; did you mean '" : "", s ? s : "",
                       s ? "'?" : "");
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
        rc = dk_fail(e, "sweep: --design: unknown design '%s'%s%s%s", d,
                     s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
    } else if (dk_opt_long(CMD, a, "n", 1, DK_SWEEP_MAX_N, &n, e) ||
               dk_opt_long(CMD, a, "seed", 0, 4294967295L, &seed, e)) {
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
    return memory_ok(need, what, e);
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
 * (an->y), its indices to *ix. */
static int grow(dk_sweep_spec *sp, const dk_model *m, const index_opts *io,
                dk_progress *pr, analysis *an, dk_sobol_index **ix, dk_err *e)
{
    dk_until_opts uo = { .width = io->until, .max_n = io->max_n, .boot = (int)io->boot,
                         .boot_seed = (unsigned long)io->boot_seed, .threads = io->threads,
                         .progress = round_fn, .ctx = pr };
    dk_until_result res;
    int rc = dk_sweep_until(sp, m, &uo, &res, e);
    an->start_n = res.start_n;
    an->rounds = res.rounds;
    an->y = res.y;
    *ix = res.ix;
    return rc;
}

/* The spec's names and test function, for the indices' report. */
static void describe(const dk_sweep_spec *sp, const dk_model *m, dk_lang l, analysis *an)
{
    if (dk_sweep_test_domain(sp))
        snprintf(an->source, sizeof an->source, dk_s(l, DKS_SWP_SOURCE_TEST),
                 dk_test_fn_names[sp->test], sp->seed);
    else
        snprintf(an->source, sizeof an->source, dk_s(l, DKS_SWP_SOURCE), dk_model_id(m), sp->seed);
    an->design = sp->design;
    an->k = sp->nf;
    an->nr = sp->nr;
    an->n = sp->n;
    an->rows = dk_sweep_rows(sp);
    an->test = dk_sweep_test_domain(sp) ? sp->test : DK_TEST_NONE;
    an->a = sp->ishigami_a;
    an->b = sp->ishigami_b;
    for (int i = 0; i < sp->nf; i++)
        snprintf(an->factor[i], sizeof an->factor[i], "%s", sp->f[i].name);
    for (int r = 0; r < sp->nr; r++)
        snprintf(an->response[r], sizeof an->response[r], "%s", sp->r[r].name);
}

/* Room to keep the responses (and a Morris design's tags) of rows
 * first..last for --indices; --until-ci has them already. */
static int keep_rows(const dk_sweep_spec *sp, dk_sweep_opts *o, analysis *an, dk_err *e)
{
    long rows = o->last - o->first;
    int morris = sp->design == DK_DESIGN_MORRIS;    /* Sobol needs no tags */
    if (!an->y)
        an->y = dk_malloc((size_t)rows * (size_t)sp->nr * sizeof *an->y);
    else
        o->known = rows;
    an->tag = morris ? dk_malloc((size_t)rows * sizeof *an->tag) : NULL;
    o->keep_y = an->y;
    o->keep_tag = an->tag;
    if (!an->y || (morris && !an->tag))
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
    dk_err e;
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
    analysis an;
    memset(&an, 0, sizeof an);
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
    dk_free(an.y);
    dk_free(an.tag);
    dk_sweep_free(sp);
    dk_free(sp);
    dk_model_free(&m);
    return rc == 0 ? until_status(&an, io) : dk_report(DK_EXIT_USAGE, &e);
}

static int run(const dk_args *a)
{
    dk_err e;
    index_opts io = { .boot = 200, .boot_seed = 1, .max_n = 1L << 20 };
    long threads = 1;
    io.indices = dk_opt_get(CMD, a, "indices");
    if (dk_opt_format(CMD, a, &io.fmt, &e) || dk_opt_lang(CMD, a, &io.lang, &e) ||
        dk_opt_long(CMD, a, "bootstrap", 0, 100000, &io.boot, &e) ||
        dk_opt_long(CMD, a, "bootstrap-seed", 0, 4294967295L, &io.boot_seed, &e) ||
        dk_opt_long(CMD, a, "threads", 1, 256, &threads, &e) ||
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
    opts, run
};
