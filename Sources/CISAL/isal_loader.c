#include "CISAL.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static void (*inflate_init_function)(struct inflate_state *);
static int (*inflate_function)(struct inflate_state *);
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
// dlerror's text lives only until the next dl call: kept here for the message.
static char load_error[512];

static void load(void) {
    void *library = dlopen("libisal.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason ? reason : "libisal.so.2 could not be loaded");
        return;
    }
    void *init = dlsym(library, "isal_inflate_init");
    void *inflate = dlsym(library, "isal_inflate");
    if (init == NULL || inflate == NULL) {
        snprintf(load_error, sizeof load_error, "libisal.so.2 has no isal_inflate");
        return;
    }
    inflate_init_function = (void (*)(struct inflate_state *))init;
    inflate_function = (int (*)(struct inflate_state *))inflate;
}

int routegraph_isal_load(void) {
    pthread_once(&load_once, load);
    return inflate_function != NULL ? 0 : -1;
}

const char *routegraph_isal_error(void) {
    return load_error[0] != '\0' ? load_error : NULL;
}

void routegraph_isal_inflate_init(struct inflate_state *state) {
    inflate_init_function(state);
}

int routegraph_isal_inflate(struct inflate_state *state) {
    return inflate_function(state);
}
