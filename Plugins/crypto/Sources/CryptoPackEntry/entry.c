#include <edgehost_swift_pack.h>

EDGEHOST_SWIFT_PACK("crypto", "0.1.0", "BTCUSDT/ETHUSDT 24/7 klines: event detectors for discovery, strategy blueprints, risk controls")
