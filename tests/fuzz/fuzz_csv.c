/* fuzz_csv.c — libFuzzer target for the CSV reader (src/lib/tabular.c):
 * any byte string is fed to tab_read(TAB_CSV), with the row contract
 * checked by tabcheck.h. The first byte also picks an early stop (0–7 rows)
 * and whether a small column cap is in force, so the limit and early-exit
 * paths are fuzzed too. Built and run by tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>

#include "tabcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long stop_after = size ? data[0] % 8 : 0;
	tab_opts o = {.max_cols = size && (data[0] & 0x80) ? 4 : 0};
	tabcheck_run(TAB_CSV, data, size, &o, stop_after);
	/* tab_detect must never read past len. */
	(void)tab_detect(data, size);
	return 0;
}
