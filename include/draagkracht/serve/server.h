/*
 * server.h -- the HTTP server (libevent's evhttp): one event loop thread
 * that accepts, reads, guards and replies, and a bounded pool of worker
 * threads that make the answers (answer.h).  A full queue is answered
 * 503 with Retry-After at once; SIGINT and SIGTERM stop the accepting,
 * let every accepted request finish, and return 0.
 */
#ifndef DRAAGKRACHT_SERVE_SERVER_H
#define DRAAGKRACHT_SERVE_SERVER_H

#include "draagkracht/serve/answer.h"
#include "draagkracht/serve/guard.h"

typedef struct {
    const char *listen;     /* "ADDR:PORT" or "[V6]:PORT"; port 0: a free one */
    int threads;            /* workers, 1.. */
    int queue;              /* requests waiting for a worker, 1.. */
    const char *allow[DK_GUARD_MAX_ALLOW + 1];  /* more Host names, NULL-terminated */
    int timeout;            /* seconds a client may take to send or read */
    dk_lang lang;           /* of the messages on stderr */
} dk_server_opts;

/* Serves until SIGINT or SIGTERM; 0 then, -1 with e set when it cannot
 * start (the address is taken, not an address, ...). */
int dk_server_run(const dk_server_opts *o, dk_err *e);

#endif
