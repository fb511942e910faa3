/*
 * sha256.h -- SHA-256 (FIPS 180-4) and base64, for the hashes a
 * Content-Security-Policy names its inline styles by.
 */
#ifndef DRAAGKRACHT_SERVE_SHA256_H
#define DRAAGKRACHT_SERVE_SHA256_H

#include <stddef.h>

void dk_sha256(const void *data, size_t len, unsigned char out[32]);
/* n bytes as base64 (RFC 4648, padded) into out, which holds 4*ceil(n/3)+1. */
void dk_base64(const unsigned char *in, size_t n, char *out);

#endif
