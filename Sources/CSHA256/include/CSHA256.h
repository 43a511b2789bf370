#ifndef CSHA256_H
#define CSHA256_H

#include <stdint.h>

// SHA-256's compression function on the x86-64 SHA extensions (SHA-NI), for redaction's keyed
// hashes: a million or more of them at 1 GB, where the portable Swift compression was most of
// assigning the pseudonyms. The Swift implementation (RouteGraph's SHA256) stays the reference
// and the fallback; tests compare the two.

/// 1 where this CPU can run rg_sha256_compress (SHA, SSSE3 and SSE4.1 by CPUID), else 0; always 0
/// off x86-64.
int rg_sha256_hardware(void);

/// Compresses the 64 bytes at `block` into `state` (the eight working words, a first), with the
/// round constants `k` (64 words, FIPS 180-4 section 4.2.2). Only where rg_sha256_hardware()
/// returned 1.
void rg_sha256_compress(uint32_t state[8], const uint8_t *block, const uint32_t *k);

#endif
