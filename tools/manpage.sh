#!/bin/sh
# manpage.sh BINARY -- the man page of draagkracht, made from its own
# --help (the program's and every command's), so that it never disagrees
# with the binary.  ./build.sh install writes it to man1/draagkracht.1.
set -eu
bin=${1:?usage: manpage.sh BINARY}
version=$("$bin" --version | sed -n '1s/^draagkracht //p')

# roff: backslashes doubled as \e, a leading . or ' made literal
esc() {
    sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

cat <<HEAD
.TH DRAAGKRACHT 1 "" "draagkracht $version" "User Commands"
.SH NAME
draagkracht \\- how well can teachers still do their work, and what support will they need?
.SH SYNOPSIS
.B draagkracht
.I command
.RI [ options ]
.SH DESCRIPTION
.nf
HEAD
DRAAGKRACHT_LANG=en "$bin" --help | esc
echo ".fi"
echo ".SH COMMANDS"
commands=$(DRAAGKRACHT_LANG=en "$bin" --help |
    awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
for c in $commands; do
    echo ".SS $c"
    echo ".nf"
    DRAAGKRACHT_LANG=en "$bin" "$c" --help | esc
    echo ".fi"
done
cat <<TAIL
.SH ENVIRONMENT
.TP
.B DRAAGKRACHT_LANG
en or nl: the language of what people read, when --lang is not given.
.TP
.BR LC_ALL ", " LC_MESSAGES ", " LANG
Dutch when the first one set is nl_*, and DRAAGKRACHT_LANG is not set.
.SH EXIT STATUS
0 on success; 2 for bad input (a message names the file, line and field);
1 for a run that fails otherwise.
.SH SEE ALSO
README.md in the source tree.
TAIL
