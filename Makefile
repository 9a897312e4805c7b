# Zhijian build. `make` = release binary; `make run` = setup + demo + serve;
# `make test` = setup + every test layer (unit, API on SQLite and PostgreSQL,
# fuzz, e2e) under ASan + UBSan.
CC      ?= gcc
PKGS    := libmicrohttpd jansson libsodium sqlite3 libpq minizip expat xlsxwriter libqrencode libcrypto libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm
WARN    := -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wshadow -Wformat=2
CSTD    := -std=c11 -D_GNU_SOURCE
INC     := -Isrc
CFLAGS_REL  := $(CSTD) $(WARN) -O2 -g $(INC) $(PKG_CFLAGS)
CFLAGS_SAN  := $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=undefined $(INC) $(PKG_CFLAGS)

SRC      := $(shell find src -name '*.c' | sort) build/gen/migrations.c
LIBSRC   := $(filter-out src/main.c,$(SRC))
OBJ_REL  := $(SRC:%.c=build/rel/%.o)
OBJ_SAN  := $(SRC:%.c=build/san/%.o)
LIBOBJ_SAN := $(LIBSRC:%.c=build/san/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/unit/%)

.PHONY: all san run test unit api api-sqlite api-pg fuzz e2e setup web clean bench check-style check-web check-writes deb deb-test
all: build/zhijian

build/zhijian: $(OBJ_REL)
	$(CC) $(CFLAGS_REL) -o $@ $^ $(PKG_LIBS)

build/zhijian-san: $(OBJ_SAN)
	$(CC) $(CFLAGS_SAN) -o $@ $^ $(PKG_LIBS)
san: build/zhijian-san

build/gen/migrations.c: $(wildcard migrations/*.sql) scripts/gen-migrations.sh
	@mkdir -p build/gen
	bash scripts/gen-migrations.sh $@

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -MMD -MP -c -o $@ $<
build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -MMD -MP -c -o $@ $<

build/unit/%: tests/unit/%.c $(LIBOBJ_SAN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Itests/unit -o $@ $^ $(PKG_LIBS) -lcmocka

-include $(shell find build -name '*.d' 2>/dev/null)

setup:
	@bash scripts/setup.sh

web/dist/index.html: $(shell find web/src web/public docs/guide -type f 2>/dev/null) web/package.json web/package-lock.json web/index.html web/portal/index.html web/vite.config.js
	cd web && npm run build --silent

web: web/dist/index.html

# The console's style and strings (issue 13 §8): ESLint with the Vue plugin,
# zh-CN and en holding the same keys, the business-area list's own checks.
check-web:
	cd web && npm run -s lint && npm run -s check:i18n

run: setup all web
	@bash scripts/run-demo.sh

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; ASAN_OPTIONS=detect_leaks=1 $$t; done

api: api-sqlite api-pg api-pg-direct
api-sqlite: build/zhijian-san
	bash tests/api/run.sh sqlite
api-pg: build/zhijian-san
	bash tests/api/run.sh pg
# The suite above serves through pgbouncer 1.18 (statements unnamed); these
# files serve straight on PostgreSQL, with named prepared statements.
api-pg-direct: build/zhijian-san
	ZJ_PGBOUNCER=0 ZJ_TESTS="20-enterprises.test.mjs 30-import-export.test.mjs 65-second-node.test.mjs \
	  70-food.test.mjs 75-cases.test.mjs 77-writes.test.mjs 91-audit-chain.test.mjs" bash tests/api/run.sh pg

fuzz:
	bash tests/fuzz/run.sh

e2e: all web
	bash tests/e2e/run.sh

# Layout by .clang-format, banned functions, assignment in conditions,
# unchecked allocation and line length (issue 13 §8; docs/architecture.md "Style").
check-style:
	bash scripts/check-style.sh

# The core owns every write: no module issues INSERT/UPDATE/DELETE SQL of its own.
check-writes:
	bash scripts/check-module-writes.sh

# The console is built first: the API suite checks that / serves it.
test: setup
	$(MAKE) check-web
	$(MAKE) check-writes
	$(MAKE) check-style
	$(MAKE) all san web
	$(MAKE) unit
	$(MAKE) api
	bash tests/multinode/run.sh
	$(MAKE) fuzz
	$(MAKE) e2e
	$(MAKE) deb-test
	@echo "ALL TEST LAYERS PASSED"

# The Debian package (issue 19 §8b): build/zhijian_VERSION_ARCH.deb; the
# test builds it, runs lintian, installs, serves, upgrades and purges it (root).
deb: all web
	bash scripts/make-deb.sh
deb-test: all web
	bash tests/deb/run.sh

bench: all
	bash bench/run

clean:
	rm -rf build web/dist
