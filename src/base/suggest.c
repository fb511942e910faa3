/*
 * suggest.c -- "did you mean": the closest name to a typo.
 */
#include <string.h>

#include "draagkracht/base/suggest.h"

/* Levenshtein distance with two rows; names are short. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

const char *dk_suggest(const char *word, const char *const *names)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1;
    for (int i = 0; names[i]; i++) {
        size_t d = edit_distance(word, names[i]);
        /* a prefix is a good hint too: "extra" -> "extra-teacher" */
        if (strncmp(word, names[i], strlen(word)) == 0 && strlen(word) >= 2)
            d = d < 1 ? d : 1;
        if (d < bestd) {
            bestd = d;
            best = names[i];
        }
    }
    size_t len = strlen(word);
    size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    return bestd <= limit ? best : NULL;
}

int dk_word_index(const char *word, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(word, names[i]) == 0)
            return i;
    return -1;
}
