#!/usr/bin/env bash
# run.sh — build every libFuzzer target in tests/fuzz and fuzz each one for a
# short, fixed time; exits non-zero if any target fails to build, crashes,
# leaks, hits undefined behaviour, times out or runs out of memory.
#
# Discovery: each tests/fuzz/fuzz_<name>.c defining LLVMFuzzerTestOneInput
# is a target. Nothing to register: drop in fuzz_json.c and it runs.
# Optional per target: tests/fuzz/corpus/fuzz_<name>/ (seeds, committed),
# tests/fuzz/regressions/fuzz_<name>/ (inputs that once crashed), and
# tests/fuzz/fuzz_<name>.dict (libFuzzer dictionary).
#
# Linking: every library source of the Makefile (LIBSRC: src/**/*.c except
# src/main.c, plus generated sources) is compiled once with clang
# (coverage + ASan + UBSan) into build/fuzz/libzhijian.a, and each target is
# linked against that archive and the Makefile's PKG_LIBS, so the linker
# takes only the objects a target needs. A src file that does not compile
# under clang is reported and left out; a target that needs it then fails to
# link, and that fails the run.
#
# Seeds are copied into build/fuzz/corpus/fuzz_<name>/, which the fuzzer
# grows; the committed corpus is never written. Crash inputs land in
# build/fuzz/artifacts/fuzz_<name>/, logs in build/fuzz/logs/.
#
# Usage:  tests/fuzz/run.sh [TARGET...]      TARGET: csv | fuzz_csv | path
# Environment:
#   FUZZ_SECONDS   seconds per target (0 = only replay the corpus); default:
#                  FUZZ_BUDGET split over the targets, 5..20 s each
#   FUZZ_BUDGET    total seconds when FUZZ_SECONDS is unset (default 150)
#   FUZZ_TIMEOUT   seconds one input may take before it counts as a hang (10)
#   FUZZ_RSS_MB    memory limit per target process (2048)
#   FUZZ_ARGS      extra libFuzzer flags, e.g. "-jobs=4 -workers=4"
#   FUZZ_CC        compiler (default clang, else clang-14)
#   FUZZ_BUILD_ONLY=1  build the targets and stop
# Compiler flags are word-split on purpose (SC2086); the rest is style.
# shellcheck disable=SC2086,SC2013,SC2016,SC2012
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=build/fuzz
mkdir -p "$OUT/obj" "$OUT/bin" "$OUT/logs" "$OUT/corpus" "$OUT/artifacts"

CC=${FUZZ_CC:-}
if [ -z "$CC" ]; then
	for c in clang clang-14; do
		if command -v "$c" >/dev/null 2>&1; then CC=$c; break; fi
	done
fi
if [ -z "$CC" ]; then
	echo "fuzz: clang not found (Debian: apt-get install clang libclang-rt-14-dev)" >&2
	exit 1
fi

# --- flags: taken from the Makefile so the package list lives in one place --
vars=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory \
	-f Makefile -f - zj-fuzz-vars 2>/dev/null <<'EOF' || true
zj-fuzz-vars: ; @printf '%s\n' '$(CSTD)' '$(INC)' '$(PKG_CFLAGS)' '$(PKG_LIBS)' '$(WARN)' '$(LIBSRC)'
EOF
)
LIBSRC=""
if [ "$(printf '%s\n' "$vars" | wc -l)" -eq 6 ]; then
	{ read -r CSTD; read -r INC; read -r PKG_CFLAGS; read -r PKG_LIBS; read -r WARN; read -r LIBSRC; } <<<"$vars"
else
	echo "fuzz: could not read flags from the Makefile; using built-in defaults" >&2
	PKGS="libmicrohttpd jansson libsodium sqlite3 libpq minizip expat xlsxwriter libcrypto"
	CSTD="-std=c11 -D_GNU_SOURCE"
	INC="-Isrc"
	PKG_CFLAGS=$(pkg-config --cflags $PKGS 2>/dev/null || true)
	PKG_LIBS="$(pkg-config --libs $PKGS 2>/dev/null || true) -lcsv -lpthread -lm"
	WARN="-Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wformat=2"
fi
# Warnings stay errors for the targets; for src/ they are shown, not fatal
# (the gcc build is the gate there, and clang warns about other things).
WARN_SRC=$(printf '%s\n' $WARN | grep -vx -- '-Werror' | tr '\n' ' ')
SAN="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
OBJ_FLAGS="$CSTD $INC $PKG_CFLAGS $WARN_SRC $SAN -fsanitize=fuzzer-no-link"
TGT_FLAGS="$CSTD $INC -Itests/fuzz $PKG_CFLAGS $WARN $SAN -fsanitize=fuzzer"

# Objects built with other flags or another compiler are thrown away.
stamp="$CC $($CC --version 2>/dev/null | head -n1) | $OBJ_FLAGS"
if [ ! -f "$OUT/flags" ] || [ "$(cat "$OUT/flags")" != "$stamp" ]; then
	rm -rf "$OUT/obj"
	mkdir -p "$OUT/obj"
	printf '%s' "$stamp" >"$OUT/flags"
fi

# --- the archive of src/ ---------------------------------------------------
# The Makefile's LIBSRC (src/**/*.c minus src/main.c, plus generated
# sources such as build/gen/*.c, which make is asked to generate if missing).
SRCS=()
if [ -n "$LIBSRC" ]; then
	for s in $LIBSRC; do
		if [ ! -f "$s" ]; then
			env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory "$s" >&2 || true
		fi
		if [ -f "$s" ]; then
			SRCS+=("$s")
		else
			echo "fuzz: WARNING: $s (from the Makefile's LIBSRC) is missing; left out" >&2
		fi
	done
else
	mapfile -t SRCS < <(find src -name '*.c' ! -path src/main.c | sort)
fi
# An object is stale when it is missing or older than its source or any
# header its .d file (clang -MMD) lists.
is_stale() {
	local o=$1 d=${1%.o}.d f
	[ -f "$o" ] && [ -f "$d" ] || return 0
	for f in $(sed -e 's/\\$//' -e 's/^[^:]*://' "$d"); do
		if [ ! -e "$f" ] || [ "$f" -nt "$o" ]; then return 0; fi
	done
	return 1
}
stale=()
for s in "${SRCS[@]}"; do
	if is_stale "$OUT/obj/${s%.c}.o"; then stale+=("$s"); fi
done

compile_one() { # src -> obj; on failure leave obj.failed with the log
	local s=$1 o="$OUT/obj/${1%.c}.o"
	mkdir -p "$(dirname "$o")"
	rm -f "$o" "$o.failed"
	if ! $CC $OBJ_FLAGS -MMD -MF "${o%.o}.d" -c "$s" -o "$o" 2>"$o.log"; then
		rm -f "$o"
		mv "$o.log" "$o.failed"
		return 0
	fi
	if [ -s "$o.log" ]; then cat "$o.log" >&2; fi
	rm -f "$o.log"
}
export -f compile_one
export CC OBJ_FLAGS OUT

if [ "${#stale[@]}" -gt 0 ]; then
	echo "fuzz: compiling ${#stale[@]} of ${#SRCS[@]} src files with $CC"
	jobs=$(nproc 2>/dev/null || echo 2)
	printf '%s\n' "${stale[@]}" | xargs -P "$jobs" -I{} bash -c 'compile_one "$1"' _ {}
fi

objs=()
broken=()
for s in "${SRCS[@]}"; do
	o="$OUT/obj/${s%.c}.o"
	if [ -f "$o" ]; then
		objs+=("$o")
	elif [ -f "$o.failed" ]; then
		broken+=("$s")
	fi
done
for s in "${broken[@]}"; do
	echo "fuzz: WARNING: $s does not compile with $CC; left out of the archive:" >&2
	head -n 20 "$OUT/obj/${s%.c}.o.failed" >&2
done
rm -f "$OUT/libzhijian.a"
# "q" (append) keeps two objects with the same file name from different folders.
if [ "${#objs[@]}" -gt 0 ]; then
	ar qcs "$OUT/libzhijian.a" "${objs[@]}"
else
	ar qcs "$OUT/libzhijian.a"
fi

# --- targets --------------------------------------------------------------
targets=()
if [ "$#" -gt 0 ]; then
	for a in "$@"; do
		n=$(basename "$a" .c)
		n=fuzz_${n#fuzz_}
		if [ ! -f "tests/fuzz/$n.c" ]; then
			echo "fuzz: no such target: tests/fuzz/$n.c" >&2
			exit 2
		fi
		targets+=("$n")
	done
else
	for f in tests/fuzz/fuzz_*.c; do
		[ -e "$f" ] || continue
		grep -q LLVMFuzzerTestOneInput "$f" || continue
		targets+=("$(basename "$f" .c)")
	done
fi
if [ "${#targets[@]}" -eq 0 ]; then
	echo "fuzz: no targets in tests/fuzz"
	exit 0
fi

failed=()
built=()
for t in "${targets[@]}"; do
	if $CC $TGT_FLAGS "tests/fuzz/$t.c" "$OUT/libzhijian.a" $PKG_LIBS -o "$OUT/bin/$t" \
		2>"$OUT/logs/$t.build.log"; then
		built+=("$t")
	else
		echo "fuzz: $t: BUILD FAILED" >&2
		head -n 40 "$OUT/logs/$t.build.log" >&2
		if [ "${#broken[@]}" -gt 0 ]; then
			echo "fuzz: (src files left out because they do not compile: ${broken[*]})" >&2
		fi
		failed+=("$t (build)")
	fi
done
if [ "${FUZZ_BUILD_ONLY:-0}" = 1 ]; then
	echo "fuzz: built ${built[*]:-nothing} in $OUT/bin"
	[ "${#failed[@]}" -eq 0 ] || exit 1
	exit 0
fi

if [ -n "${FUZZ_SECONDS:-}" ]; then
	secs=$FUZZ_SECONDS
else
	n=${#built[@]}
	[ "$n" -gt 0 ] || n=1
	secs=$(( ${FUZZ_BUDGET:-150} / n ))
	[ "$secs" -le 20 ] || secs=20
	[ "$secs" -ge 5 ] || secs=5
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

for t in "${built[@]}"; do
	work="$OUT/corpus/$t"
	art="$OUT/artifacts/$t/"
	log="$OUT/logs/$t.log"
	mkdir -p "$work" "$art"
	for d in "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t"; do
		if [ -d "$d" ]; then cp -n "$d"/* "$work"/ 2>/dev/null || true; fi
	done
	args=("-timeout=${FUZZ_TIMEOUT:-10}" "-rss_limit_mb=${FUZZ_RSS_MB:-2048}"
		"-artifact_prefix=$art" "-print_final_stats=1")
	if [ "$secs" -eq 0 ]; then
		args+=("-runs=0")
	else
		args+=("-max_total_time=$secs")
	fi
	if [ -f "tests/fuzz/$t.dict" ]; then args+=("-dict=tests/fuzz/$t.dict"); fi
	if timeout $(( secs * 2 + 120 )) "$OUT/bin/$t" "${args[@]}" ${FUZZ_ARGS:-} "$work" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 || true)
		echo "fuzz: $t ok (${secs}s, ${runs:-?} runs, ${cov:-cov: ?}, corpus $(find "$work" -type f | wc -l))"
	else
		echo "fuzz: $t FAILED; last lines of $log:" >&2
		tail -n 60 "$log" >&2
		echo "fuzz: reproduce with: $OUT/bin/$t $(ls -t "$art" 2>/dev/null | head -n1 | sed "s|^|$art|")" >&2
		failed+=("$t")
	fi
done

if [ "${#failed[@]}" -gt 0 ]; then
	echo "fuzz: FAILED: ${failed[*]}" >&2
	exit 1
fi
echo "fuzz: all ${#built[@]} targets passed"
