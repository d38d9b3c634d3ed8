// Only the reentrant (_r) API: a non-_r call cannot slip in (as Shapely's src/geos.h does).
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
