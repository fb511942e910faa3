/* scenario.c -- fuzz target: scenario files (input/scenario.c). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "draagkracht/input/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const dk_model *base = fuzz_model();
    if (!base)
        return 0;
    /* [assumptions] change the model: each input gets its own copy */
    dk_model m = *base;
    if (!(m.p = malloc(base->n * sizeof *m.p)))
        return 0;
    memcpy(m.p, base->p, base->n * sizeof *m.p);
    dk_scenario sc;
    dk_err e = { 0 };
    if (dk_scenario_parse(&sc, &m, "fuzz.ini", (const char *)data, size, &e) == 0)
        dk_scenario_free(&sc);
    free(m.p);
    return 0;
}
