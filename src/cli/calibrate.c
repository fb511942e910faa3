/*
 * calibrate.c -- `draagkracht calibrate TARGETS -o MODEL`: the posterior
 * ensemble of the effect sizes, and whether its chains can be trusted.
 */
#include <stdio.h>
#include <unistd.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/model/calibrate.h"

static const dk_opt opts[] = {
    { "output", 'o', "MODEL", "write the model file here (default: stdout)" },
    { "members", 0, "K", "ensemble size (default 1000)" },
    { "chains", 0, "C", "independent HMC chains; K is a multiple of C (default 4)" },
    { "warmup", 0, "N", "trajectories discarded per chain (default 200)" },
    { "thin", 0, "N", "trajectories per kept member (default 4)" },
    { "threads", 0, "T", "chains run on T threads (default: all cores; same result)" },
    { "seed", 0, "N", "random seed (default 20261203, the embedded model's)" },
    { "prior-scale", 0, "F", "multiply every prior scale by F (prior sensitivity; default 1)" },
    { "quiet", 'q', NULL, "no summary on stderr" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_calibrate)

static int options(const dk_args *a, dk_calib_opts *o, dk_err *e)
{
    long members = o->members, chains = o->chains, warmup = o->warmup,
         thin = o->thin, seed = (long)o->seed, threads = o->threads;
    if (dk_opt_long(CMD, a, "members", 8, 1000000, &members, e) ||
        dk_opt_long(CMD, a, "chains", 1, 64, &chains, e) ||
        dk_opt_long(CMD, a, "warmup", 0, 1000000, &warmup, e) ||
        dk_opt_long(CMD, a, "thin", 1, 10000, &thin, e) ||
        dk_opt_long(CMD, a, "seed", 0, DK_SEED_MAX, &seed, e) ||
        dk_opt_long(CMD, a, "threads", 1, DK_MAX_THREADS, &threads, e) ||
        dk_opt_double(CMD, a, "prior-scale", 0.01, 100, &o->prior_scale, e))
        return -1;
    o->members = (int)members;
    o->chains = (int)chains;
    o->warmup = (int)warmup;
    o->thin = (int)thin;
    o->seed = (unsigned long)seed;
    o->threads = (int)threads;
    return 0;
}

static void summary(const dk_targets *ts, const dk_calib_opts *o,
                    const dk_calib_report *r, dk_lang l)
{
    fprintf(stderr, dk_s(l, DKS_CAL_SUMMARY),
            r->ncal, ts->nc, ts->nt, r->iterations, r->prior_distance,
            o->members, o->chains, o->warmup, o->thin, o->seed, o->prior_scale,
            r->nrows, r->trajectories,
            r->trajectories ? (double)r->bounces / (double)r->trajectories : 0.0,
            r->max_rhat_param, r->worst_rhat_param, r->max_rhat, r->worst_rhat,
            r->min_ess_param, r->min_ess_check,
            r->worst_ess);
}

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    if (a->npos != 1) {
        dk_fail(&e, "calibrate: expected one targets file, got %d arguments "
                "(see 'draagkracht calibrate --help')", a->npos);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_calib_opts o;
    dk_calib_opts_default(&o);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = ncpu > 1 ? (int)(ncpu < 64 ? ncpu : 64) : 1;
    dk_lang l;
    if (options(a, &o, &e) != 0 || dk_opt_lang(CMD, a, &l, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    dk_model m;
    dk_targets ts;
    if (dk_model_init(&m) != 0) {
        dk_fail_oom(&e, "calibrate");
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_targets_load(&ts, &m, a->pos[0], &e) != 0) {
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_calib_report rep;
    int rc = dk_calibrate(&m, &ts, &o, &rep, &e);
    if (rc == 0) {
        dk_buf b = { 0 };
        dk_model_write(&m, &b);
        rc = dk_emit(CMD, a, &b);
        dk_buf_free(&b);
        if (rc == 0 && !dk_opt_get(CMD, a, "quiet"))
            summary(&ts, &o, &rep, l);
    } else {
        rc = dk_report(DK_EXIT_USAGE, &e);
    }
    dk_targets_free(&ts);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_calibrate = {
    "calibrate",
    "sample the posterior ensemble of effect sizes from the published readings",
    "TARGETS [-o MODEL] [--members K] [--seed N] [--prior-scale F]",
    opts, run, 0, NULL
};
