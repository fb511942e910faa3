/*
 * scenario.c -- a scenario made ready to run (run/scenario.h): the
 * embedded ones, the [assumptions] applied, the classes completed.
 */
#include <stdio.h>
#include <string.h>

#include "draagkracht/run/scenario.h"

/* The scenarios built into the binary, what a command runs without a
 * file: the default school, and for compare the ways to spend that
 * school's support money.  Their path in messages is "(embedded
 * scenario NAME)". */
#define EMBEDDED_PREFIX "(embedded scenario "

static const struct { const char *name, *path, *text; } embedded[] = {
#define EMBEDDED(name) name, EMBEDDED_PREFIX name ")"
    [DK_DEFAULT_SCHOOL] = { EMBEDDED("school-po-8.ini"), dk_embedded_scenario },
    [DK_DEFAULT_COMPARE] = { EMBEDDED("compare-school-po.ini"), dk_embedded_compare },
#undef EMBEDDED
};

/* The scenario's [assumptions] change the model in use; then its classes'
 * unset counts come from that model (they may change the survey means). */
static int settle(dk_scenario *sc, dk_model *m, dk_err *e)
{
    char source[320], where[300];
    for (int k = 0; k < sc->nassume; k++) {
        const dk_override *o = &sc->assume[k];
        snprintf(source, sizeof source, "scenario %.200s:%d", sc->path, o->line);
        dk_scenario_where(sc, o->line, where, sizeof where);
        if (dk_model_override(m, o->param, o->value, o->lo, o->hi, source, where, e) != 0)
            return -1;
    }
    return dk_scenario_classes(sc, m, e);
}

int dk_scenario_read(dk_scenario *sc, dk_model *m, const char *path, const char *text,
                     size_t len, dk_err *e)
{
    int rc = text ? dk_scenario_parse(sc, m, path, text, len, e)
                  : dk_scenario_load(sc, m, path, e);
    if (rc == 0 && (rc = settle(sc, m, e)) != 0)
        dk_scenario_free(sc);
    return rc;
}

int dk_scenario_read_default(dk_scenario *sc, dk_model *m, dk_default which, dk_err *e)
{
    return dk_scenario_read(sc, m, embedded[which].path, embedded[which].text,
                            strlen(embedded[which].text), e);
}

const char *dk_scenario_embedded_name(const char *path)
{
    for (size_t k = 0; k < sizeof embedded / sizeof embedded[0]; k++)
        if (strcmp(path, embedded[k].path) == 0)
            return embedded[k].name;
    return NULL;
}
