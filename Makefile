# Makefile -- draagkracht's build, called by build.sh (which first installs
# what a fresh Debian lacks).  Objects carry dependency files (-MMD), so an
# edit rebuilds only what it touches.
#
#   make                    ./draagkracht, static, -O2 (MODE=rel)
#   make MODE=san check-bin build/san/draagkracht and build/san/runner under ASan + UBSan
#   make runner             build/rel/runner, the unit + end-to-end test runner

MODE ?= rel
B := build/$(MODE)
CC ?= gcc
# libFuzzer is clang's
ifeq ($(MODE),fuzz)
CC := clang
endif

CPPFLAGS := -std=c17 -D_POSIX_C_SOURCE=200809L -Iinclude
WARN := -Wall -Wextra -Wpedantic -Werror
OPT_rel := -O2
OPT_san := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT_fuzz := -O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
OPT := $(OPT_$(MODE))
CFLAGS := $(WARN) $(OPT) -MMD -MP
# libevent's evhttp serves `draagkracht serve` (docs/serve.md); its
# pthreads part lets worker threads wake the loop
LIBS := -levent_pthreads -levent_extra -levent_core -lgsl -lgslcblas -lz -lm -lpthread
STATIC_rel := -static
STATIC := $(STATIC_$(MODE))
# The test runner goes through its own side of the one allocation door
# (tests/alloc_hook.c) so tests can make memory run out anywhere.
WRAP := $(foreach f,malloc calloc realloc strdup free,-Wl,--wrap=dk_$(f))

SRCS := $(sort $(wildcard src/*/*.c))
LIB_SRCS := $(filter-out src/cli/main.c,$(SRCS))
LIB_OBJS := $(LIB_SRCS:src/%.c=$(B)/%.o) $(B)/embedded.o
TEST_SRCS := $(sort $(wildcard tests/*.c))
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(B)/tests/%.o)
BIN_rel := draagkracht
BIN_san := build/san/draagkracht
BIN := $(BIN_$(MODE))
EMBED := src/data/default.model src/data/targets.txt scenarios/school-po-8.ini \
         scenarios/compare-school-po.ini

# Fuzz targets, one per parser (fuzz/NAME.c): MODE=fuzz builds them with
# libFuzzer (build/fuzz/bin/NAME); any other mode links them with replay.c
# (build/MODE/fuzz/NAME-replay), which runs the corpus without libFuzzer.
FUZZ_TARGETS := scenario sweepspec model targets fitcsv rows classes form
FUZZ_OBJS := $(B)/fuzz/fuzz.o $(B)/libdk.a
FUZZ_BINS := $(FUZZ_TARGETS:%=build/fuzz/bin/%)
REPLAY_BINS := $(FUZZ_TARGETS:%=$(B)/fuzz/%-replay)

.PHONY: all runner lib fuzz replay
# the targets' objects are made by a pattern: keep them
.SECONDARY: $(FUZZ_TARGETS:%=$(B)/fuzz/%.o) $(FUZZ_TARGETS:%=build/fuzz/fuzz/%.o)
all: $(BIN)
lib: $(B)/libdk.a
runner: $(B)/runner

$(BIN): $(B)/cli/main.o $(B)/libdk.a
	$(CC) $(OPT) $(STATIC) -o $@ $^ $(LIBS)

$(B)/libdk.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(B)/runner: $(TEST_OBJS) $(B)/libdk.a
	$(CC) $(OPT) $(WRAP) -o $@ $^ $(LIBS)

fuzz: $(FUZZ_BINS)
replay: $(REPLAY_BINS)

build/fuzz/bin/%: build/fuzz/fuzz/%.o $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

$(B)/fuzz/%-replay: $(B)/fuzz/%.o $(B)/fuzz/replay.o $(FUZZ_OBJS)
	$(CC) $(OPT) -o $@ $^ $(LIBS)

$(B)/fuzz/%.o: fuzz/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# A tool of tools/ linked against the library: make build/rel/tools/NAME
$(B)/tools/%: tools/%.c $(B)/libdk.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(OPT) -o $@ $^ $(LIBS)

$(B)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# The model, targets and default scenario are assembled into the binary
# (tools/embed.sh), so it needs no files.
build/embedded.S: tools/embed.sh
	@mkdir -p build
	sh tools/embed.sh $@ $(EMBED)

$(B)/embedded.o: build/embedded.S $(EMBED)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@

-include $(LIB_OBJS:.o=.d) $(TEST_OBJS:.o=.d) $(B)/cli/main.d $(wildcard $(B)/fuzz/*.d)
