/* openapi.h — the OpenAPI 3.1 document generated from the declarations. */
#ifndef ZJ_OPENAPI_H
#define ZJ_OPENAPI_H
#include <jansson.h>
/* The document as compact JSON text, built once per process. */
const char *openapi_text(void);
#endif
