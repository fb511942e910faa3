/* test_design.c -- vignette allocation (placeholder until design lands). */
#include "t.h"
void test_design(t_ctx *t) { (void)t; }
