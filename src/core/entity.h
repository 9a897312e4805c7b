/* entity.h — declare a business entity once. From one `entity_def` the core
 * serves list/get/create/update/soft-delete, validation with field-level
 * errors, CSV/XLSX import and export, audit, history and the console's
 * metadata (GET /api/v1/meta). A module writes C only for its own rules
 * (hooks) and workflows.
 *
 * Every entity table also has the system columns: id, version, created_at,
 * created_by, updated_at, updated_by, owner_unit_id, deleted (and `state`
 * when the entity has a workflow). */
#ifndef ZJ_ENTITY_H
#define ZJ_ENTITY_H

#include <jansson.h>
#include <regex.h>
#include <stdint.h>

struct zj_ctx;
struct workflow_def;

typedef enum {
	FT_TEXT,     /* string */
	FT_INT,      /* integer */
	FT_MONEY,    /* integer fen (分) */
	FT_DECIMAL,  /* decimal string, never a binary float */
	FT_DATE,     /* YYYY-MM-DD */
	FT_DATETIME, /* UTC ISO-8601 instant */
	FT_BOOL,     /* stored 0/1 */
	FT_DICT,     /* code from a dictionary; F_MULTI = comma-joined set */
	FT_REF,      /* id of a row of another entity */
	FT_SECRET,   /* write-only (password hashes): never listed, exported or returned */
} field_type;

enum {
	F_REQUIRED = 1 << 0,
	F_UNIQUE = 1 << 1,   /* among rows not deleted */
	F_LIST = 1 << 2,     /* a column of the list page */
	F_FILTER = 1 << 3,   /* a filter of the list page and API */
	F_SEARCH = 1 << 4,   /* searched by `q` */
	F_SORT = 1 << 5,     /* sortable (must be F_REQUIRED: keyset needs non-NULL keys) */
	F_READONLY = 1 << 6, /* set by the server (hooks, workflow), never by a client */
	F_PERSONAL = 1 << 7, /* personal data: masked without `<entity>.personal` */
	F_MULTI = 1 << 8,    /* FT_DICT with several codes */
	F_NOIMPORT = 1 << 9, /* not a column of import templates */
};

/* A custom check: returns NULL when ok, else a message (zh, en) pair. */
typedef struct field_msg {
	const char *zh, *en;
} field_msg;
typedef const field_msg *(*field_check_fn)(const char *value);

typedef struct field_def {
	const char *name;
	field_type type;
	const char *label_zh, *label_en;
	unsigned flags;
	int min_len, max_len;      /* characters (UTF-8 code points); 0 = no limit */
	int64_t min, max;          /* for INT/MONEY when min < max */
	const char *pattern;       /* POSIX ERE, anchored by the author */
	const char *dict;          /* FT_DICT: dictionary code */
	const char *ref;           /* FT_REF: entity name */
	field_check_fn check;      /* extra rule, e.g. credit code check digit */
	const char *help_zh, *help_en;
} field_def;

/* Hooks a module may give an entity. All run inside the write transaction. */
typedef struct entity_hooks {
	/* Fills defaults / derived fields into `row` before validation (create & update). */
	void (*prepare)(struct zj_ctx *c, json_t *row, const json_t *old);
	/* Extra cross-field rules; append to errors via crud_field_error. */
	void (*validate)(struct zj_ctx *c, const json_t *row, const json_t *old, json_t *errors);
	/* After a successful write (same transaction). Non-zero aborts it. */
	int (*after_write)(struct zj_ctx *c, int64_t id, const json_t *row, const json_t *old);
} entity_hooks;

typedef enum { SCOPE_NONE = 0, SCOPE_OWN = 1, SCOPE_UNIT = 2, SCOPE_JURIS = 4, SCOPE_ALL = 8 } scope_bits;

typedef struct entity_def {
	const char *name;     /* URL segment and permission prefix: "enterprises" */
	const char *table;    /* SQL table */
	const char *label_zh, *label_en;
	const char *menu;     /* menu group: "base", "food", "admin", ... */
	const field_def *fields;
	int nfields;
	const char *label_field;   /* shown for references: "name" */
	const char *juris_field;   /* column holding a jurisdiction id for data scope, or NULL */
	const char *default_sort;  /* "-id" unless given */
	const struct workflow_def *workflow;
	const entity_hooks *hooks;
	unsigned no_create : 1, no_update : 1, no_delete : 1, no_import : 1, system : 1;
} entity_def;

/* ---- registry ---- */
void registry_add(const entity_def *e);
void registry_init(void);                   /* after all registry_add: compiles patterns, checks rules */
const entity_def *registry_find(const char *name);
int registry_count(void);
const entity_def *registry_at(int i);
const field_def *entity_field(const entity_def *e, const char *name);
int entity_field_index(const entity_def *e, const char *name);
/* The compiled pattern of field i (registry_init compiles them once). */
const regex_t *registry_pattern(const entity_def *e, int field_index);

/* Modules register their entities from here (src/modules/modules.c). */
void modules_register(void);

#endif
