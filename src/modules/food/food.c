/* food.c — food-safety supervision sampling (食品安全监督抽检): registration
 * of the area's entities, workflows, endpoints and widgets. */
#include "modules/modules.h"

const role_grant_seed food_grants[] = {{NULL, NULL}};

void food_register(void) {}

int food_demo(zj_ctx *c, FILE *report) { return 0; }
