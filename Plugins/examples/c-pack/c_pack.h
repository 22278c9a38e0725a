/*
 * c_pack.h — internal declarations of the cexample pack (never installed, never exported).
 *
 * Layout: pack.c holds the entry point and one generic factory per kind; each component
 * file defines a `cp_component_t` (descriptor + create function); parameters and queries are
 * read with the helpers' edgehost_json_parse, dates and timestamps with edgehost_parse_*;
 * json.c walks the gate's nested facts and writes JSON; parse.c splits CSV text.
 */
#ifndef C_PACK_H
#define C_PACK_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "edgehost_plugin.h"
#include "edgehost_plugin_helpers.h"

#define CP_PACK_ID "cexample"
#define CP_PACK_VERSION "1.0.0"

/* ---- ABI 1.1 members ---- */

/* CP_SINCE_1_1(x) appends `x` to a positional instance initialiser when the header is 1.1 or
 * later; built against the 1.0 header the pack leaves the member out (the host then uses the
 * descriptor's lookback and horizon). The functions it names are `static inline`, so an unused
 * one is no warning in a 1.0 build. */
#if EDGEHOST_ABI_MINOR >= 1
#define CP_SINCE_1_1(x) , x
#else
#define CP_SINCE_1_1(x)
#endif

/* Stores an instance's lookback or horizon (`lookback`/`horizon` of ABI 1.1), in bars only. */
static inline edgehost_status_t cp_report_bars(int64_t bars, int64_t* out_bars, int64_t* out_ns) {
    *out_bars = bars;
    *out_ns = 0;
    return EDGEHOST_OK;
}

/* ---- errors ---- */

/* The message behind `last_error` of one instance or factory. */
typedef struct cp_error {
    char text[512];
} cp_error_t;

/* Expands to the (buffer, size) pair the helpers take: edgehost_column_f64(s, a, "close", CP_ERRBUF(e)). */
#define CP_ERRBUF(err) (err)->text, sizeof (err)->text

/* Sets the message and evaluates to `status`: return CP_FAIL(err, EDGEHOST_ERR_DATA, "row %d", i); */
#define CP_FAIL(err, status, ...) (edgehost_set_error(CP_ERRBUF(err), __VA_ARGS__), (status))

/* ---- descriptors ---- */

#define CP_COUNT(array) ((uint32_t)(sizeof(array) / sizeof((array)[0])))

/* An optional parameter (the host fills its default before `create`). */
#define CP_PARAM(name, type, default_json, min, max, text) \
    { EDGEHOST_HEADER(edgehost_param_desc_t), name, type, 0, default_json, min, max, text }

#define CP_COLUMN(name, format, flags, text) \
    { EDGEHOST_HEADER(edgehost_column_desc_t), name, format, flags, 0u, text }

/* Bar columns shared by the adapter (outputs) and the indicators and labeler (inputs). */
extern const edgehost_column_desc_t cp_col_open, cp_col_high, cp_col_low, cp_col_close, cp_col_volume;

/* One component: its descriptor and how to create an instance of it. `create` stores the
 * kind's instance struct in *out_instance or returns an error with a message in `err`. */
typedef struct cp_component {
    const edgehost_component_desc_t* desc;
    edgehost_status_t (*create)(const char* params_json, cp_error_t* err, void** out_instance);
} cp_component_t;

extern const cp_component_t cp_csv_bars;                 /* adapter_csv.c */
extern const cp_component_t cp_momentum, cp_range_pct;   /* indicators.c */
extern const cp_component_t cp_forward_return;           /* labeler.c */
extern const cp_component_t cp_max_nan_pct;              /* gate.c */
extern const cp_component_t cp_default_risk;             /* risk_profile.c */
extern const edgehost_resource_table_t cp_resources;     /* resources.c */

/* Exports a finished builder into the host's empty outputs; on failure sets `err`. */
edgehost_status_t cp_finish(edgehost_builder_t* b, struct ArrowSchema* out_schema, struct ArrowArray* out,
                            cp_error_t* err);

/* ---- parse.c: text parsing for the CSV adapter ---- */

#define CP_NS_PER_DAY INT64_C(86400000000000)

/* The UTC day (days since 1970-01-01) of a timestamp in ns. */
int64_t cp_utc_day(int64_t ts_ns);

/* Splits `line` in place at commas into `fields`; returns the count (max + 1 if more). */
int cp_split_fields(char* line, char** fields, int max);

/* Reads one line into `line` without its line end: 1, 0 at EOF, -1 when it does not fit. */
int cp_read_line(FILE* f, char* line, size_t size);

/* ---- json.c: walking the gate's nested facts (flat objects, parameters and queries, use
 * edgehost_json_parse from the helpers) ---- */

/* Walks the members of the object at *cursor (first call: the object's '{'). Stores the next
 * member's decoded key and a pointer to its raw value; returns 1, 0 at the end, -1 if malformed. */
int cp_json_member(const char** cursor, char* key, size_t key_size, const char** value);

/* Raw value of top-level member `key` of `object`, or NULL when absent or malformed. */
const char* cp_json_find(const char* object, const char* key);

/* Parses the JSON number at `value`: 1 and *out on success, 0 when it is not a number. */
int cp_json_number(const char* value, double* out);

/* Reads parameter `p` (a number) from `params_json` (edgehost_json_parse), else its default;
 * checks type and bounds. */
edgehost_status_t cp_param_number(const char* params_json, const edgehost_param_desc_t* p, double* out,
                                  cp_error_t* err);

/* A growable, NUL-terminated string (JSON output). Zero-initialise; free(data) when done. */
typedef struct cp_buf {
    char* data;
    size_t len, cap;
    int failed; /* out of memory: data holds a prefix */
} cp_buf_t;

void cp_buf_printf(cp_buf_t* b, const char* fmt, ...) EDGEHOST_PRINTF_LIKE(2, 3);
void cp_buf_json_string(cp_buf_t* b, const char* s); /* appends s as a quoted JSON string */

#endif /* C_PACK_H */
