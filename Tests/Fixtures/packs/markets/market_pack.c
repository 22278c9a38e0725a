/*
 * market_pack.c — test packs for markets other than NYSE, built twice by ../build.sh:
 *   -DMARKET_24X7  pack "crypto247": BTCUSDT-like 5-minute bars, every day, UTC ("24x7")
 *   -DMARKET_CME   pack "globexes":  ES-like 5-minute bars, 17:00-16:00 Chicago, Sunday-Friday
 *                                    sessions ("cme-globex", with its daily break and holidays)
 * The adapter `sim` declares its market (ABI 1.1 `market`) and asks the host's calendar service
 * for each trading day's session, so no DST rule is written here. Prices are a deterministic
 * function of the bar's time (no state carried from the query's start), so every query sees
 * the same bar at the same time. The indicators, labeler, gate and risk profile are the C
 * example pack's (Plugins/examples/c-pack), compiled in.
 */
#include <stdlib.h>
#include <string.h>

#include "c_pack.h"

#if defined(MARKET_24X7)
#define MK_PACK_ID "crypto247"
#define MK_ZONE "UTC"
#define MK_CALENDAR "24x7"
#define MK_PRICE 40000.0
#define MK_HOURS "[14, 15]"
#elif defined(MARKET_CME) && defined(MK_KEYED)
/* With ../keyed/keyed_labeler.c: several decisions at one instant (labeler `levels`). */
#define MK_PACK_ID "keyedcme"
#define MK_ZONE "America/Chicago"
#define MK_CALENDAR "cme-globex"
#define MK_PRICE 5000.0
#define MK_HOURS "[8, 9]"
#elif defined(MARKET_CME)
#define MK_PACK_ID "globexes"
#define MK_ZONE "America/Chicago"
#define MK_CALENDAR "cme-globex"
#define MK_PRICE 5000.0
#define MK_HOURS "[8, 9]"
#else
#error "define MARKET_24X7 or MARKET_CME"
#endif

#define MK_BAR_NS INT64_C(300000000000)

const edgehost_column_desc_t cp_col_open = CP_COLUMN("open", "g", 0u, "first trade price of the bar");
const edgehost_column_desc_t cp_col_high = CP_COLUMN("high", "g", 0u, "highest trade price of the bar");
const edgehost_column_desc_t cp_col_low = CP_COLUMN("low", "g", 0u, "lowest trade price of the bar");
const edgehost_column_desc_t cp_col_close = CP_COLUMN("close", "g", 0u, "last trade price of the bar");
const edgehost_column_desc_t cp_col_volume = CP_COLUMN("volume", "g", 0u, "contracts traded in the bar");

static const edgehost_host_api_t* host;
static const edgehost_calendar_service_t* calendar;
static cp_error_t init_error;

static const edgehost_market_t market = {
    EDGEHOST_HEADER(edgehost_market_t), MK_ZONE, MK_CALENDAR, MK_BAR_NS, 0u, 0u, NULL,
};

edgehost_status_t cp_finish(edgehost_builder_t* b, struct ArrowSchema* out_schema, struct ArrowArray* out,
                            cp_error_t* err) {
    if (edgehost_builder_finish(b, out_schema, out) != EDGEHOST_OK) {
        return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory building a %lld-row output batch",
                       (long long)b->length);
    }
    return EDGEHOST_OK;
}

/* ---- adapter `sim` ---- */

typedef struct sim_adapter {
    edgehost_data_adapter_t api;
    cp_error_t err;
} sim_adapter_t;

/* A deterministic number in [-1, 1) from a bar's time (splitmix64). */
static double noise(int64_t ts, uint64_t salt) {
    uint64_t z = (uint64_t)ts + salt * UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    z ^= z >> 31;
    return (double)(z >> 11) / 4503599627370496.0 - 1.0;
}

/* Log price at an instant: a slow and a fast swing plus noise; a function of time alone. */
static double log_price(int64_t ts) {
    double t = (double)ts / 1e9;
    return log(MK_PRICE) + 0.02 * sin(t / (3.0 * 86400.0)) + 0.004 * sin(t / 9000.0) + 0.0015 * noise(ts, 1);
}

static edgehost_status_t sim_open(edgehost_data_adapter_t* self, const char* query_json, struct ArrowArrayStream* out) {
    sim_adapter_t* a = (sim_adapter_t*)self->state;
    edgehost_json_t query;
    const char* date = NULL;
    int dates_ok;
    int64_t first = 0, last = 0, day, n = 0, cap, i;
    int64_t* ts;
    double *o, *h, *l, *c, *v;
    edgehost_builder_t b;
    struct ArrowSchema schema;
    struct ArrowArray batch;
    edgehost_session_t s;
    if (out == NULL || query_json == NULL) return CP_FAIL(&a->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    memset(out, 0, sizeof *out);
    memset(&schema, 0, sizeof schema);
    memset(&batch, 0, sizeof batch);
    if (calendar == NULL) return CP_FAIL(&a->err, EDGEHOST_ERR_UNSUPPORTED, "the host offers no " EDGEHOST_SERVICE_CALENDAR);
    if (edgehost_json_parse(query_json, &query, CP_ERRBUF(&a->err)) != 0) return EDGEHOST_ERR_INVALID_ARGUMENT;
    dates_ok = edgehost_json_string(&query, "start", &date) == 1 && edgehost_parse_date(date, &first) == 0 &&
               edgehost_json_string(&query, "end", &date) == 1 && edgehost_parse_date(date, &last) == 0;
    edgehost_json_free(&query);
    if (!dates_ok || last < first || last - first > 3660) {
        return CP_FAIL(&a->err, EDGEHOST_ERR_INVALID_ARGUMENT, "sim: the query needs \"start\" <= \"end\" dates (at most 10 years)");
    }
    cap = (last - first + 1) * (86400 / 300);
    edgehost_builder_init(&b, cap);
    ts = edgehost_builder_add_timestamp(&b, "ts");
    o = edgehost_builder_add_f64(&b, "open");
    h = edgehost_builder_add_f64(&b, "high");
    l = edgehost_builder_add_f64(&b, "low");
    c = edgehost_builder_add_f64(&b, "close");
    v = edgehost_builder_add_f64(&b, "volume");
    if (b.failed) {
        edgehost_builder_free(&b);
        return CP_FAIL(&a->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    }
    /* Every trading day's session, from the host's calendar: [open, close) in 5-minute bars. */
    for (day = first; day <= last; day++) {
        int64_t t;
        if (calendar->session_on(host, &market, (int32_t)day, &s) != EDGEHOST_OK) {
            edgehost_builder_free(&b);
            return CP_FAIL(&a->err, EDGEHOST_ERR_INTERNAL, "calendar service refused market %s/%s", MK_ZONE, MK_CALENDAR);
        }
        for (t = s.open_ns; s.trades && t < s.close_ns && n < cap; t += MK_BAR_NS, n++) {
            double p0 = exp(log_price(t - MK_BAR_NS)), p1 = exp(log_price(t));
            ts[n] = t;
            o[n] = p0;
            c[n] = p1;
            h[n] = (p0 > p1 ? p0 : p1) * (1.0 + 0.0004 * fabs(noise(t, 2)));
            l[n] = (p0 < p1 ? p0 : p1) * (1.0 - 0.0004 * fabs(noise(t, 3)));
            v[n] = 100.0 + 50.0 * (noise(t, 4) + 1.0);
        }
    }
    b.length = n; /* fewer rows than allocated: the columns keep their capacity */
    if (cp_finish(&b, &schema, &batch, &a->err) != EDGEHOST_OK) return EDGEHOST_ERR_NO_MEMORY;
    i = edgehost_stream_init(out, &schema, &batch, 1);
    return i == EDGEHOST_OK ? EDGEHOST_OK : CP_FAIL(&a->err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
}

static const edgehost_market_t* sim_market(const edgehost_data_adapter_t* self) {
    (void)self;
    return &market;
}

static const char* sim_last_error(const edgehost_data_adapter_t* self) {
    return ((const sim_adapter_t*)self->state)->err.text;
}

static void sim_destroy(edgehost_data_adapter_t* self) {
    free(self->state);
}

static edgehost_status_t sim_create(const char* params_json, cp_error_t* err, void** out_instance) {
    sim_adapter_t* a = (sim_adapter_t*)calloc(1, sizeof *a);
    (void)params_json;
    if (a == NULL) return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory");
    a->api = (edgehost_data_adapter_t){ EDGEHOST_HEADER(edgehost_data_adapter_t), a, sim_last_error, sim_destroy,
                                        sim_open, sim_market };
    *out_instance = &a->api;
    return EDGEHOST_OK;
}

static const edgehost_column_desc_t* const sim_outputs[] = { &cp_col_open, &cp_col_high, &cp_col_low, &cp_col_close,
                                                             &cp_col_volume };

static const edgehost_component_desc_t sim_desc = {
    .header = EDGEHOST_HEADER(edgehost_component_desc_t),
    .id = "sim",
    .version = "1.0.0",
    .description = "simulated 5-minute bars of the pack's market (query: start, end trading days)",
    .outputs = sim_outputs,
    .output_count = CP_COUNT(sim_outputs),
};

static const cp_component_t sim_bars = { &sim_desc, sim_create };

/* ---- resources ---- */

#if defined(MK_KEYED)
#define MK_LABELER "levels, params: { leak: 0 }"
#else
#define MK_LABELER "forward_return, params: { horizon: 6, band: 0.0005 }"
#endif

static const char set_yaml[] =
    "id: " MK_PACK_ID "_v1\n"
    "version: 1\n"
    "description: \"momentum and range on simulated " MK_CALENDAR " bars\"\n"
    "labeler: { pack: " MK_PACK_ID ", id: " MK_LABELER " }\n"
    "qa_gate: { pack: " MK_PACK_ID ", id: max_nan_pct }\n"
    "features:\n"
    "  - { name: mom_6, pack: " MK_PACK_ID ", indicator: momentum, params: { period: 6 } }\n"
    "  - { name: range, pack: " MK_PACK_ID ", indicator: range_pct }\n"
    "  - { name: rsi_14, pack: builtin, indicator: rsi, params: { period: 14 } }\n";

static const char defaults_yaml[] =
    "model: { ticker: SIM, asset_type: fut, horizon: 30m, cadence: 5m, indicator_set: " MK_PACK_ID "_v1 }\n"
    "adapter: { id: sim }\n"
    "preview: { start: 2024-03-04, end: 2024-03-06 }\n"
    "build: { start: 2024-03-04, end: 2024-03-22 }\n"
    "risk_profiles: [default]\n"
    "default_risk_profile: default\n"
    "allowed_hours: " MK_HOURS "\n"
    "actions: { UP: long, DOWN: short, FLAT: none }\n";

static const edgehost_resource_t set_resource = {
    EDGEHOST_HEADER(edgehost_resource_t), "indicator_sets/" MK_PACK_ID "_v1.yaml", "application/yaml",
    (const uint8_t*)set_yaml, sizeof set_yaml - 1,
};
static const edgehost_resource_t defaults_resource = {
    EDGEHOST_HEADER(edgehost_resource_t), "defaults.yaml", "application/yaml",
    (const uint8_t*)defaults_yaml, sizeof defaults_yaml - 1,
};
static const edgehost_resource_t* const resource_list[] = { &set_resource, &defaults_resource };
static const edgehost_resource_table_t resources = { EDGEHOST_HEADER(edgehost_resource_table_t), CP_COUNT(resource_list), 0u,
                                                     resource_list };

/* ---- factories and entry ---- */

typedef struct mk_factory {
    edgehost_factory_t api;
    const cp_component_t* const* components;
    uint32_t count;
    cp_error_t err;
} mk_factory_t;

static uint32_t factory_count(const edgehost_factory_t* f) { return ((const mk_factory_t*)f)->count; }

static const edgehost_component_desc_t* factory_descriptor(const edgehost_factory_t* f, uint32_t index) {
    const mk_factory_t* self = (const mk_factory_t*)f;
    return index < self->count ? self->components[index]->desc : NULL;
}

static edgehost_status_t factory_create(const edgehost_factory_t* f, const char* id, const char* params_json, void** out) {
    mk_factory_t* self = (mk_factory_t*)f;
    uint32_t i;
    if (out == NULL || id == NULL) return CP_FAIL(&self->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    *out = NULL;
    for (i = 0; i < self->count; i++) {
        if (strcmp(self->components[i]->desc->id, id) == 0) return self->components[i]->create(params_json ? params_json : "{}", &self->err, out);
    }
    return CP_FAIL(&self->err, EDGEHOST_ERR_INVALID_ARGUMENT, "pack " MK_PACK_ID " has no component '%s'", id);
}

static const char* factory_last_error(const edgehost_factory_t* f) { return ((const mk_factory_t*)f)->err.text; }

#define MK_FACTORY(list) \
    { { EDGEHOST_HEADER(edgehost_factory_t), factory_count, factory_descriptor, factory_create, factory_last_error }, list, CP_COUNT(list), { "" } }

static const cp_component_t* const adapters[] = { &sim_bars };
static const cp_component_t* const indicators[] = { &cp_momentum, &cp_range_pct };
#if defined(MK_KEYED)
extern const cp_component_t mk_keyed_levels; /* ../keyed/keyed_labeler.c */
static const cp_component_t* const labelers[] = { &cp_forward_return, &mk_keyed_levels };
#else
static const cp_component_t* const labelers[] = { &cp_forward_return };
#endif
static const cp_component_t* const gates[] = { &cp_max_nan_pct };
static const cp_component_t* const risk_profiles[] = { &cp_default_risk };
static mk_factory_t adapter_factory = MK_FACTORY(adapters);
static mk_factory_t indicator_factory = MK_FACTORY(indicators);
static mk_factory_t labeler_factory = MK_FACTORY(labelers);
static mk_factory_t gate_factory = MK_FACTORY(gates);
static mk_factory_t risk_factory = MK_FACTORY(risk_profiles);

/* The calendar service from C, checked once at init (the host's tests load this pack): 09:00
 * local on Monday 2024-03-11 (day 19793, the day after the US switch to summer time) is in
 * that day's session, and its local time reads back as 09:00 on that date. */
static edgehost_status_t calendar_self_check(void) {
    const int32_t day = 19793;
    int64_t ns = 0;
    edgehost_local_time_t lt;
    edgehost_session_t s;
    if (calendar->instant(host, MK_ZONE, day, 9 * 60, &ns) != EDGEHOST_OK ||
        calendar->local_time(host, MK_ZONE, ns, &lt) != EDGEHOST_OK ||
        calendar->session_of(host, &market, ns, &s) != EDGEHOST_OK) {
        return CP_FAIL(&init_error, EDGEHOST_ERR_INTERNAL, "calendar service refused " MK_ZONE " / " MK_CALENDAR);
    }
    if (lt.year != 2024 || lt.month != 3 || lt.day != 11 || lt.hour != 9 || lt.minute != 0 || lt.days != day ||
        lt.weekday != 1 || s.day != day || !s.trades || !s.in_session || s.open_ns > ns || s.close_ns <= ns) {
        return CP_FAIL(&init_error, EDGEHOST_ERR_INTERNAL,
                       "calendar self-check: %04d-%02d-%02d %02d:%02d (day %d, weekday %d), session day %d trades %d in %d",
                       lt.year, lt.month, lt.day, lt.hour, lt.minute, lt.days, lt.weekday, s.day, s.trades, s.in_session);
    }
    return EDGEHOST_OK;
}

static edgehost_status_t pack_init(const edgehost_host_api_t* api) {
    if (api == NULL || !EDGEHOST_HAS_MEMBER(edgehost_host_api_t, get_service, api->header.struct_size) || api->get_service == NULL) {
        return CP_FAIL(&init_error, EDGEHOST_ERR_UNSUPPORTED, "pack " MK_PACK_ID " needs the host's get_service");
    }
    host = api;
    calendar = (const edgehost_calendar_service_t*)api->get_service(api, EDGEHOST_SERVICE_CALENDAR);
    if (calendar == NULL || !EDGEHOST_HAS_MEMBER(edgehost_calendar_service_t, instant, calendar->header.struct_size)) {
        return CP_FAIL(&init_error, EDGEHOST_ERR_UNSUPPORTED, "pack " MK_PACK_ID " needs " EDGEHOST_SERVICE_CALENDAR);
    }
    return calendar_self_check();
}

static void pack_deinit(void) {
    host = NULL;
    calendar = NULL;
}

static const void* pack_get_factory(const char* id) {
    if (id == NULL) return NULL;
    if (strcmp(id, EDGEHOST_DATA_ADAPTER_V1) == 0) return &adapter_factory;
    if (strcmp(id, EDGEHOST_INDICATOR_V1) == 0) return &indicator_factory;
    if (strcmp(id, EDGEHOST_LABELER_V1) == 0) return &labeler_factory;
    if (strcmp(id, EDGEHOST_GATE_V1) == 0) return &gate_factory;
    if (strcmp(id, EDGEHOST_RISK_PROFILE_V1) == 0) return &risk_factory;
    if (strcmp(id, EDGEHOST_RESOURCES_V1) == 0) return &resources;
    return NULL;
}

static const char* pack_last_error(void) { return init_error.text; }

EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry = {
    EDGEHOST_HEADER(edgehost_pack_entry_t), MK_PACK_ID, "1.0.0",
    "Test pack: simulated " MK_CALENDAR " bars in " MK_ZONE, pack_init, pack_deinit, pack_get_factory, pack_last_error,
};
