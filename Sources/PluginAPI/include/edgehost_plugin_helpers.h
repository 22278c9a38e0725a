/*
 * edgehost_plugin_helpers.h — small static inline helpers for packs written in C.
 *
 * Optional: a pack may use Arrow C++, nanoarrow or arrow-rs instead. These helpers cover
 * what a simple C pack needs without any Arrow library, using only libc:
 *   - edgehost_set_error         per-object error messages for `last_error`
 *   - edgehost_column_*          read float64 / int64 / timestamp columns of an input batch
 *   - edgehost_builder_*         build an output record batch and export it (moving ownership)
 *   - edgehost_schema_*, edgehost_array_node   heap-owned Arrow nodes with release callbacks
 *   - edgehost_stream_init       an ArrowArrayStream over batches that are already built
 *
 * Everything the helpers export follows the Arrow C Data Interface: every node (top level
 * and children) has a release callback; the consumer releases the top-level struct only, the
 * parent's release releases the children, and release sets `release` to NULL. A consumer may
 * move a child out (copy it, then set the original's release to NULL): the parent skips it.
 * Buffers are 64-byte aligned (aligned_alloc) and never NULL; validity buffers are NULL.
 * Allocation uses libc malloc/free, never the host's alloc.
 *
 * Causality from parameters (ABI 1.1). A descriptor's lookback_* and horizon_* are static
 * defaults for listing. When a parameter changes them (`period`, `window`, `horizon`), set the
 * instance's `lookback` (indicators) or `horizon` (labelers) member in `create` to a function
 * that reports the instance's own numbers; the host fetches history and runs every causality
 * check with them (a 1.0 instance, or NULL, keeps the descriptor's):
 *
 *     static edgehost_status_t my_lookback(const edgehost_indicator_t* self, int64_t* bars, int64_t* ns) {
 *         *bars = ((const my_indicator_t*)self->state)->window;  // history before the first valid value
 *         *ns = 0;
 *         return EDGEHOST_OK;
 *     }
 *     inst->api = (edgehost_indicator_t){ EDGEHOST_HEADER(edgehost_indicator_t), inst, my_last_error,
 *                                         my_destroy, my_compute, my_lookback };
 *
 * A labeler's label_end_ts is the start of the last bar it uses plus the adapter's
 * availability lag (see edgehost_labeler_t); the build and `pack verify` refuse a label that
 * ends more than horizon_ns after its decision or looks more than horizon_bars bars ahead.
 */
#ifndef EDGEHOST_PLUGIN_HELPERS_H
#define EDGEHOST_PLUGIN_HELPERS_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edgehost_plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define EDGEHOST_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define EDGEHOST_PRINTF_LIKE(fmt, args)
#endif

/* ---- Errors ------------------------------------------------------------------------- */

/* Formats a message into `buf` (`size` bytes, owned by the caller, typically a char array
 * in the instance's state), truncating if needed and always NUL-terminating. Return `buf`
 * from `last_error`: it stays valid until the next call overwrites it. */
static inline void edgehost_set_error(char* buf, size_t size, const char* fmt, ...) EDGEHOST_PRINTF_LIKE(3, 4);
static inline void edgehost_set_error(char* buf, size_t size, const char* fmt, ...) {
    va_list args;
    if (buf == NULL || size == 0) return;
    va_start(args, fmt);
    if (vsnprintf(buf, size, fmt, args) < 0) buf[0] = '\0';
    va_end(args);
}

/* ---- Memory -------------------------------------------------------------------------- */

/* malloc'd copy of `s` (NULL stays NULL, or NULL when out of memory); free() it. */
static inline char* edgehost_strdup(const char* s) {
    size_t n = s != NULL ? strlen(s) + 1 : 0;
    char* copy = s != NULL ? (char*)malloc(n) : NULL;
    if (copy != NULL) memcpy(copy, s, n);
    return copy;
}

/* An Arrow buffer of at least `size` bytes (and at least 64, so never NULL for size 0),
 * 64-byte aligned under C11; NULL only when out of memory. Free with free(). */
static inline void* edgehost_buffer_alloc(size_t size) {
    size_t rounded = size == 0 ? 64u : (size + 63u) & ~(size_t)63u;
    if (rounded < size) return NULL; /* overflow */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
    return aligned_alloc(64, rounded);
#else
    return malloc(rounded);
#endif
}

/* ---- Reading input batches ----------------------------------------------------------- */

/* Index of the column called `name` in a record batch schema (format "+s"), or -1 when the
 * schema is not a record batch or has no such column. */
static inline int64_t edgehost_column_index(const struct ArrowSchema* schema, const char* name) {
    int64_t i;
    if (schema == NULL || schema->format == NULL || strcmp(schema->format, "+s") != 0) return -1;
    for (i = 0; i < schema->n_children; i++) {
        const struct ArrowSchema* child = schema->children[i];
        if (child != NULL && child->name != NULL && strcmp(child->name, name) == 0) return i;
    }
    return -1;
}

/* True when `a` may hold nulls: a non-zero (or unknown, -1) null_count with a validity
 * buffer. Without a validity buffer there are no nulls, whatever null_count says. */
static inline int edgehost_impl_has_nulls(const struct ArrowArray* a) {
    return a->null_count != 0 && a->n_buffers > 0 && a->buffers[0] != NULL;
}

/* Shared by edgehost_column_f64/_i64: checks the column and returns its values buffer,
 * already advanced by the batch's and the column's offsets; NULL with a message in `err`. */
static inline const void* edgehost_impl_column(const struct ArrowSchema* schema, const struct ArrowArray* batch,
                                               const char* name, int want_f64, char* err, size_t err_size) {
    static const int64_t no_rows[1] = {0};
    const struct ArrowSchema* cs;
    const struct ArrowArray* ca;
    int64_t i = edgehost_column_index(schema, name);
    if (i < 0) {
        edgehost_set_error(err, err_size, "input column '%s' not found", name);
        return NULL;
    }
    if (batch == NULL || batch->n_children != schema->n_children || edgehost_impl_has_nulls(batch)) {
        edgehost_set_error(err, err_size, "input batch does not match its schema or has null rows");
        return NULL;
    }
    cs = schema->children[i];
    ca = batch->children[i];
    if (cs->format == NULL || (want_f64 ? strcmp(cs->format, "g") != 0
                                        : strcmp(cs->format, "l") != 0 && strncmp(cs->format, "tsn:", 4) != 0)) {
        edgehost_set_error(err, err_size, "input column '%s' has Arrow format \"%s\", expected %s", name,
                           cs->format ? cs->format : "", want_f64 ? "float64 \"g\"" : "\"tsn:UTC\" or int64 \"l\"");
        return NULL;
    }
    if (ca == NULL || edgehost_impl_has_nulls(ca)) {
        edgehost_set_error(err, err_size, "input column '%s' has nulls (null_count %lld); use NaN for missing values",
                           name, ca ? (long long)ca->null_count : -1LL);
        return NULL;
    }
    if (ca->n_buffers != 2 || ca->length < batch->offset + batch->length ||
        (ca->buffers[1] == NULL && batch->length > 0)) {
        edgehost_set_error(err, err_size, "input column '%s' has malformed buffers", name);
        return NULL;
    }
    if (ca->buffers[1] == NULL) return no_rows; /* zero rows: nothing will be read */
    return (const char*)ca->buffers[1] + (size_t)(ca->offset + batch->offset) * 8u;
}

/* The `batch->length` float64 values of column `name` ("g"), or NULL with a message in `err`
 * (`err_size` bytes) when the column is missing, has another format or has nulls. The
 * pointer borrows from `batch`: valid only while the batch is (a host input: the call). */
static inline const double* edgehost_column_f64(const struct ArrowSchema* schema, const struct ArrowArray* batch,
                                                const char* name, char* err, size_t err_size) {
    return (const double*)edgehost_impl_column(schema, batch, name, 1, err, err_size);
}

/* As edgehost_column_f64 for an int64 column: "tsn:UTC" (any "tsn:" zone) or "l". */
static inline const int64_t* edgehost_column_i64(const struct ArrowSchema* schema, const struct ArrowArray* batch,
                                                 const char* name, char* err, size_t err_size) {
    return (const int64_t*)edgehost_impl_column(schema, batch, name, 0, err, err_size);
}

/* ---- Heap-owned Arrow nodes ---------------------------------------------------------- */

/* Release callback of every schema node made here: releases the children (skipping moved
 * ones) and the dictionary, frees them and the strings, and marks the node released. */
static inline void edgehost_schema_release(struct ArrowSchema* s) {
    int64_t i;
    for (i = 0; s->children != NULL && i < s->n_children; i++) {
        if (s->children[i] != NULL && s->children[i]->release != NULL) s->children[i]->release(s->children[i]);
        free(s->children[i]);
    }
    free(s->children);
    if (s->dictionary != NULL && s->dictionary->release != NULL) s->dictionary->release(s->dictionary);
    free(s->dictionary);
    free((void*)s->format);
    free((void*)s->name);
    free((void*)s->metadata);
    s->release = NULL;
}

/* Makes `s` a releasable node with copies of `format` and `name` and `n_children` empty
 * (released, zeroed) child nodes to fill. Returns 0, or ENOMEM; either way `s` must later
 * be released through s->release. */
static inline int edgehost_schema_node(struct ArrowSchema* s, const char* format, const char* name,
                                       int64_t n_children) {
    int64_t i;
    memset(s, 0, sizeof *s);
    s->release = edgehost_schema_release;
    s->format = edgehost_strdup(format);
    s->name = edgehost_strdup(name);
    if (s->format == NULL || (name != NULL && s->name == NULL)) return ENOMEM;
    if (n_children == 0) return 0;
    s->children = (struct ArrowSchema**)calloc((size_t)n_children, sizeof *s->children);
    if (s->children == NULL) return ENOMEM;
    s->n_children = n_children;
    for (i = 0; i < n_children; i++) {
        s->children[i] = (struct ArrowSchema*)calloc(1, sizeof **s->children);
        if (s->children[i] == NULL) return ENOMEM;
    }
    return 0;
}

/* Length of Arrow schema metadata (int32 count, then int32-length-prefixed keys and values). */
static inline size_t edgehost_impl_metadata_size(const char* metadata) {
    int32_t count, len, i;
    size_t size = 4;
    if (metadata == NULL) return 0;
    memcpy(&count, metadata, 4);
    for (i = 0; i < 2 * count; i++) {
        memcpy(&len, metadata + size, 4);
        size += 4 + (size_t)len;
    }
    return size;
}

/* Deep copy of `src` (any schema) into `dst`, which the caller then owns and releases.
 * Returns 0, or ENOMEM with `dst` still releasable. Used by get_schema of streams. */
static inline int edgehost_schema_copy(const struct ArrowSchema* src, struct ArrowSchema* dst) {
    int64_t i;
    size_t meta = edgehost_impl_metadata_size(src->metadata);
    int rc = edgehost_schema_node(dst, src->format, src->name, src->n_children);
    dst->flags = src->flags;
    for (i = 0; rc == 0 && i < src->n_children; i++) rc = edgehost_schema_copy(src->children[i], dst->children[i]);
    if (rc == 0 && meta > 0) {
        dst->metadata = (const char*)malloc(meta);
        if (dst->metadata == NULL) return ENOMEM;
        memcpy((void*)dst->metadata, src->metadata, meta);
    }
    if (rc == 0 && src->dictionary != NULL) {
        dst->dictionary = (struct ArrowSchema*)calloc(1, sizeof *dst->dictionary);
        if (dst->dictionary == NULL) return ENOMEM;
        rc = edgehost_schema_copy(src->dictionary, dst->dictionary);
    }
    return rc;
}

/* Release callback of every array node made here: frees every buffer, releases and frees
 * the children (skipping moved ones), and marks the node released. */
static inline void edgehost_array_release(struct ArrowArray* a) {
    int64_t i;
    for (i = 0; a->buffers != NULL && i < a->n_buffers; i++) free((void*)a->buffers[i]);
    free((void*)a->buffers);
    for (i = 0; a->children != NULL && i < a->n_children; i++) {
        if (a->children[i] != NULL && a->children[i]->release != NULL) a->children[i]->release(a->children[i]);
        free(a->children[i]);
    }
    free(a->children);
    a->release = NULL;
}

/* Makes `a` a releasable node of `length` rows (offset 0, null_count 0) with `n_buffers`
 * NULL buffer slots (assign malloc'd buffers; release frees them) and `n_children` empty
 * child nodes. Returns 0, or ENOMEM; either way `a` must later be released. */
static inline int edgehost_array_node(struct ArrowArray* a, int64_t length, int64_t n_buffers, int64_t n_children) {
    int64_t i;
    memset(a, 0, sizeof *a);
    a->release = edgehost_array_release;
    a->length = length;
    a->buffers = (const void**)calloc((size_t)n_buffers + 1u, sizeof(void*));
    if (a->buffers == NULL) return ENOMEM;
    a->n_buffers = n_buffers;
    if (n_children == 0) return 0;
    a->children = (struct ArrowArray**)calloc((size_t)n_children, sizeof *a->children);
    if (a->children == NULL) return ENOMEM;
    a->n_children = n_children;
    for (i = 0; i < n_children; i++) {
        a->children[i] = (struct ArrowArray*)calloc(1, sizeof **a->children);
        if (a->children[i] == NULL) return ENOMEM;
    }
    return 0;
}

/* ---- Building output batches --------------------------------------------------------- */

#ifndef EDGEHOST_BUILDER_MAX_COLUMNS
#define EDGEHOST_BUILDER_MAX_COLUMNS 64
#endif

typedef struct edgehost_builder_column {
    char* name;          /* owned copy */
    const char* format;  /* "g", "tsn:UTC", "l" or "u" (static) */
    int64_t n_buffers;   /* 2, or 3 for utf8 */
    void* buffers[3];    /* [0] validity: always NULL; [1] values or int32 offsets; [2] utf8 bytes */
} edgehost_builder_column_t;

/* A record batch under construction. Usually on the stack: init, add columns, fill the
 * returned arrays, then finish (which moves everything out) or free. */
typedef struct edgehost_builder {
    int64_t length;      /* rows of every column */
    int64_t n_columns;
    int failed;          /* an allocation failed (or too many columns): finish will fail */
    edgehost_builder_column_t columns[EDGEHOST_BUILDER_MAX_COLUMNS];
} edgehost_builder_t;

/* Starts an empty batch of `length` rows. */
static inline void edgehost_builder_init(edgehost_builder_t* b, int64_t length) {
    memset(b, 0, sizeof *b);
    b->length = length < 0 ? 0 : length;
}

/* Frees every column still in the builder; safe to call twice and after finish. */
static inline void edgehost_builder_free(edgehost_builder_t* b) {
    int64_t i;
    for (i = 0; i < b->n_columns; i++) {
        free(b->columns[i].name);
        free(b->columns[i].buffers[1]);
        free(b->columns[i].buffers[2]);
    }
    b->n_columns = 0;
}

/* Adds a column of `format` with a values buffer of `bytes` bytes, owned by the builder;
 * returns that buffer (uninitialised) for the caller to fill, or NULL (b->failed set). */
static inline void* edgehost_impl_builder_add(edgehost_builder_t* b, const char* name, const char* format,
                                              size_t bytes) {
    edgehost_builder_column_t* c;
    if (b->n_columns >= EDGEHOST_BUILDER_MAX_COLUMNS) {
        b->failed = 1;
        return NULL;
    }
    c = &b->columns[b->n_columns++]; /* counted even when incomplete, so free() cleans up */
    memset(c, 0, sizeof *c);
    c->format = format;
    c->n_buffers = 2;
    c->name = edgehost_strdup(name);
    c->buffers[1] = edgehost_buffer_alloc(bytes);
    if (c->name == NULL || c->buffers[1] == NULL) {
        b->failed = 1;
        return NULL;
    }
    return c->buffers[1];
}

/* Typed column adders: return the column's `length` values to fill (uninitialised, owned by
 * the builder; valid until finish or free), or NULL when out of memory. */
static inline double* edgehost_builder_add_f64(edgehost_builder_t* b, const char* name) {
    return (double*)edgehost_impl_builder_add(b, name, "g", (size_t)b->length * sizeof(double));
}
static inline int64_t* edgehost_builder_add_timestamp(edgehost_builder_t* b, const char* name) {
    return (int64_t*)edgehost_impl_builder_add(b, name, "tsn:UTC", (size_t)b->length * sizeof(int64_t));
}
static inline int64_t* edgehost_builder_add_i64(edgehost_builder_t* b, const char* name) {
    return (int64_t*)edgehost_impl_builder_add(b, name, "l", (size_t)b->length * sizeof(int64_t));
}

/* Adds a utf8 column holding copies of `values[0..length)` (NUL-terminated, borrowed for the
 * call). Returns 0, or -1 on failure (out of memory, more than 2 GiB of text; b->failed set). */
static inline int edgehost_builder_add_utf8(edgehost_builder_t* b, const char* name, const char* const* values) {
    int32_t* offsets = (int32_t*)edgehost_impl_builder_add(b, name, "u", ((size_t)b->length + 1u) * sizeof(int32_t));
    edgehost_builder_column_t* c;
    size_t total = 0;
    int64_t i;
    if (offsets == NULL) return -1;
    for (i = 0; i < b->length; i++) total += strlen(values[i]);
    c = &b->columns[b->n_columns - 1];
    c->n_buffers = 3;
    c->buffers[2] = edgehost_buffer_alloc(total);
    if (c->buffers[2] == NULL || total > INT32_MAX) {
        b->failed = 1;
        return -1;
    }
    offsets[0] = 0;
    for (i = 0; i < b->length; i++) {
        size_t n = strlen(values[i]);
        memcpy((char*)c->buffers[2] + offsets[i], values[i], n);
        offsets[i + 1] = offsets[i] + (int32_t)n;
    }
    return 0;
}

/* Exports the builder as a record batch ("+s", one named child per column, no nulls) into
 * `out_schema` and `out`, which must be empty; ownership moves to the caller (the host),
 * which releases each top-level struct once. Always consumes the builder. Returns
 * EDGEHOST_OK, or EDGEHOST_ERR_NO_MEMORY leaving both outputs released (release == NULL). */
static inline edgehost_status_t edgehost_builder_finish(edgehost_builder_t* b, struct ArrowSchema* out_schema,
                                                        struct ArrowArray* out) {
    int64_t i, j, n = b->n_columns;
    int rc = b->failed ? ENOMEM : 0;
    rc |= edgehost_schema_node(out_schema, "+s", "", n);
    rc |= edgehost_array_node(out, b->length, 1, n);
    for (i = 0; rc == 0 && i < n; i++) {
        rc |= edgehost_schema_node(out_schema->children[i], b->columns[i].format, b->columns[i].name, 0);
        rc |= edgehost_array_node(out->children[i], b->length, b->columns[i].n_buffers, 0);
    }
    if (rc != 0) {
        out_schema->release(out_schema);
        out->release(out);
        edgehost_builder_free(b);
        return EDGEHOST_ERR_NO_MEMORY;
    }
    for (i = 0; i < n; i++) { /* nothing can fail any more: move the buffers */
        for (j = 1; j < b->columns[i].n_buffers; j++) {
            out->children[i]->buffers[j] = b->columns[i].buffers[j];
            b->columns[i].buffers[j] = NULL;
        }
    }
    edgehost_builder_free(b);
    return EDGEHOST_OK;
}

/* ---- A stream over built batches ----------------------------------------------------- */

/* The stream's private data and callbacks (see edgehost_stream_init). */
typedef struct edgehost_impl_stream {
    struct ArrowSchema schema;
    struct ArrowArray* batches;
    int64_t n_batches, next;
    char error[256];
} edgehost_impl_stream_t;

static inline int edgehost_impl_stream_get_schema(struct ArrowArrayStream* stream, struct ArrowSchema* out) {
    edgehost_impl_stream_t* p = (edgehost_impl_stream_t*)stream->private_data;
    int rc = edgehost_schema_copy(&p->schema, out);
    if (rc != 0) {
        out->release(out);
        edgehost_set_error(p->error, sizeof p->error, "out of memory copying the stream's schema");
    }
    return rc;
}

static inline int edgehost_impl_stream_get_next(struct ArrowArrayStream* stream, struct ArrowArray* out) {
    edgehost_impl_stream_t* p = (edgehost_impl_stream_t*)stream->private_data;
    if (p->next >= p->n_batches) { /* end of stream: a released array */
        memset(out, 0, sizeof *out);
        return 0;
    }
    *out = p->batches[p->next]; /* move */
    p->batches[p->next++].release = NULL;
    return 0;
}

static inline const char* edgehost_impl_stream_last_error(struct ArrowArrayStream* stream) {
    edgehost_impl_stream_t* p = (edgehost_impl_stream_t*)stream->private_data;
    return p->error[0] != '\0' ? p->error : NULL;
}

static inline void edgehost_impl_stream_release(struct ArrowArrayStream* stream) {
    edgehost_impl_stream_t* p = (edgehost_impl_stream_t*)stream->private_data;
    int64_t i;
    for (i = 0; i < p->n_batches; i++) {
        if (p->batches[i].release != NULL) p->batches[i].release(&p->batches[i]);
    }
    free(p->batches);
    p->schema.release(&p->schema);
    free(p);
    stream->release = NULL;
}

/* Fills `out` (an empty stream owned by the caller, i.e. the host) with a stream that yields
 * `batches[0..n_batches)` in order, then end-of-stream; get_schema returns copies of
 * `schema`. Moves `schema` and every batch in (their release is set to NULL), also on
 * failure. Returns EDGEHOST_OK, or EDGEHOST_ERR_NO_MEMORY leaving `out` released. */
static inline edgehost_status_t edgehost_stream_init(struct ArrowArrayStream* out, struct ArrowSchema* schema,
                                                     struct ArrowArray* batches, int64_t n_batches) {
    edgehost_impl_stream_t* p = (edgehost_impl_stream_t*)calloc(1, sizeof *p);
    int64_t i;
    memset(out, 0, sizeof *out);
    if (p != NULL) p->batches = (struct ArrowArray*)malloc(sizeof *batches * (size_t)(n_batches > 0 ? n_batches : 1));
    if (p == NULL || p->batches == NULL) {
        for (i = 0; i < n_batches; i++) batches[i].release(&batches[i]);
        schema->release(schema);
        free(p);
        return EDGEHOST_ERR_NO_MEMORY;
    }
    p->schema = *schema;
    schema->release = NULL;
    for (i = 0; i < n_batches; i++) {
        p->batches[i] = batches[i];
        batches[i].release = NULL;
    }
    p->n_batches = n_batches;
    out->get_schema = edgehost_impl_stream_get_schema;
    out->get_next = edgehost_impl_stream_get_next;
    out->get_last_error = edgehost_impl_stream_last_error;
    out->release = edgehost_impl_stream_release;
    out->private_data = p;
    return EDGEHOST_OK;
}

#ifdef __cplusplus
}
#endif

#endif /* EDGEHOST_PLUGIN_HELPERS_H */
