/* SwiftPM needs one source file per C target. This one compiles the header on its own (so
 * it stays self-contained) and pins layout facts that the ABI promises. */
#include "edgehost_plugin.h"
#include "edgehost_plugin_helpers.h"

_Static_assert(offsetof(edgehost_pack_entry_t, header) == 0, "header first");
_Static_assert(offsetof(edgehost_indicator_t, state) == sizeof(edgehost_struct_header_t),
               "instance state follows the header");
