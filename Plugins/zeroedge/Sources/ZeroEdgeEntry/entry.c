#include <edgehost_swift_pack.h>

EDGEHOST_SWIFT_PACK("zeroedge", "0.2.0", "SPY 0DTE options: hourly direction models")
