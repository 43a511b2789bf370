#include "CSHA256.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int rg_sha256_hardware(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}

// The instructions keep the state as two vectors, (a, b, e, f) and (c, d, g, h) from the high lane
// down, and take two rounds at a time; each call of the round instruction leaves the new (a, b, e, f)
// while the previous one becomes (c, d, g, h), so the two vectors trade places every two rounds.
__attribute__((target("sha,sse4.1,ssse3")))
void rg_sha256_compress(uint32_t state[8], const uint8_t *block, const uint32_t *k) {
    // Message words are big-endian: reverse the bytes of each 32-bit lane.
    const __m128i big_endian = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i low = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);  // lanes b a d c
    __m128i high = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // lanes h g f e
    __m128i abef = _mm_alignr_epi8(low, high, 8);     // lanes f e b a
    __m128i cdgh = _mm_blend_epi16(high, low, 0xF0);  // lanes h g d c
    const __m128i abef_start = abef, cdgh_start = cdgh;

    __m128i w[4];
    for (int i = 0; i < 4; i++) w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16 * i)), big_endian);
    for (int g = 0; g < 16; g++) {
        if (g >= 4) {
            // Words 4g..4g+3 from the sixteen before them: w[g & 3] holds words 4g-16..4g-13.
            __m128i back7 = _mm_alignr_epi8(w[(g - 1) & 3], w[(g - 2) & 3], 4);
            __m128i partial = _mm_add_epi32(_mm_sha256msg1_epu32(w[g & 3], w[(g - 3) & 3]), back7);
            w[g & 3] = _mm_sha256msg2_epu32(partial, w[(g - 1) & 3]);
        }
        __m128i words = _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)&k[4 * g]));
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, words);
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(words, 0x0E));
    }

    abef = _mm_add_epi32(abef, abef_start);
    cdgh = _mm_add_epi32(cdgh, cdgh_start);
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);  // lanes a b e f
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);  // lanes g h c d
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));  // a b c d
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));     // e f g h
}

#else

int rg_sha256_hardware(void) { return 0; }

void rg_sha256_compress(uint32_t state[8], const uint8_t *block, const uint32_t *k) {
    (void)state; (void)block; (void)k;
    __builtin_trap();
}

#endif
