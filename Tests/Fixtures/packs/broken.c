/*
 * broken.c — deliberately broken packs, so the host's error paths can be tested.
 *
 * One source; build.sh compiles it once per variant with -DBROKEN_NAME=<variant> and
 * -DBROKEN_<VARIANT>. The skeleton is a valid pack `broken_<variant>` with one indicator
 * factory holding the honest indicator `honest` (close[i] - close[i-1]) plus the variant's:
 *
 *   no_entry      no `edgehost_pack_entry`; exports `other_symbol` instead
 *   abi_major     entry header abi_major = 99
 *   struct_size   entry header struct_size = 8
 *   dup_a, dup_b  two valid packs, both with pack_id "duplicate"
 *   init_fails    init returns EDGEHOST_ERR_INTERNAL: "license file /etc/edgehost/demo.lic not found"
 *   no_factory    pack_id "nofactory"; get_factory returns NULL for every id
 *   status        indicator `fails`: EDGEHOST_ERR_DATA, "input has only 3 rows, need 50"
 *   row_count     indicator `short_output`: returns in->length - 1 rows
 *   nan           `makes_nan`: NaN at row 5 without ALLOW_NAN; `makes_inf`: +Inf at row 7
 *   leaky         `peeks_ahead`: close[i+1] - close[i] (uses the future; NaN last, ALLOW_NAN)
 *   factory_size  the indicator factory's header says struct_size = 4
 *   overreach     also a labeler factory with labeler `overreach`: declares horizon_bars = 12
 *                 but ends each label 24 bars after its decision (label_end_ts = ts[i + 24])
 *   history       causal indicators whose values depend on history older than they declare:
 *                 `running_sum` (sum of close since the first bar, declares 1 bar) and
 *                 `short_ema` (EMA(10) seeded with the first close, declares only its period)
 */
#include "edgehost_plugin_helpers.h"

#include <math.h>

#ifdef BROKEN_NO_ENTRY

EDGEHOST_EXPORT int other_symbol(void);
int other_symbol(void) { return 42; }

#else

#define STR_(x) #x
#define STR(x) STR_(x)

#if defined(BROKEN_DUP_A) || defined(BROKEN_DUP_B)
#define PACK_ID "duplicate"
#elif defined(BROKEN_NO_FACTORY)
#define PACK_ID "nofactory"
#else
#define PACK_ID "broken_" STR(BROKEN_NAME)
#endif

#if defined(BROKEN_ABI_MAJOR)
#define ENTRY_HEADER { 99u, EDGEHOST_ABI_MINOR, (uint32_t)sizeof(edgehost_pack_entry_t), 0u }
#elif defined(BROKEN_STRUCT_SIZE)
#define ENTRY_HEADER { EDGEHOST_ABI_MAJOR, EDGEHOST_ABI_MINOR, 8u, 0u }
#else
#define ENTRY_HEADER EDGEHOST_HEADER(edgehost_pack_entry_t)
#endif

#if defined(BROKEN_FACTORY_SIZE)
#define FACTORY_HEADER { EDGEHOST_ABI_MAJOR, EDGEHOST_ABI_MINOR, 4u, 0u }
#else
#define FACTORY_HEADER EDGEHOST_HEADER(edgehost_factory_t)
#endif

/* ---- indicators: each fills `n` output values from close[0..n) (NULL fill: always fails) */

typedef void (*fill_fn)(const double* close, int64_t n, double* value);

typedef struct broken_indicator {
    edgehost_component_desc_t desc;
    fill_fn fill;
    int64_t row_delta; /* output rows = input rows + row_delta */
} broken_indicator_t;

static const edgehost_column_desc_t close_column = { EDGEHOST_HEADER(edgehost_column_desc_t), "close", "g", 0u, 0u,
                                                     "" };
static const edgehost_column_desc_t* const close_inputs[] = { &close_column };

/* Defines indicator NAME with one float64 output "value" carrying FLAGS. */
#define INDICATOR(NAME, FLAGS, LOOKBACK, FILL, ROW_DELTA)                                                      \
    static const edgehost_column_desc_t NAME##_value = { EDGEHOST_HEADER(edgehost_column_desc_t), "value", "g", \
                                                         FLAGS, 0u, "" };                                       \
    static const edgehost_column_desc_t* const NAME##_outputs[] = { &NAME##_value };                           \
    static const broken_indicator_t NAME = { { EDGEHOST_HEADER(edgehost_component_desc_t), #NAME, "1.0.0",      \
                                               "test indicator " #NAME, NULL, 0u, 1u, close_inputs,             \
                                               NAME##_outputs, 1u, 0u, LOOKBACK, 0, 0, 0, 0 },                  \
                                             FILL, ROW_DELTA }

static void fill_diff(const double* close, int64_t n, double* value) {
    int64_t i;
    for (i = 0; i < n; i++) value[i] = i == 0 ? NAN : close[i] - close[i - 1];
}
INDICATOR(honest, EDGEHOST_COLUMN_ALLOW_NAN, 1, fill_diff, 0);

#if defined(BROKEN_STATUS)
INDICATOR(fails, 0u, 0, NULL, 0);
#define VARIANT_INDICATORS &fails,
#elif defined(BROKEN_ROW_COUNT)
static void fill_close(const double* close, int64_t n, double* value) {
    memcpy(value, close, (size_t)n * sizeof *value);
}
INDICATOR(short_output, 0u, 0, fill_close, -1);
#define VARIANT_INDICATORS &short_output,
#elif defined(BROKEN_NAN)
static void fill_nan(const double* close, int64_t n, double* value) {
    memcpy(value, close, (size_t)n * sizeof *value);
    if (n > 5) value[5] = NAN;
}
static void fill_inf(const double* close, int64_t n, double* value) {
    memcpy(value, close, (size_t)n * sizeof *value);
    if (n > 7) value[7] = INFINITY;
}
INDICATOR(makes_nan, 0u, 0, fill_nan, 0);
INDICATOR(makes_inf, 0u, 0, fill_inf, 0);
#define VARIANT_INDICATORS &makes_nan, &makes_inf,
#elif defined(BROKEN_LEAKY)
static void fill_future(const double* close, int64_t n, double* value) {
    int64_t i;
    for (i = 0; i < n; i++) value[i] = i + 1 < n ? close[i + 1] - close[i] : NAN;
}
INDICATOR(peeks_ahead, EDGEHOST_COLUMN_ALLOW_NAN, 0, fill_future, 0);
#define VARIANT_INDICATORS &peeks_ahead,
#elif defined(BROKEN_HISTORY)
static void fill_running_sum(const double* close, int64_t n, double* value) {
    double sum = 0.0;
    int64_t i;
    for (i = 0; i < n; i++) value[i] = sum += close[i];
}
static void fill_short_ema(const double* close, int64_t n, double* value) {
    const double alpha = 2.0 / 11.0;
    int64_t i;
    for (i = 0; i < n; i++) value[i] = i == 0 ? close[0] : alpha * close[i] + (1.0 - alpha) * value[i - 1];
}
INDICATOR(running_sum, 0u, 1, fill_running_sum, 0);
INDICATOR(short_ema, 0u, 10, fill_short_ema, 0);
#define VARIANT_INDICATORS &running_sum, &short_ema,
#else
#define VARIANT_INDICATORS
#endif

static const broken_indicator_t* const indicators[] = { VARIANT_INDICATORS &honest };
#define INDICATOR_COUNT ((uint32_t)(sizeof indicators / sizeof indicators[0]))

/* Exports a finished output batch, or says it ran out of memory. */
static edgehost_status_t finish(edgehost_builder_t* b, struct ArrowSchema* out_schema, struct ArrowArray* out, char* err,
                                size_t err_size) {
    if (edgehost_builder_finish(b, out_schema, out) != EDGEHOST_OK) {
        edgehost_set_error(err, err_size, "out of memory");
        return EDGEHOST_ERR_NO_MEMORY;
    }
    return EDGEHOST_OK;
}

typedef struct instance {
    edgehost_indicator_t api;
    const broken_indicator_t* def;
    char err[256];
} instance_t;

static edgehost_status_t compute(edgehost_indicator_t* self, const struct ArrowSchema* in_schema,
                                 const struct ArrowArray* in, struct ArrowSchema* out_schema, struct ArrowArray* out) {
    instance_t* inst = (instance_t*)self->state;
    const double* close;
    edgehost_builder_t b;
    double* value;
    if (inst->def->fill == NULL) {
        edgehost_set_error(inst->err, sizeof inst->err, "input has only 3 rows, need 50");
        return EDGEHOST_ERR_DATA;
    }
    close = edgehost_column_f64(in_schema, in, "close", inst->err, sizeof inst->err);
    if (close == NULL) return EDGEHOST_ERR_INVALID_ARGUMENT;
    edgehost_builder_init(&b, in->length + inst->def->row_delta);
    value = edgehost_builder_add_f64(&b, "value");
    if (value != NULL) inst->def->fill(close, b.length, value);
    return finish(&b, out_schema, out, inst->err, sizeof inst->err);
}

static const char* instance_last_error(const edgehost_indicator_t* self) {
    return ((const instance_t*)self->state)->err;
}

static void instance_destroy(edgehost_indicator_t* self) {
    free(self->state);
}

/* ---- the indicator factory ---- */

static char factory_error[256];

static uint32_t factory_count(const edgehost_factory_t* factory) {
    (void)factory;
    return INDICATOR_COUNT;
}

static const edgehost_component_desc_t* factory_descriptor(const edgehost_factory_t* factory, uint32_t index) {
    (void)factory;
    return index < INDICATOR_COUNT ? &indicators[index]->desc : NULL;
}

static edgehost_status_t factory_create(const edgehost_factory_t* factory, const char* id, const char* params_json,
                                        void** out_instance) {
    instance_t* inst;
    uint32_t i;
    (void)factory;
    (void)params_json;
    *out_instance = NULL;
    for (i = 0; i < INDICATOR_COUNT && strcmp(indicators[i]->desc.id, id) != 0; i++) {}
    if (i == INDICATOR_COUNT) {
        edgehost_set_error(factory_error, sizeof factory_error, "no indicator '%s' in pack " PACK_ID, id);
        return EDGEHOST_ERR_INVALID_ARGUMENT;
    }
    if ((inst = (instance_t*)calloc(1, sizeof *inst)) == NULL) {
        edgehost_set_error(factory_error, sizeof factory_error, "out of memory");
        return EDGEHOST_ERR_NO_MEMORY;
    }
    inst->api = (edgehost_indicator_t){ EDGEHOST_HEADER(edgehost_indicator_t), inst, instance_last_error,
                                        instance_destroy, compute, NULL /* lookback: the descriptor's */ };
    inst->def = indicators[i];
    *out_instance = &inst->api;
    return EDGEHOST_OK;
}

static const char* factory_last_error(const edgehost_factory_t* factory) {
    (void)factory;
    return factory_error;
}

static const edgehost_factory_t indicator_factory = { FACTORY_HEADER, factory_count, factory_descriptor,
                                                      factory_create, factory_last_error };

/* ---- the overreaching labeler (variant overreach) ---- */

#if defined(BROKEN_OVERREACH)
#define OVERREACH_BARS 24

static const edgehost_column_desc_t end_column = { EDGEHOST_HEADER(edgehost_column_desc_t), "label_end_ts", "tsn:UTC",
                                                   0u, 0u, "" };
static const edgehost_column_desc_t label_column = { EDGEHOST_HEADER(edgehost_column_desc_t), "label", "u", 0u, 0u, "" };
static const edgehost_column_desc_t outcome_column = { EDGEHOST_HEADER(edgehost_column_desc_t), "outcome_long", "g",
                                                       0u, 0u, "" };
static const edgehost_column_desc_t* const label_outputs[] = { &end_column, &label_column, &outcome_column };
static const edgehost_component_desc_t overreach_desc = {
    EDGEHOST_HEADER(edgehost_component_desc_t), "overreach", "1.0.0", "declares 12 bars, looks 24 ahead", NULL, 0u, 1u,
    close_inputs, label_outputs, 3u, 0u, 0, 0, 0, 12, 0 };

typedef struct labeler_instance {
    edgehost_labeler_t api;
    char err[256];
} labeler_instance_t;

static edgehost_status_t overreach_label(edgehost_labeler_t* self, const struct ArrowSchema* in_schema,
                                         const struct ArrowArray* in, struct ArrowSchema* out_schema,
                                         struct ArrowArray* out) {
    labeler_instance_t* inst = (labeler_instance_t*)self->state;
    const int64_t* ts = edgehost_column_i64(in_schema, in, "ts", inst->err, sizeof inst->err);
    const double* close = ts ? edgehost_column_f64(in_schema, in, "close", inst->err, sizeof inst->err) : NULL;
    int64_t i, m = in->length > OVERREACH_BARS ? in->length - OVERREACH_BARS : 0;
    const char** labels;
    int64_t *out_ts, *end;
    double* outcome;
    edgehost_builder_t b;
    if (close == NULL) return EDGEHOST_ERR_INVALID_ARGUMENT;
    if ((labels = (const char**)malloc(((size_t)m + 1u) * sizeof *labels)) == NULL) return EDGEHOST_ERR_NO_MEMORY;
    edgehost_builder_init(&b, m);
    out_ts = edgehost_builder_add_timestamp(&b, "ts");
    end = edgehost_builder_add_timestamp(&b, "label_end_ts");
    for (i = 0; out_ts != NULL && end != NULL && i < m; i++) {
        out_ts[i] = ts[i];
        end[i] = ts[i + OVERREACH_BARS];
        labels[i] = close[i + OVERREACH_BARS] > close[i] ? "UP" : "DOWN";
    }
    if (!b.failed) edgehost_builder_add_utf8(&b, "label", labels);
    free(labels);
    outcome = edgehost_builder_add_f64(&b, "outcome_long");
    for (i = 0; outcome != NULL && i < m; i++) outcome[i] = close[i + OVERREACH_BARS] / close[i] - 1.0;
    return finish(&b, out_schema, out, inst->err, sizeof inst->err);
}

static const char* labeler_last_error(const edgehost_labeler_t* self) { return ((const labeler_instance_t*)self->state)->err; }
static void labeler_destroy(edgehost_labeler_t* self) { free(self->state); }

static uint32_t labeler_count(const edgehost_factory_t* factory) {
    (void)factory;
    return 1u;
}

static const edgehost_component_desc_t* labeler_descriptor(const edgehost_factory_t* factory, uint32_t index) {
    (void)factory;
    return index == 0u ? &overreach_desc : NULL;
}

static edgehost_status_t labeler_create(const edgehost_factory_t* factory, const char* id, const char* params_json,
                                        void** out_instance) {
    labeler_instance_t* inst;
    (void)factory;
    (void)params_json;
    *out_instance = NULL;
    if (strcmp(id, "overreach") != 0) {
        edgehost_set_error(factory_error, sizeof factory_error, "no labeler '%s' in pack " PACK_ID, id);
        return EDGEHOST_ERR_INVALID_ARGUMENT;
    }
    if ((inst = (labeler_instance_t*)calloc(1, sizeof *inst)) == NULL) return EDGEHOST_ERR_NO_MEMORY;
    inst->api = (edgehost_labeler_t){ EDGEHOST_HEADER(edgehost_labeler_t), inst, labeler_last_error, labeler_destroy,
                                      overreach_label, NULL };
    *out_instance = &inst->api;
    return EDGEHOST_OK;
}

static const edgehost_factory_t labeler_factory = { FACTORY_HEADER, labeler_count, labeler_descriptor, labeler_create,
                                                    factory_last_error };
#endif

/* ---- entry ---- */

static char init_error[256];

static edgehost_status_t pack_init(const edgehost_host_api_t* host) {
    (void)host;
#if defined(BROKEN_INIT_FAILS)
    edgehost_set_error(init_error, sizeof init_error, "license file /etc/edgehost/demo.lic not found");
    return EDGEHOST_ERR_INTERNAL;
#else
    return EDGEHOST_OK;
#endif
}

static void pack_deinit(void) {}

static const void* pack_get_factory(const char* factory_id) {
#if defined(BROKEN_NO_FACTORY)
    (void)factory_id;
    (void)indicator_factory;
    return NULL;
#else
#if defined(BROKEN_OVERREACH)
    if (factory_id != NULL && strcmp(factory_id, EDGEHOST_LABELER_V1) == 0) return &labeler_factory;
#endif
    return factory_id != NULL && strcmp(factory_id, EDGEHOST_INDICATOR_V1) == 0 ? &indicator_factory : NULL;
#endif
}

static const char* pack_last_error(void) {
    return init_error;
}

EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry = {
    ENTRY_HEADER, PACK_ID, "1.0.0", "deliberately broken test pack (" STR(BROKEN_NAME) ")",
    pack_init, pack_deinit, pack_get_factory, pack_last_error,
};

#endif /* BROKEN_NO_ENTRY */
