/*
 * compare.c -- what `draagkracht compare` writes: the variants, their
 * rules and the comparison in words (shared with the HTML report,
 * compare_page.c), as a table, CSV or JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/report/pages.h"

const char *dk_cmp_variant_name(const dk_cmp_report *rp, int v)
{
    return v ? rp->sc->compare.variants[v - 1].name : rp->sc->compare.baseline;
}

const char *dk_cmp_variant_label(const dk_cmp_report *rp, int v, dk_lang l)
{
    const dk_scn_compare *c = &rp->sc->compare;
    const char *code = dk_language_get(l)->code;
    return v ? dk_scn_label_for(c->variants[v - 1].label, c->variants[v - 1].nlabel, code,
                                c->variants[v - 1].name)
             : dk_scn_label_for(c->baseline_label, c->nbaseline_label, code, c->baseline);
}

/* One rule in words. */
void dk_cmp_rule_text(const dk_model *m, const dk_scenario *sc, const dk_scn_rule *r,
                      dk_lang l, char *buf, size_t n)
{
    const char *unit = dk_s(l, r->form == DK_SUP_FACILITY ? DKS_WORD_SCHOOLS : DKS_WORD_CLASSES);
    if (!r->form) {
        snprintf(buf, n, dk_s(l, DKS_RULE_SIZE), r->delta);
        unsigned in = 0;    /* the sectors of the populations and schools */
        for (int p = 0; p < sc->npop; p++)
            in |= 1u << sc->pops[p].spec.sector;
        for (int k = 0; k < sc->nschool; k++)
            in |= 1u << sc->schools[k].sector;
        for (int sec = 0; sec < DK_NSECTOR; sec++) {
            const dk_param *cap = dk_model_param(m, (size_t)dk_model_sector_param(m,
                                                 (dk_sector)sec, DK_G_CS_CAP));
            if (in >> sec & 1u)
                snprintf(buf + strlen(buf), n - strlen(buf), dk_s(l, DKS_RULE_SIZE_PARAM),
                         cap->name, cap->value, cap->lo, cap->hi);
        }
        buf[strlen(buf) - 1] = ')';
    } else if (r->alloc == DK_ALLOC_EVERY) {
        snprintf(buf, n, "%s", dk_s(l, DKS_RULE_FACILITY));
        if (r->min_school > 1)
            snprintf(buf + strlen(buf), n - strlen(buf), dk_s(l, DKS_RULE_MIN_SCHOOL),
                     r->min_school);
    } else {
        char pct[32];       /* "12.5", "12,5": the language's decimal point */
        snprintf(pct, sizeof pct, "%g", 100 * r->share);
        char *dot = strchr(pct, '.');
        if (dot)
            *dot = dk_language_get(l)->point;
        snprintf(buf, n, dk_s(l, DKS_RULE_SHARE), dk_support_text(l, r->form), pct, unit,
                 dk_s(l, (dk_str)(DKS_RULE_RANDOM + (int)r->alloc)));
    }
    if (r->pop >= 0)
        snprintf(buf + strlen(buf), n - strlen(buf), dk_s(l, DKS_RULE_IN), r->in);
}

static const char *crit_text(const dk_scn_compare *c, char *buf, size_t n)
{
    snprintf(buf, n, "%s.%s", c->crit_aspect < 0 ? "all" : dk_outcome_name(c->crit_aspect),
             dk_crit_names[c->crit]);
    return buf;
}

/* The criterion's CSV measure, named with its unit: percentage points
 * (shares at <= 2, which the other measures give as fractions) or
 * rating points, as such or per FTE. */
static const char *crit_measure(const dk_scn_compare *c)
{
    static const char *const names[] = {
        "criterion_pp", "criterion_points", "criterion_pp_per_fte", "criterion_points_per_fte"
    };
    return names[c->crit];
}

static const char *crit_words(const dk_scn_compare *c, dk_lang l)
{
    return dk_s(l, (dk_str)(DKS_CRIT_LE2 + (int)c->crit));
}

/* ----- table ----- */

static void ce_cell(dk_buf *b, const dk_cmp_interval *x, dk_lang l)
{
    if (isnan(x->mean))
        dk_buf_printf(b, " %19s", dk_s(l, DKS_NA));
    else if (isnan(x->lo))
        dk_buf_printf(b, x->mean < 1 ? " %6.2f %12s" : " %6.1f %12s", x->mean, "");
    else if (x->mean < 1)       /* a school's few FTE per pp */
        dk_buf_printf(b, " %6.2f (%4.2f..%4.2f)", x->mean, x->lo, x->hi);
    else
        dk_buf_printf(b, " %6.1f (%4.1f..%4.1f)", x->mean, x->lo, x->hi);
}

/* The variants' column: at least min wide, and as wide as the longest
 * name, which is never cut. */
static int name_width(const dk_cmp_report *rp, dk_lang l, int min)
{
    int w = min;
    for (int v = 1; v < rp->r->nvariant; v++) {
        int n = (int)dk_utf8_width(dk_cmp_variant_label(rp, v, l));
        w = n > w ? n : w;
    }
    return w;
}

static void table_summary(const dk_cmp_report *rp, dk_lang l, dk_buf *b)
{
    const dk_cmp_result *r = rp->r;
    char h[5][DK_LABEL];
    dk_split_labels(dk_s(l, DKS_CMP_T_SUMMARY), h, 5);
    int w = name_width(rp, l, 28);
    dk_buf_printf(b, "\n");
    dk_buf_cell(b, h[0], w);
    dk_buf_printf(b, " %20s %19s %19s %19s\n", h[1], h[2], h[3], h[4]);
    for (int k = 0; k < r->nvariant - 1; k++) {
        int v = r->rank[k];
        const dk_cmp_interval *c = dk_cmp_delta(r, v, DK_CS_COST_FTE);
        const dk_cmp_interval *t = dk_cmp_delta(r, v, DK_CS_LE2 + DK_TAILOR);
        const dk_cmp_interval *i = dk_cmp_delta(r, v, DK_CS_LE2 + DK_INSTRUCTION);
        dk_buf_cell(b, dk_cmp_variant_label(rp, v, l), w);
        dk_buf_printf(b, " %6.1f (%4.1f..%4.1f) %+6.1f (%+4.1f..%+4.1f) "
                      "%+6.1f (%+4.1f..%+4.1f)", c->mean, c->lo, c->hi,
                      100 * t->mean, 100 * t->lo, 100 * t->hi, 100 * i->mean, 100 * i->lo,
                      100 * i->hi);
        ce_cell(b, &r->ce[v * DK_NCE + DK_CE_TAILOR], l);
        dk_buf_printf(b, "\n");
    }
}

static void table_levels(const dk_cmp_report *rp, int v, dk_lang l, dk_buf *b)
{
    const dk_cmp_result *r = rp->r;
    int base = v == 0;
    char h[3][DK_LABEL];
    dk_split_labels(dk_s(l, base ? DKS_CMP_T_LEVEL : DKS_CMP_T_CHANGE), h, 3);
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, dk_s(l, DKS_SIM_T_CAP), 34);
    dk_buf_printf(b, " %21s %23s %21s\n", h[0], h[1], h[2]);
    for (int a = 0; a < DK_NASPECT; a++) {
        const dk_cmp_interval *m = base ? dk_cmp_level(r, v, DK_CS_MEAN + a)
                                        : dk_cmp_delta(r, v, DK_CS_MEAN + a);
        const dk_cmp_interval *s = base ? dk_cmp_level(r, v, DK_CS_LE2 + a)
                                        : dk_cmp_delta(r, v, DK_CS_LE2 + a);
        const dk_cmp_interval *n = base ? dk_cmp_level(r, v, DK_CS_LE2_N + a)
                                        : dk_cmp_delta(r, v, DK_CS_LE2_N + a);
        int dec = rp->classes < 100;    /* a school's teachers: tenths */
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, dk_outcome_text(l, a), 34);
        dk_buf_printf(b, base ? " %5.2f (%5.2f-%5.2f) %6.1f%% (%4.1f-%4.1f%%) "
                                "%6.*f (%5.*f-%5.*f)\n"
                              : " %+5.2f (%+5.2f..%+5.2f) %+6.1f (%+5.1f..%+5.1f) "
                                "%+6.*f (%+5.*f..%+5.*f)\n",
                      m->mean, m->lo, m->hi, 100 * s->mean, 100 * s->lo, 100 * s->hi,
                      dec, n->mean, dec, n->lo, dec, n->hi);
    }
    dk_buf_printf(b, "  ");
    dk_buf_cell(b, dk_s(l, DKS_CMP_T_DEMAND), 34);
    dk_buf_printf(b, " %21s\n", dk_s(l, base ? DKS_SIM_T_FTE : DKS_CMP_T_DEMAND_CHANGE));
    for (int f = 0; f < DK_NNEED; f++) {
        const dk_cmp_interval *d = base ? dk_cmp_level(r, v, DK_CS_DEMAND + f)
                                        : dk_cmp_delta(r, v, DK_CS_DEMAND + f);
        dk_buf_printf(b, "  ");
        dk_buf_cell(b, dk_outcome_text(l, DK_NASPECT + f), 34);
        dk_buf_printf(b, base ? " %7.1f (%5.1f-%5.1f)\n" : " %+7.1f (%+5.1f..%+5.1f)\n",
                      d->mean, d->lo, d->hi);
    }
}

/* "2 classes", "1 school", "+0.7 classes": a mean over replicates,
 * whole when it is. */
static const char *count_text(dk_lang l, int schools, double x, int sign, char *buf, size_t n)
{
    double r = round(x) + 0.0;      /* + 0.0: no "-0 classes" */
    int whole = fabs(x - r) < 0.05;
    const char *word = dk_s(l, whole && fabs(r) == 1 ? (schools ? DKS_WORD_SCHOOL : DKS_WORD_CLASS)
                                                     : (schools ? DKS_WORD_SCHOOLS
                                                                : DKS_WORD_CLASSES));
    snprintf(buf, n, whole ? (sign ? "%+.0f %s" : "%.0f %s") : (sign ? "%+.1f %s" : "%.1f %s"),
             whole ? r : x, word);
    return buf;
}

/* A school's class by name; with several schools, "class (school)". */
static const char *class_label(const dk_scenario *sc, int i, char *buf, size_t n)
{
    const dk_scn_class *c = &sc->classes[i];
    if (sc->nschool > 1)
        snprintf(buf, n, "%s (%s)", c->name, sc->schools[c->school].name);
    else
        snprintf(buf, n, "%s", c->name);
    return buf;
}

/* Which of the schools' own classes a variant gives form f, and in what
 * share of the replicates (a random allocation differs between them; a
 * targeted one hardly): "assistant to (share of replicates): groep 5
 * (100%), ...", lines broken before width (0: never); nothing when none. */
void dk_cmp_given_list(const dk_cmp_report *rp, int v, int f, dk_lang l, size_t width,
                       dk_buf *b)
{
    enum { MAX_NAMED = 40 };
    const dk_cmp_result *r = rp->r;
    int shown = 0;
    size_t col = 0;
    for (int i = 0; r->given && i < r->nclass; i++) {
        char name[160], item[200], head[200];
        if (dk_cmp_given(r, v, i, f) == 0 || shown++ >= MAX_NAMED)
            continue;
        if (shown == 1) {
            snprintf(head, sizeof head, dk_s(l, DKS_CMP_GIVEN), dk_support_text(l, f));
            dk_buf_printf(b, "%s", head);
            col = dk_utf8_width(head);
        }
        snprintf(item, sizeof item, "%s (%.0f%%)", class_label(rp->sc, i, name, sizeof name),
                 100 * dk_cmp_given(r, v, i, f));
        size_t w = dk_utf8_width(item);
        if (shown > 1 && width && col + 2 + w > width) {
            dk_buf_printf(b, ",\n    ");
            col = 4;
        } else if (shown > 1) {
            dk_buf_printf(b, ", ");
            col += 2;
        }
        dk_buf_printf(b, "%s", item);
        col += w;
    }
    if (shown > MAX_NAMED)
        dk_buf_printf(b, dk_s(l, DKS_CMP_GIVEN_MORE), shown - MAX_NAMED);
}

static void table_given(const dk_cmp_report *rp, int v, dk_lang l, dk_buf *b)
{
    for (int f = DK_SUP_ASSISTANT; f < DK_SUP_FACILITY; f++) {
        size_t before = b->len;
        dk_cmp_given_list(rp, v, f, l, 100, b);
        if (b->len != before)
            dk_buf_printf(b, "\n");
    }
}

static void table_costs(const dk_cmp_report *rp, int v, dk_lang l, dk_buf *b)
{
    const dk_cmp_result *r = rp->r;
    for (int f = 0; f < DK_NSUPPORT; f++) {
        const dk_cmp_interval *c = dk_cmp_level(r, v, DK_CS_COST + f);
        const dk_cmp_interval *g = dk_cmp_level(r, v, DK_CS_GIVEN + f);
        if (c->mean == 0 && g->mean == 0 && c->lo == 0 && c->hi == 0)
            continue;
        char n[64];
        count_text(l, f == DK_SUP_FACILITY, g->mean, f == 0, n, sizeof n);
        if (f == 0)
            dk_buf_printf(b, dk_s(l, DKS_CMP_COST_TEACHERS), n, c->mean, c->lo, c->hi);
        else
            dk_buf_printf(b, dk_s(l, DKS_CMP_COST_FORM), dk_support_text(l, f), n, c->mean,
                          c->lo, c->hi);
    }
    const dk_cmp_interval *t = dk_cmp_level(r, v, DK_CS_COST_FTE);
    dk_buf_printf(b, dk_s(l, DKS_CMP_COST_ALL), t->mean, t->lo, t->hi);
    if (r->euros) {
        const dk_cmp_interval *eu = dk_cmp_level(r, v, DK_CS_COST_EURO);
        dk_buf_printf(b, dk_s(l, DKS_CMP_COST_EUR), eu->mean / 1e6, eu->lo / 1e6, eu->hi / 1e6);
    }
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_CMP_CE_TAILOR));
    ce_cell(b, &r->ce[v * DK_NCE + DK_CE_TAILOR], l);
    dk_buf_printf(b, "%s", dk_s(l, DKS_CMP_CE_INSTR));
    ce_cell(b, &r->ce[v * DK_NCE + DK_CE_INSTRUCTION], l);
    dk_buf_printf(b, "\n");
}

static void table_ranking(const dk_cmp_report *rp, dk_lang l, dk_buf *b)
{
    const dk_cmp_result *r = rp->r;
    char crit[64];
    crit_text(&rp->sc->compare, crit, sizeof crit);
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_CMP_RANKING), crit, crit_words(&rp->sc->compare, l));
    int w = name_width(rp, l, 34);
    for (int k = 0; k < r->nvariant - 1; k++) {
        int v = r->rank[k];
        dk_buf_printf(b, "  %d. ", k + 1);
        dk_buf_cell(b, dk_cmp_variant_label(rp, v, l), w);
        if (isnan(r->crit[v]))
            dk_buf_printf(b, dk_s(l, DKS_CMP_SAVES), dk_s(l, DKS_NA));
        else
            dk_buf_printf(b, dk_s(l, DKS_CMP_BEST_IN), r->crit[v], 100 * r->p_best[v]);
    }
    if (r->nvariant > 1)
        dk_buf_printf(b, dk_s(l, DKS_CMP_TOP), 100 * r->p_best[r->rank[0]]);
}

void dk_cmp_describe(const dk_cmp_report *rp, dk_lang l, dk_buf *b)
{
    const dk_scenario *sc = rp->sc;
    char path[600], n0[64], n1[64], n2[64], in[160];
    dk_plural(l, DKS_N_CLASS, rp->classes, n0, sizeof n0);
    dk_plural(l, DKS_N_POP, sc->npop, n1, sizeof n1);
    dk_plural(l, DKS_N_SCHOOL, sc->nschool, n2, sizeof n2);
    snprintf(in, sizeof in, "%s%s%s", sc->npop ? n1 : "", sc->npop && sc->nschool ? ", " : "",
             sc->nschool ? n2 : "");
    dk_buf_printf(b, dk_s(l, DKS_CMP_HEAD), dk_scenario_label(l, sc, path, sizeof path),
                  n0, in, dk_model_id(rp->m), sc->replicates, sc->seed);
}

void dk_cmp_table(const dk_cmp_report *rp, dk_lang l, dk_buf *b)
{
    const dk_scenario *sc = rp->sc;
    const dk_cmp_result *r = rp->r;
    dk_cmp_describe(rp, l, b);
    table_summary(rp, l, b);
    table_ranking(rp, l, b);
    dk_buf_printf(b, "\n");
    dk_buf_printf(b, dk_s(l, DKS_CMP_BASELINE), dk_cmp_variant_label(rp, 0, l));
    table_levels(rp, 0, l, b);
    for (int k = 0; k < r->nvariant - 1; k++) {
        int v = r->rank[k];
        const dk_scn_variant *var = &sc->compare.variants[v - 1];
        dk_buf_printf(b, "\n");
        dk_buf_printf(b, dk_s(l, DKS_CMP_VARIANT), dk_cmp_variant_label(rp, v, l));
        for (int i = 0; i < var->nrule; i++) {
            char text[400];
            dk_cmp_rule_text(rp->m, sc, &var->rule[i], l, text, sizeof text);
            dk_buf_printf(b, "  - %s\n", text);
        }
        table_costs(rp, v, l, b);
        table_given(rp, v, l, b);
        table_levels(rp, v, l, b);
    }
    dk_buf_printf(b, "\n%s", dk_s(l, DKS_CMP_NOTE));
    if (!r->given && sc->nclass)
        dk_buf_printf(b, dk_s(l, DKS_CMP_NOT_NAMED), DK_CMP_MAX_NAMED, sc->nclass);
    dk_basis_note(rp->m, l, b);
}

/* ----- csv and json ----- */

static const char *const measure_names[] = {
    "mean", "share_le2", "teachers_le2", "demand_fte", "cost_fte", "given"
};

/* Measure and item of value k. */
static void measure(int k, const char **meas, const char **item)
{
    static const int first[] = { DK_CS_MEAN, DK_CS_LE2, DK_CS_LE2_N, DK_CS_DEMAND,
                                 DK_CS_COST, DK_CS_GIVEN, DK_CS_COST_FTE };
    if (k >= DK_CS_COST_FTE) {
        *meas = k == DK_CS_COST_FTE ? "cost_fte_total" : k == DK_CS_COST_EURO
              ? "cost_euro" : "teachers";
        *item = "";
        return;
    }
    int g = 0;
    while (k >= first[g + 1])
        g++;
    *meas = measure_names[g];
    int i = k - first[g];
    *item = g <= 2 ? dk_outcome_name(i) : g == 3 ? dk_outcome_name(DK_NASPECT + i)
          : i ? dk_support_name((dk_support)i) : "class";
}

static void csv_row(dk_buf *b, const char *var, const char *kind, const char *meas,
                    const char *item, const dk_cmp_interval *x)
{
    dk_buf_csv_str(b, var);
    double v[] = { x->mean, x->lo, x->hi };
    dk_buf_printf(b, ",%s,%s,%s", kind, meas, item);
    dk_buf_nums(b, ',', v, 3);
    dk_buf_append(b, "\n", 1);
}

/* Rows "class_given,FORM,CLASS": the share of replicates in which the variant
 * gives that school class the form (only where it ever does). */
static void csv_given(const dk_cmp_report *rp, int v, dk_buf *b)
{
    const dk_cmp_result *r = rp->r;
    for (int i = 0; r->given && i < r->nclass; i++)
        for (int f = DK_SUP_ASSISTANT; f < DK_SUP_FACILITY; f++) {
            char name[160];
            if (dk_cmp_given(r, v, i, f) == 0)
                continue;
            dk_buf_csv_str(b, dk_cmp_variant_name(rp, v));
            dk_buf_printf(b, ",class_given,%s,", dk_support_name((dk_support)f));
            dk_buf_csv_str(b, class_label(rp->sc, i, name, sizeof name));
            dk_buf_num(b, ',', dk_cmp_given(r, v, i, f));
            dk_buf_printf(b, ",nan,nan\n");
        }
}

void dk_cmp_csv(const dk_cmp_report *rp, dk_buf *b)
{
    const dk_cmp_result *r = rp->r;
    dk_buf_printf(b, "variant,kind,measure,item,value,lo,hi\n");
    for (int v = 0; v < r->nvariant; v++) {
        for (int k = 0; k < DK_NCS; k++) {
            const char *meas, *item;
            measure(k, &meas, &item);
            if (k == DK_CS_COST_EURO && !r->euros)
                continue;
            csv_row(b, dk_cmp_variant_name(rp, v), "level", meas, item, dk_cmp_level(r, v, k));
            if (v)
                csv_row(b, dk_cmp_variant_name(rp, v), "change", meas, item, dk_cmp_delta(r, v, k));
        }
        for (int c = 0; c < DK_NCE && v; c++)
            csv_row(b, dk_cmp_variant_name(rp, v), "change", "fte_per_pp_le2",
                    dk_outcome_name(c == DK_CE_TAILOR ? DK_TAILOR : DK_INSTRUCTION),
                    &r->ce[v * DK_NCE + c]);
        if (v)
            csv_given(rp, v, b);
    }
    char crit[64];
    crit_text(&rp->sc->compare, crit, sizeof crit);
    for (int k = 0; k < r->nvariant - 1; k++) {
        int v = r->rank[k];
        dk_cmp_interval x = { r->crit[v], NAN, NAN }, p = { r->p_best[v], NAN, NAN };
        dk_cmp_interval rank = { k + 1, NAN, NAN };
        csv_row(b, dk_cmp_variant_name(rp, v), "rank", "rank", crit, &rank);
        csv_row(b, dk_cmp_variant_name(rp, v), "rank", crit_measure(&rp->sc->compare), crit, &x);
        csv_row(b, dk_cmp_variant_name(rp, v), "rank", "p_best", crit, &p);
    }
}

static void json_interval(dk_json *j, const char *key, const dk_cmp_interval *x)
{
    dk_json_key(j, key);
    dk_json_begin_object(j);
    dk_json_kv_number(j, "value", x->mean);
    dk_json_kv_number(j, "lo", x->lo);
    dk_json_kv_number(j, "hi", x->hi);
    dk_json_end_object(j);
}

/* The levels (or changes) of variant v: a measure with items is an
 * object of intervals, one without is an interval itself. */
static void json_values(const dk_cmp_report *rp, int v, int change, dk_json *j)
{
    const dk_cmp_result *r = rp->r;
    const char *prev = "";
    dk_json_begin_object(j);
    for (int k = 0; k < DK_NCS; k++) {
        const char *meas, *item;
        measure(k, &meas, &item);
        if (k == DK_CS_COST_EURO && !r->euros)
            continue;
        const dk_cmp_interval *x = change ? dk_cmp_delta(r, v, k) : dk_cmp_level(r, v, k);
        if (*prev && strcmp(prev, meas) != 0)
            dk_json_end_object(j);
        if (*item && strcmp(prev, meas) != 0) {
            dk_json_key(j, meas);
            dk_json_begin_object(j);
        }
        json_interval(j, *item ? item : meas, x);
        prev = *item ? meas : "";
    }
    if (*prev)
        dk_json_end_object(j);
    dk_json_end_object(j);
}

/* "given": the school classes the variant gives a per-class form, each
 * with the share of replicates; [] for populations only. */
static void json_given(const dk_cmp_report *rp, int v, dk_json *j)
{
    const dk_cmp_result *r = rp->r;
    const dk_scenario *sc = rp->sc;
    dk_json_break(j, 3);
    dk_json_key(j, "given");
    if (!r->given && sc->nclass) {
        dk_json_null(j);    /* too many classes to name: not "given to none" */
        return;
    }
    dk_json_begin_array(j);
    for (int i = 0; r->given && i < r->nclass; i++)
        for (int f = DK_SUP_ASSISTANT; f < DK_SUP_FACILITY; f++) {
            if (dk_cmp_given(r, v, i, f) == 0)
                continue;
            dk_json_begin_object(j);
            dk_json_kv_string(j, "school", sc->schools[sc->classes[i].school].name);
            dk_json_kv_string(j, "class", sc->classes[i].name);
            dk_json_kv_string(j, "form", dk_support_name((dk_support)f));
            dk_json_kv_number(j, "share", dk_cmp_given(r, v, i, f));
            dk_json_end_object(j);
        }
    dk_json_end_array(j);
}

static void json_variant(const dk_cmp_report *rp, int v, dk_json *j)
{
    const dk_scn_variant *var = &rp->sc->compare.variants[v - 1];
    const dk_cmp_result *r = rp->r;
    dk_json_begin_object(j);
    dk_json_kv_string(j, "name", var->name);
    dk_json_key(j, "rules");
    dk_json_begin_array(j);
    for (int i = 0; i < var->nrule; i++) {
        char text[400];
        dk_cmp_rule_text(rp->m, rp->sc, &var->rule[i], DK_LANG_EN, text, sizeof text);
        dk_json_string(j, text);
    }
    dk_json_end_array(j);
    dk_json_break(j, 3);
    dk_json_kv_number(j, "criterion", r->crit[v]);
    dk_json_kv_number(j, "p_best", r->p_best[v]);
    dk_json_break(j, 3);
    dk_json_key(j, "fte_per_pp_le2");
    dk_json_begin_object(j);
    json_interval(j, "tailor", &r->ce[v * DK_NCE + DK_CE_TAILOR]);
    json_interval(j, "instruction", &r->ce[v * DK_NCE + DK_CE_INSTRUCTION]);
    dk_json_end_object(j);
    dk_json_break(j, 3);
    dk_json_key(j, "level");
    json_values(rp, v, 0, j);
    dk_json_break(j, 3);
    dk_json_key(j, "change");
    json_values(rp, v, 1, j);
    json_given(rp, v, j);
    dk_json_end_object(j);
}

int dk_cmp_json(const dk_cmp_report *rp, dk_buf *b, dk_err *e)
{
    const dk_scenario *sc = rp->sc;
    const dk_cmp_result *r = rp->r;
    char crit[64];
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_scenario(&j, sc);
    dk_json_kv_string(&j, "model", dk_model_id(rp->m));
    dk_json_kv_string(&j, "basis", dk_basis_id(rp->m));
    dk_json_kv_int(&j, "seed", (long long)sc->seed);
    dk_json_kv_int(&j, "replicates", sc->replicates);
    dk_json_kv_int(&j, "classes", rp->classes);
    dk_json_kv_string(&j, "criterion", crit_text(&sc->compare, crit, sizeof crit));
    dk_json_kv_string(&j, "criterion_unit", crit_measure(&sc->compare) + strlen("criterion_"));
    dk_json_break(&j, 1);
    dk_json_key(&j, "baseline");
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "name", dk_cmp_variant_name(rp, 0));
    dk_json_key(&j, "level");
    json_values(rp, 0, 0, &j);
    dk_json_end_object(&j);
    dk_json_break(&j, 1);
    dk_json_key(&j, "variants");
    dk_json_begin_array(&j);
    for (int v = 1; v < r->nvariant; v++) {
        dk_json_break(&j, 2);
        json_variant(rp, v, &j);
    }
    dk_json_break(&j, 1);
    dk_json_end_array(&j);
    dk_json_break(&j, 1);
    dk_json_key(&j, "ranking");
    dk_json_begin_array(&j);
    for (int k = 0; k < r->nvariant - 1; k++)
        dk_json_string(&j, dk_cmp_variant_name(rp, r->rank[k]));
    dk_json_end_array(&j);
    dk_json_break(&j, 1);
    dk_json_kv_number(&j, "p_top_is_best", r->nvariant > 1 ? r->p_best[r->rank[0]] : NAN);
    dk_json_break(&j, 1);
    dk_json_warnings(&j, &rp->warnings->en);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}
