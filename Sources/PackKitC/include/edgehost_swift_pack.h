/*
 * edgehost_swift_pack.h — the bridge between a Swift pack and the C entry symbol.
 *
 * The ABI wants one exported *data* symbol (`edgehost_pack_entry`), which Swift cannot
 * define under a C name. So a Swift pack adds one C file holding one line:
 *
 *     #include <edgehost_swift_pack.h>
 *     EDGEHOST_SWIFT_PACK("zeroedge", "0.1.0", "SPY 0DTE options, hourly models")
 *
 * and its Swift code defines the pack (see PackKit's `PackDefinition`):
 *
 *     @_cdecl("edgehost_swift_pack")
 *     public func edgehostSwiftPack() -> PackHandle { exportPack(ZeroEdge.definition) }
 *     private let pinned: SwiftPackFunction = edgehostSwiftPack   // signature check
 *
 * The macro defines the entry whose functions forward to PackKit, which serves every
 * factory from the definition. pack_id and pack_version stay static, so the host can
 * check them before running any Swift code.
 */
#ifndef EDGEHOST_SWIFT_PACK_H
#define EDGEHOST_SWIFT_PACK_H

#include "edgehost_plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Defined by the pack's Swift code: returns a retained PackKit pack definition. */
typedef void* (*edgehost_swift_pack_fn)(void);

/* Defined by PackKit (Swift, @_cdecl). */
edgehost_status_t edgehost_packkit_init(const edgehost_host_api_t* host, const char* pack_id,
                                        edgehost_swift_pack_fn make_pack);
void edgehost_packkit_deinit(void);
const void* edgehost_packkit_get_factory(const char* factory_id);
const char* edgehost_packkit_last_error(void);

typedef edgehost_status_t (*edgehost_packkit_init_fn)(const edgehost_host_api_t*, const char*,
                                                      edgehost_swift_pack_fn);

#define EDGEHOST_SWIFT_PACK(ID, VERSION, DESCRIPTION)                                       \
    void* edgehost_swift_pack(void);                                                        \
    static edgehost_status_t edgehost_swift_entry_init(const edgehost_host_api_t* host) {   \
        return edgehost_packkit_init(host, ID, edgehost_swift_pack);                        \
    }                                                                                       \
    EDGEHOST_EXPORT const edgehost_pack_entry_t edgehost_pack_entry = {                     \
        EDGEHOST_HEADER(edgehost_pack_entry_t), ID, VERSION, DESCRIPTION,                   \
        edgehost_swift_entry_init, edgehost_packkit_deinit, edgehost_packkit_get_factory,   \
        edgehost_packkit_last_error};

#ifdef __cplusplus
}
#endif

#endif /* EDGEHOST_SWIFT_PACK_H */
