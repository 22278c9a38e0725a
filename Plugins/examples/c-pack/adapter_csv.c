/*
 * adapter_csv.c — data adapter `csv-bars`: reads a bars CSV (`ts,open,high,low,close,volume`,
 * ts like 2024-03-26T13:30:00Z, the bar's start, in UTC) into record batches of up to
 * CSV_CHUNK_ROWS rows: ts (timestamp[ns, UTC]) then the five prices/volume as float64.
 *
 * Query: {"source": "/path/to/bars.csv", "start": "2024-07-01", "end": "2024-07-03"}.
 * "start"/"end" are optional and inclusive, compared with the UTC date of each bar's ts (for
 * US regular hours, 13:30-20:00 UTC, that is the session date). Other keys are ignored.
 * Text parsing lives in parse.c. The whole file is read and checked in `open`, so errors (with file and line) come from
 * `open` and the stream itself never fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_pack.h"

#define CSV_CHUNK_ROWS 65536

/* Columns after ts, in output order; also the CSV header names. */
static const char* const value_names[5] = { "open", "high", "low", "close", "volume" };

typedef struct csv_adapter {
    edgehost_data_adapter_t api;
    cp_error_t err;
} csv_adapter_t;

/* Rows read so far, one growable array per column. */
typedef struct bars {
    int64_t n, cap;
    int64_t* ts;
    double* values[5];
} bars_t;

static void bars_free(bars_t* bars) {
    int c;
    free(bars->ts);
    for (c = 0; c < 5; c++) free(bars->values[c]);
}

static int bars_grow(bars_t* bars) {
    int64_t cap = bars->cap ? bars->cap * 2 : 4096;
    int64_t* ts = (int64_t*)realloc(bars->ts, (size_t)cap * sizeof *ts);
    int c;
    if (ts == NULL) return -1;
    bars->ts = ts;
    for (c = 0; c < 5; c++) {
        double* v = (double*)realloc(bars->values[c], (size_t)cap * sizeof *v);
        if (v == NULL) return -1;
        bars->values[c] = v;
    }
    bars->cap = cap;
    return 0;
}

/* Where the reader is in the file, for error messages, and where each column is. */
typedef struct csv_reader {
    const char* path;
    long lineno;
    int n_fields;
    int index[6]; /* field index of ts, open, high, low, close, volume */
    cp_error_t* err;
} csv_reader_t;

/* Parses one data line (consumed) into *ts and v[5]; ts must exceed `prev_ts`. */
static edgehost_status_t parse_row(csv_reader_t* r, char* line, int64_t prev_ts, int64_t* ts, double* v) {
    char* fields[16];
    int c;
    if (cp_split_fields(line, fields, 16) != r->n_fields) {
        return CP_FAIL(r->err, EDGEHOST_ERR_DATA, "%s, line %ld: expected %d fields", r->path, r->lineno, r->n_fields);
    }
    if (edgehost_parse_timestamp(fields[r->index[0]], ts) != 0 || *ts <= prev_ts) {
        return CP_FAIL(r->err, EDGEHOST_ERR_DATA, "%s, line %ld: bad or non-increasing timestamp '%s'", r->path,
                       r->lineno, fields[r->index[0]]);
    }
    for (c = 0; c < 5; c++) {
        const char* text = fields[r->index[c + 1]];
        char* end;
        v[c] = strtod(text, &end);
        if (end == text || *end != '\0') {
            return CP_FAIL(r->err, EDGEHOST_ERR_DATA, "%s, line %ld: bad number '%s' in column '%s'", r->path,
                           r->lineno, text, value_names[c]);
        }
    }
    return EDGEHOST_OK;
}

/* Finds the columns in the header line (consumed). */
static edgehost_status_t parse_header(csv_reader_t* r, char* line) {
    char* fields[16];
    int c;
    r->n_fields = cp_split_fields(line, fields, 16);
    if (r->n_fields > 16) return CP_FAIL(r->err, EDGEHOST_ERR_DATA, "%s, line 1: more than 16 columns", r->path);
    for (c = 0; c < 6; c++) {
        const char* want = c == 0 ? "ts" : value_names[c - 1];
        for (r->index[c] = 0; r->index[c] < r->n_fields && strcmp(fields[r->index[c]], want) != 0; r->index[c]++) {}
        if (r->index[c] >= r->n_fields) {
            return CP_FAIL(r->err, EDGEHOST_ERR_DATA, "%s, line 1: header lacks column '%s'", r->path, want);
        }
    }
    return EDGEHOST_OK;
}

/* Reads `path` into `bars`, keeping the rows whose UTC date is in first_day..last_day. */
static edgehost_status_t read_csv(const char* path, int64_t first_day, int64_t last_day, bars_t* bars,
                                  cp_error_t* err) {
    csv_reader_t r = { path, 1, 0, { 0 }, err };
    char line[1024];
    edgehost_status_t rc;
    int got;
    FILE* f = fopen(path, "r");
    if (f == NULL) return CP_FAIL(err, EDGEHOST_ERR_IO, "cannot open '%s': %s", path, strerror(errno));
    got = cp_read_line(f, line, sizeof line);
    rc = got > 0 ? parse_header(&r, line) : CP_FAIL(err, EDGEHOST_ERR_DATA, "%s, line 1: no header line", path);
    while (rc == EDGEHOST_OK && (got = cp_read_line(f, line, sizeof line)) > 0) {
        int64_t ts, day;
        double v[5];
        int c;
        r.lineno++;
        if (line[0] == '\0') continue;
        rc = parse_row(&r, line, bars->n > 0 ? bars->ts[bars->n - 1] : INT64_MIN, &ts, v);
        if (rc != EDGEHOST_OK) break;
        day = cp_utc_day(ts);
        if (day > last_day) break; /* rows are in time order: nothing more to keep */
        if (day < first_day) continue;
        if (bars->n == bars->cap && bars_grow(bars) != 0) {
            rc = CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory reading '%s'", path);
            break;
        }
        for (c = 0; c < 5; c++) bars->values[c][bars->n] = v[c];
        bars->ts[bars->n++] = ts;
    }
    if (rc == EDGEHOST_OK && got < 0) {
        rc = CP_FAIL(err, EDGEHOST_ERR_DATA, "%s, line %ld: longer than %zu bytes", path, r.lineno + 1,
                     sizeof line - 2);
    } else if (rc == EDGEHOST_OK && ferror(f)) {
        rc = CP_FAIL(err, EDGEHOST_ERR_IO, "error reading '%s': %s", path, strerror(errno));
    }
    fclose(f);
    return rc;
}

/* Cuts `bars` into batches and fills the host's stream. */
static edgehost_status_t make_stream(const bars_t* bars, struct ArrowArrayStream* out, cp_error_t* err) {
    int64_t n_batches = (bars->n + CSV_CHUNK_ROWS - 1) / CSV_CHUNK_ROWS, k, c;
    struct ArrowArray* batches = (struct ArrowArray*)calloc((size_t)n_batches + 1u, sizeof *batches);
    struct ArrowSchema schema, extra;
    edgehost_status_t rc = batches ? EDGEHOST_OK : EDGEHOST_ERR_NO_MEMORY;
    memset(&schema, 0, sizeof schema);
    for (k = 0; rc == EDGEHOST_OK && k <= n_batches; k++) { /* k == n_batches: an empty batch for the schema */
        int64_t start = k * CSV_CHUNK_ROWS, rows = k < n_batches ? bars->n - start : 0;
        edgehost_builder_t b;
        int64_t* ts;
        edgehost_builder_init(&b, rows < CSV_CHUNK_ROWS ? rows : CSV_CHUNK_ROWS);
        ts = edgehost_builder_add_timestamp(&b, "ts");
        if (ts != NULL && b.length > 0) memcpy(ts, bars->ts + start, (size_t)b.length * sizeof *ts);
        for (c = 0; c < 5; c++) {
            double* v = edgehost_builder_add_f64(&b, value_names[c]);
            if (v != NULL && b.length > 0) memcpy(v, bars->values[c] + start, (size_t)b.length * sizeof *v);
        }
        rc = edgehost_builder_finish(&b, k == 0 ? &schema : &extra, &batches[k]);
        if (rc == EDGEHOST_OK && k > 0) extra.release(&extra);
    }
    if (rc != EDGEHOST_OK) {
        for (k = 0; batches != NULL && k <= n_batches; k++) {
            if (batches[k].release != NULL) batches[k].release(&batches[k]);
        }
        if (schema.release != NULL) schema.release(&schema);
        free(batches);
        return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory building %lld bars", (long long)bars->n);
    }
    batches[n_batches].release(&batches[n_batches]); /* the empty batch only carried the schema */
    rc = edgehost_stream_init(out, &schema, batches, n_batches);
    free(batches);
    return rc == EDGEHOST_OK ? rc : CP_FAIL(err, rc, "out of memory creating the stream");
}

static edgehost_status_t csv_open(edgehost_data_adapter_t* self, const char* query_json, struct ArrowArrayStream* out) {
    csv_adapter_t* a = (csv_adapter_t*)self->state;
    int64_t first_day = INT64_MIN, last_day = INT64_MAX;
    const char* keys[2] = { "start", "end" };
    int64_t* days[2] = { &first_day, &last_day };
    edgehost_json_t query;
    const char *path = NULL, *date = NULL;
    bars_t bars;
    edgehost_status_t rc = EDGEHOST_OK;
    int i;
    if (out == NULL || query_json == NULL) return CP_FAIL(&a->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    memset(out, 0, sizeof *out);
    if (edgehost_json_parse(query_json, &query, CP_ERRBUF(&a->err)) != 0) return EDGEHOST_ERR_INVALID_ARGUMENT;
    if (edgehost_json_string(&query, "source", &path) != 1) {
        rc = CP_FAIL(&a->err, EDGEHOST_ERR_INVALID_ARGUMENT, "csv-bars: the query needs \"source\": the CSV path");
    }
    for (i = 0; i < 2 && rc == EDGEHOST_OK; i++) {
        int found = edgehost_json_string(&query, keys[i], &date);
        if (found != 0 && (found != 1 || edgehost_parse_date(date, days[i]) != 0)) {
            rc = CP_FAIL(&a->err, EDGEHOST_ERR_INVALID_ARGUMENT, "csv-bars: \"%s\" must be a date YYYY-MM-DD", keys[i]);
        }
    }
    memset(&bars, 0, sizeof bars);
    if (rc == EDGEHOST_OK) rc = read_csv(path, first_day, last_day, &bars, &a->err);
    if (rc == EDGEHOST_OK) rc = make_stream(&bars, out, &a->err);
    bars_free(&bars);
    edgehost_json_free(&query);
    return rc;
}

#if EDGEHOST_ABI_MINOR >= 1
/* ABI 1.1: the bars are US equities, NYSE sessions in New York (also what the host assumes
 * when an adapter declares nothing). A 24/7 or futures adapter names its own zone and calendar. */
static const edgehost_market_t csv_market_decl = {
    EDGEHOST_HEADER(edgehost_market_t), "America/New_York", "nyse", INT64_C(60000000000), 0u, 0u, NULL,
};

static const edgehost_market_t* csv_market(const edgehost_data_adapter_t* self) {
    (void)self;
    return &csv_market_decl;
}
#endif

static const char* csv_last_error(const edgehost_data_adapter_t* self) {
    return ((const csv_adapter_t*)self->state)->err.text;
}

static void csv_destroy(edgehost_data_adapter_t* self) {
    free(self->state);
}

static edgehost_status_t csv_create(const char* params_json, cp_error_t* err, void** out_instance) {
    csv_adapter_t* a = (csv_adapter_t*)calloc(1, sizeof *a);
    (void)params_json; /* no parameters */
    if (a == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    a->api = (edgehost_data_adapter_t){ EDGEHOST_HEADER(edgehost_data_adapter_t), a, csv_last_error, csv_destroy,
                                        csv_open CP_SINCE_1_1(csv_market) };
    *out_instance = &a->api;
    return EDGEHOST_OK;
}

static const edgehost_column_desc_t* const outputs[] = { &cp_col_open, &cp_col_high, &cp_col_low, &cp_col_close,
                                                         &cp_col_volume };

static const edgehost_component_desc_t desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "csv-bars",
    .version = "1.0.0",
    .description = "OHLCV bars from a CSV file (query: source, optional start/end UTC dates)",
    .outputs = outputs,
    .output_count = CP_COUNT(outputs),
};

const cp_component_t cp_csv_bars = { &desc, csv_create };
