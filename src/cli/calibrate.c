/*
 * cmd_calibrate.c -- `draagkracht calibrate TARGETS -o MODEL`.
 */
#include <stdio.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/model/calibrate.h"

static const dk_opt opts[] = {
    { "output", 'o', "MODEL", "write the model file here (default: stdout)" },
    { "quiet", 'q', NULL, "no summary on stderr" },
    { NULL, 0, NULL, NULL }
};

static int run(const dk_args *a)
{
    dk_err e;
    if (a->npos != 1) {
        dk_fail(&e, "calibrate: expected one targets file, got %d arguments "
                "(see 'draagkracht calibrate --help')", a->npos);
        return dk_report(DK_EXIT_USAGE, &e);
    }
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
    int rc = dk_calibrate(&m, &ts, &rep, &e);
    if (rc == 0) {
        dk_buf b = { 0 };
        dk_model_write(&m, &b);
        rc = dk_emit(&dk_cmd_calibrate, a, &b);
        dk_buf_free(&b);
        if (rc == 0 && !dk_opt_get(&dk_cmd_calibrate, a, "quiet"))
            fprintf(stderr, "draagkracht: calibrated %zu checks of %zu targets; "
                    "%d solver iterations; distance from prior %.4f\n",
                    ts.nc, ts.nt, rep.iterations, rep.prior_distance);
    } else {
        rc = dk_report(DK_EXIT_USAGE, &e);
    }
    dk_targets_free(&ts);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_calibrate = {
    "calibrate",
    "fit the model's effect sizes to the published targets",
    "TARGETS [-o MODEL]",
    opts, run
};
