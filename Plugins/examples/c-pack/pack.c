/*
 * pack.c — the cexample pack's entry point and factories.
 *
 * The only exported symbol is `edgehost_pack_entry` (see ../../exports.map). Each kind gets
 * one factory built from a list of `cp_component_t`; adding a component means adding it to
 * a list below.
 */
#include <string.h>

#include "c_pack.h"

const edgehost_column_desc_t cp_col_open = CP_COLUMN("open", "g", 0u, "first trade price of the bar");
const edgehost_column_desc_t cp_col_high = CP_COLUMN("high", "g", 0u, "highest trade price of the bar");
const edgehost_column_desc_t cp_col_low = CP_COLUMN("low", "g", 0u, "lowest trade price of the bar");
const edgehost_column_desc_t cp_col_close = CP_COLUMN("close", "g", 0u, "last trade price of the bar");
const edgehost_column_desc_t cp_col_volume = CP_COLUMN("volume", "g", 0u, "shares traded in the bar");

static const edgehost_host_api_t* host; /* from init until deinit */
static cp_error_t init_error;

/* ---- factories ---- */

/* A factory and the components it serves. Not const: `create` writes `err`. */
typedef struct cp_factory {
    edgehost_factory_t api; /* first member: the host only sees this */
    const cp_component_t* const* components;
    uint32_t count;
    cp_error_t err;
} cp_factory_t;

static uint32_t factory_count(const edgehost_factory_t* factory) {
    return ((const cp_factory_t*)factory)->count;
}

static const edgehost_component_desc_t* factory_descriptor(const edgehost_factory_t* factory, uint32_t index) {
    const cp_factory_t* self = (const cp_factory_t*)factory;
    return index < self->count ? self->components[index]->desc : NULL;
}

static edgehost_status_t factory_create(const edgehost_factory_t* factory, const char* id, const char* params_json,
                                        void** out_instance) {
    cp_factory_t* self = (cp_factory_t*)factory; /* the objects below are not const */
    uint32_t i;
    if (out_instance == NULL || id == NULL) return CP_FAIL(&self->err, EDGEHOST_ERR_INVALID_ARGUMENT, "NULL argument");
    *out_instance = NULL;
    for (i = 0; i < self->count; i++) {
        if (strcmp(self->components[i]->desc->id, id) == 0) {
            return self->components[i]->create(params_json ? params_json : "{}", &self->err, out_instance);
        }
    }
    return CP_FAIL(&self->err, EDGEHOST_ERR_INVALID_ARGUMENT, "pack " CP_PACK_ID " has no component '%s' of this kind",
                   id);
}

static const char* factory_last_error(const edgehost_factory_t* factory) {
    return ((const cp_factory_t*)factory)->err.text;
}

#define CP_FACTORY(list)                                                                               \
    { { EDGEHOST_HEADER(edgehost_factory_t), factory_count, factory_descriptor, factory_create,          \
        factory_last_error },                                                                          \
      list, CP_COUNT(list), { "" } }

static const cp_component_t* const adapters[] = { &cp_csv_bars };
static const cp_component_t* const indicators[] = { &cp_momentum, &cp_range_pct };
static const cp_component_t* const labelers[] = { &cp_forward_return };
static const cp_component_t* const gates[] = { &cp_max_nan_pct };
static const cp_component_t* const risk_profiles[] = { &cp_default_risk };

static cp_factory_t adapter_factory = CP_FACTORY(adapters);
static cp_factory_t indicator_factory = CP_FACTORY(indicators);
static cp_factory_t labeler_factory = CP_FACTORY(labelers);
static cp_factory_t gate_factory = CP_FACTORY(gates);
static cp_factory_t risk_profile_factory = CP_FACTORY(risk_profiles);

static const struct {
    const char* id;
    const void* table;
} factories[] = {
    { EDGEHOST_DATA_ADAPTER_V1, &adapter_factory },
    { EDGEHOST_INDICATOR_V1, &indicator_factory },
    { EDGEHOST_LABELER_V1, &labeler_factory },
    { EDGEHOST_GATE_V1, &gate_factory },
    { EDGEHOST_RISK_PROFILE_V1, &risk_profile_factory },
    { EDGEHOST_RESOURCES_V1, &cp_resources },
};

/* Shared by indicators and labeler: hands a built batch to the host. */
edgehost_status_t cp_finish(edgehost_builder_t* b, struct ArrowSchema* out_schema, struct ArrowArray* out,
                            cp_error_t* err) {
    if (edgehost_builder_finish(b, out_schema, out) != EDGEHOST_OK) {
        return CP_FAIL(err, EDGEHOST_ERR_NO_MEMORY, "out of memory building a %lld-row output batch",
                       (long long)b->length);
    }
    return EDGEHOST_OK;
}

/* ---- entry ---- */

static edgehost_status_t pack_init(const edgehost_host_api_t* api) {
    char line[160];
    if (api == NULL) return CP_FAIL(&init_error, EDGEHOST_ERR_INVALID_ARGUMENT, "host API table is NULL");
    if (api->header.abi_major != EDGEHOST_ABI_MAJOR) {
        return CP_FAIL(&init_error, EDGEHOST_ERR_UNSUPPORTED,
                       "host API has ABI %u.%u but pack " CP_PACK_ID " " CP_PACK_VERSION " was built for ABI %u.%u",
                       api->header.abi_major, api->header.abi_minor, EDGEHOST_ABI_MAJOR, EDGEHOST_ABI_MINOR);
    }
    /* Check every member this pack reads (host_version, log) lies inside the host's struct. */
    if (!EDGEHOST_HAS_MEMBER(edgehost_host_api_t, log, api->header.struct_size) || api->log == NULL) {
        return CP_FAIL(&init_error, EDGEHOST_ERR_UNSUPPORTED,
                       "host API struct_size %u is too small: pack " CP_PACK_ID " needs its 'log' member (%zu bytes)",
                       api->header.struct_size, offsetof(edgehost_host_api_t, log) + sizeof api->log);
    }
    host = api;
    snprintf(line, sizeof line, CP_PACK_ID " " CP_PACK_VERSION " (C) initialised; host %s, ABI %u.%u",
             api->host_version ? api->host_version : "?", api->header.abi_major, api->header.abi_minor);
    host->log(host, EDGEHOST_LOG_DEBUG, line);
    return EDGEHOST_OK;
}

static void pack_deinit(void) {
    host = NULL;
}

static const void* pack_get_factory(const char* factory_id) {
    size_t i;
    for (i = 0; factory_id != NULL && i < sizeof factories / sizeof factories[0]; i++) {
        if (strcmp(factories[i].id, factory_id) == 0) return factories[i].table;
    }
    return NULL;
}

static const char* pack_last_error(void) {
    return init_error.text;
}

EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry = {
    EDGEHOST_HEADER(edgehost_pack_entry_t),
    CP_PACK_ID,
    CP_PACK_VERSION,
    "Example pack in plain C: CSV bars, momentum and range indicators, forward-return labels",
    pack_init,
    pack_deinit,
    pack_get_factory,
    pack_last_error,
};
