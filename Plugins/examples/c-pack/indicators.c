/*
 * indicators.c — two indicators sharing one instance type.
 *
 *   momentum   close[i] - close[i - period]; NaN for the first `period` rows.
 *   range_pct  (high - low) / close; never NaN (a zero or non-finite result is a data error).
 *
 * Both output one float64 column "value", row for row, using rows 0..i only.
 */
#include <stdlib.h>

#include "c_pack.h"

typedef struct indicator {
    edgehost_indicator_t api;
    cp_error_t err;
    int64_t period; /* momentum */
} indicator_t;

static edgehost_status_t momentum_compute(edgehost_indicator_t* self, const struct ArrowSchema* in_schema,
                                          const struct ArrowArray* in, struct ArrowSchema* out_schema,
                                          struct ArrowArray* out) {
    indicator_t* ind = (indicator_t*)self->state;
    const double* close = edgehost_column_f64(in_schema, in, "close", CP_ERRBUF(&ind->err));
    edgehost_builder_t b;
    double* value;
    int64_t i;
    if (close == NULL) return EDGEHOST_ERR_INVALID_ARGUMENT;
    edgehost_builder_init(&b, in->length);
    value = edgehost_builder_add_f64(&b, "value");
    for (i = 0; value != NULL && i < b.length; i++) {
        value[i] = i < ind->period ? NAN : close[i] - close[i - ind->period];
    }
    return cp_finish(&b, out_schema, out, &ind->err);
}

static edgehost_status_t range_pct_compute(edgehost_indicator_t* self, const struct ArrowSchema* in_schema,
                                           const struct ArrowArray* in, struct ArrowSchema* out_schema,
                                           struct ArrowArray* out) {
    indicator_t* ind = (indicator_t*)self->state;
    const double* high = edgehost_column_f64(in_schema, in, "high", CP_ERRBUF(&ind->err));
    const double* low = high ? edgehost_column_f64(in_schema, in, "low", CP_ERRBUF(&ind->err)) : NULL;
    const double* close = low ? edgehost_column_f64(in_schema, in, "close", CP_ERRBUF(&ind->err)) : NULL;
    edgehost_builder_t b;
    double* value;
    int64_t i;
    if (close == NULL) return EDGEHOST_ERR_INVALID_ARGUMENT;
    edgehost_builder_init(&b, in->length);
    value = edgehost_builder_add_f64(&b, "value");
    for (i = 0; value != NULL && i < b.length; i++) {
        value[i] = (high[i] - low[i]) / close[i];
        if (!isfinite(value[i])) {
            edgehost_builder_free(&b);
            return CP_FAIL(&ind->err, EDGEHOST_ERR_DATA, "range_pct: row %lld: (%g - %g) / %g is not finite",
                           (long long)i, high[i], low[i], close[i]);
        }
    }
    return cp_finish(&b, out_schema, out, &ind->err);
}

static const char* indicator_last_error(const edgehost_indicator_t* self) {
    return ((const indicator_t*)self->state)->err.text;
}

static void indicator_destroy(edgehost_indicator_t* self) {
    free(self->state);
}

/* ABI 1.1: the instance's lookback from its parameters: `period` bars for momentum, none for
 * range_pct (period stays 0). The host fetches history and checks causality with it. */
static inline edgehost_status_t indicator_lookback(const edgehost_indicator_t* self, int64_t* out_bars, int64_t* out_ns) {
    return cp_report_bars(((const indicator_t*)self->state)->period, out_bars, out_ns);
}

/* Allocates an instance that computes with `compute`. */
static indicator_t* indicator_new(edgehost_indicator_compute_fn compute) {
    indicator_t* ind = (indicator_t*)calloc(1, sizeof *ind);
    if (ind != NULL) {
        ind->api = (edgehost_indicator_t){ EDGEHOST_HEADER(edgehost_indicator_t), ind, indicator_last_error,
                                           indicator_destroy, compute CP_SINCE_1_1(indicator_lookback) };
    }
    return ind;
}

/* ---- momentum ---- */

static const edgehost_param_desc_t period_param =
    CP_PARAM("period", EDGEHOST_PARAM_INT, "10", 1, 100000, "bars between the two closes compared");
static const edgehost_param_desc_t* const momentum_params[] = { &period_param };
static const edgehost_column_desc_t* const close_input[] = { &cp_col_close };
static const edgehost_column_desc_t value_nan = CP_COLUMN("value", "g", EDGEHOST_COLUMN_ALLOW_NAN,
                                                          "close minus the close `period` bars earlier");
static const edgehost_column_desc_t* const momentum_outputs[] = { &value_nan };

/* lookback_bars is static, so it states the default period (10); an instance reports its own
 * `period` through `lookback` (ABI 1.1). */
static const edgehost_component_desc_t momentum_desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "momentum",
    .version = "1.0.0",
    .description = "close[i] - close[i - period]",
    .params = momentum_params,
    .param_count = CP_COUNT(momentum_params),
    .inputs = close_input,
    .input_count = CP_COUNT(close_input),
    .outputs = momentum_outputs,
    .output_count = CP_COUNT(momentum_outputs),
    .lookback_bars = 10,
};

static edgehost_status_t momentum_create(const char* params_json, cp_error_t* err, void** out_instance) {
    double period;
    indicator_t* ind;
    edgehost_status_t rc = cp_param_number(params_json, &period_param, &period, err);
    if (rc != EDGEHOST_OK) return rc;
    if ((ind = indicator_new(momentum_compute)) == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    ind->period = (int64_t)period;
    *out_instance = &ind->api;
    return EDGEHOST_OK;
}

const cp_component_t cp_momentum = { &momentum_desc, momentum_create };

/* ---- range_pct ---- */

static const edgehost_column_desc_t* const range_inputs[] = { &cp_col_high, &cp_col_low, &cp_col_close };
static const edgehost_column_desc_t value_finite = CP_COLUMN("value", "g", 0u, "(high - low) / close");
static const edgehost_column_desc_t* const range_outputs[] = { &value_finite };

static const edgehost_component_desc_t range_pct_desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "range_pct",
    .version = "1.0.0",
    .description = "bar range as a fraction of the close: (high - low) / close",
    .inputs = range_inputs,
    .input_count = CP_COUNT(range_inputs),
    .outputs = range_outputs,
    .output_count = CP_COUNT(range_outputs),
};

static edgehost_status_t range_pct_create(const char* params_json, cp_error_t* err, void** out_instance) {
    indicator_t* ind = indicator_new(range_pct_compute);
    (void)params_json; /* no parameters */
    if (ind == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    *out_instance = &ind->api;
    return EDGEHOST_OK;
}

const cp_component_t cp_range_pct = { &range_pct_desc, range_pct_create };
