/*
 * bench_parse.c -- wall time of dk_scenario_load on each file named,
 * best of three (tools/bench_classes.sh).
 */
#include <stdio.h>
#include <time.h>

#include "draagkracht/input/scenario.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    dk_model m;
    dk_err e = { 0 };
    if (dk_model_load_default(&m, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        double best = 1e30;
        int n = 0;
        for (int k = 0; k < 3; k++) {
            dk_scenario sc;
            double t0 = now();
            if (dk_scenario_load(&sc, &m, argv[i], &e) != 0) {
                fprintf(stderr, "%s\n", e.msg);
                return 1;
            }
            double t = now() - t0;
            best = t < best ? t : best;
            n = sc.nclass;
            dk_scenario_free(&sc);
        }
        printf("%s: %d classes parsed in %.3f s (best of 3)\n", argv[i], n, best);
    }
    dk_model_free(&m);
    return 0;
}
