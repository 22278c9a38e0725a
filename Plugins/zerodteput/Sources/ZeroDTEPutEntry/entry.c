#include <edgehost_swift_pack.h>

EDGEHOST_SWIFT_PACK("zerodteput", "0.1.0", "SPX/SPXW 0DTE puts: breach probability of a strike ladder, with calibrated intervals")
