/* fuzz_query.c — list query strings: the input is split like a URL query
 * (& and =) and handed to crud_list and crud_count on a real database, so
 * filters, ranges, sets, search, sort and cursors all meet hostile text. */
#include "core/crud.h"
#include "zjfuzz.h"
#include "lib/xalloc.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static db *d;

static int setup(void)
{
	char path[64];
	d = zj_fuzz_demo_db("q", path, sizeof path);
	return d ? 0 : -1;
}

static int ready;

/* The database is made before the first input, so its time does not count against -timeout. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ready = setup() == 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (!ready || size > 4096)
		return 0;
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	kv items[32];
	int n = 0;
	char *save = NULL;
	for (char *p = strtok_r(s, "&", &save); p && n < 32; p = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(p, '=');
		if (eq)
			*eq = 0;
		items[n].k = p, items[n].v = eq ? eq + 1 : "";
		n++;
	}
	kv_list q = {n, items};
	zj_ctx c;
	ctx_init(&c, d);
	const char *names[] = {"enterprises", "users", "holidays"};
	const entity_def *e = registry_find(names[size % 3]);
	json_t *out = NULL;
	if (crud_list(&c, e, &q, &out) == 200)
		json_decref(out);
	ctx_clear(&c);
	out = NULL;
	if (crud_count(&c, e, &q, &out) == 200)
		json_decref(out);
	ctx_clear(&c);
	free(s);
	return 0;
}
