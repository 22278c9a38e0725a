/* SwiftPM needs a source file per C target; this one proves at compile time that the
 * Arrow structs have the sizes the Arrow specification gives on 64-bit platforms. */
#include "edgehost_swift_pack.h"

_Static_assert(sizeof(struct ArrowSchema) == 72, "ArrowSchema must match the Arrow spec");
_Static_assert(sizeof(struct ArrowArray) == 80, "ArrowArray must match the Arrow spec");
_Static_assert(sizeof(struct ArrowArrayStream) == 40, "ArrowArrayStream must match the Arrow spec");
_Static_assert(sizeof(edgehost_struct_header_t) == 16, "header is four uint32");
