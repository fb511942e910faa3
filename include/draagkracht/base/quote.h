/*
 * quote.h -- text from a file, made safe to show on a terminal.
 */
#ifndef DRAAGKRACHT_QUOTE_H
#define DRAAGKRACHT_QUOTE_H

#include <stddef.h>

/*
 * Copies s into out (n bytes, always NUL-terminated, cut if need be) with
 * every control character written as \xHH: the C0 controls but tab
 * (escape, bell, a bare carriage return, a newline from a quoted CSV
 * cell), DEL, and the C1 controls U+0080..U+009F, which some terminals
 * also obey.  Input bytes in a message then cannot recolour, retitle or
 * rewrite the user's terminal, nor fake a line of output.  Returns out.
 */
char *dk_quote_controls(const char *s, char *out, size_t n);

#endif
