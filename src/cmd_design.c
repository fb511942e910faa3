#include "cli.h"
static const dk_opt opts[] = { { NULL, 0, NULL, NULL } };
static int run(const dk_args *a) { (void)a; return 1; }
const dk_command dk_cmd_design = { "design", "todo", "", opts, run };
