/* io.h — bulk import and streaming export of any declared entity.
 * Import is all-or-nothing: a first pass validates every row (duplicates
 * too) with no transaction and no write lock — a dry run is only that pass;
 * a clean file is then inserted inside one transaction. Any bad row means
 * nothing is written, and the report names each bad row, field, value and
 * reason. Export is a pull iterator over keyset batches, so a million rows
 * go out a chunk at a time, never held in memory. */
#ifndef ZJ_IO_H
#define ZJ_IO_H
#include "core/crud.h"
#include "lib/tabular.h"

typedef void (*io_progress_fn)(void *ud, long done, long total);

/* Returns 200 (result {"inserted","errors":[...]}), 422 when rows are bad
 * (result still set, nothing written), or another status with c->problem. */
int io_import(zj_ctx *c, const entity_def *e, const void *buf, size_t len, tab_format fmt, int dry_run,
	      io_progress_fn progress, void *ud, json_t **result);

typedef enum { EXP_CSV, EXP_XLSX, EXP_JSON } export_format;
typedef struct exporter exporter;
/* Checks permission and query; 0 ok else status with c->problem. header_names: column titles are field names. */
int io_export_open(zj_ctx *c, const entity_def *e, const kv_list *q, export_format f, int header_names, exporter **out);
/* From now on each batch of rows takes a connection from pool and gives it
 * back (the web server: no connection is held while the client reads). */
void io_export_use_pool(exporter *x, db_pool *pool);
/* Fills up to max bytes; returns bytes written, 0 at end, -1 on error. */
long io_export_read(exporter *x, char *buf, size_t max);
void io_export_close(exporter *x);
const char *io_export_mime(export_format f);
/* {dict: {code: label}} for the dictionaries e's fields use, in c's language. */
json_t *io_dict_labels(zj_ctx *c, const entity_def *e);
/* A header-only file to fill in (import template). XLSX: drop-down lists
 * for dictionary and yes/no columns (from a hidden sheet of labels) and a
 * second sheet, 说明, explaining each column. */
int io_template(zj_ctx *c, const entity_def *e, export_format f, char **data, size_t *len);
#endif
