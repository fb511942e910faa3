/*
 * main.c -- entry point: finds the command and hands it its arguments.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/io/fileio.h"

static const dk_command *const commands[] = {
    &dk_cmd_simulate, &dk_cmd_plan, &dk_cmd_compare, &dk_cmd_sweep, &dk_cmd_predict, &dk_cmd_model,
    &dk_cmd_calibrate,
    &dk_cmd_fit, &dk_cmd_design, &dk_cmd_serve, NULL
};

/* The language of the top-level help: --lang anywhere, or the default
 * (a language that names none is said, and English used). */
static dk_lang help_lang(int argc, char **argv)
{
    dk_lang l;
    char msg[200];
    if (dk_lang_pick(dk_lang_arg(argc - 1, argv + 1), &l, msg, sizeof msg) != 0)
        fprintf(stderr, "draagkracht: warning: %s\n", msg);
    return l;
}

static void usage(dk_lang l)
{
    printf("draagkracht %s -- %s\n\n%s draagkracht %s\n\n%s\n", DK_VERSION,
           dk_s(l, DKS_HELP_TAGLINE), dk_s(l, DKS_HELP_USAGE), dk_s(l, DKS_HELP_SYNOPSIS),
           dk_s(l, DKS_HELP_COMMANDS));
    for (int i = 0; commands[i]; i++) {
        printf("  %-10s %s\n", commands[i]->name, dk_command_summary(commands[i], l));
    }
    printf("\n%s\n", dk_s(l, DKS_HELP_GLOBAL));
}

static int version(dk_lang l)
{
    dk_model m;
    dk_err e = DK_ERR_IN(l);
    if (dk_model_load_default(&m, &e) != 0)
        return dk_report(DK_EXIT_FAIL, &e);
    printf("draagkracht %s\n", DK_VERSION);
    printf(dk_s(l, DKS_VERSION_MODEL), dk_model_id(&m), dk_model_origin_text(&m, l),
           dk_model_nparam(&m));
    dk_model_free(&m);
    return DK_EXIT_OK;
}

/*
 * An interrupted run (Ctrl-C, a batch system's time limit, a closed
 * terminal, a reader gone from the pipe) removes its temporary output
 * file, then dies of the same signal with the default action, so the
 * shell reports 128 + N (130 for SIGINT, 143 for SIGTERM) and a script
 * around it stops as it would for any other program.  Only
 * async-signal-safe calls: unlink (in dk_temps_remove), sigaction, raise.
 */
static void on_signal(int sig)
{
    int saved = errno;
    dk_temps_remove();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);             /* delivered as the handler returns */
    errno = saved;
}

/* A signal ignored on entry (nohup's SIGHUP, a background job's SIGINT)
 * stays ignored, as the caller meant. */
static void catch_signals(void)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old, sa;
        if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

/* Output that never reached stdout (a full disk, /dev/full) is a
 * failure, whatever the command printed. */
static int stdout_flushed(int status)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    dk_err e = DK_ERR_IN(dk_args_lang(0, NULL));
    dk_fail(&e, "stdout: write failed: %s", strerror(errno ? errno : EIO));
    return dk_report(status ? status : DK_EXIT_USAGE, &e);
}

static int dispatch(int argc, char **argv);

int main(int argc, char **argv)
{
    /* GSL's default handler calls abort(); every GSL call here either
     * cannot fail on valid arguments or has its status checked. */
    gsl_set_error_handler_off();
    catch_signals();
    return stdout_flushed(dispatch(argc, argv));
}

/* `--lang LANG` (or `--lang=LANG`), the one global option, may stand
 * before the command (`draagkracht --lang nl simulate`): it moves behind
 * the command word, where every command reads it. */
static void lang_after_command(int argc, char **argv)
{
    int k = argc > 2 && strncmp(argv[1], "--lang=", 7) == 0 ? 1
          : argc > 3 && strcmp(argv[1], "--lang") == 0    ? 2
                                                           : 0;
    if (!k)
        return;
    char *cmd = argv[1 + k];
    for (int i = k; i >= 1; i--)
        argv[i + 1] = argv[i];
    argv[1] = cmd;
}

static int dispatch(int argc, char **argv)
{
    lang_after_command(argc, argv);
    if (argc < 2) {
        fprintf(stderr, "%s", dk_s(dk_args_lang(argc - 1, argv + 1), DKS_E_NO_COMMAND));
        return DK_EXIT_USAGE;
    }
    if ( strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0) {
        usage(help_lang(argc, argv));
        return DK_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0)
        return version(help_lang(argc, argv));
    const char *names[16];
    int n = 0;
    for (int i = 0; commands[i]; i++) {
        names[n++] = commands[i]->name;
        if (strcmp(argv[1], commands[i]->name) != 0)
            continue;
        dk_args a;
        dk_err e = DK_ERR_IN(dk_args_lang(argc - 2, argv + 2));
        if (dk_parse_args(commands[i], argc - 2, argv + 2, &a, &e) != 0)
            return dk_report(DK_EXIT_USAGE, &e);
        if (a.help) {
            dk_lang l;
            if (dk_opt_lang(commands[i], &a, &l, &e) != 0)
                return dk_report(DK_EXIT_USAGE, &e);
            dk_print_help(commands[i], l);
            return DK_EXIT_OK;
        }
        if (dk_check_paths(commands[i], &a, &e) != 0)
            return dk_report(DK_EXIT_USAGE, &e);
        return commands[i]->run(&a);
    }
    names[n] = NULL;
    const char *s = dk_suggest(argv[1], names);
    dk_err e = DK_ERR_IN(dk_args_lang(argc - 1, argv + 1));
    dk_lang l = dk_args_lang(argc - 1, argv + 1);
    char mean[120];
    dk_mean_text(l, s, mean, sizeof mean);
    dk_fail(&e, dk_s(l, DKS_E_UNKNOWN_CMD), argv[1], mean);
    return dk_report(DK_EXIT_USAGE, &e);
}
