/*
 * main.c -- entry point: finds the command and hands it its arguments.
 */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "draagkracht/cli/cli.h"

static const dk_command *const commands[] = {
    &dk_cmd_simulate, &dk_cmd_plan, &dk_cmd_compare, &dk_cmd_sweep, &dk_cmd_predict, &dk_cmd_model,
    &dk_cmd_calibrate,
    &dk_cmd_fit, &dk_cmd_design, NULL
};

static void usage(void)
{
    printf("draagkracht %s -- how well can teachers still do their work, and "
           "what support will they need?\n\n"
           "usage: draagkracht <command> [options]\n\ncommands:\n", DK_VERSION);
    for (int i = 0; commands[i]; i++)
        printf("  %-10s %s\n", commands[i]->name, commands[i]->summary);
    printf("\nglobal options:\n  --help      this text; 'draagkracht <command> "
           "--help' for a command\n  --version   program version and model id\n");
}

static int version(void)
{
    dk_model m;
    dk_err e;
    if (dk_model_load_default(&m, &e) != 0)
        return dk_report(DK_EXIT_FAIL, &e);
    printf("draagkracht %s\nmodel %s (embedded default, %zu parameters)\n",
           DK_VERSION, m.id, m.n);
    dk_model_free(&m);
    return DK_EXIT_OK;
}

int main(int argc, char **argv)
{
    /* GSL's default handler calls abort(); every GSL call here either
     * cannot fail on valid arguments or has its status checked. */
    gsl_set_error_handler_off();
    if (argc < 2) {
        fprintf(stderr, "draagkracht: no command given (see 'draagkracht --help')\n");
        return DK_EXIT_USAGE;
    }
    if ( strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0) {
        usage();
        return DK_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0)
        return version();
    const char *names[16];
    int n = 0;
    for (int i = 0; commands[i]; i++) {
        names[n++] = commands[i]->name;
        if (strcmp(argv[1], commands[i]->name) != 0)
            continue;
        dk_args a;
        dk_err e;
        if (dk_parse_args(commands[i], argc - 2, argv + 2, &a, &e) != 0)
            return dk_report(DK_EXIT_USAGE, &e);
        if (a.help) {
            dk_print_help(commands[i]);
            return DK_EXIT_OK;
        }
        return commands[i]->run(&a);
    }
    names[n] = NULL;
    const char *s = dk_suggest(argv[1], names);
    fprintf(stderr, "draagkracht: unknown command '%s'%s%s%s (see 'draagkracht "
            "--help')\n", argv[1], s ? "; did you mean '" : "", s ? s : "",
            s ? "'?" : "");
    return DK_EXIT_USAGE;
}
