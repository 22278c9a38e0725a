#ifndef EDGEHOST_SHA256_H
#define EDGEHOST_SHA256_H
/* SHA-256 (FIPS 180-4) for the host's content hashes: what every artifact records about the
 * inputs that made it, and the canary's deterministic draw. Nothing here is a secret, so the
 * code is plain and short rather than constant-time; it replaced swift-crypto, whose BoringSSL
 * build (some 390 compile units) was a tenth of a clean build for this one function. */
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t state[8];
    uint64_t length;      /* bytes hashed so far */
    uint8_t buffer[64];   /* the partial block */
    size_t used;          /* bytes of it in use */
} edgehost_sha256_ctx;

void edgehost_sha256_init(edgehost_sha256_ctx *ctx);
void edgehost_sha256_update(edgehost_sha256_ctx *ctx, const void *data, size_t count);
void edgehost_sha256_final(edgehost_sha256_ctx *ctx, uint8_t digest[32]);

#endif
