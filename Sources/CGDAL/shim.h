// GDAL's C API (Debian's libgdal-dev, GDAL 3.6): datasets, OGR layers, features, geometries
// from WKB and spatial references. Only Sources/Frontline/Layer/GDAL.swift uses it.
// Handles are plain `void *` whatever the build: a DEBUG define would turn some into typed
// pointers, so it is cleared here.
#undef DEBUG
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
