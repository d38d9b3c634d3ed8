// GDAL's C API (Debian's libgdal-dev, GDAL 3.6): datasets, OGR layers, features, geometries
// from WKB and spatial references. Only Sources/Frontline/Layer/GDAL.swift uses it.
//
// libgdal is not linked: it pulls in some 70 shared libraries whose loading took 30 ms of
// every command's start, though only the layer writers use it. gdal_loader.c defines the
// functions Frontline calls, each forwarding to libgdal, which is opened (dlopen) on the
// first call or by fl_gdal_load().
//
// Handles are plain `void *` whatever the build: a DEBUG define would turn some into typed
// pointers, so it is cleared here.
#ifndef FRONTLINE_CGDAL_H
#define FRONTLINE_CGDAL_H
#undef DEBUG
#include <stddef.h>
#include <gdal/gdal.h>
#include <gdal/ogr_api.h>
#include <gdal/ogr_srs_api.h>
#include <gdal/cpl_conv.h>
#include <gdal/cpl_error.h>
#include <gdal/cpl_string.h>

/// Opens libgdal if it is not open yet. Returns 0 on success; otherwise -1 with the reason
/// in `error` (at most `size` bytes, NUL-terminated). Thread-safe.
int fl_gdal_load(char *error, size_t size);

#endif
