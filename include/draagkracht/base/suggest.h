/*
 * suggest.h -- words in lists of names: which one a word is, and "did
 * you mean", the closest name to a typo, for every message about an
 * unknown word (options, keys, sections, values).
 */
#ifndef DRAAGKRACHT_SUGGEST_H
#define DRAAGKRACHT_SUGGEST_H

/*
 * Closest name in a NULL-terminated list, by edit distance, or NULL when
 * nothing is close enough to be a plausible typo.
 */
const char *dk_suggest(const char *word, const char *const *names);

/* The index of word in a NULL-terminated list of names, or -1. */
int dk_word_index(const char *word, const char *const *names);

#endif
