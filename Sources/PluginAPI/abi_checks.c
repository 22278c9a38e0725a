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
