/*
 * write.c -- each command's one report call: its result in the format
 * asked, from the writers of report/COMMAND.c and COMMAND_page.c.
 */
#include "draagkracht/report/pages.h"

int dk_plan_report_write(const dk_plan_report *r, dk_format f, const dk_warnings *w, dk_lang l,
                         dk_buf *b, dk_err *e)
{
    if (f == DK_FMT_CSV)
        dk_plan_csv(r, b);
    else if (f == DK_FMT_JSON)
        return dk_plan_json(r, &w->en, b, e);
    else if (f == DK_FMT_HTML)
        dk_plan_page(r, &w->own, l, b);
    else
        dk_plan_table(r, l, b);
    return 0;
}

int dk_cmp_report_write(const dk_cmp_report *rp, dk_format f, dk_lang l, dk_buf *b, dk_err *e)
{
    if (f == DK_FMT_CSV)
        dk_cmp_csv(rp, b);
    else if (f == DK_FMT_JSON)
        return dk_cmp_json(rp, b, e);
    else if (f == DK_FMT_HTML)
        dk_cmp_page(rp, l, b);
    else
        dk_cmp_table(rp, l, b);
    return 0;
}

int dk_predict_report_write(const dk_predict_report *r, dk_format f, dk_lang l, dk_buf *b,
                            dk_err *e)
{
    if (r->s->per_draw)
        dk_predict_per_draw(r->m, r->s, b);
    else if (f == DK_FMT_JSON)
        return dk_predict_json(r->m, r->c, r->s, r->p, &r->w->en, b, e);
    else if (f == DK_FMT_CSV)
        dk_predict_csv(r->p, b);
    else if (f == DK_FMT_HTML)
        dk_predict_page(r->m, r->c, r->s, r->p, &r->w->own, l, b);
    else
        dk_predict_table(r->m, r->c, r->s, r->p, &r->w->own, l, b);
    return 0;
}

int dk_simulate_report_write(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                             const dk_warnings *w, dk_format f, dk_lang l, dk_buf *b, dk_err *e)
{
    if (f == DK_FMT_CSV)
        dk_simulate_csv(sc, r, b);
    else if (f == DK_FMT_JSON)
        return dk_simulate_json(m, sc, r, &w->en, b, e);
    else if (f == DK_FMT_HTML)
        dk_simulate_page(m, sc, r, &w->own, l, b);
    else
        dk_simulate_table(m, sc, r, l, b);
    return 0;
}

int dk_sweep_report_write(const dk_sweep_analysis *an, const void *ix, dk_format f, dk_lang l,
                          dk_buf *b, dk_err *e)
{
    int sobol = an->d.design == DK_DESIGN_SALTELLI;
    if (f == DK_FMT_CSV && sobol)
        dk_sweep_sobol_csv(an, ix, b);
    else if (f == DK_FMT_CSV)
        dk_sweep_morris_csv(an, ix, b);
    else if (f == DK_FMT_JSON)
        return dk_sweep_json(an, ix, b, e);
    else if (f == DK_FMT_HTML)
        dk_sweep_html(an, ix, l, b);
    else
        dk_sweep_table(an, ix, l, b);
    return 0;
}
