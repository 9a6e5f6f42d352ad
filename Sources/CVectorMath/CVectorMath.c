#include "CVectorMath.h"

#if defined(__x86_64__) && defined(__linux__)

#include <dlfcn.h>
#include <immintrin.h>
#include <string.h>

// libmvec's vector variants (x86_64 vector function ABI: 'b' SSE, 'd' AVX2; 'N4'/'N8' lanes),
// looked up at run time rather than linked: a build then needs no libmvec (glibc before 2.38 has
// none on aarch64, musl none at all), and a C library without it leaves the Swift loops running.
// The pointers are set once by cvm_available() (Swift calls it once, before any kernel) and only
// read afterwards; Blocks.S calls the AVX2 ones through them.
typedef __m128 (*cvm_vector4_function)(__m128);
typedef __m256 (*cvm_vector8_function)(__m256);  // called only from target("avx2") code
__attribute__((visibility("hidden"))) cvm_vector4_function cvm_mvec_expf4, cvm_mvec_erff4;
__attribute__((visibility("hidden"))) cvm_vector8_function cvm_mvec_expf8, cvm_mvec_erff8;
#define _ZGVbN4v_expf cvm_mvec_expf4
#define _ZGVbN4v_erff cvm_mvec_erff4
#define _ZGVdN8v_expf cvm_mvec_expf8
#define _ZGVdN8v_erff cvm_mvec_erff8

// The loops of the AVX2 kernels, in Blocks.S (C at -O0 is 12 times slower there): all of the
// softmax's, and GELU's over whole vectors.
float cvm_exp_sum_avx2(float *x, long count, float shift);
void cvm_gelu_blocks_avx2(float *x, const float *bias, long blocks);

static bool has_avx2(void) { return __builtin_cpu_supports("avx2"); }

bool cvm_has_avx2(void) { return has_avx2(); }

bool cvm_available(void) {
    void *library = dlopen("libmvec.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return false;
    cvm_mvec_expf4 = (cvm_vector4_function)dlsym(library, "_ZGVbN4v_expf");
    cvm_mvec_erff4 = (cvm_vector4_function)dlsym(library, "_ZGVbN4v_erff");
    if (has_avx2()) {
        cvm_mvec_expf8 = (cvm_vector8_function)dlsym(library, "_ZGVdN8v_expf");
        cvm_mvec_erff8 = (cvm_vector8_function)dlsym(library, "_ZGVdN8v_erff");
        if (cvm_mvec_expf8 == NULL || cvm_mvec_erff8 == NULL) return false;
    }
    return cvm_mvec_expf4 != NULL && cvm_mvec_erff4 != NULL;
}

// Each kernel runs whole vectors in place and the last partial one through a zero-padded copy
// (in Blocks.S: masked loads and stores), so every number goes through the same library
// function. Sums keep one running sum per lane and add the lanes pairwise at the end.

static float exp_sum_sse2(float *x, long count, float shift) {
    const __m128 s = _mm_set1_ps(shift);
    __m128 sums = _mm_setzero_ps();
    long c = 0;
    for (; c + 4 <= count; c += 4) {
        __m128 e = _ZGVbN4v_expf(_mm_sub_ps(_mm_loadu_ps(x + c), s));
        _mm_storeu_ps(x + c, e);
        sums = _mm_add_ps(sums, e);
    }
    float lanes[4];
    _mm_storeu_ps(lanes, sums);
    if (c < count) {
        float tail[4] = {0};
        memcpy(tail, x + c, (size_t)(count - c) * sizeof(float));
        _mm_storeu_ps(tail, _ZGVbN4v_expf(_mm_sub_ps(_mm_loadu_ps(tail), s)));
        memcpy(x + c, tail, (size_t)(count - c) * sizeof(float));
        for (long i = 0; i < count - c; i++) lanes[i] += tail[i];
    }
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
}

float cvm_exp_sum(float *x, long count, float shift) {
    return has_avx2() ? cvm_exp_sum_avx2(x, count, shift) : exp_sum_sse2(x, count, shift);
}

__attribute__((target("avx2")))
static __m256 gelu_avx2(__m256 v) {
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f);
    __m256 e = _ZGVdN8v_erff(_mm256_mul_ps(v, _mm256_set1_ps(0.70710678118654752f)));
    return _mm256_mul_ps(_mm256_mul_ps(v, half), _mm256_add_ps(one, e));
}

__attribute__((target("avx2")))
static void add_bias_gelu_avx2(float *x, long rows, long columns, const float *bias) {
    for (long r = 0; r < rows; r++) {
        float *p = x + r * columns;
        long c = columns / 8 * 8;
        cvm_gelu_blocks_avx2(p, bias, columns / 8);
        if (c < columns) {
            float tail[8] = {0};
            for (long i = 0; i < columns - c; i++) tail[i] = p[c + i] + bias[c + i];
            _mm256_storeu_ps(tail, gelu_avx2(_mm256_loadu_ps(tail)));
            memcpy(p + c, tail, (size_t)(columns - c) * sizeof(float));
        }
    }
}

static __m128 gelu_sse2(__m128 v) {
    __m128 e = _ZGVbN4v_erff(_mm_mul_ps(v, _mm_set1_ps(0.70710678118654752f)));
    return _mm_mul_ps(_mm_mul_ps(v, _mm_set1_ps(0.5f)), _mm_add_ps(_mm_set1_ps(1.0f), e));
}

static void add_bias_gelu_sse2(float *x, long rows, long columns, const float *bias) {
    for (long r = 0; r < rows; r++) {
        float *p = x + r * columns;
        long c = 0;
        for (; c + 4 <= columns; c += 4) {
            __m128 v = _mm_add_ps(_mm_loadu_ps(p + c), _mm_loadu_ps(bias + c));
            _mm_storeu_ps(p + c, gelu_sse2(v));
        }
        if (c < columns) {
            float tail[4] = {0};
            for (long i = 0; i < columns - c; i++) tail[i] = p[c + i] + bias[c + i];
            _mm_storeu_ps(tail, gelu_sse2(_mm_loadu_ps(tail)));
            memcpy(p + c, tail, (size_t)(columns - c) * sizeof(float));
        }
    }
}

void cvm_add_bias_gelu(float *x, long rows, long columns, const float *bias) {
    if (has_avx2()) add_bias_gelu_avx2(x, rows, columns, bias);
    else add_bias_gelu_sse2(x, rows, columns, bias);
}

#else

bool cvm_available(void) { return false; }
bool cvm_has_avx2(void) { return false; }
// Never called where cvm_has_avx2() is false; defined so that Swift links everywhere.
void cvm_add_bias_avx2(float *x, long rows, long columns, const float *bias) {
    (void)x; (void)rows; (void)columns; (void)bias;
}
void cvm_layer_norm_avx2(float *x, long rows, long columns, const float *bias,
                         const float *gamma, const float *beta, float epsilon) {
    (void)x; (void)rows; (void)columns; (void)bias; (void)gamma; (void)beta; (void)epsilon;
}
float cvm_norm_avx2(const float *x, long count) { (void)x; (void)count; return 0; }
void cvm_scale_avx2(float *x, long count, float factor) { (void)x; (void)count; (void)factor; }
float cvm_exp_sum(float *x, long count, float shift) { (void)x; (void)count; (void)shift; return 0; }
void cvm_add_bias_gelu(float *x, long rows, long columns, const float *bias) {
    (void)x; (void)rows; (void)columns; (void)bias;
}

#endif
