/*
 * keyed_labeler.c — labeler `levels` of the test pack "keyedcme" (../build.sh builds
 * markets/market_pack.c with -DMARKET_CME -DMK_KEYED): several decisions at one instant.
 *
 * Every 6th bar i is a decision at the two round levels around its close, keyed
 * "LOW@<floor to 10>" and, every 12th bar, also "HIGH@<ceil to 10>" (two rows at one ts, in
 * key order: "HIGH@…" < "LOW@…"). Row features and facts:
 *   x_level_dist   (close[i] - level) / close[i]            known at ts[i]
 *   x_peek         close[i + 1] / close[i] - 1, NaN at the end of the data: with `leak` = 1
 *                  only, a deliberately leaky row feature the host must reject
 *   qa_close       close[i]                                 a fact for the QA gate
 * Label: UP / DOWN / FLAT by close[i + 6] against close[i] (band 0.0005), label_end_ts
 * ts[i + 6]. A decision whose six bars are not in the data yet is still emitted (FLAT, ending
 * six bars on): a labeler with row features decides from the data up to the decision.
 */
#include <stdio.h>
#include <stdlib.h>

#include "c_pack.h"

#define KL_HORIZON 6
#define KL_BAR_NS INT64_C(300000000000)

typedef struct keyed_labeler {
    edgehost_labeler_t api;
    cp_error_t err;
    int leak;
} keyed_labeler_t;

/* The decisions' bar index and level, in (ts, key) order. */
typedef struct kl_row {
    int64_t bar;
    double level;
    char key[32];
} kl_row_t;

static int64_t kl_rows(const double* close, int64_t n, kl_row_t* rows) {
    int64_t i, m = 0;
    for (i = 0; i < n; i += 6) {
        double low = 10.0 * floor(close[i] / 10.0), high = low + 10.0;
        if (i % 12 == 0) {
            rows[m].bar = i;
            rows[m].level = high;
            snprintf(rows[m].key, sizeof rows[m].key, "HIGH@%.0f", high);
            m++;
        }
        rows[m].bar = i;
        rows[m].level = low;
        snprintf(rows[m].key, sizeof rows[m].key, "LOW@%.0f", low);
        m++;
    }
    return m;
}

static edgehost_status_t levels_label(edgehost_labeler_t* self, const struct ArrowSchema* in_schema, const struct ArrowArray* in,
                                      struct ArrowSchema* out_schema, struct ArrowArray* out) {
    keyed_labeler_t* lab = (keyed_labeler_t*)self->state;
    const int64_t* in_ts = edgehost_column_i64(in_schema, in, "ts", CP_ERRBUF(&lab->err));
    const double* close = in_ts ? edgehost_column_f64(in_schema, in, "close", CP_ERRBUF(&lab->err)) : NULL;
    int64_t n = in->length, m, r;
    kl_row_t* rows;
    const char **labels, **keys;
    int64_t *ts, *end;
    double *dist, *peek, *qa, *up, *down, *flat;
    edgehost_builder_t b;
    if (close == NULL) return EDGEHOST_ERR_INVALID_ARGUMENT;
    rows = (kl_row_t*)malloc(((size_t)n / 6u * 2u + 2u) * sizeof *rows);
    labels = (const char**)malloc(((size_t)n / 6u * 2u + 2u) * sizeof *labels);
    keys = (const char**)malloc(((size_t)n / 6u * 2u + 2u) * sizeof *keys);
    if (rows == NULL || labels == NULL || keys == NULL) {
        free(rows), free(labels), free(keys);
        return CP_FAIL(&lab->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    }
    m = kl_rows(close, n, rows);
    edgehost_builder_init(&b, m);
    ts = edgehost_builder_add_timestamp(&b, "ts");
    end = edgehost_builder_add_timestamp(&b, "label_end_ts");
    for (r = 0; !b.failed && r < m; r++) {
        int64_t i = rows[r].bar;
        double fwd = i + KL_HORIZON < n ? close[i + KL_HORIZON] / close[i] - 1.0 : 0.0;
        ts[r] = in_ts[i];
        end[r] = i + KL_HORIZON < n ? in_ts[i + KL_HORIZON] : in_ts[i] + KL_HORIZON * KL_BAR_NS;
        labels[r] = fwd > 0.0005 ? "UP" : fwd < -0.0005 ? "DOWN" : "FLAT";
        keys[r] = rows[r].key;
    }
    if (!b.failed) edgehost_builder_add_utf8(&b, "label", labels);
    if (!b.failed) edgehost_builder_add_utf8(&b, "key", keys);
    up = edgehost_builder_add_f64(&b, "outcome_long");
    down = edgehost_builder_add_f64(&b, "outcome_short");
    flat = edgehost_builder_add_f64(&b, "outcome_flat");
    dist = edgehost_builder_add_f64(&b, "x_level_dist");
    peek = lab->leak ? edgehost_builder_add_f64(&b, "x_peek") : NULL;
    qa = edgehost_builder_add_f64(&b, "qa_close");
    for (r = 0; !b.failed && r < m; r++) {
        int64_t i = rows[r].bar;
        double fwd = i + KL_HORIZON < n ? close[i + KL_HORIZON] / close[i] - 1.0 : 0.0;
        up[r] = fwd - 0.0001;
        down[r] = -fwd - 0.0001;
        flat[r] = 0.0;
        dist[r] = (close[i] - rows[r].level) / close[i];
        if (peek) peek[r] = i + 1 < n ? close[i + 1] / close[i] - 1.0 : NAN;
        qa[r] = close[i];
    }
    free(rows), free(labels), free(keys);
    return cp_finish(&b, out_schema, out, &lab->err);
}

static const char* levels_last_error(const edgehost_labeler_t* self) { return ((const keyed_labeler_t*)self->state)->err.text; }

static void levels_destroy(edgehost_labeler_t* self) { free(self->state); }

static const edgehost_param_desc_t leak_param =
    CP_PARAM("leak", EDGEHOST_PARAM_INT, "0", 0, 1, "1 adds x_peek, a row feature that reads the next bar");
static const edgehost_param_desc_t* const params[] = { &leak_param };
static const edgehost_column_desc_t* const inputs[] = { &cp_col_close };
static const edgehost_column_desc_t col_end = CP_COLUMN("label_end_ts", "tsn:UTC", 0u, "ts six bars on");
static const edgehost_column_desc_t col_label = CP_COLUMN("label", "u", 0u, "UP, DOWN or FLAT");
static const edgehost_column_desc_t col_key = CP_COLUMN("key", "u", 0u, "the level: HIGH@… or LOW@…");
static const edgehost_column_desc_t col_dist = CP_COLUMN("x_level_dist", "g", 0u, "(close - level) / close");
static const edgehost_column_desc_t* const outputs[] = { &col_end, &col_label, &col_key, &col_dist };

static const edgehost_component_desc_t desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "levels",
    .version = "1.0.0",
    .description = "two keyed decisions (round levels) every 12th bar, one every 6th; x_ row features; 6-bar labels",
    .params = params,
    .param_count = CP_COUNT(params),
    .inputs = inputs,
    .input_count = CP_COUNT(inputs),
    .outputs = outputs,
    .output_count = CP_COUNT(outputs),
    .horizon_bars = KL_HORIZON,
};

static edgehost_status_t levels_create(const char* params_json, cp_error_t* err, void** out_instance) {
    double leak;
    keyed_labeler_t* lab;
    edgehost_status_t rc = cp_param_number(params_json, &leak_param, &leak, err);
    if (rc != EDGEHOST_OK) return rc;
    lab = (keyed_labeler_t*)calloc(1, sizeof *lab);
    if (lab == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    lab->api = (edgehost_labeler_t){ EDGEHOST_HEADER(edgehost_labeler_t), lab, levels_last_error, levels_destroy,
                                     levels_label CP_SINCE_1_1(NULL) };
    lab->leak = leak != 0.0;
    *out_instance = &lab->api;
    return EDGEHOST_OK;
}

const cp_component_t mk_keyed_levels = { &desc, levels_create };
