// Karney's geodesic algorithms as shipped in PROJ (ellipsoidal areas and distances).
#include <geodesic.h>
// PROJ's transformation API (map projections for drawing; Geometry/Projection.swift).
#include <proj.h>
