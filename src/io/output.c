/*
 * output.c -- output files that appear whole or not at all.
 *
 * Bytes go to a new temporary file beside the destination (same folder,
 * so rename(2) is atomic), made with O_CREAT | O_EXCL | O_NOFOLLOW: a
 * file or symlink planted under its name makes the open fail instead of
 * redirecting the output, and the mode is 0666 less the umask, as for any
 * new file.  Commit flushes it to disk (fsync), renames it over the
 * destination and fsyncs the folder, so a crash leaves the old file or
 * the new one.  A symlink at the destination is replaced, never written
 * through.  An existing destination that is not a regular file (a
 * terminal, /dev/null, a FIFO) is written in place: a file renamed over
 * it would replace the device.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <zlib.h>

#include "draagkracht/lang/lang.h"
#include "draagkracht/base/alloc.h"
#include "draagkracht/io/fileio.h"

/*
 * Temporary files in flight, for dk_temps_remove.
 *
 * This table is the program's one piece of mutable process state, on
 * purpose: a signal handler gets no argument, so the names of the files
 * it must remove have to sit where it can find them.  A slot is claimed
 * with an atomic compare-exchange (any thread may open a writer), its
 * name is written, and it is marked live once the file exists, before a
 * byte is written; the handler reads live slots only and calls only
 * unlink(2), which is async-signal-safe.  Lock-free atomic ints are safe
 * to read in a handler (C17 7.14.1.1).
 */
enum { SLOT_FREE, SLOT_SETTING, SLOT_LIVE };
#define MAX_TEMPS 8
#define MAX_TEMP_PATH 4096

static struct {
    atomic_int state;
    char path[MAX_TEMP_PATH];
} temps[MAX_TEMPS];

void dk_temps_remove(void)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (atomic_load(&temps[i].state) == SLOT_LIVE)
            unlink(temps[i].path);
}

static int slot_claim(void)
{
    for (int i = 0; i < MAX_TEMPS; i++) {
        int expect = SLOT_FREE;
        if (atomic_compare_exchange_strong(&temps[i].state, &expect, SLOT_SETTING))
            return i;
    }
    return -1;
}

static void slot_release(int k)
{
    atomic_store(&temps[k].state, SLOT_FREE);
}

/* Six characters a guesser cannot know in advance; only a name that is
 * free is used either way (O_EXCL), so a weak source costs retries, not
 * safety. */
static void random_suffix(char out[7], int attempt)
{
    static const char abc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned char r[6];
    if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        unsigned long x = (unsigned long)t.tv_nsec ^ ((unsigned long)getpid() << 20) ^
                          (unsigned long)attempt * 2654435761UL;
        for (int i = 0; i < 6; i++, x = x * 6364136223846793005UL + 1442695040888963407UL)
            r[i] = (unsigned char)(x >> 33);
    }
    for (int i = 0; i < 6; i++)
        out[i] = abc[r[i] % (sizeof abc - 1)];
    out[6] = '\0';
}

/* Creates PATH.tmp.XXXXXX in slot k's name; the descriptor, or -1 with
 * errno set. */
static int temp_create(const char *path, int k)
{
    char *name = temps[k].path;
    for (int attempt = 0; attempt < 100; attempt++) {
        char sfx[7];
        random_suffix(sfx, attempt);
        snprintf(name, MAX_TEMP_PATH, "%s.tmp.%s", path, sfx);
        /* the file and its live mark come together: a signal between
         * them would leave a file the handler does not know of */
        sigset_t block, old;
        sigemptyset(&block);
        sigaddset(&block, SIGINT);
        sigaddset(&block, SIGTERM);
        sigaddset(&block, SIGHUP);
        sigaddset(&block, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &block, &old);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY,
                      0666);
        int err = errno;
        if (fd >= 0)
            atomic_store(&temps[k].state, SLOT_LIVE);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        errno = err;
        if (fd >= 0)
            return fd;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

struct dk_writer {
    FILE *fp;
    char *path;
    int slot;               /* temps[] of the temporary file; -1: stdout or a device */
    char *buf;              /* buffered writers: bytes not yet written */
    size_t len;
    int gz;                 /* buffered: compress each buffer as a gzip member */
    dk_buf z;
};

#define BUFFERED (1u << 20)

/* A destination that exists and is not a regular file, opened in place:
 * 1; 0 when it is a regular file or absent; -1 with e set. */
static int open_in_place(dk_writer *w, dk_err *e)
{
    struct stat st;
    if (stat(w->path, &st) != 0 || S_ISREG(st.st_mode))
        return 0;
    if (S_ISDIR(st.st_mode))
        return dk_fail(e, dk_e(e, DKS_X_WRITE), w->path, dk_e_errno(e, EISDIR));
    /* no O_CREAT or O_TRUNC: if a regular file took its place meanwhile,
     * it is neither made nor emptied here, and the temporary route
     * below handles it */
    int fd = open(w->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return dk_fail(e, dk_e(e, DKS_X_WRITE), w->path, dk_e_errno(e, errno));
    if (fstat(fd, &st) != 0 || S_ISREG(st.st_mode)) {
        close(fd);
        return 0;
    }
    if (!(w->fp = fdopen(fd, "wb"))) {
        close(fd);
        return dk_fail(e, dk_e(e, DKS_X_WRITE), w->path, dk_e_errno(e, errno));
    }
    return 1;
}

static int open_temp(dk_writer *w, dk_err *e)
{
    if (strlen(w->path) + 16 > MAX_TEMP_PATH)
        return dk_fail(e, dk_e(e, DKS_X_WRITE), w->path, dk_e_errno(e, ENAMETOOLONG));
    if ((w->slot = slot_claim()) < 0)
        return dk_fail(e, dk_e(e, DKS_X_TOO_MANY_OUT), w->path,
                       MAX_TEMPS);
    int fd = temp_create(w->path, w->slot);
    if (fd < 0) {
        int why = errno;
        slot_release(w->slot);
        w->slot = -1;
        return dk_fail(e, dk_e(e, DKS_X_WRITE), w->path, dk_e_errno(e, why));
    }
    if (!(w->fp = fdopen(fd, "wb"))) {
        int why = errno;
        close(fd);
        unlink(temps[w->slot].path);
        slot_release(w->slot);
        w->slot = -1;
        return dk_fail(e, dk_e(e, DKS_X_WRITE), w->path, dk_e_errno(e, why));
    }
    return 0;
}

static void writer_free(dk_writer *w)
{
    dk_free(w->buf);
    dk_buf_free(&w->z);
    dk_free(w->path);
    dk_free(w);
}

dk_writer *dk_writer_open(const char *path, dk_err *e)
{
    dk_writer *w = dk_calloc(1, sizeof *w);
    char *name = dk_strdup(path);
    if (!w || !name) {
        dk_free(w);
        dk_free(name);
        dk_fail(e, "%s: out of memory", path);
        return NULL;
    }
    w->path = name;
    w->slot = -1;
    int rc = 0;
    if (strcmp(path, "-") == 0)
        w->fp = stdout;
    else if ((rc = open_in_place(w, e)) == 0)
        rc = open_temp(w, e);
    if (rc < 0) {
        writer_free(w);
        return NULL;
    }
    return w;
}

dk_writer *dk_writer_open_buffered(const char *path, dk_err *e)
{
    char *buf = dk_malloc(BUFFERED);
    if (!buf) {
        dk_fail(e, "%s: out of memory", path);
        return NULL;
    }
    dk_writer *w = dk_writer_open(path, e);
    if (!w) {
        dk_free(buf);
        return NULL;
    }
    w->buf = buf;
    w->gz = dk_path_is_gz(path);
    return w;
}

static int put_raw(dk_writer *w, const void *data, size_t len, dk_err *e)
{
    if (len && fwrite(data, 1, len, w->fp) != len)
        return dk_fail(e, dk_e(e, DKS_X_WRITE_FAILED), w->fp != stdout ? w->path : "stdout",
                       dk_e_errno(e, errno));
    return 0;
}

static int flush_buffer(dk_writer *w, dk_err *e)
{
    if (!w->len)
        return 0;
    size_t n = w->len;
    w->len = 0;
    if (!w->gz)
        return put_raw(w, w->buf, n, e);
    w->z.len = 0;
    if (dk_gzip_member(w->buf, n, 6, DK_GZ_DEFAULT, &w->z) != 0)
        return dk_fail(e, "%s: out of memory compressing", w->path);
    return put_raw(w, w->z.data, w->z.len, e);
}

int dk_writer_put(dk_writer *w, const void *data, size_t len, dk_err *e)
{
    if (!w->buf)
        return put_raw(w, data, len, e);
    const char *p = data;
    while (len) {
        size_t n = len < BUFFERED - w->len ? len : BUFFERED - w->len;
        memcpy(w->buf + w->len, p, n);
        w->len += n;
        p += n;
        len -= n;
        if (w->len == BUFFERED && flush_buffer(w, e) != 0)
            return -1;
    }
    return 0;
}

/* The folder's entry for the new name reaches the disk too; file systems
 * that cannot fsync a folder say EINVAL, and then there is nothing to do. */
static int sync_folder(const char *path)
{
    char dir[MAX_TEMP_PATH];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        slash[slash == dir] = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : -1;
    close(fd);
    return rc;
}

/* Flush, fsync, close, rename, fsync the folder: 0, or -1 with errno. */
static int finish_temp(dk_writer *w)
{
    const char *tmp = temps[w->slot].path;
    int rc = fflush(w->fp) == 0 && (fsync(fileno(w->fp)) == 0 || errno == EINVAL) ? 0 : -1;
    int why = errno;
    if (fclose(w->fp) != 0 && rc == 0)
        rc = -1, why = errno;
    if (rc == 0 && rename(tmp, w->path) != 0)
        rc = -1, why = errno;
    if (rc != 0)
        unlink(tmp);
    slot_release(w->slot);
    if (rc == 0 && sync_folder(w->path) != 0)
        rc = -1, why = errno;
    errno = why;
    return rc;
}

int dk_writer_commit(dk_writer *w, dk_err *e)
{
    if (flush_buffer(w, e) != 0) {
        dk_writer_abort(w);
        return -1;
    }
    int rc = 0;
    if (w->slot >= 0) {
        if (finish_temp(w) != 0)
            rc = dk_fail(e, dk_e(e, DKS_X_WRITE), w->path, dk_e_errno(e, errno));
    } else if (w->fp == stdout) {
        if (fflush(stdout) != 0)
            rc = dk_fail(e, dk_e(e, DKS_X_STDOUT_FAILED), dk_e_errno(e, errno));
    } else if (fclose(w->fp) != 0) {
        rc = dk_fail(e, dk_e(e, DKS_X_WRITE_FAILED), w->path, dk_e_errno(e, errno));
    }
    writer_free(w);
    return rc;
}

void dk_writer_abort(dk_writer *w)
{
    if (!w)
        return;
    if (w->fp != stdout)
        fclose(w->fp);
    if (w->slot >= 0) {
        unlink(temps[w->slot].path);
        slot_release(w->slot);
    }
    writer_free(w);
}

int dk_path_is_gz(const char *path)
{
    size_t n = strlen(path);
    return n >= 3 && strcmp(path + n - 3, ".gz") == 0;
}

/* data as one gzip stream: a fixed level and no time or name in the
 * header, so the same data always compress to the same bytes. */
static int put_gz(dk_writer *w, const char *data, size_t len, dk_err *e)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return dk_fail(e, "%s: out of memory compressing", w->path);
    unsigned char out[1 << 15];
    size_t left = len;
    int flush, rc = 0;
    do {
        uInt chunk = left > (1u << 30) ? (1u << 30) : (uInt)left;
        zs.next_in = (unsigned char *)(size_t)(data + (len - left));
        zs.avail_in = chunk;
        left -= chunk;
        flush = left ? Z_NO_FLUSH : Z_FINISH;
        do {
            zs.next_out = out;
            zs.avail_out = sizeof out;
            deflate(&zs, flush);
            rc = put_raw(w, out, sizeof out - zs.avail_out, e);
        } while (rc == 0 && zs.avail_out == 0);
    } while (rc == 0 && flush != Z_FINISH);
    deflateEnd(&zs);
    return rc;
}

int dk_write_atomic(const char *path, const char *data, size_t len, dk_err *e)
{
    dk_writer *w = dk_writer_open(path, e);
    if (!w)
        return -1;
    int rc = dk_path_is_gz(path) ? put_gz(w, data, len, e) : put_raw(w, data, len, e);
    if (rc != 0) {
        dk_writer_abort(w);
        return -1;
    }
    return dk_writer_commit(w, e);
}
