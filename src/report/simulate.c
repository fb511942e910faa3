/*
 * simulate.c -- what `draagkracht simulate` writes: per class, school,
 * population and all together, as a table, CSV or JSON, or the HTML
 * report (simulate_page.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/report/pages.h"

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

void dk_simulate_csv(const dk_scenario *sc, const dk_sim_result *r, dk_buf *b)
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
            dk_buf_nums(b, ',', vals, sizeof vals / sizeof vals[0]);
            dk_buf_append(b, "\n", 1);
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

int dk_simulate_json(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                     const dk_buf *warnings, dk_buf *b, dk_err *e)
{
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_scenario(&j, sc);
    dk_json_kv_string(&j, "model", dk_model_id(m));
    dk_json_kv_string(&j, "basis", dk_basis_id(m));
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

static void table_unit(const dk_sim_result *r, int u, dk_lang l, dk_buf *b)
{
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, dk_s(l, DKS_SIM_T_CAP), 34);
    dk_buf_printf(b, " %5s %11s  %16s\n", dk_s(l, DKS_H_MEAN), "90%", dk_s(l, DKS_SIM_T_LE2));
    for (int o = 0; o < DK_NASPECT; o++) {
        const dk_unit_stat *s = dk_sim_stat(r, u, o);
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, dk_outcome_text(l, o), 34);
        dk_buf_printf(b, " %5.2f %5.2f-%-5.2f %4.0f%% (%2.0f-%2.0f%%)\n", s->mean, s->lo, s->hi,
                      100 * s->le2, 100 * s->le2_lo, 100 * s->le2_hi);
    }
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, dk_s(l, DKS_SIM_T_NEED), 34);
    dk_buf_printf(b, " %5s %11s  %16s %17s\n", dk_s(l, DKS_H_MEAN), "90%", dk_s(l, DKS_SIM_T_GE4),
                  dk_s(l, DKS_SIM_T_FTE));
    for (int o = DK_NASPECT; o < DK_NOUTCOME; o++) {
        const dk_unit_stat *s = dk_sim_stat(r, u, o);
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, dk_outcome_text(l, o), 34);
        dk_buf_printf(b, " %5.2f %5.2f-%-5.2f %4.0f%% (%2.0f-%2.0f%%) %6.2f (%4.2f-%4.2f)\n",
                      s->mean, s->lo, s->hi, 100 * s->ge4, 100 * s->ge4_lo, 100 * s->ge4_hi,
                      s->fte, s->fte_lo, s->fte_hi);
    }
}

/* The class table: its columns as wide as their longest entry. */
static void table_classes(const dk_scenario *sc, const dk_sim_result *r, const dk_scn_school *s,
                          dk_lang l, dk_buf *b)
{
    char head[12][DK_LABEL], sup[64];
    dk_split_labels(dk_s(l, DKS_SIM_T_COLS), head, 12);
    int wn = (int)dk_utf8_width(head[0]), ws = (int)dk_utf8_width(head[4]);
    for (int i = s->first; i < s->first + s->nclass; i++) {
        int n = (int)dk_utf8_width(sc->classes[i].name);
        wn = n > wn ? n : wn;
        dk_support_list(l, sc->classes[i].c.support, sup, sizeof sup);
        ws = (int)dk_utf8_width(sup) > ws ? (int)dk_utf8_width(sup) : ws;
    }
    dk_buf_printf(b, "\n  ");
    dk_buf_cell(b, head[0], wn);
    dk_buf_printf(b, " %4s %3s %5s ", head[1], head[2], head[3]);
    dk_buf_cell(b, head[4], ws);
    dk_buf_printf(b, " %5s %5s %5s %5s %5s  %9s %9s\n", head[5], head[6], head[7], head[8],
                  head[9], head[10], head[11]);
    for (int i = s->first; i < s->first + s->nclass; i++) {
        const dk_class *c = &sc->classes[i].c;
        dk_support_list(l, c->support, sup, sizeof sup);
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, sc->classes[i].name, wn);
        dk_buf_printf(b, " %4.0f %3.0f %5.0f ", c->class_size, c->ob, c->heavy);
        dk_buf_cell(b, sup, ws);
        for (int o = 0; o < DK_NASPECT; o++)
            dk_buf_printf(b, " %5.2f", dk_sim_stat(r, i, o)->mean);
        dk_buf_printf(b, "  %8.0f%% %8.0f%%\n", 100 * dk_sim_stat(r, i, DK_TAILOR)->le2,
                      100 * dk_sim_stat(r, i, DK_OUTCOME_NEED(DK_NEED_ASSISTANT))->ge4);
    }
}

void dk_simulate_table(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                       dk_lang l, dk_buf *b)
{
    char n1[64], n2[64], n3[64], path[300];
    dk_buf_printf(b, dk_s(l, DKS_SIM_HEAD), dk_scenario_label(l, sc, path, sizeof path),
                  dk_plural(l, DKS_N_SCHOOL, sc->nschool, n1, sizeof n1),
                  dk_plural(l, DKS_N_POP, sc->npop, n2, sizeof n2), dk_model_id(m), sc->replicates,
                  sc->seed);
    for (int k = 0; k < sc->nschool; k++) {
        const dk_scn_school *s = &sc->schools[k];
        dk_buf_printf(b, "\n");
        dk_buf_printf(b, dk_s(l, DKS_SIM_SCHOOL), s->name, dk_sector_name(s->sector),
                      dk_plural(l, DKS_N_CLASS, s->nclass, n3, sizeof n3));
        dk_buf_printf(b, "\n");
        table_unit(r, r->nclass + k, l, b);
        table_classes(sc, r, s, l, b);
    }
    for (int k = 0; k < sc->npop; k++) {
        const dk_scn_population *p = &sc->pops[k];
        dk_buf_printf(b, "\n");
        dk_buf_printf(b, dk_s(l, DKS_SIM_POP), p->name, dk_pop_kind(l, &p->spec, n1, sizeof n1),
                      p->classes, p->spec.as_now ? dk_s(l, DKS_SIM_POP_ASNOW) : "");
        dk_buf_printf(b, "\n");
        table_unit(r, r->nclass + r->nschool + k, l, b);
    }
    if (sc->nschool + sc->npop > 1) {
        dk_buf_printf(b, "\n");
        dk_buf_printf(b, dk_s(l, DKS_SIM_ALL), sc->nschool, sc->npop);
        dk_buf_printf(b, "\n");
        table_unit(r, r->nunit - 1, l, b);
    }
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_SIM_T_NOTE));
    dk_basis_note(m, l, b);
}
