/* targets.c -- fuzz target: targets files (model/targets.c). */
#include "fuzz.h"
#include "draagkracht/model/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const dk_model *m = fuzz_model();
    dk_targets ts;
    dk_err e = { 0 };
    if (m && dk_targets_parse(&ts, m, "fuzz.txt", (const char *)data, size, &e) == 0)
        dk_targets_free(&ts);
    return 0;
}
