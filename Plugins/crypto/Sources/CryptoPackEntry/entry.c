/*
 * The crypto pack's entry: EDGEHOST_SWIFT_PACK spelled out with its own Swift function name,
 * `edgehost_crypto_swift_pack`, so the pack's Swift module can be linked into the one test
 * executable beside zeroedge's (which defines `edgehost_swift_pack`) without a clash.
 */
#include <edgehost_swift_pack.h>

void* edgehost_crypto_swift_pack(void);

static edgehost_status_t crypto_entry_init(const edgehost_host_api_t* host) {
    return edgehost_packkit_init(host, "crypto", edgehost_crypto_swift_pack);
}

EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry = {
    EDGEHOST_HEADER(edgehost_pack_entry_t), "crypto", "0.2.0",
    "BTCUSDT/ETHUSDT 24/7 klines: event detectors for discovery, strategy blueprints, risk controls",
    crypto_entry_init, edgehost_packkit_deinit, edgehost_packkit_get_factory, edgehost_packkit_last_error};
