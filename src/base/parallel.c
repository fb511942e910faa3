/*
 * parallel.c -- items of a job over worker threads (parallel.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/parallel.h"

typedef struct {
    const dk_parallel *p;
    int id, threads;
    atomic_int *done;       /* items finished, over all threads */
    atomic_int *failed;     /* a thread ran out of memory: all stop */
    int report;             /* 1 on the calling thread */
} worker_arg;

static void *worker(void *arg)
{
    worker_arg *w = arg;
    const dk_parallel *p = w->p;
    void *work = p->start(p->job);
    if (!work) {
        atomic_store(w->failed, 1);
        return NULL;
    }
    for (int i = w->id; i < p->n && !atomic_load(w->failed); i += w->threads) {
        if (p->run(p->job, work, i) != 0) {
            atomic_store(w->failed, 1);
            break;
        }
        int done = atomic_fetch_add(w->done, 1) + 1;
        if (w->report && p->progress)
            p->progress(p->ctx, done, p->n);
    }
    p->stop(p->job, work);
    return NULL;
}

/* With no memory for the thread table, the calling thread runs it all. */
static int run_here(const dk_parallel *p)
{
    atomic_int done = 0, failed = 0;
    worker_arg w = { .p = p, .id = 0, .threads = 1, .done = &done, .failed = &failed,
                     .report = 1 };
    worker(&w);
    return atomic_load(&failed) ? -1 : 0;
}

int dk_threads_clamp(long threads, long work)
{
    long cap = work >= 1 && work < DK_MAX_THREADS ? work : DK_MAX_THREADS;
    return (int)(threads < 1 ? 1 : threads > cap ? cap : threads);
}

int dk_parallel_run(const dk_parallel *p)
{
    int threads = dk_threads_clamp(p->threads, 0);
    worker_arg *args = dk_calloc((size_t)threads, sizeof *args);
    pthread_t *tids = dk_calloc((size_t)threads, sizeof *tids);
    char *started = dk_calloc((size_t)threads, 1);
    if (!args || !tids || !started) {
        dk_free(args);
        dk_free(tids);
        dk_free(started);
        return run_here(p);
    }
    atomic_int done = 0, failed = 0;
    for (int t = 0; t < threads; t++) {
        args[t] = (worker_arg){ .p = p, .id = t, .threads = threads, .done = &done,
                                .failed = &failed };
        if (t > 0)
            started[t] = pthread_create(&tids[t], NULL, worker, &args[t]) == 0;
    }
    /* A thread that could not start does its share here: same result.
     * Only this thread reports progress. */
    for (int t = 0; t < threads; t++)
        if (!started[t]) {
            args[t].report = 1;
            worker(&args[t]);
        }
    for (int t = 1; t < threads; t++)
        if (started[t])
            pthread_join(tids[t], NULL);
    if (p->progress && !atomic_load(&failed))
        p->progress(p->ctx, p->n, p->n);
    dk_free(started);
    dk_free(args);
    dk_free(tids);
    return atomic_load(&failed) ? -1 : 0;
}
