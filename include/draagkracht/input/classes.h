/*
 * classes.h -- a school's classes from a class list in CSV, as a school
 * leader keeps it in a spreadsheet (simulate and plan --classes FILE).
 *
 *   klas;leerlingen;met een ondersteuningsbehoefte;grote aandachtvraag;ondersteuning
 *   groep 3;24;8;4;onderwijsassistent
 *
 * Columns by their English or Dutch names, in any order: class (klas,
 * groep; required), class-size (leerlingen), support-needs
 * (ondersteuningsbehoefte), heavy (grote aandachtvraag), support
 * (ondersteuning: forms by English or Dutch name, ',' or '+' between),
 * and optionally sector, level (niveau), experience (ervaring: also
 * beginnend, ervaren), school (locatie, vestiging: a board's sheet).  Fields
 * are separated by ';' when the header has one, else by ','; quotes as in
 * RFC 4180; counts may be written with a decimal comma ("26,0"); a UTF-8
 * byte order mark is skipped.  Unset counts are the survey means, as in a
 * scenario, and every class gets a scenario class's checks.
 */
#ifndef DRAAGKRACHT_CLASSES_H
#define DRAAGKRACHT_CLASSES_H

#include "draagkracht/input/scenario.h"

/* Replaces sc's schools and classes by the list's: one school per value
 * of the school column, in the order they first appear, each with its
 * classes together; without the column one school named after the file.
 * sc->path becomes the list's (sc->spec_path stays the scenario's).  -1 with e set
 * ("FILE:LINE: column 'NAME': problem") and sc unchanged on bad input. */
int dk_classes_parse(dk_scenario *sc, const dk_model *m, const char *path, const char *text,
                     size_t len, dk_err *e);
int dk_classes_load(dk_scenario *sc, const dk_model *m, const char *path, dk_err *e);

#endif
