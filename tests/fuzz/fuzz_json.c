/* fuzz_json.c — JSON request bodies through the entity layer: parse as the
 * server does (jansson, duplicates rejected), then crud_create and
 * crud_update of an enterprise on a real SQLite database (coercion,
 * validation, hooks, insert, audit), as the director. */
#include "core/crud.h"
#include "zjfuzz.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static db *d;

static int setup(void)
{
	char path[64];
	d = zj_fuzz_demo_db("json", path, sizeof path);
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
	if (!ready)
		return 0;
	json_t *b = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!b)
		return 0;
	zj_ctx c;
	ctx_init(&c, d);
	const entity_def *e = registry_find("enterprises");
	json_t *out = NULL;
	if (crud_create(&c, e, b, &out) == 201)
		json_decref(out);
	ctx_clear(&c);
	out = NULL;
	if (crud_update(&c, e, 1, (int64_t)(size % 3) - 1, b, &out) == 200)
		json_decref(out);
	ctx_clear(&c);
	json_decref(b);
	return 0;
}
