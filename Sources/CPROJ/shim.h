// Karney's geodesic algorithms as shipped in PROJ (ellipsoidal areas and distances).
#include <geodesic.h>
