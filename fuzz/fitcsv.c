/*
 * fitcsv.c -- fuzz target: fit's CSV data (io/csv.c, fit/fitdata.c) and
 * the fits on it, as `draagkracht fit FILE` runs them: the first column
 * the group, the last the outcome, any between them factors.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char head[512];
    size_t n = 0;
    while (n < size && n < sizeof head - 1 && data[n] != '\n' && data[n] != '\r')
        n++;
    memcpy(head, data, n);
    head[n] = '\0';
    char *c1 = strchr(head, ','), *c2 = strrchr(head, ',');
    if (!c1)
        return 0;
    *c2 = '\0';
    *c1 = '\0';
    const char *path = fuzz_file(data, size);
    if (!path)
        return 0;
    char *argv[] = { (char *)path, "--group", head, "--outcome", c2 + 1, "--factors", c1 + 1 };
    fuzz_command(&dk_cmd_fit, c1 != c2 ? 7 : 5, argv);
    return 0;
}
