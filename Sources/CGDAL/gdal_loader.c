// The GDAL functions Frontline calls (CGDAL.h), each forwarding to libgdal, opened with
// dlopen on first use so that commands that write no layer do not load it (and its ~70
// dependencies) at start. The definitions are hidden: they resolve Swift's calls inside the
// binary and are never exported, so libgdal's own calls never reach them.
//
// Each wrapper's parameter list is the header's declaration (the compiler checks that they
// match); the list follows the functions Layer/GDAL.swift uses.
#define CPL_DLL __attribute__((visibility("hidden")))
#include "CGDAL.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *library;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_library(void) {
    // The development symlink first (libgdal-dev, which building Frontline needs), then
    // the sonames of GDAL 3.x releases, newest first.
    static const char *const names[] = {
        "libgdal.so", "libgdal.so.38", "libgdal.so.37", "libgdal.so.36", "libgdal.so.35", "libgdal.so.34",
        "libgdal.so.33", "libgdal.so.32", "libgdal.so.31", "libgdal.so.30", "libgdal.so.29", "libgdal.so.28",
    };
    const char *first = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (library) return;
        if (!first) {
            const char *e = dlerror();
            first = e ? e : names[i];
            snprintf(failure, sizeof failure, "cannot load GDAL (install libgdal-dev): %s", first);
        }
    }
}

int fl_gdal_load(char *error, size_t size) {
    pthread_once(&once, open_library);
    if (library) return 0;
    if (error && size > 0) snprintf(error, size, "%s", failure);
    return -1;
}

static void *symbol(const char *name) {
    pthread_once(&once, open_library);
    void *address = library ? dlsym(library, name) : NULL;
    if (!address) {
        // Only reached when GDAL.swift calls a function before fl_gdal_load() succeeded, or
        // a GDAL without it: a programming error, not a user's.
        fprintf(stderr, "frontline: %s\n", library ? "GDAL lacks a function Frontline uses" : failure);
        fprintf(stderr, "frontline: missing GDAL function %s\n", name);
        abort();
    }
    return address;
}

#define FL_FN(ret, name, params, args) \
    __attribute__((visibility("hidden"))) ret name params { \
        static ret (*fn) params; \
        if (!fn) fn = (ret (*) params)symbol(#name); \
        return fn args; \
    }
#define FL_VOID(name, params, args) \
    __attribute__((visibility("hidden"))) void name params { \
        static void (*fn) params; \
        if (!fn) fn = (void (*) params)symbol(#name); \
        fn args; \
    }

FL_VOID(CPLErrorReset, (void), ())
FL_FN(const char *, CPLGetLastErrorMsg, (void), ())
FL_VOID(CPLQuietErrorHandler, (CPLErr a0, CPLErrorNum a1, const char *a2), (a0, a1, a2))
FL_FN(CPLErrorHandler, CPLSetErrorHandler, (CPLErrorHandler a0), (a0))
FL_VOID(GDALAllRegister, (void), ())
FL_VOID(GDALClose, (GDALDatasetH a0), (a0))
FL_FN(GDALDatasetH, GDALCreate, (GDALDriverH a0, const char *a1, int a2, int a3, int a4, GDALDataType a5, CSLConstList a6), (a0, a1, a2, a3, a4, a5, a6))
FL_FN(OGRErr, GDALDatasetCommitTransaction, (GDALDatasetH a0), (a0))
FL_FN(OGRLayerH, GDALDatasetCreateLayer, (GDALDatasetH a0, const char *a1, OGRSpatialReferenceH a2, OGRwkbGeometryType a3, CSLConstList a4), (a0, a1, a2, a3, a4))
FL_FN(OGRLayerH, GDALDatasetGetLayer, (GDALDatasetH a0, int a1), (a0, a1))
FL_FN(OGRLayerH, GDALDatasetGetLayerByName, (GDALDatasetH a0, const char *a1), (a0, a1))
FL_FN(int, GDALDatasetGetLayerCount, (GDALDatasetH a0), (a0))
FL_FN(OGRErr, GDALDatasetRollbackTransaction, (GDALDatasetH a0), (a0))
FL_FN(OGRErr, GDALDatasetStartTransaction, (GDALDatasetH a0, int a1), (a0, a1))
FL_FN(GDALDriverH, GDALGetDatasetDriver, (GDALDatasetH a0), (a0))
FL_FN(GDALDriverH, GDALGetDriverByName, (const char *a0), (a0))
FL_FN(const char *, GDALGetDriverShortName, (GDALDriverH a0), (a0))
FL_FN(GDALDatasetH, GDALOpenEx, (const char *a0, unsigned int a1, const char *const *a2, const char *const *a3, const char *const *a4), (a0, a1, a2, a3, a4))
FL_FN(const char *, OGRGeometryTypeToName, (OGRwkbGeometryType a0), (a0))
FL_FN(int, OGR_FD_GetFieldCount, (OGRFeatureDefnH a0), (a0))
FL_FN(OGRFieldDefnH, OGR_FD_GetFieldDefn, (OGRFeatureDefnH a0, int a1), (a0, a1))
FL_FN(OGRFeatureH, OGR_F_Create, (OGRFeatureDefnH a0), (a0))
FL_VOID(OGR_F_Destroy, (OGRFeatureH a0), (a0))
FL_FN(int, OGR_F_GetFieldAsDateTime, (OGRFeatureH a0, int a1, int *a2, int *a3, int *a4, int *a5, int *a6, int *a7, int *a8), (a0, a1, a2, a3, a4, a5, a6, a7, a8))
FL_FN(double, OGR_F_GetFieldAsDouble, (OGRFeatureH a0, int a1), (a0, a1))
FL_FN(int, OGR_F_GetFieldAsInteger, (OGRFeatureH a0, int a1), (a0, a1))
FL_FN(const char *, OGR_F_GetFieldAsString, (OGRFeatureH a0, int a1), (a0, a1))
FL_FN(OGRGeometryH, OGR_F_GetGeometryRef, (OGRFeatureH a0), (a0))
FL_FN(int, OGR_F_IsFieldSetAndNotNull, (OGRFeatureH a0, int a1), (a0, a1))
FL_VOID(OGR_F_SetFieldDateTime, (OGRFeatureH a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8), (a0, a1, a2, a3, a4, a5, a6, a7, a8))
FL_VOID(OGR_F_SetFieldDouble, (OGRFeatureH a0, int a1, double a2), (a0, a1, a2))
FL_VOID(OGR_F_SetFieldInteger, (OGRFeatureH a0, int a1, int a2), (a0, a1, a2))
FL_VOID(OGR_F_SetFieldNull, (OGRFeatureH a0, int a1), (a0, a1))
FL_VOID(OGR_F_SetFieldString, (OGRFeatureH a0, int a1, const char *a2), (a0, a1, a2))
FL_FN(OGRErr, OGR_F_SetGeometryDirectly, (OGRFeatureH a0, OGRGeometryH a1), (a0, a1))
FL_FN(OGRFieldDefnH, OGR_Fld_Create, (const char *a0, OGRFieldType a1), (a0, a1))
FL_VOID(OGR_Fld_Destroy, (OGRFieldDefnH a0), (a0))
FL_FN(const char *, OGR_Fld_GetNameRef, (OGRFieldDefnH a0), (a0))
FL_FN(OGRFieldType, OGR_Fld_GetType, (OGRFieldDefnH a0), (a0))
FL_FN(OGRErr, OGR_G_CreateFromWkb, (const void *a0, OGRSpatialReferenceH a1, OGRGeometryH *a2, int a3), (a0, a1, a2, a3))
FL_FN(OGRErr, OGR_G_ExportToWkb, (OGRGeometryH a0, OGRwkbByteOrder a1, unsigned char *a2), (a0, a1, a2))
FL_FN(int, OGR_G_WkbSize, (OGRGeometryH a0), (a0))
FL_FN(OGRErr, OGR_L_CreateFeature, (OGRLayerH a0, OGRFeatureH a1), (a0, a1))
FL_FN(OGRErr, OGR_L_CreateField, (OGRLayerH a0, OGRFieldDefnH a1, int a2), (a0, a1, a2))
FL_FN(OGRwkbGeometryType, OGR_L_GetGeomType, (OGRLayerH a0), (a0))
FL_FN(OGRFeatureDefnH, OGR_L_GetLayerDefn, (OGRLayerH a0), (a0))
FL_FN(const char *, OGR_L_GetName, (OGRLayerH a0), (a0))
FL_FN(OGRFeatureH, OGR_L_GetNextFeature, (OGRLayerH a0), (a0))
FL_FN(OGRSpatialReferenceH, OGR_L_GetSpatialRef, (OGRLayerH a0), (a0))
FL_VOID(OGR_L_ResetReading, (OGRLayerH a0), (a0))
FL_FN(const char *, OSRGetAuthorityCode, (OGRSpatialReferenceH a0, const char *a1), (a0, a1))
FL_FN(const char *, OSRGetAuthorityName, (OGRSpatialReferenceH a0, const char *a1), (a0, a1))
FL_FN(OGRErr, OSRImportFromEPSG, (OGRSpatialReferenceH a0, int a1), (a0, a1))
FL_FN(OGRSpatialReferenceH, OSRNewSpatialReference, (const char *a0), (a0))
FL_VOID(OSRRelease, (OGRSpatialReferenceH a0), (a0))
FL_VOID(OSRSetAxisMappingStrategy, (OGRSpatialReferenceH a0, OSRAxisMappingStrategy a1), (a0, a1))
FL_VOID(OGR_F_SetFieldInteger64, (OGRFeatureH a0, int a1, GIntBig a2), (a0, a1, a2))
FL_FN(GIntBig, OGR_F_GetFieldAsInteger64, (OGRFeatureH a0, int a1), (a0, a1))
FL_FN(char **, CSLAddString, (char **a0, const char *a1), (a0, a1))
FL_VOID(CSLDestroy, (char **a0), (a0))
