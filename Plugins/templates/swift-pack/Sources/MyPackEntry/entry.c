#include <edgehost_swift_pack.h>

EDGEHOST_SWIFT_PACK("mypack", "0.1.0", "Template Swift pack: session bars, momentum, a bar-horizon labeler")
