/*
 * discovery_pack.c — test pack "discoverysim" for the host's event discovery
 * (Sources/Host/Discovery), built by ../build.sh. Plain C11, the two ABI headers only.
 *
 *   adapter `sim`: 24x7 UTC 5-minute bars of any symbol, generated bar by bar from
 *       2023-01-01 with a seeded random walk (10 bps a bar). With probability `shock_rate`
 *       (default 0.01) a bar jumps ±80 bps on triple volume; with `effects` "planted" (the
 *       default) a quarter of each jump reverses evenly over the next three bars — the planted
 *       effect: SHOCK × mean_revert pays about 20 bps gross at horizons ≥ 3 bars, about
 *       7 bps at 1 bar (less than the ~10 bps of costs). `effects: none` plants nothing.
 *   indicator `event.shock`: flags a bar whose log return exceeds `threshold` (5) standard
 *       deviations of the previous `window` (48) returns.
 *   indicator `event.control`: flags about 1 % of bars by a hash of the close — events with
 *       no effect at all, the control.
 *   Both output the state code of the bar: trend when |log(close / close 48 bars ago)| is
 *       above the 96-bar return deviation × √48, high volatility when the last 12 returns
 *       vary more than the last 96.
 *   risk profile `default`: taker_fee_bps 4 and the slippage defaults.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edgehost_plugin.h"
#include "edgehost_plugin_helpers.h"

#define PACK_ID "discoverysim"
#define BAR_NS INT64_C(300000000000)
#define BARS_PER_DAY 288
#define ORIGIN_DAY 19358 /* 2023-01-01 */
#define LONG_WINDOW 96
#define SHORT_WINDOW 12
#define TREND_BARS 48

typedef struct err_buf { char text[512]; } err_buf_t;
#define ERRBUF(e) (e)->text, sizeof (e)->text
#define FAIL(e, status, ...) (edgehost_set_error(ERRBUF(e), __VA_ARGS__), (status))
#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define COLUMN(name, format, flags, text) { EDGEHOST_HEADER(edgehost_column_desc_t), name, format, flags, 0u, text }
#define PARAM(name, type, def, min, max, text) { EDGEHOST_HEADER(edgehost_param_desc_t), name, type, 0, def, min, max, text }

typedef struct component {
    const edgehost_component_desc_t* desc;
    edgehost_status_t (*create)(const edgehost_component_desc_t* desc, const char* params_json, err_buf_t* err, void** out);
} component_t;

static const edgehost_market_t market = { EDGEHOST_HEADER(edgehost_market_t), "UTC", "24x7", BAR_NS, 0u, 0u, NULL };

/* ---- random numbers (splitmix64) ---- */

static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static double uniform(uint64_t* state) {
    *state += UINT64_C(0x9E3779B97F4A7C15);
    return ((double)(mix(*state) >> 11) + 0.5) / 9007199254740992.0;
}

static double gaussian(uint64_t* state) {
    double u = uniform(state), v = uniform(state);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* ---- adapter `sim` ---- */

typedef struct sim {
    edgehost_data_adapter_t api;
    err_buf_t err;
    double shock_rate;
    int planted;
    int64_t seed;
} sim_t;

static edgehost_status_t sim_open(edgehost_data_adapter_t* self, const char* query_json, struct ArrowArrayStream* out) {
    sim_t* a = (sim_t*)self->state;
    edgehost_json_t query;
    const char *date = NULL, *symbol = NULL;
    int64_t first = 0, last = 0, day, n = 0, bar;
    uint64_t rng = 0;
    double price = 100.0, pending = 0.0;
    int pending_bars = 0;
    edgehost_builder_t b;
    struct ArrowSchema schema;
    struct ArrowArray batch;
    int64_t* ts;
    double *o, *h, *l, *c, *v;
    int ok;
    if (out == NULL || query_json == NULL) return FAIL(&a->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    memset(out, 0, sizeof *out);
    if (edgehost_json_parse(query_json, &query, ERRBUF(&a->err)) != 0) return EDGEHOST_ERR_INVALID_ARGUMENT;
    ok = edgehost_json_string(&query, "symbol", &symbol) == 1 && edgehost_json_string(&query, "start", &date) == 1 &&
         edgehost_parse_date(date, &first) == 0 && edgehost_json_string(&query, "end", &date) == 1 &&
         edgehost_parse_date(date, &last) == 0;
    /* The symbol seeds the walk (FNV-1a), so each symbol has its own path. */
    rng = UINT64_C(1469598103934665603) ^ (uint64_t)a->seed;
    for (const char* p = ok ? symbol : ""; *p; p++) rng = (rng ^ (uint8_t)*p) * UINT64_C(1099511628211);
    edgehost_json_free(&query);
    if (!ok || last < first || last - ORIGIN_DAY > 3 * 366) {
        return FAIL(&a->err, EDGEHOST_ERR_INVALID_ARGUMENT, "sim: the query needs \"symbol\" and \"start\" <= \"end\" dates (until 2025-12-31)");
    }
    if (first < ORIGIN_DAY) first = ORIGIN_DAY; /* no data before the origin: history starts there */
    edgehost_builder_init(&b, (last - first + 1) * BARS_PER_DAY);
    ts = edgehost_builder_add_timestamp(&b, "ts");
    o = edgehost_builder_add_f64(&b, "open");
    h = edgehost_builder_add_f64(&b, "high");
    l = edgehost_builder_add_f64(&b, "low");
    c = edgehost_builder_add_f64(&b, "close");
    v = edgehost_builder_add_f64(&b, "volume");
    if (b.failed) {
        edgehost_builder_free(&b);
        return FAIL(&a->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    }
    /* The whole path from the origin, so a bar is the same whatever the query's start. */
    for (day = ORIGIN_DAY; day <= last; day++) {
        for (bar = 0; bar < BARS_PER_DAY; bar++) {
            double r = 0.001 * gaussian(&rng), jump = 0.0, open = price;
            double wick_up = fabs(gaussian(&rng)) * 0.0003, wick_down = fabs(gaussian(&rng)) * 0.0003;
            double volume = 100.0 * exp(0.3 * gaussian(&rng));
            if (uniform(&rng) < a->shock_rate) jump = uniform(&rng) < 0.5 ? -0.008 : 0.008;
            if (pending_bars > 0) {
                r += pending;
                pending_bars--;
            }
            if (jump != 0.0) {
                r += jump;
                volume *= 3.0;
                if (a->planted) {
                    pending = -0.25 * jump / 3.0;
                    pending_bars = 3;
                }
            }
            price = open * exp(r);
            if (day < first) continue;
            ts[n] = (day * 86400 + bar * 300) * INT64_C(1000000000);
            o[n] = open;
            c[n] = price;
            h[n] = (open > price ? open : price) * (1.0 + wick_up);
            l[n] = (open < price ? open : price) * (1.0 - wick_down);
            v[n] = volume;
            n++;
        }
    }
    b.length = n;
    memset(&schema, 0, sizeof schema);
    memset(&batch, 0, sizeof batch);
    if (edgehost_builder_finish(&b, &schema, &batch) != EDGEHOST_OK) return FAIL(&a->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    return edgehost_stream_init(out, &schema, &batch, 1) == EDGEHOST_OK ? EDGEHOST_OK : FAIL(&a->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
}

static const edgehost_market_t* sim_market(const edgehost_data_adapter_t* self) {
    (void)self;
    return &market;
}
static const char* sim_last_error(const edgehost_data_adapter_t* self) { return ((const sim_t*)self->state)->err.text; }
static void sim_destroy(edgehost_data_adapter_t* self) { free(self->state); }

static edgehost_status_t sim_create(const edgehost_component_desc_t* desc, const char* params_json, err_buf_t* err, void** out) {
    edgehost_json_t params;
    const char* effects = "planted";
    double rate = 0.01, seed = 1;
    sim_t* a;
    (void)desc;
    if (edgehost_json_parse(params_json, &params, ERRBUF(err)) != 0) return EDGEHOST_ERR_INVALID_ARGUMENT;
    edgehost_json_string(&params, "effects", &effects);
    edgehost_json_number(&params, "shock_rate", &rate);
    edgehost_json_number(&params, "seed", &seed);
    if (strcmp(effects, "planted") != 0 && strcmp(effects, "none") != 0) {
        edgehost_json_free(&params);
        return FAIL(err, EDGEHOST_ERR_INVALID_ARGUMENT, "sim: effects must be \"planted\" or \"none\"");
    }
    a = (sim_t*)calloc(1, sizeof *a);
    if (a == NULL) {
        edgehost_json_free(&params);
        return FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    }
    a->planted = strcmp(effects, "planted") == 0;
    edgehost_json_free(&params);
    a->shock_rate = rate;
    a->seed = (int64_t)seed;
    a->api = (edgehost_data_adapter_t){ EDGEHOST_HEADER(edgehost_data_adapter_t), a, sim_last_error, sim_destroy, sim_open, sim_market };
    *out = &a->api;
    return EDGEHOST_OK;
}

static const edgehost_column_desc_t col_open = COLUMN("open", "g", 0u, "first price of the bar");
static const edgehost_column_desc_t col_high = COLUMN("high", "g", 0u, "highest price of the bar");
static const edgehost_column_desc_t col_low = COLUMN("low", "g", 0u, "lowest price of the bar");
static const edgehost_column_desc_t col_close = COLUMN("close", "g", 0u, "last price of the bar");
static const edgehost_column_desc_t col_volume = COLUMN("volume", "g", 0u, "volume of the bar");
static const edgehost_column_desc_t* const bar_columns[] = { &col_open, &col_high, &col_low, &col_close, &col_volume };
static const edgehost_param_desc_t effects_param = PARAM("effects", EDGEHOST_PARAM_STRING, "\"planted\"", NAN, NAN, "planted: shocks partly revert; none: no effect");
static const edgehost_param_desc_t rate_param = PARAM("shock_rate", EDGEHOST_PARAM_FLOAT, "0.01", 0, 1, "probability of a shock bar");
static const edgehost_param_desc_t seed_param = PARAM("seed", EDGEHOST_PARAM_INT, "1", 0, 1000000, "random seed");
static const edgehost_param_desc_t* const sim_params[] = { &effects_param, &rate_param, &seed_param };
static const edgehost_component_desc_t sim_desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t), .id = "sim", .version = "1.0.0",
    .description = "simulated 24x7 5-minute bars with planted shock reversals (query: symbol, start, end)",
    .params = sim_params, .param_count = COUNT(sim_params), .outputs = bar_columns, .output_count = COUNT(bar_columns),
};

/* ---- detectors ---- */

typedef struct detector {
    edgehost_indicator_t api;
    err_buf_t err;
    int control;
    int64_t window;
    double threshold;
    char flag_name[64], state_name[64];
} detector_t;

/* Standard deviation (ddof 1) of the log returns ending at rows first..last (each vs the row before). */
static double return_std(const double* close, int64_t first, int64_t last) {
    double sum = 0, sq = 0, n = (double)(last - first + 1);
    for (int64_t j = first; j <= last; j++) sum += log(close[j] / close[j - 1]);
    for (int64_t j = first; j <= last; j++) {
        double d = log(close[j] / close[j - 1]) - sum / n;
        sq += d * d;
    }
    return sqrt(sq / (n - 1));
}

static double state_code(const double* close, int64_t i) {
    double sd_long, sd_short;
    int trend, high;
    if (i < LONG_WINDOW) return NAN;
    sd_long = return_std(close, i - LONG_WINDOW + 1, i);
    sd_short = return_std(close, i - SHORT_WINDOW + 1, i);
    trend = fabs(log(close[i] / close[i - TREND_BARS])) > sd_long * sqrt((double)TREND_BARS);
    high = sd_short > sd_long;
    return (double)(2 * trend + high);
}

static edgehost_status_t detector_compute(edgehost_indicator_t* self, const struct ArrowSchema* in_schema, const struct ArrowArray* in,
                                          struct ArrowSchema* out_schema, struct ArrowArray* out) {
    detector_t* d = (detector_t*)self->state;
    edgehost_builder_t b;
    double *flag, *state;
    const double* close = edgehost_column_f64(in_schema, in, "close", ERRBUF(&d->err));
    if (close == NULL) return EDGEHOST_ERR_INVALID_ARGUMENT;
    edgehost_builder_init(&b, in->length);
    flag = edgehost_builder_add_f64(&b, d->flag_name);
    state = edgehost_builder_add_f64(&b, d->state_name);
    for (int64_t i = 0; flag != NULL && state != NULL && i < b.length; i++) {
        state[i] = state_code(close, i);
        if (d->control) {
            uint64_t bits;
            memcpy(&bits, &close[i], sizeof bits);
            flag[i] = i < 1 ? NAN : (double)((mix(bits) >> 11) % 100 == 0);
        } else if (i <= d->window) {
            flag[i] = NAN;
        } else {
            double sd = return_std(close, i - d->window, i - 1);
            flag[i] = fabs(log(close[i] / close[i - 1])) > d->threshold * sd ? 1.0 : 0.0;
        }
    }
    if (edgehost_builder_finish(&b, out_schema, out) != EDGEHOST_OK) return FAIL(&d->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    return EDGEHOST_OK;
}

static edgehost_status_t detector_lookback(const edgehost_indicator_t* self, int64_t* bars, int64_t* ns) {
    const detector_t* d = (const detector_t*)self->state;
    *bars = LONG_WINDOW > d->window + 1 ? LONG_WINDOW : d->window + 1;
    *ns = 0;
    return EDGEHOST_OK;
}
static const char* detector_last_error(const edgehost_indicator_t* self) { return ((const detector_t*)self->state)->err.text; }
static void detector_destroy(edgehost_indicator_t* self) { free(self->state); }

static edgehost_status_t detector_create(const edgehost_component_desc_t* desc, const char* params_json, err_buf_t* err, void** out) {
    edgehost_json_t params;
    double window = 48, threshold = 5;
    const char* name = desc->id + strlen("event.");
    detector_t* d;
    if (edgehost_json_parse(params_json, &params, ERRBUF(err)) != 0) return EDGEHOST_ERR_INVALID_ARGUMENT;
    edgehost_json_number(&params, "window", &window);
    edgehost_json_number(&params, "threshold", &threshold);
    edgehost_json_free(&params);
    d = (detector_t*)calloc(1, sizeof *d);
    if (d == NULL) return FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    d->control = strcmp(desc->id, "event.control") == 0;
    d->window = (int64_t)window;
    d->threshold = threshold;
    snprintf(d->flag_name, sizeof d->flag_name, "%s_flag", name);
    snprintf(d->state_name, sizeof d->state_name, "%s_state", name);
    d->api = (edgehost_indicator_t){ EDGEHOST_HEADER(edgehost_indicator_t), d, detector_last_error, detector_destroy,
                                     detector_compute, detector_lookback };
    *out = &d->api;
    return EDGEHOST_OK;
}

static const edgehost_column_desc_t* const close_input[] = { &col_close };
static const edgehost_column_desc_t shock_flag = COLUMN("shock_flag", "g", EDGEHOST_COLUMN_ALLOW_NAN, "1 on a shock bar, else 0; NaN in warm-up");
static const edgehost_column_desc_t shock_state = COLUMN("shock_state", "g", EDGEHOST_COLUMN_ALLOW_NAN, "state code 0-3; NaN in warm-up");
static const edgehost_column_desc_t control_flag = COLUMN("control_flag", "g", EDGEHOST_COLUMN_ALLOW_NAN, "1 on about 1% of bars, else 0");
static const edgehost_column_desc_t control_state = COLUMN("control_state", "g", EDGEHOST_COLUMN_ALLOW_NAN, "state code 0-3; NaN in warm-up");
static const edgehost_column_desc_t* const shock_outputs[] = { &shock_flag, &shock_state };
static const edgehost_column_desc_t* const control_outputs[] = { &control_flag, &control_state };
static const edgehost_param_desc_t window_param = PARAM("window", EDGEHOST_PARAM_INT, "48", 2, 10000, "returns in the deviation");
static const edgehost_param_desc_t threshold_param = PARAM("threshold", EDGEHOST_PARAM_FLOAT, "5.0", 0, 100, "deviations that make a shock");
static const edgehost_param_desc_t* const shock_params[] = { &window_param, &threshold_param };
static const edgehost_component_desc_t shock_desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t), .id = "event.shock", .version = "1.0.0",
    .description = "SHOCK: |log return| above threshold x the previous window's deviation",
    .params = shock_params, .param_count = COUNT(shock_params), .inputs = close_input, .input_count = 1,
    .outputs = shock_outputs, .output_count = 2, .lookback_bars = LONG_WINDOW,
};
static const edgehost_component_desc_t control_desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t), .id = "event.control", .version = "1.0.0",
    .description = "CONTROL: about 1% of bars chosen by a hash of the close; no effect",
    .inputs = close_input, .input_count = 1, .outputs = control_outputs, .output_count = 2, .lookback_bars = LONG_WINDOW,
};

/* ---- risk profile ---- */

typedef struct risk { edgehost_risk_profile_t api; err_buf_t err; } risk_t;
static edgehost_status_t risk_budgets(edgehost_risk_profile_t* self, const char** out) {
    (void)self;
    *out = "{\"taker_fee_bps\":4.0,\"position_size\":1.0}";
    return EDGEHOST_OK;
}
static const char* risk_last_error(const edgehost_risk_profile_t* self) { return ((const risk_t*)self->state)->err.text; }
static void risk_destroy(edgehost_risk_profile_t* self) { free(self->state); }
static edgehost_status_t risk_create(const edgehost_component_desc_t* desc, const char* params_json, err_buf_t* err, void** out) {
    risk_t* r = (risk_t*)calloc(1, sizeof *r);
    (void)desc;
    (void)params_json;
    if (r == NULL) return FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    r->api = (edgehost_risk_profile_t){ EDGEHOST_HEADER(edgehost_risk_profile_t), r, risk_last_error, risk_destroy, risk_budgets };
    *out = &r->api;
    return EDGEHOST_OK;
}
static const edgehost_component_desc_t risk_desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t), .id = "default", .version = "1.0.0", .description = "taker fee 4 bps",
};

/* ---- resources, factories, entry ---- */

static const char defaults_yaml[] = "adapter: { id: sim }\nrisk_profiles: [default]\ndefault_risk_profile: default\n";
static const edgehost_resource_t defaults_resource = {
    EDGEHOST_HEADER(edgehost_resource_t), "defaults.yaml", "application/yaml", (const uint8_t*)defaults_yaml, sizeof defaults_yaml - 1,
};
static const edgehost_resource_t* const resource_list[] = { &defaults_resource };
static const edgehost_resource_table_t resources = { EDGEHOST_HEADER(edgehost_resource_table_t), 1u, 0u, resource_list };

typedef struct factory {
    edgehost_factory_t api;
    const component_t* components;
    uint32_t count;
    err_buf_t err;
} factory_t;

static uint32_t factory_count(const edgehost_factory_t* f) { return ((const factory_t*)f)->count; }
static const edgehost_component_desc_t* factory_descriptor(const edgehost_factory_t* f, uint32_t i) {
    const factory_t* self = (const factory_t*)f;
    return i < self->count ? self->components[i].desc : NULL;
}
static edgehost_status_t factory_create(const edgehost_factory_t* f, const char* id, const char* params_json, void** out) {
    factory_t* self = (factory_t*)f;
    if (out == NULL || id == NULL) return FAIL(&self->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    *out = NULL;
    for (uint32_t i = 0; i < self->count; i++) {
        if (strcmp(self->components[i].desc->id, id) == 0) {
            return self->components[i].create(self->components[i].desc, params_json ? params_json : "{}", &self->err, out);
        }
    }
    return FAIL(&self->err, EDGEHOST_ERR_INVALID_ARGUMENT, PACK_ID " has no component '%s'", id);
}
static const char* factory_last_error(const edgehost_factory_t* f) { return ((const factory_t*)f)->err.text; }

#define FACTORY(list) { { EDGEHOST_HEADER(edgehost_factory_t), factory_count, factory_descriptor, factory_create, factory_last_error }, list, COUNT(list), { "" } }
static const component_t adapter_list[] = { { &sim_desc, sim_create } };
static const component_t indicator_list[] = { { &shock_desc, detector_create }, { &control_desc, detector_create } };
static const component_t risk_list[] = { { &risk_desc, risk_create } };
static factory_t adapters = FACTORY(adapter_list);
static factory_t indicators = FACTORY(indicator_list);
static factory_t risks = FACTORY(risk_list);

static err_buf_t init_error;
static edgehost_status_t pack_init(const edgehost_host_api_t* api) {
    if (api == NULL || api->header.abi_major != EDGEHOST_ABI_MAJOR) return FAIL(&init_error, EDGEHOST_ERR_UNSUPPORTED, "ABI mismatch");
    return EDGEHOST_OK;
}
static void pack_deinit(void) {}
static const void* pack_get_factory(const char* id) {
    if (id == NULL) return NULL;
    if (strcmp(id, EDGEHOST_DATA_ADAPTER_V1) == 0) return &adapters;
    if (strcmp(id, EDGEHOST_INDICATOR_V1) == 0) return &indicators;
    if (strcmp(id, EDGEHOST_RISK_PROFILE_V1) == 0) return &risks;
    if (strcmp(id, EDGEHOST_RESOURCES_V1) == 0) return &resources;
    return NULL;
}
static const char* pack_last_error(void) { return init_error.text; }

EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry = {
    EDGEHOST_HEADER(edgehost_pack_entry_t), PACK_ID, "1.0.0", "Test pack: planted event effects for host discovery",
    pack_init, pack_deinit, pack_get_factory, pack_last_error,
};
