/* form.c -- fuzz target: the server's request decoding (serve/form.c:
 * urlencoded and multipart/form-data; serve/guard.c: Host, Origin,
 * Accept-Language) and the class table built from the fields.  The input's
 * first line is the Content-Type (and the header value the guards read),
 * the rest the body. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "draagkracht/serve/answer.h"
#include "draagkracht/serve/guard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t hl = nl ? (size_t)(nl - s) : size;
    char *head = malloc(hl + 1);
    if (!head)
        return 0;
    memcpy(head, s, hl);
    head[hl] = '\0';
    const char *body = nl ? nl + 1 : s + size;
    size_t blen = size - (size_t)(body - s);
    dk_form f = { 0 };
    dk_err e;
    if (dk_form_parse(&f, head, body, blen, &e) == 0) {
        dk_rows r;
        if (dk_rows_from_form(&r, &f) == 0) {
            dk_buf b = { 0 };
            dk_rows_csv(&r, &b);
            dk_buf_free(&b);
        }
        dk_rows_free(&r);
        (void)dk_form_value(&f, "classes");
    }
    dk_form_free(&f);
    dk_guard g = { "127.0.0.1", 8080, 1, { "dk.example", NULL } };
    (void)dk_guard_host(&g, head);
    (void)dk_guard_origin(&g, head);
    (void)dk_guard_lang(head);
    free(head);
    return 0;
}
