# rashin — one non-recursive GNU Makefile.
#   make            build ./rashin
#   make run        install what is missing, build, start the demo
#   make check      the whole test suite under ASan/UBSan; last line "N passed, N failed"
#   make bench      benchmarks (bench/README.md)
#   make install    PREFIX=/usr/local DESTDIR=

.DEFAULT_GOAL := all
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS    := ncursesw libpq libssh libconfig openssl libqrencode cairo pangocairo fontconfig libseccomp

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wwrite-strings -Wpointer-arith -Wundef -Wno-format-nonliteral
ifeq ($(CI),true)
WARN += -Werror
endif
ifneq ($(WERROR),)
WARN += -Werror
endif

VERSION := 0.1.0
CPPFLAGS += -I. -D_GNU_SOURCE -DRASHIN_VERSION='"$(VERSION)"' \
            -DRASHIN_LOCALEDIR='"$(abspath po/locale)"' \
            -DRASHIN_INSTALL_LOCALEDIR='"$(PREFIX)/share/locale"'
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 $(WARN) $(PKG_CFLAGS) -MMD -MP
LDLIBS   += $(PKG_LIBS) -lutil -Wl,-z,relro,-z,now  # bind at start: forked children inherit resolved symbols

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# the test build also answers `ssh host rashin-sandbox-probe ...` (sshd_sandbox.h)
SAN_FLAGS += -DRASHIN_TEST_HOOKS

LIB_SRC  := $(sort $(wildcard backend/*.c backend/*/*.c tui/*.c screens/*.c))

# The layers (docs/architecture.md), arrows pointing down only:
#   wiring (backend/*.c) -> screens/ -> tui/ ; wiring -> sshd/ ; screens/, cmd/ -> store/ -> lib/
# Each layer below the wiring is compiled with a guard folder first on the include path:
# a header there for every path the layer may not include (curses, tui/, screens/, the
# layers above it, libpq or libssh where they do not belong), each an #error. So an
# upward include fails the build, whatever header it hides behind (tools/layers.sh).
LAYER_DIRS := backend/lib backend/store backend/cmd backend/sshd tui screens
GUARD_HDRS := $(sort $(wildcard backend/*.h backend/*/*.h tui/*.h screens/*.h))
build/guard/.stamp: tools/layers.sh $(GUARD_HDRS)
	@sh tools/layers.sh build/guard
	@touch $@
$(foreach r,build build-san build-fuzz,$(foreach l,$(LAYER_DIRS),\
  $(eval $(r)/$(l)/%.o: GUARD := -Ibuild/guard/$(notdir $(l)))))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

OBJ      := $(LIB_SRC:%.c=build/%.o)
SAN_OBJ  := $(LIB_SRC:%.c=build-san/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build-san/tests/%)
# C programs a tests/db script runs against its throwaway cluster (not unit tests)
DBC_SRC  := $(sort $(wildcard tests/db/*.c))
DBC_BIN  := $(DBC_SRC:tests/db/%.c=build-san/tests/db/%)

FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_OBJ := $(LIB_SRC:%.c=build-fuzz/%.o)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_CC  ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer

.PHONY: all run check deps bench install clean san unit-bins fuzz soak locale lint ha-test
all: rashin locale

build/%.o: %.c | build/guard/.stamp
	@mkdir -p $(@D)
	$(CC) $(GUARD) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build-san/%.o: %.c | build/guard/.stamp
	@mkdir -p $(@D)
	$(CC) $(GUARD) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/librashin.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

build-san/librashin.a: $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

rashin: build/rashin.o build/librashin.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build-san/rashin: build-san/rashin.o build-san/librashin.a
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

build-san/tests/%: tests/unit/%.c build-san/librashin.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) -o $@ $< build-san/librashin.a $(LDLIBS) -lcmocka

build-san/tests/db/%: tests/db/%.c build-san/librashin.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) -o $@ $< build-san/librashin.a $(LDLIBS) -lcmocka

san: build-san/rashin $(UNIT_BIN) $(DBC_BIN)

# libFuzzer harnesses (clang): `make fuzz FUZZ_SECONDS=120`
build-fuzz/%.o: %.c | build/guard/.stamp
	@mkdir -p $(@D)
	$(FUZZ_CC) $(GUARD) $(CPPFLAGS) -std=c11 $(PKG_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build-fuzz/librashin.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c build-fuzz/librashin.a
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(PKG_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
	    build-fuzz/librashin.a $(LDLIBS)

fuzz:
	@sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@sh tests/fuzz/run.sh

# The long run: SOAK_CYCLES (1000) SSH connect/work/disconnect cycles, some killed;
# descriptors, processes, DB connections and RSS counted after each 100.
soak: deps
	@$(MAKE) --no-print-directory -s all
	@sh tests/soak/soak.sh

# Failover on loopback (issue 27): etcd, two Patroni-managed PostgreSQL nodes, a rashin
# front-end, clients writing, kill -9 of the primary; prints a summary. Minutes: not in check.
ha-test: deps
	@sh tools/deps.sh ha
	@$(MAKE) --no-print-directory -s all
	@sh tests/ha/ha_test.sh

# gettext catalogues: po/ja.po -> po/locale/ja/LC_MESSAGES/rashin.mo
locale: po/locale/ja/LC_MESSAGES/rashin.mo
po/locale/ja/LC_MESSAGES/rashin.mo: po/ja.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	./rashin demo

check: deps
	@echo "building (normal and ASan/UBSan) ..."
	@$(MAKE) --no-print-directory -s all san
	@sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --std=c11 -I. --suppress=missingIncludeSystem rashin.c backend tui screens

install: rashin locale
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/rashin/sql \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)/etc/rashin \
	  $(DESTDIR)$(PREFIX)/share/locale/ja/LC_MESSAGES $(DESTDIR)/lib/systemd/system \
	  $(DESTDIR)/usr/lib/sysusers.d
	install -m 0755 rashin $(DESTDIR)$(PREFIX)/bin/rashin
	install -m 0644 sql/*.sql $(DESTDIR)$(PREFIX)/share/rashin/sql/
	sed -e 's|sql_dir = "sql";|sql_dir = "$(PREFIX)/share/rashin/sql";|' \
	    -e 's|data_dir = "var";|data_dir = "/var/lib/rashin";|' \
	    -e 's|destination = "stderr";|destination = "syslog";|' \
	    -e 's|"var/|"/var/lib/rashin/|g' conf/rashin.conf > $(DESTDIR)/etc/rashin/rashin.conf.example
	chmod 0644 $(DESTDIR)/etc/rashin/rashin.conf.example
	install -d $(DESTDIR)$(PREFIX)/share/rashin/sql/demo
	install -m 0644 sql/demo/*.sql $(DESTDIR)$(PREFIX)/share/rashin/sql/demo/
	install -m 0644 docs/rashin.1 $(DESTDIR)$(PREFIX)/share/man/man1/rashin.1
	install -m 0644 po/locale/ja/LC_MESSAGES/rashin.mo $(DESTDIR)$(PREFIX)/share/locale/ja/LC_MESSAGES/
	sed 's|/usr/local/bin/rashin|$(PREFIX)/bin/rashin|g' conf/rashin.service > $(DESTDIR)/lib/systemd/system/rashin.service
	install -m 0644 conf/rashin.sysusers $(DESTDIR)/usr/lib/sysusers.d/rashin.conf
	sed 's|/usr/local/bin/rashin|$(PREFIX)/bin/rashin|g' conf/rashin-vdi-sweep.service > $(DESTDIR)/lib/systemd/system/rashin-vdi-sweep.service
	install -m 0644 conf/rashin-vdi-sweep.timer $(DESTDIR)/lib/systemd/system/
	sed 's|/usr/local/bin/rashin|$(PREFIX)/bin/rashin|g' conf/rashin-backup.service > $(DESTDIR)/lib/systemd/system/rashin-backup.service
	install -m 0644 conf/rashin-backup.timer $(DESTDIR)/lib/systemd/system/

clean:
	rm -rf build build-san build-fuzz rashin po/locale

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) build/rashin.d build-san/rashin.d
