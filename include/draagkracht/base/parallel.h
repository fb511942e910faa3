/*
 * parallel.h -- items 0..n-1 of a job over worker threads.
 *
 * Item i runs on thread i mod threads, so which thread runs an item never
 * depends on timing; an item writes only its own slot of the results, so
 * the results do not depend on the thread count.  Each thread gets its own
 * working memory from start() and hands it to stop(), so items allocate
 * nothing and threads share no cache lines.
 *
 * Out of memory: start() returns NULL, or run() returns nonzero; then
 * every thread stops after its current item and dk_parallel_run returns
 * -1 (the results are incomplete).
 */
#ifndef DRAAGKRACHT_PARALLEL_H
#define DRAAGKRACHT_PARALLEL_H

/* Told how many of total items are done; called on the calling thread
 * only, after each of its items and once at the end. */
typedef void (*dk_progress_fn)(void *ctx, int done, int total);

typedef struct {
    int n;                  /* items */
    int threads;            /* < 1: one */
    const void *job;        /* shared, read-only */
    void *(*start)(const void *job);                 /* a thread's memory */
    int (*run)(const void *job, void *work, int i);  /* one item: 0, or -1 */
    void (*stop)(const void *job, void *work);
    dk_progress_fn progress;/* NULL: none */
    void *ctx;
} dk_parallel;

/* 0 when every item ran; -1 when memory ran out. */
int dk_parallel_run(const dk_parallel *p);

/* The most worker threads a command takes (--threads). */
#define DK_MAX_THREADS 256
/* The threads asked for, clamped to 1..DK_MAX_THREADS and to the work
 * items there are to share (work < 1: no such cap): the one clamp. */
int dk_threads_clamp(long threads, long work);

#endif
