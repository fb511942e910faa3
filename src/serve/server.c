/*
 * server.c -- evhttp glue and the worker pool (server.h).
 *
 * evhttp runs every callback on the loop thread, so nothing slow may run
 * there: the loop checks the guards, copies the request into a job and
 * queues it; a worker makes the answer; the worker puts the job on the
 * done list and wakes the loop (event_active, thread-safe after
 * evthread_use_pthreads), which sends it.  A client that went away
 * meanwhile leaves evhttp a request without a connection, which
 * evhttp_send_reply frees.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <event2/thread.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/serve/server.h"
#include "draagkracht/serve/words.h"

typedef struct job {
    struct job *next;
    struct evhttp_request *req;
    dk_serve_req rq;
    char *text;             /* method, path, query, content type: NUL-separated */
    char *body;
    dk_serve_resp rs;
} job;

typedef struct {
    dk_serve_ctx ctx;
    dk_guard guard;
    struct event_base *base;
    struct evhttp *http;
    struct evhttp_bound_socket *sock;
    struct event *done_ev, *sig[2];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job *head, *tail, *done;
    int queued, qcap, busy;  /* waiting; taken by a worker or done, not yet sent */
    int stopping, quit;      /* no more accepting; workers may end */
    int nthread;
    pthread_t *threads;
} server;

static void job_free(job *j)
{
    if (!j)
        return;
    dk_free(j->text);
    dk_free(j->body);
    dk_serve_resp_free(&j->rs);
    dk_free(j);
}

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 421: return "Misdirected Request";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

/* Sends rs with the headers every answer carries. */
static void send_resp(struct evhttp_request *req, const dk_serve_resp *rs)
{
    struct evkeyvalq *h = evhttp_request_get_output_headers(req);
    dk_buf csp = { 0 };
    dk_serve_csp(rs->body.data ? rs->body.data : "", rs->body.len, &csp);
    evhttp_add_header(h, "Content-Type", rs->type ? rs->type : "text/plain; charset=utf-8");
    evhttp_add_header(h, "Content-Security-Policy", csp.data ? csp.data : "default-src 'none'");
    evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
    /* not no-referrer: under it browsers send "Origin: null" with a form
     * post, which the Origin guard must refuse */
    evhttp_add_header(h, "Referrer-Policy", "same-origin");
    evhttp_add_header(h, "X-Frame-Options", "DENY");
    evhttp_add_header(h, "Cache-Control", rs->no_store ? "no-store" : "no-cache");
    if (rs->status == 503)
        evhttp_add_header(h, "Retry-After", "5");
    dk_buf_free(&csp);
    struct evbuffer *out = evbuffer_new();
    int oom = !out || rs->body.oom ||
              (rs->body.len && evbuffer_add(out, rs->body.data, rs->body.len) != 0);
    if (oom) {
        if (out)
            evbuffer_free(out);
        evhttp_send_error(req, 500, "out of memory");
        return;
    }
    evhttp_send_reply(req, rs->status, reason(rs->status), out);
    evbuffer_free(out);
}

static void refuse(struct evhttp_request *req, dk_lang l, int status, dk_word w, const char *arg)
{
    dk_err e = { 0 };
    dk_serve_resp rs = { 0 };
    dk_fail(&e, dk_serve_word(l, w), arg);
    dk_serve_refusal(l, status, e.msg, &rs);
    if (status == 413 || status == 503 || status == 421)
        rs.no_store = 1;
    send_resp(req, &rs);
    dk_serve_resp_free(&rs);
}

/* When stopping and nothing is left to answer: leave the loop, after a
 * moment in which the last replies are written. */
static void maybe_exit(server *s)
{
    pthread_mutex_lock(&s->mu);
    int idle = s->stopping && s->queued == 0 && s->busy == 0;
    pthread_mutex_unlock(&s->mu);
    if (idle) {
        struct timeval tv = { 0, 200000 };
        event_base_loopexit(s->base, &tv);
    }
}

static void on_done(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    server *s = arg;
    pthread_mutex_lock(&s->mu);
    job *list = s->done;
    s->done = NULL;
    pthread_mutex_unlock(&s->mu);
    while (list) {
        job *j = list;
        list = j->next;
        send_resp(j->req, &j->rs);
        pthread_mutex_lock(&s->mu);
        s->busy--;
        pthread_mutex_unlock(&s->mu);
        job_free(j);
    }
    maybe_exit(s);
}

static void *worker(void *arg)
{
    server *s = arg;
    for (;;) {
        pthread_mutex_lock(&s->mu);
        while (!s->head && !s->quit)
            pthread_cond_wait(&s->cv, &s->mu);
        job *j = s->head;
        if (!j) {
            pthread_mutex_unlock(&s->mu);
            return NULL;
        }
        s->head = j->next;
        if (!s->head)
            s->tail = NULL;
        s->queued--;
        s->busy++;
        pthread_mutex_unlock(&s->mu);
        dk_serve_answer(&s->ctx, &j->rq, &j->rs);
        pthread_mutex_lock(&s->mu);
        j->next = s->done;
        s->done = j;
        pthread_mutex_unlock(&s->mu);
        event_active(s->done_ev, EV_READ, 0);
    }
}

/* The request copied out of evhttp's buffers, for a worker. */
static job *job_new(struct evhttp_request *req, dk_lang l)
{
    const struct evhttp_uri *u = evhttp_request_get_evhttp_uri(req);
    struct evkeyvalq *in = evhttp_request_get_input_headers(req);
    struct evbuffer *body = evhttp_request_get_input_buffer(req);
    const char *method = evhttp_request_get_command(req) == EVHTTP_REQ_POST ? "POST"
                       : evhttp_request_get_command(req) == EVHTTP_REQ_HEAD ? "HEAD" : "GET";
    const char *path = u && evhttp_uri_get_path(u) && *evhttp_uri_get_path(u)
                     ? evhttp_uri_get_path(u) : "/";
    const char *query = u ? evhttp_uri_get_query(u) : NULL;
    const char *ct = evhttp_find_header(in, "Content-Type");
    size_t n[4] = { strlen(method) + 1, strlen(path) + 1, query ? strlen(query) + 1 : 0,
                    ct ? strlen(ct) + 1 : 0 };
    size_t len = evbuffer_get_length(body);
    job *j = dk_calloc(1, sizeof *j);
    if (!j || !(j->text = dk_malloc(n[0] + n[1] + n[2] + n[3])) || !(j->body = dk_malloc(len + 1))) {
        job_free(j);
        return NULL;
    }
    char *t = j->text;
    memcpy(t, method, n[0]);
    memcpy(t + n[0], path, n[1]);
    if (query)
        memcpy(t + n[0] + n[1], query, n[2]);
    if (ct)
        memcpy(t + n[0] + n[1] + n[2], ct, n[3]);
    evbuffer_copyout(body, j->body, len);
    j->body[len] = '\0';
    j->req = req;
    j->rq = (dk_serve_req){ t, t + n[0], query ? t + n[0] + n[1] : NULL, l,
                            ct ? t + n[0] + n[1] + n[2] : NULL, j->body, len };
    return j;
}

/* The guards, in the order that leaks least: Host, Origin, size. */
static int guarded(server *s, struct evhttp_request *req, dk_lang l)
{
    struct evkeyvalq *in = evhttp_request_get_input_headers(req);
    const char *host = evhttp_find_header(in, "Host");
    if (!dk_guard_host(&s->guard, host)) {
        refuse(req, l, 421, DKW_E_HOST, host ? host : "");
        return 0;
    }
    if (evhttp_request_get_command(req) == EVHTTP_REQ_POST) {
        const char *origin = evhttp_find_header(in, "Origin");
        const char *site = evhttp_find_header(in, "Sec-Fetch-Site");
        if (!dk_guard_origin(&s->guard, origin) || (site && strcmp(site, "cross-site") == 0)) {
            refuse(req, l, 403, DKW_E_ORIGIN, origin ? origin : site);
            return 0;
        }
    }
    if (evbuffer_get_length(evhttp_request_get_input_buffer(req)) > DK_SERVE_MAX_BODY) {
        char n[24];
        snprintf(n, sizeof n, "%d", DK_SERVE_MAX_BODY);
        refuse(req, l, 413, DKW_E_TOO_LARGE, n);
        return 0;
    }
    return 1;
}

static void on_request(struct evhttp_request *req, void *arg)
{
    server *s = arg;
    struct evkeyvalq *in = evhttp_request_get_input_headers(req);
    dk_lang l = dk_guard_lang(evhttp_find_header(in, "Accept-Language"));
    if (!guarded(s, req, l))
        return;
    job *j = job_new(req, l);
    if (!j) {
        evhttp_send_error(req, 500, "out of memory");
        return;
    }
    pthread_mutex_lock(&s->mu);
    int full = s->queued >= s->qcap;
    if (!full) {
        if (s->tail)
            s->tail->next = j;
        else
            s->head = j;
        s->tail = j;
        s->queued++;
        pthread_cond_signal(&s->cv);
    }
    pthread_mutex_unlock(&s->mu);
    if (full) {
        job_free(j);
        refuse(req, l, 503, DKW_E_BUSY, "");
    }
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
    (void)what;
    server *s = arg;
    fprintf(stderr, "draagkracht serve: %s, finishing the requests in hand\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    if (s->sock) {
        evhttp_del_accept_socket(s->http, s->sock);
        s->sock = NULL;
    }
    pthread_mutex_lock(&s->mu);
    s->stopping = 1;
    pthread_mutex_unlock(&s->mu);
    maybe_exit(s);
}

/* "ADDR:PORT" or "[V6]:PORT" into addr and port. */
static int parse_listen(const char *listen, char *addr, size_t n, int *port, dk_err *e)
{
    const char *colon = listen[0] == '[' ? strstr(listen, "]:") : strrchr(listen, ':');
    if (listen[0] == '[' && colon)
        colon++;
    char *end;
    long p = colon ? strtol(colon + 1, &end, 10) : -1;
    size_t len = colon ? (size_t)(colon - listen) : 0;
    if (listen[0] == '[' && len >= 2) {
        listen++;
        len -= 2;
    }
    if (!colon || end == colon + 1 || *end || p < 0 || p > 65535 || len == 0 || len >= n)
        return dk_fail(e, "serve: --listen '%s' is not ADDRESS:PORT (127.0.0.1:8080, "
                       "[::1]:8080, 0.0.0.0:8080)", listen);
    memcpy(addr, listen, len);
    addr[len] = '\0';
    *port = (int)p;
    return 0;
}

static int is_loopback(const char *addr)
{
    struct in_addr v4;
    struct in6_addr v6;
    if (inet_pton(AF_INET, addr, &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, addr, &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6);
    return strcmp(addr, "localhost") == 0;
}

/* The port the socket got (the asked one, or a free one for 0). */
static int bound_port(struct evhttp_bound_socket *sock)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(evhttp_bound_socket_get_fd(sock), (struct sockaddr *)&ss, &len) != 0)
        return -1;
    return ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                          : ((struct sockaddr_in *)&ss)->sin_port);
}

/* A listening socket on a numeric address (so the static binary needs
 * no name service), or -1 with errno set. */
static evutil_socket_t listen_on(const char *addr, int port)
{
    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    const char *a = strcmp(addr, "localhost") == 0 ? "127.0.0.1" : addr;
    if (inet_pton(AF_INET, a, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, a, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        len = sizeof *v6;
    } else {
        errno = EINVAL;
        return -1;
    }
    evutil_socket_t fd = socket(ss.ss_family, SOCK_STREAM, 0);
    int one = 1;
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 128) != 0 ||
        evutil_make_socket_nonblocking(fd) != 0 || evutil_make_socket_closeonexec(fd) != 0) {
        int saved = errno;
        evutil_closesocket(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* The loop, the HTTP server on its socket, the signals. */
static int setup(server *s, const dk_server_opts *o, const char *addr, int port, dk_err *e)
{
    s->base = event_base_new();
    s->http = s->base ? evhttp_new(s->base) : NULL;
    if (!s->http)
        return dk_fail(e, "serve: cannot start the event loop");
    evutil_socket_t fd = listen_on(addr, port);
    if (fd < 0)
        return dk_fail(e, errno == EINVAL ? "serve: --listen '%s': not a numeric address "
                       "(127.0.0.1, ::1, 0.0.0.0, or localhost)%s" : "serve: cannot listen on "
                       "%s: %s", o->listen, errno == EINVAL ? "" : strerror(errno));
    s->sock = evhttp_accept_socket_with_handle(s->http, fd);
    if (!s->sock) {
        evutil_closesocket(fd);
        return dk_fail(e, "serve: cannot listen on %s", o->listen);
    }
    s->guard.port = bound_port(s->sock);
    evhttp_set_allowed_methods(s->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST | EVHTTP_REQ_HEAD);
    /* a little above the limit, so the handler's own 413 (with its
     * headers) answers most oversized bodies; evhttp's answers the rest */
    evhttp_set_max_body_size(s->http, DK_SERVE_MAX_BODY + 1);
    evhttp_set_max_headers_size(s->http, 16384);
    evhttp_set_timeout(s->http, o->timeout);
    evhttp_set_gencb(s->http, on_request, s);
    s->done_ev = event_new(s->base, -1, 0, on_done, s);
    s->sig[0] = evsignal_new(s->base, SIGINT, on_signal, s);
    s->sig[1] = evsignal_new(s->base, SIGTERM, on_signal, s);
    if (!s->done_ev || !s->sig[0] || !s->sig[1] || event_add(s->sig[0], NULL) ||
        event_add(s->sig[1], NULL))
        return dk_fail(e, "serve: cannot set up the loop's events");
    return 0;
}

/* Workers, with every signal blocked: the loop thread takes them. */
static int start_workers(server *s, dk_err *e)
{
    sigset_t all, old;
    sigfillset(&all);
    s->threads = dk_calloc((size_t)s->nthread, sizeof *s->threads);
    if (!s->threads)
        return dk_fail_oom(e, "serve");
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int started = 0;
    while (started < s->nthread && pthread_create(&s->threads[started], NULL, worker, s) == 0)
        started++;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (started < s->nthread) {
        s->nthread = started;
        return dk_fail(e, "serve: cannot start %d worker threads", s->nthread);
    }
    return 0;
}

static void stop_workers(server *s)
{
    pthread_mutex_lock(&s->mu);
    s->quit = 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    for (int i = 0; i < s->nthread; i++)
        pthread_join(s->threads[i], NULL);
    dk_free(s->threads);
}

static void teardown(server *s)
{
    for (int i = 0; i < 2; i++)
        if (s->sig[i])
            event_free(s->sig[i]);
    if (s->done_ev)
        event_free(s->done_ev);
    if (s->http)
        evhttp_free(s->http);
    if (s->base)
        event_base_free(s->base);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    dk_serve_ctx_free(&s->ctx);
}

static void announce(const server *s, const char *addr)
{
    int v6 = strchr(addr, ':') != NULL;
    if (!s->guard.loopback)
        fprintf(stderr, "draagkracht serve: warning: listening on %s, not a loopback address: "
                "anyone who can reach it may use it; serve it behind a TLS proxy "
                "(docs/serve.md)\n", addr);
    fprintf(stderr, "serving on http://%s%s%s:%d/\n", v6 ? "[" : "", addr, v6 ? "]" : "",
            s->guard.port);
}

int dk_server_run(const dk_server_opts *o, dk_err *e)
{
    server s;
    char addr[256];
    int port = 0;
    memset(&s, 0, sizeof s);
    if (parse_listen(o->listen, addr, sizeof addr, &port, e) != 0)
        return -1;
    if (evthread_use_pthreads() != 0)
        return dk_fail(e, "serve: libevent without threads");
    /* a reader gone from a socket is that request's end, not the server's */
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, NULL);
    if (dk_serve_ctx_init(&s.ctx, e) != 0)
        return -1;
    pthread_mutex_init(&s.mu, NULL);
    pthread_cond_init(&s.cv, NULL);
    snprintf(s.guard.host, sizeof s.guard.host, "%s", addr);
    s.guard.loopback = is_loopback(addr);
    memcpy(s.guard.allow, o->allow, sizeof s.guard.allow);
    s.qcap = o->queue;
    s.nthread = o->threads;
    int rc = setup(&s, o, addr, port, e);
    if (rc == 0)
        rc = start_workers(&s, e);
    if (rc == 0) {
        announce(&s, addr);
        event_base_dispatch(s.base);
    }
    if (s.threads)
        stop_workers(&s);
    /* jobs a stop left behind (none when the loop ended by itself) */
    for (job *j = s.head, *next; j; j = next) {
        next = j->next;
        job_free(j);
    }
    for (job *j = s.done, *next; j; j = next) {
        next = j->next;
        job_free(j);
    }
    teardown(&s);
    /* what evthread_use_pthreads set up, so a leak checker sees nothing left */
    libevent_global_shutdown();
    return rc;
}
