/*
 * guard.h -- what the server checks before it reads a request's body:
 * that the request was meant for this server (Host: against DNS
 * rebinding), that a POST comes from its own pages (Origin: against
 * cross-site forms), and which language the reader asked for.  Pure
 * functions of the header values, so the tests and the fuzzer call them
 * without a socket.
 */
#ifndef DRAAGKRACHT_SERVE_GUARD_H
#define DRAAGKRACHT_SERVE_GUARD_H

#include "draagkracht/lang/lang.h"

#define DK_GUARD_MAX_ALLOW 16

typedef struct {
    char host[256];         /* the listen address as given: 127.0.0.1, ::1, a name */
    int port;               /* the port actually bound */
    int loopback;           /* the address is 127.0.0.0/8 or ::1: localhost:PORT passes too */
    const char *allow[DK_GUARD_MAX_ALLOW + 1];  /* --allow-host names, NULL-terminated */
} dk_guard;

/* 1 when a Host header value names this server: the listen address and
 * its port, localhost:PORT on a loopback address, or an allowed name
 * with or without a port (a proxy in front may use its own).  NULL or
 * empty: 0 (HTTP/1.1 requires Host). */
int dk_guard_host(const dk_guard *g, const char *host);
/* 1 when a POST may go on: no Origin header (not a browser, or an old
 * one: Host already passed), or an Origin of http:// or https:// and a
 * host that dk_guard_host accepts.  "null" (a sandboxed or file page)
 * and any other site: 0. */
int dk_guard_origin(const dk_guard *g, const char *origin);
/* The language an Accept-Language header prefers among those the
 * program speaks (by q-value, then order); English when it names none. */
dk_lang dk_guard_lang(const char *accept_language);

#endif
