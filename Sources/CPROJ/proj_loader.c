// The PROJ functions Frontline calls (CPROJ.h), each forwarding to libproj, opened with
// dlopen on first use, as CGDAL's gdal_loader.c does for GDAL. The definitions are hidden:
// they resolve Swift's calls inside the binary and are never exported. Add a line here for
// each function of proj.h that Swift code calls (the linker names any that is missing).
#define PROJ_DLL __attribute__((visibility("hidden")))
#include "CPROJ.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *library;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_library(void) {
    // The development symlink first (libproj-dev, which building Frontline needs), then
    // the sonames of PROJ 8 and 9 releases, newest first.
    static const char *const names[] = {
        "libproj.so", "libproj.so.26", "libproj.so.25", "libproj.so.24", "libproj.so.23", "libproj.so.22",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (library) return;
        if (i == 0) {
            const char *e = dlerror();
            snprintf(failure, sizeof failure, "cannot load PROJ (install libproj-dev): %s", e ? e : names[i]);
        }
    }
}

int fl_proj_load(char *error, size_t size) {
    pthread_once(&once, open_library);
    if (library) return 0;
    if (error && size > 0) snprintf(error, size, "%s", failure);
    return -1;
}

static void *symbol(const char *name) {
    pthread_once(&once, open_library);
    void *address = library ? dlsym(library, name) : NULL;
    if (!address) {
        fprintf(stderr, "frontline: %s\n", library ? "PROJ lacks a function Frontline uses" : failure);
        fprintf(stderr, "frontline: missing PROJ function %s\n", name);
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

FL_FN(PJ_CONTEXT *, proj_context_create, (void), ())
FL_FN(PJ_CONTEXT *, proj_context_destroy, (PJ_CONTEXT *a0), (a0))
FL_FN(int, proj_context_errno, (PJ_CONTEXT *a0), (a0))
FL_FN(const char *, proj_context_errno_string, (PJ_CONTEXT *a0, int a1), (a0, a1))
FL_FN(PJ_COORD, proj_coord, (double a0, double a1, double a2, double a3), (a0, a1, a2, a3))
FL_FN(PJ *, proj_create, (PJ_CONTEXT *a0, const char *a1), (a0, a1))
FL_FN(PJ *, proj_destroy, (PJ *a0), (a0))
FL_FN(PJ_LOG_LEVEL, proj_log_level, (PJ_CONTEXT *a0, PJ_LOG_LEVEL a1), (a0, a1))
FL_FN(PJ_COORD, proj_trans, (PJ *a0, PJ_DIRECTION a1, PJ_COORD a2), (a0, a1, a2))
FL_FN(size_t, proj_trans_generic, (PJ *a0, PJ_DIRECTION a1, double *a2, size_t a3, size_t a4, double *a5, size_t a6,
                                  size_t a7, double *a8, size_t a9, size_t a10, double *a11, size_t a12, size_t a13),
      (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13))
