/*
 * test_serve.c -- `draagkracht serve` on a free loopback port: every
 * route, every guard, answers equal to the commands' for the same class
 * list and seed, 60 clients at once, the full queue, a slow client, and
 * SIGTERM with a request in hand.  The client is a few lines of sockets:
 * it sends bytes as written and reads the reply whole (Connection: close).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "draagkracht/report/html.h"
#include "draagkracht/serve/answer.h"
#include "draagkracht/serve/guard.h"
#include "draagkracht/serve/sha256.h"
#include "draagkracht/serve/words.h"
#include "t.h"

typedef struct {
    pid_t pid;
    int port;
    char err[4096];         /* the server's stderr so far */
    int errfd;
} srv;

/* Starts the binary's server with extra options; 0 once it said where. */
static int srv_start(t_ctx *t, srv *s, const char *opts)
{
    int fd[2];
    memset(s, 0, sizeof *s);
    if (pipe(fd) != 0)
        return -1;
    s->pid = fork();
    if (s->pid == 0) {
        /* the server goes with this suite, however it ends: an orphan would
         * hold the runner's output pipe open and the run would never end */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(fd[1], 2);
        close(fd[0]);
        close(fd[1]);
        char cmd[1200];
        snprintf(cmd, sizeof cmd, "exec %s serve %s", t->bin, opts);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    s->errfd = fd[0];
    size_t n = 0;
    for (;;) {
        ssize_t k = read(fd[0], s->err + n, sizeof s->err - 1 - n);
        if (k <= 0)
            return -1;
        n += (size_t)k;
        s->err[n] = '\0';
        const char *at = strstr(s->err, "serving on http://");
        if (at && strchr(at, '\n')) {
            const char *colon = strrchr(at, ':');
            s->port = atoi(colon + 1);
            return s->port > 0 ? 0 : -1;
        }
    }
}

/* SIGTERM, then its exit status (and the rest of stderr). */
static int srv_stop(srv *s)
{
    int st = -1;
    kill(s->pid, SIGTERM);
    size_t n = strlen(s->err);
    ssize_t k;
    while (n < sizeof s->err - 1 && (k = read(s->errfd, s->err + n, sizeof s->err - 1 - n)) > 0)
        n += (size_t)k;
    s->err[n] = '\0';
    close(s->errfd);
    waitpid(s->pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

typedef struct {
    int status;
    char *head;             /* status line and headers */
    char *body;
    size_t len;
    double seconds;
} reply;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { 0 };
    struct timeval tv = { 60, 0 };
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* Sends the request bytes, reads to the end; status -1: no reply. */
static void send_raw(int port, const char *req, size_t len, reply *r)
{
    memset(r, 0, sizeof *r);
    r->status = -1;
    double t0 = now();
    int fd = connect_to(port);
    if (fd < 0)
        return;
    for (size_t at = 0; at < len;) {
        ssize_t k = send(fd, req + at, len - at, MSG_NOSIGNAL);
        if (k <= 0)
            break;
        at += (size_t)k;
    }
    dk_buf in = { 0 };
    char chunk[65536];
    ssize_t k;
    while ((k = read(fd, chunk, sizeof chunk)) > 0)
        dk_buf_append(&in, chunk, (size_t)k);
    close(fd);
    r->seconds = now() - t0;
    const char *sep = in.data ? strstr(in.data, "\r\n\r\n") : NULL;
    if (!sep || sscanf(in.data, "HTTP/1.%*d %d", &r->status) != 1) {
        dk_buf_free(&in);
        return;
    }
    size_t hl = (size_t)(sep - in.data);
    r->head = malloc(hl + 1);
    memcpy(r->head, in.data, hl);
    r->head[hl] = '\0';
    r->len = in.len - hl - 4;
    r->body = malloc(r->len + 1);
    memcpy(r->body, sep + 4, r->len);
    r->body[r->len] = '\0';
    dk_buf_free(&in);
}

static void reply_free(reply *r)
{
    free(r->head);
    free(r->body);
}

/* A header's value in a reply ("" when absent); into out. */
static const char *header(const reply *r, const char *name, char *out, size_t n)
{
    out[0] = '\0';
    for (const char *p = r->head ? strstr(r->head, "\r\n") : NULL; p; p = strstr(p + 2, "\r\n"))
        if (strncasecmp(p + 2, name, strlen(name)) == 0 && p[2 + strlen(name)] == ':') {
            const char *v = p + 3 + strlen(name);
            v += strspn(v, " ");
            snprintf(out, n, "%.*s", (int)strcspn(v, "\r"), v);
            break;
        }
    return out;
}

/* A request: method, path, extra header lines ("" or "X: y\r\n..."), body. */
static void request(int port, const char *method, const char *path, const char *headers,
                    const char *ctype, const char *body, size_t len, reply *r)
{
    dk_buf q = { 0 };
    dk_buf_printf(&q, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s",
                  method, path, port, headers);
    if (body)
        dk_buf_printf(&q, "Content-Type: %s\r\nContent-Length: %zu\r\n", ctype, len);
    dk_buf_printf(&q, "\r\n");
    if (body)
        dk_buf_append(&q, body, len);
    send_raw(port, q.data, q.len, r);
    dk_buf_free(&q);
}

static void post(int port, const char *path, const char *form, reply *r)
{
    request(port, "POST", path, "", "application/x-www-form-urlencoded", form, strlen(form), r);
}

/* A multipart body with one file part (classes) and text fields. */
static void multipart(dk_buf *b, const char *file, const char *filename, const char *const *kv)
{
    dk_buf_printf(b, "--XyZ\r\nContent-Disposition: form-data; name=\"classes\"; "
                  "filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n", filename, file);
    for (int i = 0; kv[i]; i += 2)
        dk_buf_printf(b, "--XyZ\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
                      kv[i], kv[i + 1]);
    dk_buf_printf(b, "--XyZ--\r\n");
}

/* The command's output, run in dir (so a class list is named as served). */
static char *cli(t_ctx *t, const char *dir, const char *args, size_t *len)
{
    char cmd[2000], out[400];
    snprintf(out, sizeof out, "%s/serve-cli.out", t->tmp);
    snprintf(cmd, sizeof cmd, "cd %s && %s %s >%s 2>/dev/null", dir, t->bin, args, out);
    if (system(cmd) != 0)
        return NULL;
    return t_slurp(out, len);
}

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
    return a && b && alen == blen && memcmp(a, b, alen) == 0;
}

static const char list[] =
    "klas;leerlingen;met een ondersteuningsbehoefte;grote aandachtvraag;ondersteuning\n"
    "groep 3;24;8;4;onderwijsassistent\n"
    "groep 4;28;11;5;geen\n"
    "groep 7/8;30;9;2;specialist\n";

/* Served JSON, CSV and HTML against the commands' for the same input. */
static void equal_outputs(t_ctx *t, int port)
{
    char dir[400], path[500];
    snprintf(dir, sizeof dir, "%s/serve", t->tmp);
    snprintf(path, sizeof path, "mkdir -p %s", dir);
    if (system(path) != 0)
        return;
    snprintf(path, sizeof path, "%s/classes.csv", dir);
    write_file(path, list);
    static const struct { const char *route, *fields[8], *args; } cases[] = {
        { "/simulate", { "format", "json", "seed", "7", NULL },
          "simulate --classes classes.csv --format json --seed 7 --lang en" },
        { "/simulate", { "format", "csv", "replicates", "200", NULL },
          "simulate --classes classes.csv --format csv --replicates 200 --lang en" },
        { "/plan", { "format", "json", "budget", "1.5", "objective", "hardly", NULL },
          "plan --classes classes.csv --format json --budget 1.5 --objective hardly --lang en" },
        { "/plan", { "format", "csv", "budget", "1", "lang", "nl", NULL },
          "plan --classes classes.csv --format csv --budget 1 --lang nl" },
        { "/compare", { "format", "json", "seed", "3", "replicates", "300", NULL },
          "compare --classes classes.csv --format json --seed 3 --replicates 300 --lang en" },
        { "/compare", { "format", "csv", NULL },
          "compare --classes classes.csv --format csv --lang en" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dk_buf b = { 0 };
        reply r;
        multipart(&b, list, "classes.csv", cases[i].fields);
        request(port, "POST", cases[i].route, "", "multipart/form-data; boundary=XyZ", b.data,
                b.len, &r);
        size_t n = 0;
        char *want = cli(t, dir, cases[i].args, &n);
        char name[300];
        snprintf(name, sizeof name, "serve: %s %s %s equals `draagkracht %s`", cases[i].route,
                 cases[i].fields[0], cases[i].fields[1], cases[i].args);
        t_ok(t, r.status == 200 && same(r.body, r.len, want, n), name,
             "status %d, %zu bytes served, %zu from the command", r.status, r.len, n);
        free(want);
        reply_free(&r);
        dk_buf_free(&b);
    }
    /* html: the command's page, with the form inserted after <body> */
    static const char *const html[] = { "simulate", "plan", "compare" };
    for (int i = 0; i < 3; i++) {
        static const char *const f[] = { "seed", "11", "lang", "nl", NULL };
        dk_buf b = { 0 };
        reply r;
        char route[40], args[300];
        snprintf(route, sizeof route, "/%s", html[i]);
        snprintf(args, sizeof args, "%s --classes classes.csv --format html --seed 11 --lang nl",
                 html[i]);
        multipart(&b, list, "classes.csv", f);
        request(port, "POST", route, "", "multipart/form-data; boundary=XyZ", b.data, b.len, &r);
        size_t n = 0;
        char *want = cli(t, dir, args, &n);
        const char *main_w = want ? strstr(want, "<main>") : NULL;
        const char *main_r = r.body ? strstr(r.body, "<main>") : NULL;
        size_t head_w = want && strstr(want, "</head>") ? (size_t)(strstr(want, "</head>") - want) : 0;
        t_html_stats st;
        char why[200] = "";
        int strict = r.body && t_html_check_served(r.body, r.len, &st, why, sizeof why) == 0;
        char name[200];
        snprintf(name, sizeof name, "serve: /%s html is the command's page (head, report) with "
                 "the form above it, strict HTML", html[i]);
        t_ok(t, r.status == 200 && main_w && main_r && strcmp(main_w, main_r) == 0 &&
             r.len > head_w && memcmp(r.body, want, head_w) == 0 && strict &&
             t_contains(r.body, "name=\"t_class\" value=\"groep 7/8\"") &&
             t_contains(r.body, "<html lang=\"nl\""), name,
             "status %d; report equal %d; head equal %d; strict %d (%s)", r.status,
             main_w && main_r && strcmp(main_w, main_r) == 0,
             r.len > head_w && want && memcmp(r.body, want, head_w) == 0, strict, why);
        free(want);
        reply_free(&r);
        dk_buf_free(&b);
    }
}

/* The class table's fields run as the list they spell. */
static void table_run(t_ctx *t, int port)
{
    char dir[400], path[500];
    snprintf(dir, sizeof dir, "%s/serve", t->tmp);
    snprintf(path, sizeof path, "%s/table.csv", dir);
    write_file(path, "school,class,class-size,support-needs,heavy,support\n"
               "De Linde,groep 5,27,10,5,none\nDe Linde,\"groep 6, 7\",25,6,1,assistant\n");
    reply r;
    post(port, "/simulate", "format=json&seed=5&classes_name=table.csv"
         "&t_school=De+Linde&t_class=groep+5&t_pupils=27&t_ob=10&t_heavy=5&t_support=none"
         "&t_school=&t_class=&t_pupils=&t_ob=&t_heavy=&t_support="
         "&t_school=De+Linde&t_class=groep+6%2C+7&t_pupils=25&t_ob=6&t_heavy=1"
         "&t_support=assistant", &r);
    size_t n = 0;
    char *want = cli(t, dir, "simulate --classes table.csv --format json --seed 5 --lang en", &n);
    t_ok(t, r.status == 200 && same(r.body, r.len, want, n),
         "serve: the class table's rows run as the class list they spell (a blank row skipped)",
         "status %d, %zu bytes vs %zu: %.300s", r.status, r.len, n, r.body ? r.body : "");
    free(want);
    reply_free(&r);
    /* /edit adds a blank row and removes one, computing nothing */
    post(port, "/edit", "add=1&t_school=A&t_class=g1&t_pupils=20&t_ob=5&t_heavy=1&t_support=none"
         "&t_school=A&t_class=g2&t_pupils=21&t_ob=6&t_heavy=2&t_support=none", &r);
    t_ok(t, r.status == 200 && t_contains(r.body, "value=\"g2\"") &&
         t_contains(r.body, "name=\"remove\" value=\"2\""),
         "serve: /edit adds a row to the table", "status %d", r.status);
    reply_free(&r);
    post(port, "/edit", "remove=0&t_school=A&t_class=g1&t_pupils=20&t_ob=5&t_heavy=1"
         "&t_support=none&t_school=A&t_class=g2&t_pupils=21&t_ob=6&t_heavy=2&t_support=none", &r);
    t_ok(t, r.status == 200 && !t_contains(r.body, "value=\"g1\"") &&
         t_contains(r.body, "value=\"g2\""), "serve: /edit removes the row named",
         "status %d", r.status);
    reply_free(&r);
}

/* The pages, their headers and the errors a person can make. */
static void routes(t_ctx *t, int port)
{
    reply r;
    char v[600];
    request(port, "GET", "/", "", NULL, NULL, 0, &r);
    t_html_stats st;
    char why[200] = "";
    t_ok(t, r.status == 200 && t_html_check_served(r.body, r.len, &st, why, sizeof why) == 0 &&
         t_contains(r.body, "value=\"groep 5-6 combi\"") &&
         t_contains(r.body, "type=\"file\" name=\"classes\"") &&
         t_contains(r.body, "formaction=\"/plan\"") && !t_contains(r.body, "<script"),
         "serve: GET / is the start page: upload, the example school's table, three actions, "
         "no script, strict HTML", "status %d: %s", r.status, why);
    t_ok(t, t_contains(header(&r, "Content-Security-Policy", v, sizeof v),
                       "default-src 'none'; style-src 'sha256-") &&
         t_contains(v, "form-action 'self'") &&
         strcmp(header(&r, "X-Content-Type-Options", v, sizeof v), "nosniff") == 0 &&
         !t_contains(r.head, "Set-Cookie"),
         "serve: every page carries a strict CSP and nosniff, and no cookie", "%s", r.head);
    reply_free(&r);
    request(port, "GET", "/", "Accept-Language: nl-NL,nl;q=0.9,en;q=0.5\r\n", NULL, NULL, 0, &r);
    t_ok(t, r.status == 200 && t_contains(r.body, "<html lang=\"nl\"") &&
         t_contains(r.body, "Hoe gaat het met mijn leraren?"),
         "serve: Accept-Language nl gives the Dutch start page", "status %d", r.status);
    reply_free(&r);
    request(port, "GET", "/?lang=en", "Accept-Language: nl\r\n", NULL, NULL, 0, &r);
    t_ok(t, t_contains(r.body, "<html lang=\"en\""), "serve: ?lang=en overrides Accept-Language",
         "%.80s", r.body ? r.body : "");
    reply_free(&r);
    post(port, "/simulate", "seed=9", &r);
    t_ok(t, r.status == 200 && strcmp(header(&r, "Cache-Control", v, sizeof v), "no-store") == 0 &&
         t_contains(r.body, "De Regenboog") && t_contains(r.body, "<svg"),
         "serve: POST /simulate with no list answers for the example school, not cached",
         "status %d, Cache-Control %s", r.status, v);
    reply_free(&r);
    request(port, "GET", "/nothing", "", NULL, NULL, 0, &r);
    t_ok(t, r.status == 404, "serve: an unknown path is 404", "status %d", r.status);
    reply_free(&r);
    request(port, "GET", "/simulate", "", NULL, NULL, 0, &r);
    t_ok(t, r.status == 405, "serve: GET /simulate is 405", "status %d", r.status);
    reply_free(&r);
}

static void bad_input(t_ctx *t, int port)
{
    static const char bad_list[] = "klas;leerlingen\ngroep 3;24\ngroep 4;zes\n";
    reply r;
    dk_buf b = { 0 };
    static const char *const f[] = { "lang", "nl", NULL };
    multipart(&b, bad_list, "mijn lijst.csv", f);
    request(port, "POST", "/simulate", "", "multipart/form-data; boundary=XyZ", b.data, b.len, &r);
    char dir[400];
    snprintf(dir, sizeof dir, "%s/serve", t->tmp);
    char path[500];
    snprintf(path, sizeof path, "%s/mijn lijst.csv", dir);
    write_file(path, bad_list);
    char cmd[1200], out[400];
    snprintf(out, sizeof out, "%s/serve-cli.err", t->tmp);
    snprintf(cmd, sizeof cmd, "cd %s && %s simulate --classes 'mijn lijst.csv' --lang nl "
             "2>%s >/dev/null", dir, t->bin, out);
    int rc = system(cmd);
    char *err = t_slurp(out, NULL);
    char msg[600] = "";
    if (err && strncmp(err, "draagkracht: ", 13) == 0)
        snprintf(msg, sizeof msg, "%.*s", (int)strcspn(err + 13, "\n"), err + 13);
    dk_buf esc = { 0 };
    dk_html_esc(&esc, msg);
    t_ok(t, r.status == 400 && rc != 0 && msg[0] && esc.data && t_contains(r.body, esc.data) &&
         t_contains(r.body, "<html lang=\"nl\""),
         "serve: a bad class list is 400 with the command's message, in the page's language",
         "status %d; command said '%s'", r.status, msg);
    dk_buf_free(&esc);
    free(err);
    reply_free(&r);
    dk_buf_free(&b);
    post(port, "/simulate", "format=json&seed=-4", &r);
    t_ok(t, r.status == 400 && t_contains(r.body, "\"error\": \"simulate: --seed"),
         "serve: a bad option is 400 with the command's message (json)", "%d %s", r.status,
         r.body ? r.body : "");
    reply_free(&r);
    post(port, "/simulate", "format=csv&replicates=100000", &r);
    char most[40];
    snprintf(most, sizeof most, "at most %d", DK_SERVE_MAX_REPLICATES);
    t_ok(t, r.status == 400 && t_contains(r.body, most),
         "serve: replicates over the server's limit are 400", "%d %s", r.status,
         r.body ? r.body : "");
    reply_free(&r);
    dk_buf big = { 0 };
    dk_buf_printf(&big, "format=csv&classes=class,class-size\n");
    for (int i = 0; i <= DK_SERVE_MAX_CLASSES; i++)
        dk_buf_printf(&big, "g%d,20\n", i);
    post(port, "/simulate", big.data, &r);
    snprintf(most, sizeof most, "at most %d classes", DK_SERVE_MAX_CLASSES);
    t_ok(t, r.status == 400 && t_contains(r.body, most),
         "serve: more classes than the server's limit are 400", "%d", r.status);
    reply_free(&r);
    dk_buf_free(&big);
    post(port, "/plan", "format=csv&budget=200", &r);
    t_ok(t, r.status == 400 && t_contains(r.body, "steps"),
         "serve: a plan of more budget steps than the limit is 400", "%d", r.status);
    reply_free(&r);
    post(port, "/simulate", "format=pdf", &r);
    t_ok(t, r.status == 400, "serve: an unknown format is 400", "%d", r.status);
    reply_free(&r);
    post(port, "/simulate", "lang=fr", &r);
    t_ok(t, r.status == 400, "serve: an unknown language is 400", "%d", r.status);
    reply_free(&r);
    request(port, "POST", "/simulate", "", "multipart/form-data; boundary=XyZ", "--XyZ\r\nbad",
            11, &r);
    t_ok(t, r.status == 400, "serve: a broken multipart body is 400", "%d", r.status);
    reply_free(&r);
}

static void guards(t_ctx *t, int port)
{
    reply r;
    char raw[400];
    snprintf(raw, sizeof raw, "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
    send_raw(port, raw, strlen(raw), &r);
    t_ok(t, r.status == 421, "serve: a foreign Host is 421 (DNS rebinding)", "status %d", r.status);
    reply_free(&r);
    snprintf(raw, sizeof raw, "GET / HTTP/1.1\r\nHost: localhost:%d\r\nConnection: close\r\n\r\n",
             port);
    send_raw(port, raw, strlen(raw), &r);
    t_ok(t, r.status == 200, "serve: localhost:PORT passes on a loopback address", "%d", r.status);
    reply_free(&r);
    snprintf(raw, sizeof raw, "GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n",
             port + 1);
    send_raw(port, raw, strlen(raw), &r);
    t_ok(t, r.status == 421, "serve: the right address with another port is 421", "%d", r.status);
    reply_free(&r);
    request(port, "POST", "/simulate", "Origin: http://attacker.example\r\n",
            "application/x-www-form-urlencoded", "format=csv", 10, &r);
    t_ok(t, r.status == 403, "serve: a POST from another site's form is 403", "%d", r.status);
    reply_free(&r);
    request(port, "POST", "/simulate", "Origin: null\r\n", "application/x-www-form-urlencoded",
            "format=csv", 10, &r);
    t_ok(t, r.status == 403, "serve: a POST with Origin null is 403", "%d", r.status);
    reply_free(&r);
    request(port, "POST", "/simulate", "Sec-Fetch-Site: cross-site\r\n",
            "application/x-www-form-urlencoded", "format=csv", 10, &r);
    t_ok(t, r.status == 403, "serve: a POST marked cross-site is 403", "%d", r.status);
    reply_free(&r);
    char origin[100];
    snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%d\r\n", port);
    request(port, "POST", "/simulate", origin, "application/x-www-form-urlencoded",
            "format=csv&replicates=50", 24, &r);
    t_ok(t, r.status == 200, "serve: a POST from its own page passes", "%d", r.status);
    reply_free(&r);
    size_t n = DK_SERVE_MAX_BODY + 100;
    char *body = malloc(n);
    memset(body, 'a', n);
    memcpy(body, "classes=", 8);
    request(port, "POST", "/simulate", "", "application/x-www-form-urlencoded", body, n, &r);
    t_ok(t, r.status == 413, "serve: a body over 1 MB is 413", "%d", r.status);
    reply_free(&r);
    free(body);
}

typedef struct {
    int port, status;
    double seconds;
    const char *form;
    const char *path;       /* NULL: /simulate */
} client;

static void *client_run(void *arg)
{
    client *c = arg;
    reply r;
    post(c->port, c->path ? c->path : "/simulate", c->form, &r);
    c->status = r.status;
    c->seconds = r.seconds;
    reply_free(&r);
    return NULL;
}

/* n clients at once; how many got each status. */
static void crowd(int port, const char *route_form, int n, client *c, int *ok, int *busy)
{
    pthread_t th[64];
    *ok = *busy = 0;
    for (int i = 0; i < n; i++) {
        c[i] = (client){ port, -1, 0, route_form, NULL };
        if (pthread_create(&th[i], NULL, client_run, &c[i]) != 0)
            c[i].status = -2;
    }
    for (int i = 0; i < n; i++)
        if (c[i].status != -2)
            pthread_join(th[i], NULL);
    for (int i = 0; i < n; i++) {
        *ok += c[i].status == 200;
        *busy += c[i].status == 503;
    }
}

static void load(t_ctx *t, int port)
{
    client c[60];
    int ok, busy;
    double t0 = now();
    crowd(port, "format=json", 60, c, &ok, &busy);
    double wall = now() - t0;
    t_ok(t, ok == 60 && wall < 120, "serve: 60 clients at once all get their simulate answer",
         "%d of 60 answered 200, %d busy, %.1f s", ok, busy, wall);
}

static void full_queue(t_ctx *t)
{
    srv s;
    if (srv_start(t, &s, "--listen 127.0.0.1:0 --threads 1 --queue 1") != 0) {
        t_ok(t, 0, "serve: a server with a queue of 1 starts", "%s", s.err);
        return;
    }
    client c[8];
    int ok, busy;
    crowd(s.port, "format=csv&replicates=2000", 8, c, &ok, &busy);
    t_ok(t, busy >= 1 && ok >= 1 && ok + busy == 8,
         "serve: with one worker and a queue of 1, 8 requests at once: some answered, the rest "
         "503", "%d answered, %d busy", ok, busy);
    reply r;
    /* Retry-After on a 503: hold the worker and the queue, then ask */
    pthread_t th[2];
    client hold[2] = { { s.port, -1, 0, "format=csv&replicates=2000", "/compare" },
                       { s.port, -1, 0, "format=csv&replicates=2000", "/compare" } };
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, client_run, &hold[i]);
    nanosleep(&(struct timespec){ 0, 150000000 }, NULL);
    post(s.port, "/simulate", "format=csv", &r);
    char v[100];
    t_ok(t, r.status != 503 || strcmp(header(&r, "Retry-After", v, sizeof v), "5") == 0,
         "serve: a 503 says Retry-After", "status %d, Retry-After '%s'", r.status, v);
    reply_free(&r);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    t_ok(t, srv_stop(&s) == 0, "serve: stops with 0 after a busy spell", "%s", s.err);
}

/* A client that sends half a request and waits: the server hangs up. */
static void slow_client(t_ctx *t)
{
    srv s;
    if (srv_start(t, &s, "--listen 127.0.0.1:0 --timeout 1") != 0) {
        t_ok(t, 0, "serve: --timeout 1 starts", "%s", s.err);
        return;
    }
    int fd = connect_to(s.port);
    const char half[] = "POST /simulate HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    double t0 = now();
    ssize_t w = fd >= 0 ? send(fd, half, sizeof half - 1, MSG_NOSIGNAL) : -1;
    char buf[512];
    ssize_t k = w > 0 ? read(fd, buf, sizeof buf) : -1;
    double waited = now() - t0;
    if (fd >= 0)
        close(fd);
    t_ok(t, k >= 0 && waited > 0.5 && waited < 10,
         "serve: a client that stops half way through its request is cut off after --timeout",
         "read %zd after %.1f s", k, waited);
    t_ok(t, srv_stop(&s) == 0, "serve: stops with 0", "%s", s.err);
}

/* SIGTERM with a request in hand: its answer still comes, then exit 0. */
static void graceful(t_ctx *t)
{
    srv s;
    if (srv_start(t, &s, "--listen 127.0.0.1:0 --threads 1") != 0) {
        t_ok(t, 0, "serve: starts", "%s", s.err);
        return;
    }
    /* compare of 2,000 replicates: long enough to be in hand at the signal */
    client c = { s.port, -1, 0, "format=csv&replicates=2000", "/compare" };
    pthread_t th;
    pthread_create(&th, NULL, client_run, &c);
    nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
    int rc = srv_stop(&s);
    pthread_join(th, NULL);
    t_ok(t, rc == 0 && c.status == 200 && t_contains(s.err, "SIGTERM"),
         "serve: SIGTERM finishes the request in hand, then exits 0",
         "exit %d, request %d: %s", rc, c.status, s.err);
    reply r;
    request(s.port, "GET", "/", "", NULL, NULL, 0, &r);
    t_ok(t, r.status == -1, "serve: after SIGTERM nothing listens", "status %d", r.status);
    reply_free(&r);
}

static void startup(t_ctx *t)
{
    t_run_result r;
    t_run(t, "serve --listen 127.0.0.1:http", &r);
    t_ok(t, r.status == 2 && t_contains(r.err, "not ADDRESS:PORT"),
         "serve: a --listen that is no ADDRESS:PORT is refused", "%d %s", r.status, r.err);
    t_run_free(&r);
    t_run(t, "serve --listen example.org:80", &r);
    t_ok(t, r.status == 2 && t_contains(r.err, "not a numeric address"),
         "serve: a --listen name other than localhost is refused", "%d %s", r.status, r.err);
    t_run_free(&r);
    srv s;
    int started = srv_start(t, &s, "--listen 0.0.0.0:0") == 0;
    int rc = started ? srv_stop(&s) : -1;
    t_ok(t, started && rc == 0 && t_contains(s.err, "warning: listening on 0.0.0.0"),
         "serve: a non-loopback address is warned about", "%s", s.err);
    if (srv_start(t, &s, "--listen 127.0.0.1:0 --allow-host dk.example,intranet") != 0) {
        t_ok(t, 0, "serve: --allow-host starts", "%s", s.err);
        return;
    }
    reply q;
    char raw[200];
    snprintf(raw, sizeof raw, "GET / HTTP/1.1\r\nHost: dk.example\r\nConnection: close\r\n\r\n");
    send_raw(s.port, raw, strlen(raw), &q);
    t_ok(t, q.status == 200, "serve: --allow-host names pass the Host guard", "%d", q.status);
    reply_free(&q);
    snprintf(raw, sizeof raw, "POST /simulate HTTP/1.1\r\nHost: intranet\r\nOrigin: "
             "https://intranet\r\nContent-Length: 10\r\nConnection: close\r\n\r\nformat=csv");
    send_raw(s.port, raw, strlen(raw), &q);
    t_ok(t, q.status == 200, "serve: an https Origin of an allowed name passes (a TLS proxy)",
         "%d", q.status);
    reply_free(&q);
    srv_stop(&s);
}

static void units(t_ctx *t);

void test_serve(t_ctx *t)
{
    srv s;
    units(t);
    if (srv_start(t, &s, "--listen 127.0.0.1:0 --threads 2") != 0) {
        t_ok(t, 0, "serve: starts on a free loopback port", "%s", s.err);
        return;
    }
    routes(t, s.port);
    guards(t, s.port);
    equal_outputs(t, s.port);
    table_run(t, s.port);
    bad_input(t, s.port);
    load(t, s.port);
    t_ok(t, srv_stop(&s) == 0, "serve: SIGTERM ends it with 0", "%s", s.err);
    startup(t);
    full_queue(t);
    slow_client(t);
    graceful(t);
}

/* The conversions of a printf format, in order ("%d%s"), into out. */
static void conversions(const char *fmt, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = fmt; *p && k + 3 < n; p++) {
        if (*p != '%')
            continue;
        p++;
        p += strspn(p, "-+ #0123456789.lzh");
        out[k++] = '%';
        out[k++] = *p;
        if (!*p)
            break;
    }
    out[k] = '\0';
}

/* Units without a server: the words, the guards, the form decoder. */
static void units(t_ctx *t)
{
    int bad = 0;
    for (int w = 0; w < DKW_N; w++) {
        char a[64], b[64];
        conversions(dk_serve_word(DK_LANG_EN, (dk_word)w), a, sizeof a);
        conversions(dk_serve_word(DK_LANG_NL, (dk_word)w), b, sizeof b);
        bad += strcmp(a, b) != 0;
    }
    bad += dk_serve_words_missing(DK_LANG_EN) + dk_serve_words_missing(DK_LANG_NL);
    t_ok(t, bad == 0, "serve: every word of the server has Dutch with the same conversions",
         "%d words differ or lack Dutch", bad);
    dk_guard g = { "127.0.0.1", 8080, 1, { "dk.example", NULL } };
    t_ok(t, dk_guard_host(&g, "127.0.0.1:8080") && dk_guard_host(&g, "localhost:8080") &&
         dk_guard_host(&g, "dk.example") && dk_guard_host(&g, "DK.example:443") &&
         !dk_guard_host(&g, "127.0.0.1:8081") && !dk_guard_host(&g, "evil.example:8080") &&
         !dk_guard_host(&g, "127.0.0.1") && !dk_guard_host(&g, "") && !dk_guard_host(&g, NULL) &&
         !dk_guard_host(&g, "127.0.0.1:8080:1") && !dk_guard_host(&g, "[::1]:8080"),
         "serve: the Host guard", "a Host value was judged wrongly");
    t_ok(t, dk_guard_origin(&g, NULL) && dk_guard_origin(&g, "http://127.0.0.1:8080") &&
         dk_guard_origin(&g, "https://dk.example") && !dk_guard_origin(&g, "null") &&
         !dk_guard_origin(&g, "http://evil.example") &&
         !dk_guard_origin(&g, "http://127.0.0.1:8080/x") &&
         !dk_guard_origin(&g, "ftp://127.0.0.1:8080"),
         "serve: the Origin guard", "an Origin was judged wrongly");
    t_ok(t, dk_guard_lang("nl") == DK_LANG_NL && dk_guard_lang("en-GB,nl;q=0.9") == DK_LANG_EN &&
         dk_guard_lang("de,nl;q=0.5,en;q=0.4") == DK_LANG_NL &&
         dk_guard_lang("fr, de") == DK_LANG_EN && dk_guard_lang(NULL) == DK_LANG_EN &&
         dk_guard_lang("nl;q=0,en") == DK_LANG_EN,
         "serve: Accept-Language picks by q-value", "a language was picked wrongly");
    dk_form f = { 0 };
    dk_err e;
    int rc = dk_form_urlencoded(&f, "a=1+2&b=%C3%A9%26&&c&a=x", 24, &e);
    t_ok(t, rc == 0 && f.n == 4 && strcmp(dk_form_value(&f, "a"), "1 2") == 0 &&
         strcmp(dk_form_value(&f, "b"), "\xc3\xa9&") == 0 && strcmp(dk_form_value(&f, "c"), "") == 0 &&
         strcmp(dk_form_nth(&f, "a", 1)->value, "x") == 0,
         "serve: urlencoded fields decode ('+', %XX, an empty pair skipped)", "rc %d, %d fields",
         rc, f.n);
    dk_form_free(&f);
    t_ok(t, dk_form_urlencoded(&f, "a=%4", 4, &e) != 0 && t_contains(e.msg, "hex"),
         "serve: a broken %-escape is refused", "%s", e.msg);
    dk_form_free(&f);
    static const char mp[] = "pre\r\n--B\r\nContent-Disposition: form-data; name=\"f\"; "
                             "filename=\"C:\\\\x\\\\k.csv\"\r\n\r\na\r\n--b\r\nc\r\n--B\r\n"
                             "Content-Disposition: form-data; name=t\r\n\r\n\r\n--B--\r\n";
    rc = dk_form_multipart(&f, "multipart/form-data; boundary=\"B\"", mp, sizeof mp - 1, &e);
    const dk_form_field *ff = rc == 0 ? dk_form_get(&f, "f") : NULL;
    t_ok(t, rc == 0 && f.n == 2 && ff && ff->len == 9 && memcmp(ff->value, "a\r\n--b\r\nc", 9) == 0 &&
         strcmp(ff->filename, "C:\\x\\k.csv") == 0 && strcmp(dk_form_value(&f, "t"), "") == 0,
         "serve: multipart parts decode (a preamble, a look-alike boundary inside, an empty part)",
         "rc %d (%s), %d fields", rc, rc ? e.msg : "", f.n);
    dk_form_free(&f);
    static const char *const broken[] = { "--B\r\nno end", "--B", "x", "--B\r\n\r\nbody\r\n--B--",
                                          NULL };
    int refused = 0;
    for (int i = 0; broken[i]; i++) {
        refused += dk_form_multipart(&f, "multipart/form-data; boundary=B", broken[i],
                                     strlen(broken[i]), &e) != 0;
        dk_form_free(&f);
    }
    t_ok(t, refused == 4, "serve: broken multipart bodies are refused", "%d of 4", refused);
    unsigned char h[32];
    char b64[48];
    dk_sha256("abc", 3, h);
    dk_base64(h, 32, b64);
    t_ok(t, strcmp(b64, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=") == 0,
         "serve: SHA-256 of 'abc' (FIPS 180-4's example) in base64", "%s", b64);
    dk_sha256("", 0, h);
    dk_base64(h, 32, b64);
    t_ok(t, strcmp(b64, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=") == 0,
         "serve: SHA-256 of nothing", "%s", b64);
}
