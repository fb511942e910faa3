/*
 * command.c -- `draagkracht serve`: the commands simulate, plan and
 * compare as web pages, for people without a shell (docs/serve.md).
 * Its entry in the command table is declared in cli.h; the layer sits
 * above cli because it runs the commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/serve/server.h"

static const dk_opt opts[] = {
    { "listen", 0, "ADDR:PORT", "address and port to listen on (default 127.0.0.1:8080; "
      "port 0: a free one); another than loopback is warned about" },
    { "threads", 0, "N", "worker threads that make answers (default: the processors, at most 16)" },
    { "queue", 0, "N", "requests that may wait for a worker; more get 503 (default 128)" },
    { "allow-host", 0, "NAMES", "more host names the server answers for, comma-separated "
      "(the name a proxy in front forwards)" },
    { "timeout", 0, "SECONDS", "a client must send its request and read the answer within "
      "this (default 30)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_serve)

/* --allow-host's names, split in place on ','. */
static int allow_names(const char *list, char *store, size_t n, dk_server_opts *o, dk_err *e)
{
    int k = 0;
    if (!list)
        return 0;
    snprintf(store, n, "%s", list);
    for (char *p = store, *next; p && *p; p = next) {
        next = strchr(p, ',');
        if (next)
            *next++ = '\0';
        if (!*p)
            continue;
        if (k == DK_GUARD_MAX_ALLOW)
            return dk_fail(e, "serve: --allow-host: at most %d names", DK_GUARD_MAX_ALLOW);
        o->allow[k++] = p;
    }
    return 0;
}

static int run(const dk_args *a)
{
    dk_err e = { 0 };
    dk_lang l;
    long threads, queue, timeout;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    char names[1024];
    dk_server_opts o = { 0 };
    if (a->npos > 0) {
        dk_fail(&e, "serve: takes no file (got '%s')", a->pos[0]);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    o.listen = dk_opt_get(CMD, a, "listen") ? dk_opt_get(CMD, a, "listen") : "127.0.0.1:8080";
    threads = cpus < 1 ? 1 : cpus > 16 ? 16 : cpus;
    queue = 128;
    timeout = 30;
    if (dk_opt_lang(CMD, a, &l, &e) || dk_opt_long(CMD, a, "threads", 1, 256, &threads, &e) ||
        dk_opt_long(CMD, a, "queue", 1, 100000, &queue, &e) ||
        dk_opt_long(CMD, a, "timeout", 1, 3600, &timeout, &e) ||
        allow_names(dk_opt_get(CMD, a, "allow-host"), names, sizeof names, &o, &e))
        return dk_report(DK_EXIT_USAGE, &e);
    o.threads = (int)threads;
    o.queue = (int)queue;
    o.timeout = (int)timeout;
    o.lang = l;
    if (dk_server_run(&o, &e) != 0)
        return dk_report(DK_EXIT_USAGE, &e);
    return DK_EXIT_OK;
}

const dk_command dk_cmd_serve = {
    "serve",
    "simulate, plan and compare as web pages for a browser (HTTP; TLS by a proxy in front)",
    "[--listen ADDR:PORT] [--threads N] [--queue N] [--allow-host NAMES] [--timeout S]",
    opts, run, 0, NULL
};
