/*
 * labeler.c — labeler `forward_return`.
 *
 * A decision at every bar i with i + horizon < n. With fwd = close[i + horizon] / close[i] - 1:
 *   label          "UP" if fwd > band, "DOWN" if fwd < -band, else "FLAT"
 *   label_end_ts   ts[i + horizon]
 *   outcome_long   fwd - cost;  outcome_short  -fwd - cost;  outcome_flat  0
 */
#include <stdlib.h>

#include "c_pack.h"

typedef struct labeler {
    edgehost_labeler_t api;
    cp_error_t err;
    int64_t horizon;
    double band, cost;
} labeler_t;

static edgehost_status_t forward_return_label(edgehost_labeler_t* self, const struct ArrowSchema* in_schema,
                                              const struct ArrowArray* in, struct ArrowSchema* out_schema,
                                              struct ArrowArray* out) {
    labeler_t* lab = (labeler_t*)self->state;
    const int64_t* in_ts = edgehost_column_i64(in_schema, in, "ts", CP_ERRBUF(&lab->err));
    const double* close = in_ts ? edgehost_column_f64(in_schema, in, "close", CP_ERRBUF(&lab->err)) : NULL;
    int64_t i, h = lab->horizon, m = in->length > h ? in->length - h : 0;
    const char** labels;
    int64_t *ts, *end;
    double *out_long, *out_short, *out_flat;
    edgehost_builder_t b;
    if (close == NULL) return EDGEHOST_ERR_INVALID_ARGUMENT;
    for (i = 0; i < in->length; i++) {
        if (!isfinite(close[i]) || close[i] <= 0) {
            return CP_FAIL(&lab->err, EDGEHOST_ERR_DATA, "forward_return: close at row %lld is %g", (long long)i,
                           close[i]);
        }
    }
    labels = (const char**)malloc(((size_t)m + 1u) * sizeof *labels);
    if (labels == NULL) return CP_FAIL(&lab->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    edgehost_builder_init(&b, m);
    ts = edgehost_builder_add_timestamp(&b, "ts");
    end = edgehost_builder_add_timestamp(&b, "label_end_ts");
    for (i = 0; ts != NULL && end != NULL && i < m; i++) {
        double fwd = close[i + h] / close[i] - 1.0;
        ts[i] = in_ts[i];
        end[i] = in_ts[i + h];
        labels[i] = fwd > lab->band ? "UP" : fwd < -lab->band ? "DOWN" : "FLAT";
    }
    if (!b.failed) edgehost_builder_add_utf8(&b, "label", labels);
    free(labels);
    out_long = edgehost_builder_add_f64(&b, "outcome_long");
    out_short = edgehost_builder_add_f64(&b, "outcome_short");
    out_flat = edgehost_builder_add_f64(&b, "outcome_flat");
    for (i = 0; !b.failed && i < m; i++) {
        double fwd = close[i + h] / close[i] - 1.0;
        out_long[i] = fwd - lab->cost;
        out_short[i] = -fwd - lab->cost;
        out_flat[i] = 0.0;
    }
    return cp_finish(&b, out_schema, out, &lab->err);
}

static const char* labeler_last_error(const edgehost_labeler_t* self) {
    return ((const labeler_t*)self->state)->err.text;
}

static void labeler_destroy(edgehost_labeler_t* self) {
    free(self->state);
}

static const edgehost_param_desc_t horizon_param =
    CP_PARAM("horizon", EDGEHOST_PARAM_INT, "15", 1, 100000, "bars between the decision and the exit");
static const edgehost_param_desc_t band_param =
    CP_PARAM("band", EDGEHOST_PARAM_FLOAT, "0.0005", 0, NAN, "returns within +/-band are FLAT");
static const edgehost_param_desc_t cost_param =
    CP_PARAM("cost", EDGEHOST_PARAM_FLOAT, "0.0001", 0, NAN, "round-trip cost subtracted from each outcome");
static const edgehost_param_desc_t* const params[] = { &horizon_param, &band_param, &cost_param };

static const edgehost_column_desc_t* const inputs[] = { &cp_col_close };
static const edgehost_column_desc_t col_end = CP_COLUMN("label_end_ts", "tsn:UTC", 0u, "ts of the exit bar");
static const edgehost_column_desc_t col_label = CP_COLUMN("label", "u", 0u, "UP, DOWN or FLAT");
static const edgehost_column_desc_t col_long = CP_COLUMN("outcome_long", "g", 0u, "forward return - cost");
static const edgehost_column_desc_t col_short = CP_COLUMN("outcome_short", "g", 0u, "-forward return - cost");
static const edgehost_column_desc_t col_flat = CP_COLUMN("outcome_flat", "g", 0u, "0: staying out");
/* "ts" (the decision time) comes first in the output and is implied. */
static const edgehost_column_desc_t* const outputs[] = { &col_end, &col_label, &col_long, &col_short, &col_flat };

/* horizon_bars is static: it states the default horizon; an instance reports its own `horizon`
 * through `horizon` (ABI 1.1). */
static const edgehost_component_desc_t desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "forward_return",
    .version = "1.0.0",
    .description = "UP/DOWN/FLAT by the close-to-close return `horizon` bars ahead, with long/short/flat outcomes",
    .params = params,
    .param_count = CP_COUNT(params),
    .inputs = inputs,
    .input_count = CP_COUNT(inputs),
    .outputs = outputs,
    .output_count = CP_COUNT(outputs),
    .horizon_bars = 15,
};

/* ABI 1.1: the instance's horizon, `horizon` bars (label_end_ts is the exit bar's ts). */
static inline edgehost_status_t forward_return_horizon(const edgehost_labeler_t* self, int64_t* out_bars, int64_t* out_ns) {
    return cp_report_bars(((const labeler_t*)self->state)->horizon, out_bars, out_ns);
}

static edgehost_status_t forward_return_create(const char* params_json, cp_error_t* err, void** out_instance) {
    double horizon, band, cost;
    edgehost_status_t rc = cp_param_number(params_json, &horizon_param, &horizon, err);
    labeler_t* lab;
    if (rc == EDGEHOST_OK) rc = cp_param_number(params_json, &band_param, &band, err);
    if (rc == EDGEHOST_OK) rc = cp_param_number(params_json, &cost_param, &cost, err);
    if (rc != EDGEHOST_OK) return rc;
    lab = (labeler_t*)calloc(1, sizeof *lab);
    if (lab == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    lab->api = (edgehost_labeler_t){ EDGEHOST_HEADER(edgehost_labeler_t), lab, labeler_last_error, labeler_destroy,
                                     forward_return_label CP_SINCE_1_1(forward_return_horizon) };
    lab->horizon = (int64_t)horizon;
    lab->band = band;
    lab->cost = cost;
    *out_instance = &lab->api;
    return EDGEHOST_OK;
}

const cp_component_t cp_forward_return = { &desc, forward_return_create };
