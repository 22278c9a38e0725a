#include <edgehost_swift_pack.h>

EDGEHOST_SWIFT_PACK("es0dte", "0.1.0", "ES futures + ES 0DTE options: level-touch attribution with triple-barrier labels")
