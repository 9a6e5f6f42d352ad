#ifndef CVECTORMATH_H
#define CVECTORMATH_H

#include <stdbool.h>

/// The encoder's two transcendental kernels, run by glibc's libmvec (x86_64 Linux): vector
/// `expf` and `erff` that are compiled optimised whatever fte's build is, so a debug build
/// (C at -O0, Swift at -Onone) pays one library call per 8 numbers instead of a polynomial per
/// number. AVX2 variants where the CPU has AVX2, otherwise the SSE2 ones every x86_64 has.
/// Then the encoder's other element-wise loops, in AVX2 assembly (`cvm_has_avx2`).

/// Whether the kernels below can run: x86_64 Linux with glibc's libmvec (`libmvec.so.1`, looked
/// up at run time, not linked). Call it once before any kernel; when false they must not be called.
bool cvm_available(void);

/// Replaces each `x[i]` by `e^(x[i] - shift)` and returns their sum.
float cvm_exp_sum(float *x, long count, float shift);

/// `x[r][c] = gelu(x[r][c] + bias[c])` for `rows` rows of `columns`, with the exact GELU
/// `0.5 · v · (1 + erf(v / √2))`.
void cvm_add_bias_gelu(float *x, long rows, long columns, const float *bias);

/// Whether the CPU runs the AVX2 kernels below (x86_64 Linux with AVX2). When false they must
/// not be called.
bool cvm_has_avx2(void);

// Element-wise kernels of the encoder in assembly (Blocks.S), so a debug build runs them at
// release speed. Each gives the numbers of its Swift loop in VectorMath bit for bit.

/// `x[r][c] += bias[c]` for `rows` rows of `columns`.
void cvm_add_bias_avx2(float *x, long rows, long columns, const float *bias);

/// Per row of `columns`: `x = LayerNorm(x + bias) · gamma + beta` (biased variance; `bias` may be
/// NULL).
void cvm_layer_norm_avx2(float *x, long rows, long columns, const float *bias,
                         const float *gamma, const float *beta, float epsilon);

/// The Euclidean length of `count` numbers.
float cvm_norm_avx2(const float *x, long count);

/// `x[i] *= factor` for `count` numbers.
void cvm_scale_avx2(float *x, long count, float factor);

#endif
