/* replica.h — a streaming read replica beside the primary (issue 19 §5):
 * its own connection pool, and a background thread that measures its lag
 * every second (`now() - pg_last_xact_replay_timestamp()` on the replica)
 * so that the web layer knows, per request, whether reads may go there.
 *
 * What may go to the replica is declared where the routes are (web/api.c
 * `reads_only`, entity_action.read_only); everything else, and everything
 * while the replica lags beyond its bound or does not answer, goes to the
 * primary. A session that has just written reads from the primary for the
 * replica's lag plus a margin (db_replica_pin_ms), so it reads its write. */
#ifndef ZJ_DB_REPLICA_H
#define ZJ_DB_REPLICA_H

#include "db/db.h"

typedef struct db_replica db_replica;

/* Opens the pool (size connections) and, on PostgreSQL, starts the lag
 * thread; a replica that does not answer yet is only reported on stderr
 * (the node must start in an outage: reads go to the primary meanwhile). max_lag_ms: beyond it
 * the replica is not used. A SQLite URI is accepted for the unit tests
 * only (`zhijian serve` refuses it): connections are then query_only and
 * the lag is 0. NULL with err set on failure. */
db_replica *db_replica_new(const char *uri, int size, int max_lag_ms, char *err, size_t errlen);
void db_replica_free(db_replica *rp);

/* 1 when reads may go to the replica now: a lag sample younger than 3 s
 * within the bound. */
int db_replica_usable(db_replica *rp);
/* How long, in ms, a session that has just written must read from the
 * primary: the highest lag of the last samples, plus the sampling period
 * and a margin. */
int64_t db_replica_pin_ms(db_replica *rp);

/* A connection of the replica's pool (a short wait), or NULL: the caller
 * then stays on the primary. Give it back with db_replica_put. */
db *db_replica_get(db_replica *rp);
void db_replica_put(db_replica *rp, db *d);
/* A statement failed on the replica: the connection is closed and reads go
 * to the primary until the next good lag sample. */
void db_replica_failed(db_replica *rp, db *d);
/* The pool itself, for readers that take connections per batch (exports). */
db_pool *db_replica_pool(db_replica *rp);

/* Sessions that wrote lately (this node): pin until now + pin_ms. */
void db_replica_pin(db_replica *rp, int64_t session_id);
int db_replica_pinned(db_replica *rp, int64_t session_id);

/* Counted by the web layer: a read served by the replica, a read that
 * could have gone there but went to the primary (lag, replica down, the
 * session's own write, no free connection). */
void db_replica_count(db_replica *rp, int served_by_replica);

/* Prometheus lines (zhijian_replica_*) into buf; "" when rp is NULL. */
void db_replica_metrics(db_replica *rp, char *buf, size_t len);

/* Milliseconds of a monotonic clock (the pins and the samples' age). */
int64_t db_replica_now_ms(void);

#endif
