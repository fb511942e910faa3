/*
 * guard.c -- Host, Origin and Accept-Language (guard.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draagkracht/serve/guard.h"

/* Splits "name:port", "[v6]:port", "name" into the name (without
 * brackets) and the port (-1: none).  0, or -1 when malformed. */
static int split(const char *hp, char *name, size_t n, long *port)
{
    const char *colon;
    size_t len;
    *port = -1;
    if (hp[0] == '[') {
        const char *close = strchr(hp, ']');
        if (!close)
            return -1;
        len = (size_t)(close - hp - 1);
        hp++;
        colon = close[1] == ':' ? close + 1 : close[1] ? NULL : close + 1;
        if (!colon)
            return -1;
    } else {
        colon = strchr(hp, ':');
        if (colon && strchr(colon + 1, ':'))
            return -1;      /* a bare IPv6 address is not a Host value */
        len = colon ? (size_t)(colon - hp) : strlen(hp);
    }
    if (len == 0 || len >= n)
        return -1;
    memcpy(name, hp, len);
    name[len] = '\0';
    if (colon && *colon == ':') {
        char *end;
        *port = strtol(colon + 1, &end, 10);
        if (end == colon + 1 || *end || *port < 0 || *port > 65535)
            return -1;
    }
    return 0;
}

int dk_guard_host(const dk_guard *g, const char *host)
{
    char name[256];
    long port;
    if (!host || !*host || split(host, name, sizeof name, &port) != 0)
        return 0;
    /* a trailing dot names the same host ("localhost.") */
    size_t len = strlen(name);
    if (len > 1 && name[len - 1] == '.')
        name[len - 1] = '\0';
    int here = port == g->port || (port < 0 && g->port == 80);
    if (here && strcasecmp(name, g->host) == 0)
        return 1;
    if (here && g->loopback && strcasecmp(name, "localhost") == 0)
        return 1;
    for (int i = 0; g->allow[i]; i++)
        if (strcasecmp(name, g->allow[i]) == 0)
            return 1;
    return 0;
}

int dk_guard_origin(const dk_guard *g, const char *origin)
{
    if (!origin)
        return 1;
    const char *rest = strncasecmp(origin, "http://", 7) == 0 ? origin + 7
                     : strncasecmp(origin, "https://", 8) == 0 ? origin + 8 : NULL;
    /* an origin has no path; "http://host/x" is not one */
    if (!rest || strchr(rest, '/'))
        return 0;
    /* https behind a proxy comes without the server's port */
    return dk_guard_host(g, rest);
}

/* The q-value after a language range (";q=0.8"), 1 when absent. */
static double qvalue(const char *p, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (p[i] == ';') {
            size_t j = i + 1;
            while (j < n && p[j] == ' ')
                j++;
            if (j + 2 <= n && (p[j] == 'q' || p[j] == 'Q') && p[j + 1] == '=') {
                char num[8];
                size_t k = n - j - 2 < sizeof num - 1 ? n - j - 2 : sizeof num - 1;
                memcpy(num, p + j + 2, k);
                num[k] = '\0';
                double q = strtod(num, NULL);
                return q >= 0 && q <= 1 ? q : 0;
            }
        }
    return 1;
}

dk_lang dk_guard_lang(const char *al)
{
    dk_lang best = DK_LANG_EN;
    double bestq = 0;
    for (const char *p = al; p && *p;) {
        size_t n = strcspn(p, ",");
        size_t s = strspn(p, " \t");
        const char *tag = p + s;
        size_t tn = strcspn(tag, ";,- \t");
        double q = qvalue(p, n);
        dk_lang l = DK_NLANG;
        if (tn == 2 && strncasecmp(tag, "nl", 2) == 0)
            l = DK_LANG_NL;
        else if (tn == 2 && strncasecmp(tag, "en", 2) == 0)
            l = DK_LANG_EN;
        if (l != DK_NLANG && q > bestq) {
            best = l;
            bestq = q;
        }
        p += n + (p[n] == ',');
    }
    return best;
}
