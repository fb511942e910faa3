/*
 * cmd_simulate.c -- `draagkracht simulate [FILE]`: schools of classes,
 * Monte Carlo over the model's uncertainty and over teachers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/run/simulate.h"

static const dk_opt opts[] = {
    { "seed", 0, "N", "random seed (default: the scenario's, else 20261121)" },
    { "replicates", 0, "N", "parameter draws (default: the scenario's, else 1000)" },
    { "threads", 0, "N", "worker threads; the output does not depend on it (default 1)" },
    { "model", 0, "FILE", "model file (default: the embedded model)" },
    { "format", 0, "FMT", "table, csv or json (default table)" },
    { "lang", 0, "LANG", "labels in tables: en or nl (default en)" },
    { "output", 'o', "FILE", "write here instead of stdout (atomically; .gz compresses)" },
    { "quiet", 'q', NULL, "no progress display (shown only on a terminal, for long runs)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_simulate)

static const char *unit_kind(const dk_sim_result *r, int u)
{
    int k = u - r->nclass;
    return u < r->nclass ? "class" : k < r->nschool ? "school"
         : k < r->nschool + r->npop ? "population" : "total";
}

/* A unit's group (school or population) and class name. */
static void unit_names(const dk_scenario *sc, const dk_sim_result *r, int u,
                       const char **group, const char **cls)
{
    int k = u - r->nclass;
    *group = u < r->nclass ? sc->schools[sc->classes[u].school].name
           : k < r->nschool ? sc->schools[k].name
           : k < r->nschool + r->npop ? sc->pops[k - r->nschool].name : "";
    *cls = u < r->nclass ? sc->classes[u].name : "";
}

static void out_csv(const dk_scenario *sc, const dk_sim_result *r, dk_buf *b)
{
    dk_buf_printf(b, "unit,group,class,kind,outcome,mean,lo,hi,share_le2,share_le2_lo,"
                  "share_le2_hi,share_ge4,share_ge4_lo,share_ge4_hi,fte,fte_lo,fte_hi\n");
    for (int u = 0; u < r->nunit; u++)
        for (int o = 0; o < DK_NOUTCOME; o++) {
            const dk_unit_stat *s = dk_sim_stat(r, u, o);
            const char *school, *cls;
            unit_names(sc, r, u, &school, &cls);
            dk_buf_printf(b, "%s,", unit_kind(r, u));
            dk_buf_csv_str(b, school);
            dk_buf_printf(b, ",");
            dk_buf_csv_str(b, cls);
            dk_buf_printf(b, ",%s,%s", DK_IS_NEED(o) ? "demand" : "capability",
                          dk_outcome_name(o));
            double vals[] = { s->mean, s->lo, s->hi, s->le2, s->le2_lo, s->le2_hi,
                              s->ge4, s->ge4_lo, s->ge4_hi, s->fte, s->fte_lo, s->fte_hi };
            for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++)
                dk_buf_printf(b, ",%.17g", vals[k]);
            dk_buf_printf(b, "\n");
        }
}

static void json_stat(dk_json *j, const dk_unit_stat *s, int need)
{
    const char *keys[] = { "mean", "lo", "hi", "le2", "le2_lo", "le2_hi", "ge4",
                           "ge4_lo", "ge4_hi", "fte", "fte_lo", "fte_hi" };
    double vals[] = { s->mean, s->lo, s->hi, s->le2, s->le2_lo, s->le2_hi,
                      s->ge4, s->ge4_lo, s->ge4_hi, s->fte, s->fte_lo, s->fte_hi };
    int n = need ? 12 : 9;
    dk_json_begin_object(j);
    for (int k = 0; k < n; k++)
        dk_json_kv_number(j, keys[k], vals[k]);
    dk_json_end_object(j);
}

static int out_json(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                    const dk_buf *warnings, dk_buf *b, dk_err *e)
{
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "scenario", sc->path);
    dk_json_kv_string(&j, "model", m->id);
    dk_json_kv_int(&j, "seed", (long long)sc->seed);
    dk_json_kv_int(&j, "replicates", sc->replicates);
    dk_json_break(&j, 1);
    dk_json_key(&j, "units");
    dk_json_begin_array(&j);
    for (int u = 0; u < r->nunit; u++) {
        const char *school, *cls;
        unit_names(sc, r, u, &school, &cls);
        dk_json_break(&j, 2);
        dk_json_begin_object(&j);
        dk_json_kv_string(&j, "unit", unit_kind(r, u));
        dk_json_kv_string(&j, "group", school);
        dk_json_kv_string(&j, "class", cls);
        for (int o = 0; o < DK_NOUTCOME; o++) {
            if (o == 0 || o == DK_NASPECT) {
                if (o)
                    dk_json_end_object(&j);
                dk_json_key(&j, o ? "demand" : "capability");
                dk_json_begin_object(&j);
            }
            dk_json_key(&j, dk_outcome_name(o));
            json_stat(&j, dk_sim_stat(r, u, o), DK_IS_NEED(o));
        }
        dk_json_end_object(&j);
        dk_json_end_object(&j);
    }
    dk_json_break(&j, 1);
    dk_json_end_array(&j);
    dk_json_break(&j, 1);
    dk_json_warnings(&j, warnings);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

static void table_unit(const dk_sim_result *r, int u, int nl, dk_buf *b)
{
    dk_buf_printf(b, "  %-34s %5s %11s  %16s\n", nl ? "Kunnen (1..5)" : "Capability (1..5)",
                  "mean", "90%", "teachers <=2 (90%)");
    for (int o = 0; o < DK_NASPECT; o++) {
        const dk_unit_stat *s = dk_sim_stat(r, u, o);
        dk_buf_printf(b, "  %-34s %5.2f %5.2f-%-5.2f %4.0f%% (%2.0f-%2.0f%%)\n",
                      dk_outcome_label(o, nl), s->mean, s->lo, s->hi, 100 * s->le2,
                      100 * s->le2_lo, 100 * s->le2_hi);
    }
    dk_buf_printf(b, "  %-34s %5s %11s  %16s %17s\n", nl ? "Behoefte (1..5)" : "Support need (1..5)",
                  "mean", "90%", "teachers >=4 (90%)", "FTE (90%)");
    for (int o = DK_NASPECT; o < DK_NOUTCOME; o++) {
        const dk_unit_stat *s = dk_sim_stat(r, u, o);
        dk_buf_printf(b, "  %-34s %5.2f %5.2f-%-5.2f %4.0f%% (%2.0f-%2.0f%%) %6.2f (%4.2f-%4.2f)\n",
                      dk_outcome_label(o, nl), s->mean, s->lo, s->hi, 100 * s->ge4,
                      100 * s->ge4_lo, 100 * s->ge4_hi, s->fte, s->fte_lo, s->fte_hi);
    }
}

static void out_table(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                      int nl, dk_buf *b)
{
    dk_buf_printf(b, "%s: %d school%s, %d population%s; model %s; %d replicates, seed %lu\n",
                  sc->path, sc->nschool, sc->nschool == 1 ? "" : "s", sc->npop,
                  sc->npop == 1 ? "" : "s", m->id, sc->replicates, sc->seed);
    for (int k = 0; k < sc->nschool; k++) {
        const dk_scn_school *s = &sc->schools[k];
        dk_buf_printf(b, "\nSchool %s (%s, %d classes)\n", s->name,
                      dk_sector_name(s->sector), s->nclass);
        table_unit(r, r->nclass + k, nl, b);
        dk_buf_printf(b, "\n  %-10s %4s %3s %5s %-14s %5s %5s %5s %5s %5s  %9s %9s\n",
                      "class", "size", "ob", "heavy", "support", "motiv", "instr",
                      "energ", "calm", "tailr", "tailor<=2", "assist>=4");
        for (int i = s->first; i < s->first + s->nclass; i++) {
            const dk_class *c = &sc->classes[i].c;
            char sup[64] = "";
            for (int f = 1; f < DK_NSUPPORT; f++)
                if (c->support & (1u << f))
                    snprintf(sup + strlen(sup), sizeof sup - strlen(sup), "%s%s",
                             sup[0] ? "," : "", dk_support_name((dk_support)f));
            dk_buf_printf(b, "  %-10.10s %4.0f %3.0f %5.0f %-14.14s", sc->classes[i].name,
                          c->class_size, c->ob, c->heavy, sup[0] ? sup : "none");
            for (int o = 0; o < DK_NASPECT; o++)
                dk_buf_printf(b, " %5.2f", dk_sim_stat(r, i, o)->mean);
            dk_buf_printf(b, "  %8.0f%% %8.0f%%\n", 100 * dk_sim_stat(r, i, DK_TAILOR)->le2,
                          100 * dk_sim_stat(r, i, DK_OUTCOME_NEED(DK_NEED_ASSISTANT))->ge4);
        }
    }
    for (int k = 0; k < sc->npop; k++) {
        const dk_scn_population *p = &sc->pops[k];
        dk_buf_printf(b, "\nPopulation %s (%s%s%s, %ld classes drawn per replicate%s)\n",
                      p->name, dk_sector_name(p->spec.sector),
                      p->spec.level ? " " : "", p->spec.level ? dk_level_name(p->spec.level) : "",
                      p->classes, p->spec.as_now ? "; support as now, Table 3.15" : "");
        table_unit(r, r->nclass + r->nschool + k, nl, b);
    }
    if (sc->nschool + sc->npop > 1) {
        dk_buf_printf(b, "\nAll (%d schools, %d populations)\n", sc->nschool, sc->npop);
        table_unit(r, r->nunit - 1, nl, b);
    }
    dk_buf_printf(b, "\nmean: expected rating; 90%%: over parameter uncertainty; teachers "
                  "<=2 / >=4: share of teachers\n(one per class) answering so; FTE: "
                  "support their strong need implies at the assumed hours per form.\n");
}

static int run(const dk_args *a)
{
    dk_err e;
    dk_format f;
    dk_model m;
    dk_scenario sc;
    long seed = -1, reps = -1, threads = 1;
    int nl;
    if (a->npos > 1) {
        dk_fail(&e, "simulate: expected at most one scenario file, got %d", a->npos);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_lang(CMD, a, &nl, &e) || dk_opt_format(CMD, a, &f, &e) ||
        dk_opt_long(CMD, a, "seed", 0, 4294967295L, &seed, &e) ||
        dk_opt_long(CMD, a, "replicates", 10, 10000000, &reps, &e) ||
        dk_opt_long(CMD, a, "threads", 1, 256, &threads, &e))
        return dk_report(DK_EXIT_USAGE, &e);
    if (dk_opt_model(CMD, a, &m, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    int rc = dk_load_scenario(a, &m, &sc, &e);
    if (rc != 0) {
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (seed >= 0)
        sc.seed = (unsigned long)seed;
    if (reps > 0)
        sc.replicates = (int)reps;
    dk_buf warnings = { 0 };
    dk_class_warnings(&m, &sc, &warnings);
    dk_sim_result r;
    dk_progress pr;
    dk_progress_start(&pr, "simulate", "replicates", dk_opt_get(CMD, a, "quiet") != NULL);
    dk_sim_opts so = { (int)threads, pr.on ? dk_progress_items : NULL, &pr };
    if (dk_simulate(&m, &sc, &so, &r, &e) != 0) {
        dk_buf_free(&warnings);
        dk_scenario_free(&sc);
        dk_model_free(&m);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    dk_buf b = { 0 };
    if (f == DK_FMT_CSV)
        out_csv(&sc, &r, &b);
    else if (f == DK_FMT_JSON)
        rc = out_json(&m, &sc, &r, &warnings, &b, &e);
    else
        out_table(&m, &sc, &r, nl, &b);
    rc = rc == 0 ? dk_emit(CMD, a, &b) : dk_report(DK_EXIT_FAIL, &e);
    dk_buf_free(&b);
    dk_buf_free(&warnings);
    dk_sim_result_free(&r);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_simulate = {
    "simulate",
    "simulate the classes and schools of a scenario file (default: an 8-class po school)",
    "[FILE] [-o OUT] [--format table|csv|json] [--seed N] [--replicates R] [--threads T] [-q]",
    opts, run
};
