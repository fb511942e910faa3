/*
 * planspec.c -- the [plan] section (planspec.h).
 */
#include <string.h>

#include "draagkracht/base/suggest.h"
#include "draagkracht/input/planspec.h"

const char *const dk_objective_names[] = { "mean", "hardly", "worst", NULL };
const char *const dk_prefer_names[] = { "cheaper", "mean", NULL };

/* After "threshold", the euro rates: all forms, then each in dk_support
 * order (their index minus 5 is the form). */
const char *const dk_plan_spec_keys[] = {
    "budget", "options", "objective", "aspect", "threshold", "euro-per-fte",
    "euro-per-fte.assistant", "euro-per-fte.extra-teacher",
    "euro-per-fte.specialist", "euro-per-fte.facility", "budget-euro", "prefer", NULL
};

int dk_objective_lookup(const char *s) { return dk_word_index(s, dk_objective_names); }
int dk_prefer_lookup(const char *s) { return dk_word_index(s, dk_prefer_names); }

void dk_plan_spec_init(dk_plan_spec *p)
{
    memset(p, 0, sizeof *p);
    p->budget = p->budget_euro = -1;
    p->aspect = -1;
    p->threshold = DK_PLAN_DEFAULT_THRESHOLD;
    for (int f = DK_SUP_ASSISTANT; f < DK_NSUPPORT; f++)
        p->menu |= 1u << f;
    for (int f = 0; f < DK_NSUPPORT; f++)
        p->euro_per_fte[f] = -1;
}

int dk_euro_rate_key(const dk_ini *ini, const char *key, const char *v, int form, int last,
                     double *rates, int *lines, unsigned *specific)
{
    double rate;
    if (dk_ini_number_in(ini, key, v, 0, 1e7, &rate))
        return -1;
    for (int f = DK_SUP_ASSISTANT; f <= last; f++)
        if (form == f || (form == 0 && !(*specific >> f & 1u))) {
            rates[f] = rate;
            lines[f] = ini->line;
            *specific |= (unsigned)(form == f) << f;
        }
    return 0;
}

static int menu(dk_plan_spec *p, const dk_ini *ini, const char *key, const char *v)
{
    dk_err why = dk_err_like(ini->e);
    if (strcmp(v, "none") == 0)
        return p->menu = 0, 0;
    if (dk_support_parse(v, &p->menu, &why) != 0)
        return dk_ini_fail(ini, key, "%.300s", why.msg);
    return 0;
}

static int word(const dk_ini *ini, const char *key, const char *v, const char *const *names,
                int *out)
{
    return dk_ini_word(ini, key, key, v, names, out);
}

int dk_plan_spec_set(dk_plan_spec *p, const dk_ini *ini, int k, const char *v)
{
    const char *key = dk_plan_spec_keys[k];
    int x;
    switch (k) {
    case 0: return dk_ini_number_in(ini, key, v, 0, DK_PLAN_BUDGET_MAX, &p->budget);
    case 1: return menu(p, ini, key, v);
    case 2: if (word(ini, key, v, dk_objective_names, &x))
                return -1;
            p->objective = (dk_objective)x; return 0;
    case 3: if (strcmp(v, "all") == 0)
                return p->aspect = -1, 0;
            return dk_ini_word(ini, key, "aspect", v, dk_aspect_names, &p->aspect);
    case 4: return dk_ini_number_in(ini, key, v, DK_PLAN_THRESHOLD_LO, DK_PLAN_THRESHOLD_HI,
                                    &p->threshold);
    case 10: return dk_ini_number_in(ini, key, v, 0, DK_PLAN_BUDGET_EURO_MAX, &p->budget_euro);
    case 11: if (word(ini, key, v, dk_prefer_names, &x))
                return -1;
            p->prefer = (dk_prefer)x; return 0;
    default: break;
    }
    return dk_euro_rate_key(ini, key, v, k - 5, DK_NSUPPORT - 1, p->euro_per_fte, p->euro_line,
                            &p->specific_rates);
}

int dk_plan_spec_budget(const dk_plan_spec *sp, const char *path, double fte, double eur,
                        unsigned menu, int *euro, double *budget, dk_err *e)
{
    if (fte >= 0 && eur >= 0)
        return dk_fail(e, "plan: give --budget or --budget-euro, not both");
    if (fte < 0 && eur < 0 && sp->budget >= 0 && sp->budget_euro >= 0)
        return dk_fail(e, "%s:%d: budget-euro: the [plan] section gives both budget and "
                       "budget-euro; keep one", path, sp->line);
    if (fte < 0 && eur < 0)
        fte = sp->budget, eur = sp->budget_euro;
    *euro = eur >= 0;
    *budget = *euro ? eur : fte;
    if (*budget < 0)
        return dk_fail(e, "%s: no budget: give --budget FTE or 'budget = FTE' in a [plan] "
                       "section", path);
    if (!menu)
        return dk_fail(e, "%s:%d: options: the plan may use no support form", path, sp->line);
    return 0;
}

int dk_plan_spec_rates(const dk_plan_spec *sp, const char *path, unsigned menu, int euro_budget,
                       double rates[DK_NSUPPORT], int *given, dk_err *e)
{
    *given = 0;
    for (int f = 0; f < DK_NSUPPORT; f++) {
        rates[f] = sp->euro_per_fte[f];
        *given |= sp->euro_per_fte[f] >= 0 && (menu >> f & 1u);
    }
    if (euro_budget && !*given)
        return dk_fail(e, "%s: a budget in euros needs euro-per-fte rates in [plan] for "
                       "every form the plan may use", path);
    for (int f = DK_SUP_ASSISTANT; f < DK_NSUPPORT && *given; f++)
        if ((menu >> f & 1u) && rates[f] < 0)
            return dk_fail(e, "%s:%d: euro-per-fte.%s: missing; the plan may use %s, and "
                           "euro costs need a rate for every form it may use", path,
                           sp->line, dk_support_name((dk_support)f),
                           dk_support_name((dk_support)f));
    return 0;
}
