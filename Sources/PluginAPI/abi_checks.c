/* SwiftPM needs one source file per C target. This one compiles the header on its own (so
 * it stays self-contained) and pins layout facts that the ABI promises. */
#include "edgehost_plugin.h"
#include "edgehost_plugin_helpers.h"

_Static_assert(offsetof(edgehost_pack_entry_t, header) == 0, "header first");
_Static_assert(offsetof(edgehost_indicator_t, state) == sizeof(edgehost_struct_header_t),
               "instance state follows the header");

/* Every instance kind starts with the same EDGEHOST_INSTANCE_COMMON prefix. */
#define EDGEHOST_CHECK_INSTANCE(T)                                                                  \
    _Static_assert(offsetof(T, state) == offsetof(edgehost_indicator_t, state) &&                   \
                       offsetof(T, last_error) == offsetof(edgehost_indicator_t, last_error) &&     \
                       offsetof(T, destroy) == offsetof(edgehost_indicator_t, destroy),             \
                   #T " starts with the common instance members")
EDGEHOST_CHECK_INSTANCE(edgehost_data_adapter_t);
EDGEHOST_CHECK_INSTANCE(edgehost_labeler_t);
EDGEHOST_CHECK_INSTANCE(edgehost_gate_t);
EDGEHOST_CHECK_INSTANCE(edgehost_risk_profile_t);

/* Headers come first everywhere the host reads one before anything else. */
_Static_assert(offsetof(edgehost_factory_t, header) == 0, "factory header first");
_Static_assert(offsetof(edgehost_host_api_t, header) == 0, "host API header first");
_Static_assert(offsetof(edgehost_component_desc_t, header) == 0, "descriptor header first");
_Static_assert(offsetof(edgehost_resource_table_t, header) == 0, "resource table header first");

/* The helpers address float64 and int64 columns with 8-byte strides. */
_Static_assert(sizeof(double) == 8 && sizeof(int64_t) == 8, "8-byte Arrow values");

/* ABI 1.1 members are appended after the 1.0 layout (48 bytes on 64-bit: header 16 + four
 * pointers), so a 1.0 instance's struct_size stops exactly before them. */
_Static_assert(sizeof(void*) != 8 || offsetof(edgehost_indicator_t, lookback) == 48, "indicator 1.0 layout unchanged");
_Static_assert(sizeof(void*) != 8 || offsetof(edgehost_labeler_t, horizon) == 48, "labeler 1.0 layout unchanged");
_Static_assert(sizeof(void*) != 8 || offsetof(edgehost_data_adapter_t, market) == 48, "adapter 1.0 layout unchanged");
_Static_assert(sizeof(edgehost_session_window_t) == 16 && sizeof(edgehost_session_t) == 32 &&
                   sizeof(edgehost_local_time_t) == 40, "calendar structs have fixed sizes");
_Static_assert(offsetof(edgehost_market_t, header) == 0 && offsetof(edgehost_calendar_service_t, header) == 0,
               "market and calendar service headers first");
/* host_data is appended to the 1.0 host API (header 16 + host_version + four functions = 56). */
_Static_assert(sizeof(void*) != 8 || offsetof(edgehost_host_api_t, host_data) == 56, "host API 1.0 layout unchanged");

/* The function types are exactly the types of the members they describe. */
#if defined(__GNUC__) || defined(__clang__)
#define EDGEHOST_CHECK_FN(T, member, fn) \
    _Static_assert(__builtin_types_compatible_p(__typeof__(((T*)0)->member), fn), #T "." #member " has type " #fn)
EDGEHOST_CHECK_FN(edgehost_host_api_t, log, edgehost_host_log_fn);
EDGEHOST_CHECK_FN(edgehost_host_api_t, alloc, edgehost_host_alloc_fn);
EDGEHOST_CHECK_FN(edgehost_host_api_t, free, edgehost_host_free_fn);
EDGEHOST_CHECK_FN(edgehost_host_api_t, get_service, edgehost_host_get_service_fn);
EDGEHOST_CHECK_FN(edgehost_env_service_t, get, edgehost_env_get_fn);
EDGEHOST_CHECK_FN(edgehost_factory_t, count, edgehost_factory_count_fn);
EDGEHOST_CHECK_FN(edgehost_factory_t, descriptor, edgehost_factory_descriptor_fn);
EDGEHOST_CHECK_FN(edgehost_factory_t, create, edgehost_factory_create_fn);
EDGEHOST_CHECK_FN(edgehost_factory_t, last_error, edgehost_factory_last_error_fn);
EDGEHOST_CHECK_FN(edgehost_pack_entry_t, init, edgehost_init_fn);
EDGEHOST_CHECK_FN(edgehost_pack_entry_t, deinit, edgehost_deinit_fn);
EDGEHOST_CHECK_FN(edgehost_pack_entry_t, get_factory, edgehost_get_factory_fn);
EDGEHOST_CHECK_FN(edgehost_pack_entry_t, last_error, edgehost_entry_last_error_fn);
EDGEHOST_CHECK_FN(edgehost_data_adapter_t, open, edgehost_data_adapter_open_fn);
EDGEHOST_CHECK_FN(edgehost_data_adapter_t, last_error, edgehost_data_adapter_last_error_fn);
EDGEHOST_CHECK_FN(edgehost_data_adapter_t, destroy, edgehost_data_adapter_destroy_fn);
EDGEHOST_CHECK_FN(edgehost_data_adapter_t, market, edgehost_data_adapter_market_fn);
EDGEHOST_CHECK_FN(edgehost_indicator_t, compute, edgehost_indicator_compute_fn);
EDGEHOST_CHECK_FN(edgehost_indicator_t, lookback, edgehost_indicator_lookback_fn);
EDGEHOST_CHECK_FN(edgehost_indicator_t, last_error, edgehost_indicator_last_error_fn);
EDGEHOST_CHECK_FN(edgehost_indicator_t, destroy, edgehost_indicator_destroy_fn);
EDGEHOST_CHECK_FN(edgehost_labeler_t, label, edgehost_labeler_label_fn);
EDGEHOST_CHECK_FN(edgehost_labeler_t, horizon, edgehost_labeler_horizon_fn);
EDGEHOST_CHECK_FN(edgehost_labeler_t, last_error, edgehost_labeler_last_error_fn);
EDGEHOST_CHECK_FN(edgehost_labeler_t, destroy, edgehost_labeler_destroy_fn);
EDGEHOST_CHECK_FN(edgehost_gate_t, evaluate, edgehost_gate_evaluate_fn);
EDGEHOST_CHECK_FN(edgehost_gate_t, last_error, edgehost_gate_last_error_fn);
EDGEHOST_CHECK_FN(edgehost_gate_t, destroy, edgehost_gate_destroy_fn);
EDGEHOST_CHECK_FN(edgehost_risk_profile_t, budgets, edgehost_risk_profile_budgets_fn);
EDGEHOST_CHECK_FN(edgehost_risk_profile_t, last_error, edgehost_risk_profile_last_error_fn);
EDGEHOST_CHECK_FN(edgehost_risk_profile_t, destroy, edgehost_risk_profile_destroy_fn);
EDGEHOST_CHECK_FN(struct ArrowSchema, release, edgehost_arrow_schema_release_fn);
EDGEHOST_CHECK_FN(struct ArrowArray, release, edgehost_arrow_array_release_fn);
EDGEHOST_CHECK_FN(struct ArrowArrayStream, get_schema, edgehost_arrow_stream_get_schema_fn);
EDGEHOST_CHECK_FN(struct ArrowArrayStream, get_next, edgehost_arrow_stream_get_next_fn);
EDGEHOST_CHECK_FN(struct ArrowArrayStream, get_last_error, edgehost_arrow_stream_last_error_fn);
EDGEHOST_CHECK_FN(struct ArrowArrayStream, release, edgehost_arrow_stream_release_fn);
#endif
