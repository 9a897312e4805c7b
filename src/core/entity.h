/* entity.h — declare a business entity once. From one `entity_def` the core
 * serves list/get/create/update/soft-delete, validation with field-level
 * errors, CSV/XLSX import and export, audit, history and the console's
 * metadata (GET /api/v1/meta). A module writes C only for its own rules
 * (hooks) and workflows.
 *
 * Every entity table also has the system columns (entity_sys_columns below:
 * id, version, created_at, updated_at, created_by, owner_unit_id, updated_by,
 * deleted) and `state` when the entity has a workflow. */
#ifndef ZJ_ENTITY_H
#define ZJ_ENTITY_H

#include <jansson.h>
#include <regex.h>
#include <stdint.h>

struct zj_ctx;
struct workflow_def;
struct strbuf;
struct entity_def;

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
	FT_FILE,     /* a stored file (core/files.h): {"sha256","name","size","mime"}, kept as JSON text */
} field_type;

enum {
	F_REQUIRED = 1 << 0,
	F_UNIQUE = 1 << 1,   /* among rows not deleted */
	F_LIST = 1 << 2,     /* a column of the list page */
	F_FILTER = 1 << 3,   /* a filter of the list page and API */
	F_SEARCH = 1 << 4,   /* searched by `q` */
	F_SORT = 1 << 5,     /* sortable (F_REQUIRED or F_FILLED: keyset needs non-NULL keys) */
	F_READONLY = 1 << 6, /* set by the server (hooks, workflow), never by a client */
	F_PERSONAL = 1 << 7, /* personal data: masked without `<entity>.personal` */
	F_MULTI = 1 << 8,    /* FT_DICT with several codes */
	F_NOIMPORT = 1 << 9, /* not a column of import templates */
	F_FILLED = 1 << 10, /* the server fills it when absent (hooks.prepare): its column may be NOT NULL unrequired */
	/* derived by the server from another field (a file's hash from the file): the console never asks for it */
	F_DERIVED = 1 << 11,
	/* A code people type or quote as written (a login name, a dictionary's
	 * code, a food category's key): the console shows it in a code style and
	 * never in place of a label; a machine key is not a list column where the
	 * row has a name (issue 14 §2). */
	F_CODE = 1 << 12,
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
	int min_len, max_len; /* characters (UTF-8 code points); 0 = no limit */
	int64_t min, max;     /* for INT/MONEY when min < max */
	const char *pattern;  /* POSIX ERE, anchored by the author */
	const char *dict;     /* FT_DICT: dictionary code */
	const char *ref;      /* FT_REF: entity name */
	field_check_fn check; /* extra rule, e.g. credit code check digit */
	const char *help_zh, *help_en;
	/* The workflow state from which the record shows the field (the
	 * console hides it before). NULL: derived from the workflow — the
	 * target of the first step that requires it, else the initial state
	 * (workflow_field_stage). */
	const char *stage;
	const char *unit; /* shown beside a number: "kg", "mg/kg", "件" (money is always 元) */
	/* FT_TEXT holding comma-joined codes of rows of this entity (a sample's
	 * test items: analyte codes): the console shows their names (issue 14 §2). */
	const char *codes_of;
	/* FT_FILE: accepted media types, "image/ and application/pdf" (comma-joined,
	 * image/ star allowed); NULL = any the store takes */
	const char *accept;
	/* A value derived on read (issue 19 §3: derived texts stored once, not
	 * per row): the SQL expression over the row (alias t) the SELECT reads
	 * instead of the stored column, and/or a function turning the selected
	 * text into the value served (malloc'ed; NULL = the text as selected).
	 * Writes, filters and sorts still use the stored column. */
	const char *read_sql;
	char *(*render)(const char *text);
} field_def;

/* Hooks a module may give an entity. All run inside the write transaction. */
typedef struct entity_hooks {
	/* Fills defaults / derived fields into `row` before validation (create & update). */
	void (*prepare)(struct zj_ctx *c, json_t *row, const json_t *old);
	/* Extra cross-field rules; append to errors via crud_field_error. */
	void (*validate)(struct zj_ctx *c, const json_t *row, const json_t *old, json_t *errors);
	/* After a successful write (same transaction). Non-zero aborts it. */
	int (*after_write)(struct zj_ctx *c, int64_t id, const json_t *row, const json_t *old);
	/* SCOPE_ASSIGNED: appends an SQL condition on alias t (e.g. "t.id IN (SELECT case_id FROM referrals WHERE unit_id = ?)") and its params. */
	void (*assigned_sql)(struct zj_ctx *c, struct strbuf *sql, json_t *params);
} entity_hooks;

/* Data scopes a role's grant carries. SCOPE_ASSIGNED is "records assigned to
 * me or my unit" as the entity defines it (hooks.assigned_sql): a consulting
 * agency sees only the cases referred to it, an expert only the applications
 * assigned to them. */
typedef enum {
	SCOPE_NONE = 0,
	SCOPE_OWN = 1,
	SCOPE_UNIT = 2,
	SCOPE_JURIS = 4,
	SCOPE_ALL = 8,
	SCOPE_ASSIGNED = 16
} scope_bits;


/* What a module's custom endpoint returns: JSON, or a body of another type
 * (printable HTML documents, CSV open data). */
typedef struct action_result {
	json_t *json;
	char *body;        /* malloc'ed; used when json is NULL */
	const char *ctype; /* of body */
	size_t len;        /* of a binary body (an image); 0 = a text body, its strlen */
} action_result;

/* What an action did, in words, for the person who pressed its button
 * (entity_action.button): sets "summary": {"zh", "en"} on out->json, an
 * object already made. */
void action_summary(action_result *out, const char *zh, const char *en);

/* A module's own endpoint on an entity:
 *   on_record = 1: METHOD /api/v1/{entity}/{id}/actions/{name}
 *   on_record = 0: METHOD /api/v1/{entity}/actions/{name}
 * The core checks `perm` (and, on a record, that it is in the user's read
 * scope) before calling fn. fn returns an HTTP status (problem set via ctx_problem). */
typedef struct entity_action {
	const char *name;
	const char *method;
	const char *perm; /* NULL → "<entity>.read" */
	int on_record;
	int (*fn)(struct zj_ctx *c, const struct entity_def *e, int64_t id, const void *query /* kv_list */,
		  json_t *body, action_result *out);
	/* An action that takes a file (a POST body over the default 1 MiB)
	 * declares its body limit here; the server reads no more. 0 = default. */
	size_t body_limit;
	/* What the permission of an action of its own allows, in words, for the
	 * permission matrix ("运行到期检查"); an action under a standard
	 * permission (read, update ...) needs none. */
	const char *label_zh, *label_en;
	/* 1: the console shows the action as a button (labelled as above) on
	 * the list (on_record 0) or on the record (on_record 1) to those who
	 * hold its permission; it posts no body but the one value it asks for. */
	int button;
	/* the value the button asks for before it posts: "month" (YYYY-MM,
	 * the coming month offered) sent as {"month": ...}; "selection" (a
	 * list's button) the rows ticked on the list, sent as {"ids": [...]},
	 * the button pressable only with a row ticked; NULL: none */
	const char *button_asks;
	/* 1: a GET that writes nothing (no audit record, no job, no mark):
	 * `serve --read-db` may answer it from the read replica. 0: the primary. */
	int read_only;
} entity_action;

/* Public endpoints (no sign-in): METHOD /api/v1/public/{name}. */
typedef struct public_endpoint {
	const char *name;
	const char *method;
	int (*fn)(struct zj_ctx *c, const void *query /* kv_list */, json_t *body, action_result *out);
} public_endpoint;

/* Dashboard widgets: each returns a JSON object {"title":{"zh","en"},"kind",...} or NULL when not for this user;
 * a query that failed: ctx_internal and NULL, and the dashboard answers 500 (never a part of it). */
typedef json_t *(*widget_fn)(struct zj_ctx *c);

/* A widget as an area declares it (module_def.widgets, ending with fn NULL):
 * whom it is for, so that a user's dashboard holds only the widgets of their
 * work (issue 14 §4; the core filters, core/dashboard.c). The widget is for
 * a user who holds any permission of `perms` or any role of `roles` (both
 * comma-joined); both NULL: every signed-in user. The function still sees
 * the user's data scope and may answer NULL (nothing to show). */
typedef struct widget_def {
	const char *id; /* stable, unique: "food_kpi" */
	widget_fn fn;
	const char *perms; /* "food_plans.t.approve,cases.stats" */
	const char *roles; /* "director" */
} widget_def;

typedef struct entity_def {
	const char *name;  /* URL segment and permission prefix: "enterprises" */
	const char *table; /* SQL table */
	const char *label_zh, *label_en;
	const char *menu; /* menu group: "base", "food", "admin", ... */
	const field_def *fields;
	int nfields;
	const char *label_field;  /* shown for references: "name" */
	const char *juris_field;  /* column holding a jurisdiction id for data scope, or NULL */
	const char *default_sort; /* "-id" unless given */
	const char *internal; /* columns of the table the core does not serve (a module's bookkeeping), comma-joined */
	const struct workflow_def *workflow;
	const entity_hooks *hooks;
	const entity_action *actions;
	int nactions;
	unsigned no_create : 1, no_update : 1, no_delete : 1, no_import : 1, system : 1;
	/* The columns a list shows first, comma-joined (issue 14 §1: the state,
	 * verdict, deadline and jurisdiction visible at 1366 wide); "state" is the
	 * workflow state, "deadline" the open deadline's countdown. NULL: the
	 * console shows the first list field, then "state,deadline" for a workflow
	 * entity, then the other fields marked list. */
	const char *first_columns;
	/* Counts of the live rows by key columns the core keeps at every write
	 * (core/tally.h), for a count too large to walk per request: an array
	 * ending with {NULL}; or NULL. */
	const struct tally_def *tally;
} entity_def;

/* The system columns every entity table has, declared once: the core reads
 * and writes them (crud.c), GET /api/v1/meta and the OpenAPI document export
 * them, `zhijian schema-check` checks them. The first `in_row` ones, in this
 * order, are returned with every row. */
typedef struct sys_column {
	const char *name;
	field_type type;
	const char *ref;       /* FT_REF: entity name */
	unsigned in_row : 1;   /* returned with rows (read-only to clients) */
	unsigned required : 1; /* NOT NULL in the schema */
	const char *label_zh, *label_en;
} sys_column;
extern const sys_column entity_sys_columns[];
extern const int entity_nsys_columns;
/* The system column of that name, or NULL. */
const sys_column *entity_sys_column(const char *name);

/* ---- permissions ----
 * What a grant may name: for every entity "<entity>.<op>" with op one of
 * read create update delete import export personal, each workflow step's
 * perm ("<entity>.t.<step>" unless it names another), each action's perm,
 * and the platform permissions registered with registry_add_perm (checked
 * by code outside any entity: audit.read, jobs.read ...). registry_init
 * refuses a grant registered with registry_add_grants that names anything
 * else, or a scope other than all juris unit own assigned. */
void registry_add_perm(const char *perm);
void registry_add_grants(const char *role, const char *grants /* "perm:scope perm:scope ..." */);
int registry_perm_known(const char *perm);
/* The number of bad "perm:scope" entries among the registered grants (each
 * printed to stderr); registry_init aborts when there is any. */
int registry_check_grants(void);

/* ---- registry ---- */
void registry_add(const entity_def *e);
void registry_init(void); /* after all registry_add: compiles patterns, checks rules */
const entity_def *registry_find(const char *name);
int registry_count(void);
const entity_def *registry_at(int i);
const field_def *entity_field(const entity_def *e, const char *name);
int entity_field_index(const entity_def *e, const char *name);
/* The compiled pattern of field i (registry_init compiles them once). */
const regex_t *registry_pattern(const entity_def *e, int field_index);

void registry_add_public(const public_endpoint *p);
const public_endpoint *registry_public(const char *name, const char *method);
int registry_public_count(void);
const public_endpoint *registry_public_at(int i);
void registry_add_widget(const widget_def *w);
int registry_widget_count(void);
const widget_def *registry_widget_at(int i);
const entity_action *entity_find_action(const entity_def *e, const char *name, const char *method, int on_record);

/* Registers every business area of the list (core/module.h, module.c). */
void modules_register(void);

#endif
