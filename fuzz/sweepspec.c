/* sweepspec.c -- fuzz target: sweep specifications (input/sweepspec.c),
 * parsed and checked as `sweep` does before it runs. */
#include <stdlib.h>

#include "fuzz.h"
#include "draagkracht/run/sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const dk_model *m = fuzz_model();
    dk_sweep_spec *sp = m ? malloc(sizeof *sp) : NULL;
    dk_err e = { 0 };
    if (sp && dk_sweep_parse(sp, m, "fuzz.ini", (const char *)data, size, &e) == 0) {
        dk_sweep_validate(sp, &e);
        dk_sweep_free(sp);
    }
    free(sp);
    return 0;
}
