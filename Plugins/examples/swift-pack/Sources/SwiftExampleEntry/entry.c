#include <edgehost_swift_pack.h>

EDGEHOST_SWIFT_PACK("swiftexample", "1.0.0", "Example Swift pack: the template for Swift pack authors")
