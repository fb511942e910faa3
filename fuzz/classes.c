/* classes.c -- fuzz target: class lists from a spreadsheet (input/classes.c). */
#include <string.h>

#include "fuzz.h"
#include "draagkracht/input/classes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const dk_model *m = fuzz_model();
    if (!m)
        return 0;
    dk_scenario sc;
    memset(&sc, 0, sizeof sc);
    dk_err e = { 0 };
    if (dk_classes_parse(&sc, m, "fuzz.csv", (const char *)data, size, &e) == 0)
        dk_scenario_free(&sc);
    return 0;
}
