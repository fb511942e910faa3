/* model.c -- fuzz target: model files (model/model.c). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dk_model m;
    dk_err e = { 0 };
    if (dk_model_parse(&m, "fuzz.model", (const char *)data, size, &e) == 0)
        dk_model_free(&m);
    return 0;
}
