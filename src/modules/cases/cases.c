/* cases.c — enforcement cases (执法打假), major-penalty consultation
 * (重大行政处罚会商) and complaints (12315/12365): registration. */
#include "modules/modules.h"

const role_grant_seed cases_grants[] = {{NULL, NULL}};

void cases_register(void) {}

int cases_demo(zj_ctx *c, FILE *report) { return 0; }
