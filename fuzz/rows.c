/* rows.c -- fuzz target: a sweep's rows read back for indices, as
 * `draagkracht sweep --analyse ROWS --indices FILE` reads them. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    if (!path)
        return 0;
    char *argv[] = { "--analyse", (char *)path, "--indices", "/dev/null", "--bootstrap", "20" };
    fuzz_command(&dk_cmd_sweep, 6, argv);
    return 0;
}
