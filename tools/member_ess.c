/*
 * member_ess.c -- convergence of the quantities README quotes: for the
 * embedded school (scenarios/school-po-8.ini) the school's expected
 * rating per outcome in each ensemble member, the members put back into
 * their chains (member i is draw i / C of chain i mod C, as calibrate
 * writes them), then split R-hat and effective sample size (posterior.h).
 *
 *   member_ess [SCENARIO [CHAINS]]
 */
#include <stdio.h>
#include <stdlib.h>

#include "draagkracht/input/scenario.h"
#include "draagkracht/model/posterior.h"

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/school-po-8.ini";
    int chains = argc > 2 ? atoi(argv[2]) : 4;
    dk_model m;
    dk_scenario sc;
    dk_err e = { 0 };
    if (dk_model_load_default(&m, &e) != 0 || dk_scenario_load(&sc, &m, path, &e) != 0 ||
        dk_scenario_classes(&sc, &m, &e) != 0) {
        fprintf(stderr, "member_ess: %s\n", e.msg);
        return 2;
    }
    size_t K = dk_model_nmember(&m);
    int per = (int)(K / (size_t)chains);
    double *theta = malloc(dk_model_nparam(&m) * sizeof *theta);
    double *v = malloc(K * sizeof *v);
    if (!theta || !v || per < 4)
        return 2;
    printf("%s: %d classes, %zu members in %d chains\n%-16s %8s %8s %8s\n", path,
           sc.nclass, K, chains, "outcome", "mean", "R-hat", "ESS");
    for (int o = 0; o < DK_NOUTCOME; o++) {
        for (size_t r = 0; r < (size_t)chains * (size_t)per; r++) {
            dk_model_member_theta(&m, r, theta);
            double s = 0;
            for (int c = 0; c < sc.nclass; c++)
                s += dk_model_mean(&m, theta, &sc.classes[c].c, o);
            /* chain-major for the diagnostics */
            v[(r % (size_t)chains) * (size_t)per + r / (size_t)chains] = s / sc.nclass;
        }
        double mean = 0;
        for (size_t i = 0; i < (size_t)chains * (size_t)per; i++)
            mean += v[i] / (double)(chains * per);
        printf("%-16s %8.3f %8.4f %8.0f\n", dk_outcome_name(o), mean,
               dk_split_rhat(v, chains, per), dk_ess(v, chains, per));
    }
    free(theta);
    free(v);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    return 0;
}
