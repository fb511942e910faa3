/*
 * scenario.h -- a scenario made ready to run: parsed (input/scenario.h),
 * its [assumptions] applied to the model in use, its classes' unset
 * counts completed from that model.  Every command, test and tool that
 * runs a scenario starts here.
 */
#ifndef DRAAGKRACHT_RUN_SCENARIO_H
#define DRAAGKRACHT_RUN_SCENARIO_H

#include "draagkracht/input/scenario.h"
#include "draagkracht/model/model.h"

/* Which embedded scenario a command runs without a file: the default
 * school (scenarios/school-po-8.ini), or ways to spend its support money
 * (scenarios/compare-school-po.ini). */
typedef enum { DK_DEFAULT_SCHOOL, DK_DEFAULT_COMPARE } dk_default;

/* Parsed (text NULL: read from path), [assumptions] applied to m, classes
 * completed from m.  On failure sc is freed and e names file and line. */
int dk_scenario_read(dk_scenario *sc, dk_model *m, const char *path, const char *text,
                     size_t len, dk_err *e);
/* dk_scenario_read of an embedded scenario. */
int dk_scenario_read_default(dk_scenario *sc, dk_model *m, dk_default which, dk_err *e);
/* The file name of the embedded scenario whose path ("(embedded scenario
 * NAME)") is path, or NULL. */
const char *dk_scenario_embedded_name(const char *path);

#endif
