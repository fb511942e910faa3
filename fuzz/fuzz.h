/*
 * fuzz.h -- what the fuzz targets share.  Each target (fuzz/NAME.c)
 * defines LLVMFuzzerTestOneInput for one parser; built with clang's
 * libFuzzer (./build.sh fuzz) it is fuzzed, linked with replay.c it reads
 * the committed corpus and the regression inputs (./build.sh test).
 */
#ifndef DK_FUZZ_H
#define DK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "draagkracht/cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Called once before the first input (libFuzzer does; so does replay). */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The input as a file (the CSV readers take a path): a name of this
 * process's own, rewritten for each input; NULL if it cannot be written. */
const char *fuzz_file(const uint8_t *data, size_t size);

/* Runs a command as main would, its output and messages going nowhere
 * (libFuzzer and the sanitizers keep writing to file descriptor 2). */
int fuzz_command(const dk_command *cmd, int argc, char **argv);

/* The embedded model, loaded once; NULL if that fails. */
const dk_model *fuzz_model(void);

#endif
