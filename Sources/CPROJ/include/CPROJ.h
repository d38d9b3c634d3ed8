// PROJ for Frontline (Sources/Frontline/Geometry).
//
// - Karney's geodesic routines (ellipsoidal areas and distances): geodesic.h and geodesic.c,
//   copied unchanged from PROJ 9.1.1 (src/geodesic.{c,h}; MIT licence, (c) Charles Karney),
//   the release Debian 12's libproj-dev ships, and compiled into Frontline: the same code and
//   so the same numbers, without loading libproj, which with its ~50 dependencies (curl, TLS,
//   SQLite, TIFF …) took 6 ms of every command's start.
// - PROJ's transformation API (proj.h, from libproj-dev): libproj is not linked; the functions
//   proj_loader.c lists forward to it, opened (dlopen) on first use.
#ifndef FRONTLINE_CPROJ_H
#define FRONTLINE_CPROJ_H
#include "geodesic.h"
#include <proj.h>
#include <stddef.h>

/// Opens libproj if it is not open yet. Returns 0 on success; otherwise -1 with the reason
/// in `error` (at most `size` bytes, NUL-terminated). Thread-safe.
int fl_proj_load(char *error, size_t size);
#endif
