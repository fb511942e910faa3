/*
 * serve_loop.c -- the server's answer function N times in one process,
 * without the network, to profile what a request costs:
 *
 *   make MODE=rel build/rel/tools/serve_loop
 *   perf record -g build/rel/tools/serve_loop 100 /simulate format=json
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/serve/answer.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: serve_loop N PATH FORM\n");
        return 2;
    }
    dk_serve_ctx c;
    dk_err e;
    if (dk_serve_ctx_init(&c, &e) != 0) {
        fprintf(stderr, "serve_loop: %s\n", e.msg);
        return 1;
    }
    int n = atoi(argv[1]), bad = 0;
    for (int i = 0; i < n; i++) {
        dk_serve_req rq = { "POST", argv[2], NULL, DK_LANG_EN, "application/x-www-form-urlencoded",
                            argv[3], strlen(argv[3]) };
        dk_serve_resp rs;
        dk_serve_answer(&c, &rq, &rs);
        bad += rs.status != 200;
        dk_serve_resp_free(&rs);
    }
    dk_serve_ctx_free(&c);
    printf("%d answers, %d not 200\n", n, bad);
    return bad != 0;
}
