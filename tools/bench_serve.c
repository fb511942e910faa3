/*
 * bench_serve.c -- load on a running `draagkracht serve`: C clients at
 * once (threads), each sending R requests one after another (a new
 * connection each, as a browser's form post), and the latency
 * percentiles over all of them.
 *
 *   bench_serve PORT CLIENTS REQUESTS PATH FORM
 *   -> requests, failures, wall seconds, throughput, p50/p90/p99/max ms
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int port, n, bad;
    const char *req;
    size_t len;
    double *ms;
} client;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One request; 1 when the answer was 200. */
static int once(const client *c)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { 0 };
    struct timeval tv = { 120, 0 };
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)c->port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0)
        return 0;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
             write(fd, c->req, c->len) == (ssize_t)c->len;
    char buf[65536], first[16] = "";
    ssize_t k, total = 0;
    while (ok && (k = read(fd, buf, sizeof buf)) > 0) {
        if (total == 0)
            memcpy(first, buf, k < 15 ? (size_t)k : 15);
        total += k;
    }
    close(fd);
    return ok && strncmp(first, "HTTP/1.1 200", 12) == 0;
}

static void *run(void *arg)
{
    client *c = arg;
    for (int i = 0; i < c->n; i++) {
        double t0 = now();
        c->bad += !once(c);
        c->ms[i] = 1000 * (now() - t0);
    }
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: bench_serve PORT CLIENTS REQUESTS PATH FORM\n");
        return 2;
    }
    int port = atoi(argv[1]), nc = atoi(argv[2]), nr = atoi(argv[3]);
    if (port <= 0 || nc <= 0 || nc > 1000 || nr <= 0 || nr > 100000)
        return 2;
    char req[4096];
    int len = snprintf(req, sizeof req, "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                       "Content-Type: application/x-www-form-urlencoded\r\n"
                       "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                       argv[4], port, strlen(argv[5]), argv[5]);
    client *c = calloc((size_t)nc, sizeof *c);
    double *ms = calloc((size_t)nc * (size_t)nr, sizeof *ms);
    pthread_t *th = calloc((size_t)nc, sizeof *th);
    if (!c || !ms || !th || len <= 0 || (size_t)len >= sizeof req)
        return 1;
    double t0 = now();
    for (int i = 0; i < nc; i++) {
        c[i] = (client){ port, nr, 0, req, (size_t)len, ms + (size_t)i * nr };
        if (pthread_create(&th[i], NULL, run, &c[i]) != 0)
            return 1;
    }
    int bad = 0;
    for (int i = 0; i < nc; i++) {
        pthread_join(th[i], NULL);
        bad += c[i].bad;
    }
    double wall = now() - t0;
    size_t n = (size_t)nc * nr;
    qsort(ms, n, sizeof *ms, by_value);
    printf("%zu requests from %d clients, %d failed, %.1f s, %.1f requests/s\n", n, nc, bad, wall,
           n / wall);
    printf("latency ms: p50 %.0f  p90 %.0f  p99 %.0f  max %.0f\n", ms[n / 2], ms[n * 9 / 10],
           ms[n * 99 / 100], ms[n - 1]);
    free(c);
    free(ms);
    free(th);
    return bad ? 1 : 0;
}
