/*
 * fuzz.c -- helpers of the fuzz targets (test code, not the program: it
 * keeps the model and a file name across inputs, as a harness must).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "fuzz.h"

/* As main does: GSL's default handler aborts, and every GSL call in the
 * program checks its status instead. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    return 0;
}

const char *fuzz_file(const uint8_t *data, size_t size)
{
    static char path[64];
    static int fd = -1;
    if (fd < 0) {
        /* unlinked at once, so no run leaves it behind; opened again by
         * its descriptor's name */
        snprintf(path, sizeof path, "/tmp/dk-fuzz-XXXXXX");
        if ((fd = mkstemp(path)) < 0)
            return NULL;
        unlink(path);
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        return NULL;
    return path;
}

int fuzz_command(const dk_command *cmd, int argc, char **argv)
{
    /* stdio's streams, not the descriptors: a sanitizer report still
     * reaches the terminal */
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w")))
        return -1;
    FILE *out = stdout, *err = stderr;
    stdout = stderr = null;
    dk_args a;
    dk_err e = { 0 };
    int rc = dk_parse_args(cmd, argc, argv, &a, &e) == 0 ? cmd->run(&a) : 2;
    fflush(null);
    stdout = out;
    stderr = err;
    return rc;
}

const dk_model *fuzz_model(void)
{
    static dk_model m;
    static int loaded;
    dk_err e = { 0 };
    if (!loaded && dk_model_load_default(&m, &e) == 0)
        loaded = 1;
    return loaded ? &m : NULL;
}
