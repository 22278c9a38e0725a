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
 *   - edgehost_json_*            read a flat JSON object (parameters, queries) with clear errors
 *   - edgehost_parse_date, edgehost_parse_timestamp   ISO 8601 dates and instants
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
 * History invariance. Given only its lookback of history before a row, an indicator must give
 * the row its full-history value: the build and `pack verify` recompute each feature at 8 rows
 * on just that history and compare, to a relative tolerance of 1e-6 (of the larger value or
 * the column's mean magnitude). So a recursive indicator (an EMA, Wilder's smoothing) declares
 * the bars its seed needs to be forgotten, not just its period: an EMA(period) seeded with an
 * SMA keeps (1 - 2/(period+1))^m of the seed's error after m more bars; declare the m that
 * takes this below 1e-10. A value kept from the first bar (a running sum) can never pass.
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

/* ---- Flat JSON objects: parameters and queries ---------------------------------------- */

/* Parameters (`create`) and adapter queries (`open`) arrive as JSON objects of strings,
 * numbers and booleans. edgehost_json_parse reads such an object whole: keys and strings
 * decoded (every JSON escape; \uXXXX to UTF-8, surrogate pairs included; other bytes copied
 * as they are), numbers checked against the JSON grammar, finite, and read with strtod (the
 * host never changes the C locale). Anything else is an error whose message says what and
 * at which byte: a nested object or array, null, a duplicate key, \u0000, text after the
 * object, more than EDGEHOST_JSON_MAX_MEMBERS members, malformed JSON.
 *
 *     edgehost_json_t params;
 *     double period = 14;
 *     if (edgehost_json_parse(params_json, &params, err, sizeof err) != 0) return EDGEHOST_ERR_INVALID_ARGUMENT;
 *     int found = edgehost_json_number(&params, "period", &period);  // 1; 0 absent; -1 not a number
 *     edgehost_json_free(&params);
 */
#define EDGEHOST_JSON_MAX_MEMBERS 64
#define EDGEHOST_JSON_STRING 1
#define EDGEHOST_JSON_NUMBER 2
#define EDGEHOST_JSON_BOOL 3

typedef struct edgehost_json_member {
    const char* key;    /* decoded, NUL-terminated; owned by the object */
    int32_t type;       /* EDGEHOST_JSON_* */
    int32_t boolean;    /* BOOL: 0 or 1 */
    const char* string; /* STRING: decoded, NUL-terminated; owned by the object */
    double number;      /* NUMBER: finite */
} edgehost_json_member_t;

/* A parsed object. Usually on the stack; edgehost_json_free releases its one allocation. */
typedef struct edgehost_json {
    uint32_t count;
    edgehost_json_member_t members[EDGEHOST_JSON_MAX_MEMBERS];
    char* storage; /* every decoded key and string */
} edgehost_json_t;

static inline const char* edgehost_impl_json_ws(const char* p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* The four hex digits at p as *out; 0 when one is not a hex digit (stops at a NUL). */
static inline int edgehost_impl_hex4(const char* p, uint32_t* out) {
    int i;
    *out = 0;
    for (i = 0; i < 4; i++) {
        char c = p[i];
        uint32_t v = c >= '0' && c <= '9' ? (uint32_t)(c - '0')
                   : c >= 'a' && c <= 'f' ? (uint32_t)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (uint32_t)(c - 'A' + 10) : 16u;
        if (v == 16u) return 0;
        *out = *out * 16u + v;
    }
    return 1;
}

/* Decodes the string whose opening quote is at p into *out (advanced past its NUL); returns
 * the position after the closing quote, or NULL with a message naming byte offsets from `json`. */
static inline const char* edgehost_impl_json_string(const char* json, const char* p, char** out, char* err, size_t err_size) {
    char* o = *out;
    const char* start = p++;
    for (;;) {
        unsigned char c = (unsigned char)*p;
        uint32_t cp, low;
        if (c == '"') break;
        if (c == '\0') {
            edgehost_set_error(err, err_size, "JSON: string at byte %zu is not terminated", (size_t)(start - json));
            return NULL;
        }
        if (c < 0x20) {
            edgehost_set_error(err, err_size, "JSON: control character 0x%02x in a string at byte %zu", c, (size_t)(p - json));
            return NULL;
        }
        if (c != '\\') {
            *o++ = (char)c;
            p++;
            continue;
        }
        switch (*++p) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
            if (!edgehost_impl_hex4(p + 1, &cp)) {
                edgehost_set_error(err, err_size, "JSON: \\u needs four hex digits at byte %zu", (size_t)(p - json));
                return NULL;
            }
            p += 4;
            if (cp >= 0xD800u && cp <= 0xDBFFu) {
                if (p[1] != '\\' || p[2] != 'u' || !edgehost_impl_hex4(p + 3, &low) || low < 0xDC00u || low > 0xDFFFu) {
                    edgehost_set_error(err, err_size, "JSON: unpaired surrogate \\u%04X at byte %zu", (unsigned)cp, (size_t)(p - 5 - json));
                    return NULL;
                }
                cp = 0x10000u + ((cp - 0xD800u) << 10) + (low - 0xDC00u);
                p += 6;
            } else if ((cp >= 0xDC00u && cp <= 0xDFFFu) || cp == 0) {
                edgehost_set_error(err, err_size, "JSON: %s \\u%04X at byte %zu", cp == 0 ? "a NUL character" : "unpaired surrogate",
                                   (unsigned)cp, (size_t)(p - 5 - json));
                return NULL;
            }
            if (cp < 0x80u) {
                *o++ = (char)cp;
            } else if (cp < 0x800u) {
                *o++ = (char)(0xC0u | (cp >> 6));
                *o++ = (char)(0x80u | (cp & 0x3Fu));
            } else if (cp < 0x10000u) {
                *o++ = (char)(0xE0u | (cp >> 12));
                *o++ = (char)(0x80u | ((cp >> 6) & 0x3Fu));
                *o++ = (char)(0x80u | (cp & 0x3Fu));
            } else {
                *o++ = (char)(0xF0u | (cp >> 18));
                *o++ = (char)(0x80u | ((cp >> 12) & 0x3Fu));
                *o++ = (char)(0x80u | ((cp >> 6) & 0x3Fu));
                *o++ = (char)(0x80u | (cp & 0x3Fu));
            }
            break;
        default:
            edgehost_set_error(err, err_size, "JSON: bad escape at byte %zu", (size_t)(p - 1 - json));
            return NULL;
        }
        p++;
    }
    *o++ = '\0';
    *out = o;
    return p + 1;
}

/* The JSON number at p into *out (finite); the position after it, or NULL. */
static inline const char* edgehost_impl_json_number(const char* p, double* out) {
    const char* start = p;
    if (*p == '-') p++;
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (*p >= '0' && *p <= '9') p++;
    } else {
        return NULL;
    }
    if (*p == '.') {
        if (*++p < '0' || *p > '9') return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p == 'e' || *p == 'E') {
        if (*++p == '+' || *p == '-') p++;
        if (*p < '0' || *p > '9') return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    *out = strtod(start, NULL);
    /* Out of range: strtod returns ±HUGE_VAL (an infinity). */
    if (*out - *out != 0.0) return NULL;
    return p;
}

/* Releases the object's storage; safe after a failed parse and twice. */
static inline void edgehost_json_free(edgehost_json_t* o) {
    free(o->storage);
    o->storage = NULL;
    o->count = 0;
}

/* Parses `json`, a flat JSON object, into *out: 0, or -1 with a message in `err` (and *out
 * empty, nothing to free). Strings in *out stay valid until edgehost_json_free. */
static inline int edgehost_json_parse(const char* json, edgehost_json_t* out, char* err, size_t err_size) {
    const char* p;
    char* o;
    out->count = 0;
    out->storage = NULL;
    if (json == NULL) {
        edgehost_set_error(err, err_size, "JSON: no text (NULL)");
        return -1;
    }
    /* Decoded keys and strings with their NULs never outgrow the text (quotes and escapes shrink). */
    if ((out->storage = (char*)malloc(strlen(json) + 1)) == NULL) {
        edgehost_set_error(err, err_size, "JSON: out of memory");
        return -1;
    }
    o = out->storage;
    p = edgehost_impl_json_ws(json);
#define EDGEHOST_IMPL_JSON_FAIL(...)                  \
    do {                                              \
        edgehost_set_error(err, err_size, __VA_ARGS__); \
        edgehost_json_free(out);                      \
        return -1;                                    \
    } while (0)
    if (*p != '{') EDGEHOST_IMPL_JSON_FAIL("JSON: expected an object ('{') at byte %zu", (size_t)(p - json));
    p = edgehost_impl_json_ws(p + 1);
    if (*p == '}') {
        p++;
    } else {
        for (;;) {
            edgehost_json_member_t* m;
            uint32_t i;
            if (*p != '"') EDGEHOST_IMPL_JSON_FAIL("JSON: expected a member name in quotes at byte %zu", (size_t)(p - json));
            if (out->count == EDGEHOST_JSON_MAX_MEMBERS) {
                EDGEHOST_IMPL_JSON_FAIL("JSON: more than %d members", EDGEHOST_JSON_MAX_MEMBERS);
            }
            m = &out->members[out->count];
            memset(m, 0, sizeof *m);
            m->key = o;
            if ((p = edgehost_impl_json_string(json, p, &o, err, err_size)) == NULL) {
                edgehost_json_free(out);
                return -1;
            }
            for (i = 0; i < out->count; i++) {
                if (strcmp(out->members[i].key, m->key) == 0) EDGEHOST_IMPL_JSON_FAIL("JSON: member '%s' appears twice", m->key);
            }
            p = edgehost_impl_json_ws(p);
            if (*p != ':') EDGEHOST_IMPL_JSON_FAIL("JSON: expected ':' after member '%s' at byte %zu", m->key, (size_t)(p - json));
            p = edgehost_impl_json_ws(p + 1);
            if (*p == '"') {
                m->type = EDGEHOST_JSON_STRING;
                m->string = o;
                if ((p = edgehost_impl_json_string(json, p, &o, err, err_size)) == NULL) {
                    edgehost_json_free(out);
                    return -1;
                }
            } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
                const char* at = p;
                m->type = EDGEHOST_JSON_NUMBER;
                if ((p = edgehost_impl_json_number(p, &m->number)) == NULL) {
                    EDGEHOST_IMPL_JSON_FAIL("JSON: member '%s': malformed or out-of-range number at byte %zu", m->key, (size_t)(at - json));
                }
            } else if (strncmp(p, "true", 4) == 0 || strncmp(p, "false", 5) == 0) {
                m->type = EDGEHOST_JSON_BOOL;
                m->boolean = *p == 't';
                p += m->boolean ? 4 : 5;
            } else if (*p == '{' || *p == '[' || strncmp(p, "null", 4) == 0) {
                EDGEHOST_IMPL_JSON_FAIL("JSON: member '%s' is %s; only strings, numbers and booleans are allowed here", m->key,
                                        *p == '{' ? "an object" : *p == '[' ? "an array" : "null");
            } else {
                EDGEHOST_IMPL_JSON_FAIL("JSON: member '%s': expected a value at byte %zu", m->key, (size_t)(p - json));
            }
            out->count++;
            p = edgehost_impl_json_ws(p);
            if (*p == ',') {
                p = edgehost_impl_json_ws(p + 1);
                continue;
            }
            if (*p == '}') {
                p++;
                break;
            }
            EDGEHOST_IMPL_JSON_FAIL("JSON: expected ',' or '}' after member '%s' at byte %zu", m->key, (size_t)(p - json));
        }
    }
    p = edgehost_impl_json_ws(p);
    if (*p != '\0') EDGEHOST_IMPL_JSON_FAIL("JSON: text after the object at byte %zu", (size_t)(p - json));
#undef EDGEHOST_IMPL_JSON_FAIL
    return 0;
}

/* Member `key`, or NULL when absent. */
static inline const edgehost_json_member_t* edgehost_json_get(const edgehost_json_t* o, const char* key) {
    uint32_t i;
    for (i = 0; i < o->count; i++) {
        if (strcmp(o->members[i].key, key) == 0) return &o->members[i];
    }
    return NULL;
}

/* Typed reads: 1 with *out set, 0 when absent, -1 when the member has another type. */
static inline int edgehost_json_string(const edgehost_json_t* o, const char* key, const char** out) {
    const edgehost_json_member_t* m = edgehost_json_get(o, key);
    if (m == NULL) return 0;
    if (m->type != EDGEHOST_JSON_STRING) return -1;
    *out = m->string;
    return 1;
}

static inline int edgehost_json_number(const edgehost_json_t* o, const char* key, double* out) {
    const edgehost_json_member_t* m = edgehost_json_get(o, key);
    if (m == NULL) return 0;
    if (m->type != EDGEHOST_JSON_NUMBER) return -1;
    *out = m->number;
    return 1;
}

static inline int edgehost_json_bool(const edgehost_json_t* o, const char* key, int* out) {
    const edgehost_json_member_t* m = edgehost_json_get(o, key);
    if (m == NULL) return 0;
    if (m->type != EDGEHOST_JSON_BOOL) return -1;
    *out = m->boolean;
    return 1;
}

/* ---- ISO 8601 dates and timestamps ------------------------------------------------------ */

/* Reads exactly `n` digits at p into *out; the position after them, or NULL. */
static inline const char* edgehost_impl_digits(const char* p, int n, int* out) {
    *out = 0;
    while (n-- > 0) {
        if (*p < '0' || *p > '9') return NULL;
        *out = *out * 10 + (*p++ - '0');
    }
    return p;
}

/* YYYY-MM-DD at p (a real calendar date, proleptic Gregorian) as days since 1970-01-01; the
 * position after it, or NULL. */
static inline const char* edgehost_impl_date(const char* p, int64_t* days) {
    static const int month_days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d;
    if ((p = edgehost_impl_digits(p, 4, &y)) == NULL || *p++ != '-' || (p = edgehost_impl_digits(p, 2, &m)) == NULL ||
        *p++ != '-' || (p = edgehost_impl_digits(p, 2, &d)) == NULL || m < 1 || m > 12 || d < 1 || d > month_days[m - 1]) {
        return NULL;
    }
    if (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0))) return NULL;
    { /* days from civil (H. Hinnant) */
        int64_t yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
        int64_t yoe = yy - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        *days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    }
    return p;
}

/* The whole string `s` as a date "YYYY-MM-DD": days since 1970-01-01 in *days; 0, or -1 when
 * it is anything else (another format, a day that does not exist, trailing text). */
static inline int edgehost_parse_date(const char* s, int64_t* days) {
    const char* end = s != NULL ? edgehost_impl_date(s, days) : NULL;
    return end != NULL && *end == '\0' ? 0 : -1;
}

/* The whole string `s` as an instant: nanoseconds since 1970-01-01T00:00:00Z in *ns; 0, or -1.
 * Accepted: "YYYY-MM-DD" (midnight UTC), or "YYYY-MM-DDTHH:MM[:SS[.fraction]]" ('T' or a space)
 * followed by its zone, "Z" or an offset "+HH:MM", "+HHMM", "+HH" (or '-'), required so a
 * local time is never taken for UTC. The fraction has 1 to 9 digits; no leap second (60);
 * the result must fit int64 nanoseconds (1677-09-21 to 2262-04-11). */
static inline int edgehost_parse_timestamp(const char* s, int64_t* ns) {
    int64_t days, secs, frac = 0, scale = 100000000;
    int h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign = 0, digits = 0;
    const char* p = s != NULL ? edgehost_impl_date(s, &days) : NULL;
    if (p == NULL) return -1;
    if (*p != '\0') {
        if ((*p != 'T' && *p != ' ') || (p = edgehost_impl_digits(p + 1, 2, &h)) == NULL || *p++ != ':' ||
            (p = edgehost_impl_digits(p, 2, &mi)) == NULL || h > 23 || mi > 59) {
            return -1;
        }
        if (*p == ':') {
            if ((p = edgehost_impl_digits(p + 1, 2, &sec)) == NULL || sec > 59) return -1;
            if (*p == '.' || *p == ',') {
                for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10, digits++) {
                    if (digits == 9) return -1;
                    frac += (*p - '0') * scale;
                }
                if (digits == 0) return -1;
            }
        }
        if (*p == 'Z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            sign = *p == '-' ? -1 : 1;
            if ((p = edgehost_impl_digits(p + 1, 2, &oh)) == NULL || oh > 23) return -1;
            if (*p == ':') p++;
            if (*p >= '0' && *p <= '9') {
                if ((p = edgehost_impl_digits(p, 2, &om)) == NULL || om > 59) return -1;
            } else if (p[-1] == ':') {
                return -1;
            }
        } else {
            return -1;
        }
        if (*p != '\0') return -1;
    }
    secs = days * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + sec - (int64_t)sign * ((int64_t)oh * 3600 + (int64_t)om * 60);
    /* INT64_MAX is 9223372036.854775807 s; the lower bound leaves room for the fraction. */
    if (secs < -INT64_C(9223372035) || secs > INT64_C(9223372036) ||
        (secs == INT64_C(9223372036) && frac > INT64_C(854775807))) {
        return -1;
    }
    *ns = secs * INT64_C(1000000000) + frac;
    return 0;
}

#ifdef __cplusplus
}
#endif

#endif /* EDGEHOST_PLUGIN_HELPERS_H */
