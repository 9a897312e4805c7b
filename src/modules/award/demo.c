/* demo.c — placeholder until the demo lands */
#include "modules/award/award.h"
int aw_demo(zj_ctx *c, FILE *report)
{
	(void)c, (void)report;
	return 0;
}
