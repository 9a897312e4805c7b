/* io.h — bulk import and streaming export of any declared entity.
 *
 * Import is all-or-nothing. A first pass validates every row (duplicates
 * too) with no transaction and no write lock — a dry run is only that pass.
 * A clean file is then written in short transactions (batches of at most
 * ZJ_IMPORT_BATCH_MS ms / ZJ_IMPORT_BATCH_ROWS rows), so that other writers
 * (sign-ins, saves) go in between; each committed batch leaves a ledger row
 * (import_batches: the ids it wrote) and an "import_batch" audit record. The
 * last transaction clears the ledger and writes the "import" audit record:
 * from then on the import is complete. If any row fails while written (a
 * value taken meanwhile, a rule of after_write), every committed batch is
 * withdrawn (io_import_withdraw; an "import_withdrawn" audit record each),
 * so in the end either every row is in or none is; while an import runs,
 * its committed rows are visible. A server that stops mid-import leaves the
 * ledger: the periodic recovery withdraws it (jobs.c). The report names each
 * bad row, field, value and reason.
 *
 * Export is a pull iterator over keyset batches, so a million rows go out a
 * chunk at a time, never held in memory. */
#ifndef ZJ_IO_H
#define ZJ_IO_H
#include "core/crud.h"
#include "lib/tabular.h"

typedef void (*io_progress_fn)(void *ud, long done, long total);

/* Returns 200 (result {"inserted","errors":[...]}), 422 when rows are bad
 * (result still set, nothing written), or another status with c->problem. */
int io_import(zj_ctx *c, const entity_def *e, const void *buf, size_t len, tab_format fmt, int dry_run, int64_t job_id,
	      io_progress_fn progress, void *ud, json_t **result);
/* Withdraws the committed batches of import job_id (see above); returns the
 * rows withdrawn, or -1 (what is left stays in the ledger for a retry). */
long io_import_withdraw(zj_ctx *c, int64_t job_id, const char *why);

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
/* A small table that is not an entity's (the audit log) as a whole file in
 * memory: heads an array of column titles, rows an array of arrays of
 * strings (null = empty). Same cells as an entity's export: CSV with the
 * formula guard, XLSX all text. 0, or -1 when the file could not be built. */
int io_table_file(export_format f, const json_t *heads, const json_t *rows, char **data, size_t *len);
/* {dict: {code: label}} for the dictionaries e's fields use, in c's language. */
json_t *io_dict_labels(zj_ctx *c, const entity_def *e);
/* A header-only file to fill in (import template). XLSX: drop-down lists
 * for dictionary and yes/no columns (from a hidden sheet of labels) and a
 * second sheet, 说明, explaining each column. */
int io_template(zj_ctx *c, const entity_def *e, export_format f, char **data, size_t *len);
#endif
