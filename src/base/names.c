/*
 * names.c -- a set of names (names.h): a hash table with open addressing
 * and linear probing.  An entry belongs to an epoch; entries of older
 * epochs count as empty, so a new section's keys (or a new school's class
 * names) start from an empty table without clearing it: every live entry
 * was placed at the first slot along its probe that was not live then,
 * and live entries stay live until the epoch moves on, so a probe still
 * finds every one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/names.h"

typedef struct {
    uint32_t hash;
    int epoch, line, ordinal;
    size_t at;              /* the name's offset in text */
} slot;

struct dk_names {
    slot *slot;
    size_t cap, live;       /* cap a power of two; live: entries of this epoch */
    int epoch;
    char *text;             /* the names, NUL-terminated, one after another */
    size_t len, room;
};

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

dk_names *dk_names_new(void)
{
    dk_names *t = dk_calloc(1, sizeof *t);
    if (t && !(t->slot = dk_calloc(16, sizeof *t->slot))) {
        dk_free(t);
        return NULL;
    }
    if (t) {
        t->cap = 16;
        t->epoch = 1;       /* calloc'd slots are epoch 0: empty */
    }
    return t;
}

void dk_names_free(dk_names *t)
{
    if (t) {
        dk_free(t->slot);
        dk_free(t->text);
        dk_free(t);
    }
}

/* Older entries become empty; their names' text can go too. */
void dk_names_epoch(dk_names *t, int epoch)
{
    if (t->epoch != epoch) {
        t->epoch = epoch;
        t->live = 0;
        t->len = 0;
    }
}

/* The live slot holding s, or the first slot along its probe that is not
 * live (where s would go). */
static slot *probe(const dk_names *t, const char *s, uint32_t h)
{
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        slot *p = &t->slot[i];
        if (p->epoch != t->epoch || (p->hash == h && strcmp(t->text + p->at, s) == 0))
            return p;
    }
}

static int grow(dk_names *t)
{
    slot *old = t->slot;
    size_t n = t->cap;
    if (!(t->slot = dk_calloc(2 * n, sizeof *t->slot))) {
        t->slot = old;
        return -1;
    }
    t->cap = 2 * n;
    for (size_t i = 0; i < n; i++)
        if (old[i].epoch == t->epoch)
            *probe(t, t->text + old[i].at, old[i].hash) = old[i];
    dk_free(old);
    return 0;
}

int dk_names_add(dk_names *t, const char *s, int line, int ordinal)
{
    uint32_t h = fnv1a(s);
    slot *p = probe(t, s, h);
    if (p->epoch == t->epoch)
        return p->line;
    size_t n = strlen(s) + 1;
    if (t->len + n > t->room) {
        size_t room = (t->room ? 2 * t->room : 1024) + n;
        char *text = dk_realloc(t->text, room);
        if (!text)
            return -1;
        t->text = text;
        t->room = room;
    }
    if (2 * (t->live + 1) > t->cap) {
        if (grow(t) != 0)
            return -1;
        p = probe(t, s, h);
    }
    memcpy(t->text + t->len, s, n);
    *p = (slot){ h, t->epoch, line, ordinal, t->len };
    t->len += n;
    t->live++;
    return 0;
}

int dk_names_find(const dk_names *t, const char *s, int *line)
{
    const slot *p = probe(t, s, fnv1a(s));
    if (p->epoch != t->epoch)
        return -1;
    if (line)
        *line = p->line;
    return p->ordinal;
}
