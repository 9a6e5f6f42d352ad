// The whole-vector loops of CVectorMath.c in assembly: C compiled at -O0 (every debug build's C)
// keeps each 32-byte value on the stack between intrinsics and ran 12 times slower than this loop
// (docs/benchmarks.md, "Debug builds of the embedder"). No optimisation level changes assembly.
// System V x86_64 ABI; libmvec's calls clobber every vector register, so the loop state lives in
// callee-saved registers and in a 32-byte-aligned frame. The library functions are called through
// the pointers CVectorMath.c looked up (cvm_mvec_expf8, cvm_mvec_erff8).
#if defined(__x86_64__) && defined(__linux__)

    .text

// SUM_LANES ymm, xmm: the eight lanes of \ymm added in PartialSums' order, into the low lane of \xmm
// (the same register as \ymm); clobbers %xmm7.
.macro SUM_LANES ymm, xmm
    vhaddps \ymm, \ymm, \ymm        // lanes 0, 4: l0 + l1, l4 + l5; lanes 1, 5: l2 + l3, l6 + l7
    vhaddps \ymm, \ymm, \ymm        // lane 0: (l0 + l1) + (l2 + l3); lane 4: (l4 + l5) + (l6 + l7)
    vextractf128 $1, \ymm, %xmm7
    vaddss %xmm7, \xmm, \xmm
.endm

// float cvm_exp_sum_avx2(float *x, long count, float shift)
// x[i] = expf(x[i] - shift) for count numbers; returns their sum, kept in eight lanes and added
// by SUM_LANES. The last partial vector goes through masked loads and stores: its missing lanes
// are computed from zeros, neither stored nor added.
    .globl cvm_exp_sum_avx2
    .type cvm_exp_sum_avx2,@function
cvm_exp_sum_avx2:
    push %rbp
    mov %rsp, %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    and $-32, %rsp
    sub $96, %rsp                   // (%rsp): shift in every lane; 32(%rsp): the sums; 64(%rsp): the tail's mask
    mov %rdi, %rbx
    mov %rsi, %r12
    shr $3, %r12                    // whole vectors
    mov %rsi, %r13
    and $7, %r13                    // numbers after them
    vbroadcastss %xmm0, %ymm0
    vmovaps %ymm0, (%rsp)
    vxorps %ymm1, %ymm1, %ymm1
    vmovaps %ymm1, 32(%rsp)
    test %r12, %r12
    jz 2f
1:  vmovups (%rbx), %ymm0
    vsubps (%rsp), %ymm0, %ymm0
    call *cvm_mvec_expf8(%rip)
    vmovups %ymm0, (%rbx)
    vaddps 32(%rsp), %ymm0, %ymm0
    vmovaps %ymm0, 32(%rsp)
    add $32, %rbx
    dec %r12
    jnz 1b
2:  test %r13, %r13
    jz 3f
    vmovd %r13d, %xmm1
    vpbroadcastd %xmm1, %ymm1
    vmovdqu .Llane_index(%rip), %ymm2
    vpcmpgtd %ymm2, %ymm1, %ymm1    // lane i: i < numbers left
    vmovaps %ymm1, 64(%rsp)
    vmaskmovps (%rbx), %ymm1, %ymm0
    vsubps (%rsp), %ymm0, %ymm0
    call *cvm_mvec_expf8(%rip)
    vmovaps 64(%rsp), %ymm1
    vmaskmovps %ymm0, %ymm1, (%rbx)
    vandps %ymm1, %ymm0, %ymm0
    vaddps 32(%rsp), %ymm0, %ymm0
    vmovaps %ymm0, 32(%rsp)
3:  vmovaps 32(%rsp), %ymm0
    SUM_LANES %ymm0, %xmm0
    vzeroupper
    lea -32(%rbp), %rsp
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size cvm_exp_sum_avx2, .-cvm_exp_sum_avx2

// void cvm_gelu_blocks_avx2(float *x, const float *bias, long blocks)
// v = x[i] + bias[i]; x[i] = (v · 0.5) · (1 + erff(v · (1/√2))) for blocks · 8 numbers.
    .globl cvm_gelu_blocks_avx2
    .hidden cvm_gelu_blocks_avx2
    .type cvm_gelu_blocks_avx2,@function
cvm_gelu_blocks_avx2:
    push %rbp
    mov %rsp, %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    and $-32, %rsp
    sub $32, %rsp                   // (%rsp): v
    mov %rdi, %rbx
    mov %rsi, %r12
    mov %rdx, %r13
    test %r13, %r13
    jz 2f
1:  vmovups (%rbx), %ymm0
    vaddps (%r12), %ymm0, %ymm0
    vmovaps %ymm0, (%rsp)
    vbroadcastss .Linverse_root_two(%rip), %ymm1
    vmulps %ymm1, %ymm0, %ymm0
    call *cvm_mvec_erff8(%rip)
    vbroadcastss .Lone(%rip), %ymm1
    vaddps %ymm1, %ymm0, %ymm0
    vbroadcastss .Lhalf(%rip), %ymm1
    vmulps (%rsp), %ymm1, %ymm2
    vmulps %ymm2, %ymm0, %ymm0
    vmovups %ymm0, (%rbx)
    add $32, %rbx
    add $32, %r12
    dec %r13
    jnz 1b
2:  vzeroupper
    lea -32(%rbp), %rsp
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size cvm_gelu_blocks_avx2, .-cvm_gelu_blocks_avx2

// The kernels below run whole rows (tails included) and call nothing. Sums keep eight lanes
// (lane i adds the numbers at positions 8k + i), the tail after whole vectors goes to lane 0,
// and the lanes add as ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)): the order of
// VectorMath's PartialSums, so they give its Swift loops' numbers bit for bit (no fused
// multiply-add either).

// void cvm_add_bias_avx2(float *x, long rows, long columns, const float *bias)
// x[r][c] += bias[c] for rows · columns numbers.
    .globl cvm_add_bias_avx2
    .type cvm_add_bias_avx2,@function
cvm_add_bias_avx2:
    mov %rdx, %r8
    and $-8, %r8                    // columns in whole vectors
    lea (,%rdx,4), %r9              // bytes per row
    test %rsi, %rsi
    jle 9f
1:  xor %eax, %eax
    jmp 3f
2:  vmovups (%rdi,%rax,4), %ymm0
    vaddps (%rcx,%rax,4), %ymm0, %ymm0
    vmovups %ymm0, (%rdi,%rax,4)
    add $8, %rax
3:  cmp %r8, %rax
    jl 2b
    jmp 5f
4:  vmovss (%rdi,%rax,4), %xmm0
    vaddss (%rcx,%rax,4), %xmm0, %xmm0
    vmovss %xmm0, (%rdi,%rax,4)
    inc %rax
5:  cmp %rdx, %rax
    jl 4b
    add %r9, %rdi
    dec %rsi
    jnz 1b
9:  vzeroupper
    ret
    .size cvm_add_bias_avx2, .-cvm_add_bias_avx2

// void cvm_layer_norm_avx2(float *x, long rows, long columns, const float *bias,
//                          const float *gamma, const float *beta, float epsilon)
// Per row: v = x + bias (bias may be NULL), mean and biased variance of v, then
// x[c] = ((v[c] - mean) · inverse) · gamma[c] + beta[c], inverse = 1 / √(variance + epsilon).
// VectorMath.portableAddBiasLayerNorm, step for step.
    .globl cvm_layer_norm_avx2
    .type cvm_layer_norm_avx2,@function
cvm_layer_norm_avx2:
    vmovaps %xmm0, %xmm15           // epsilon
    vcvtsi2ssq %rdx, %xmm14, %xmm14 // columns as a float
    mov %rdx, %r10
    and $-8, %r10                   // columns in whole vectors
    lea (,%rdx,4), %r11             // bytes per row
    test %rsi, %rsi
    jle 9f
1:  test %rcx, %rcx                 // v = x + bias
    jz 20f
    xor %eax, %eax
    jmp 12f
11: vmovups (%rdi,%rax,4), %ymm0
    vaddps (%rcx,%rax,4), %ymm0, %ymm0
    vmovups %ymm0, (%rdi,%rax,4)
    add $8, %rax
12: cmp %r10, %rax
    jl 11b
    jmp 14f
13: vmovss (%rdi,%rax,4), %xmm0
    vaddss (%rcx,%rax,4), %xmm0, %xmm0
    vmovss %xmm0, (%rdi,%rax,4)
    inc %rax
14: cmp %rdx, %rax
    jl 13b

20: vxorps %ymm1, %ymm1, %ymm1      // the mean
    xor %eax, %eax
    jmp 22f
21: vaddps (%rdi,%rax,4), %ymm1, %ymm1
    add $8, %rax
22: cmp %r10, %rax
    jl 21b
    vmovaps %xmm1, %xmm2            // lane 0 takes the tail (a VEX scalar op would clear lanes 4-7)
    jmp 24f
23: vaddss (%rdi,%rax,4), %xmm2, %xmm2
    inc %rax
24: cmp %rdx, %rax
    jl 23b
    vblendps $1, %ymm2, %ymm1, %ymm1
    SUM_LANES %ymm1, %xmm1
    vdivss %xmm14, %xmm1, %xmm3     // mean
    vbroadcastss %xmm3, %ymm4

    vxorps %ymm1, %ymm1, %ymm1      // the variance
    xor %eax, %eax
    jmp 32f
31: vmovups (%rdi,%rax,4), %ymm5
    vsubps %ymm4, %ymm5, %ymm5
    vmulps %ymm5, %ymm5, %ymm5
    vaddps %ymm5, %ymm1, %ymm1
    add $8, %rax
32: cmp %r10, %rax
    jl 31b
    vmovaps %xmm1, %xmm2
    jmp 34f
33: vmovss (%rdi,%rax,4), %xmm5
    vsubss %xmm3, %xmm5, %xmm5
    vmulss %xmm5, %xmm5, %xmm5
    vaddss %xmm5, %xmm2, %xmm2
    inc %rax
34: cmp %rdx, %rax
    jl 33b
    vblendps $1, %ymm2, %ymm1, %ymm1
    SUM_LANES %ymm1, %xmm1
    vdivss %xmm14, %xmm1, %xmm1
    vaddss %xmm15, %xmm1, %xmm1
    vsqrtss %xmm1, %xmm1, %xmm1
    vmovss .Lone(%rip), %xmm6
    vdivss %xmm1, %xmm6, %xmm6      // inverse
    vbroadcastss %xmm6, %ymm8

    xor %eax, %eax                  // normalise
    jmp 42f
41: vmovups (%rdi,%rax,4), %ymm5
    vsubps %ymm4, %ymm5, %ymm5
    vmulps %ymm8, %ymm5, %ymm5
    vmulps (%r8,%rax,4), %ymm5, %ymm5
    vaddps (%r9,%rax,4), %ymm5, %ymm5
    vmovups %ymm5, (%rdi,%rax,4)
    add $8, %rax
42: cmp %r10, %rax
    jl 41b
    jmp 44f
43: vmovss (%rdi,%rax,4), %xmm5
    vsubss %xmm3, %xmm5, %xmm5
    vmulss %xmm6, %xmm5, %xmm5
    vmulss (%r8,%rax,4), %xmm5, %xmm5
    vaddss (%r9,%rax,4), %xmm5, %xmm5
    vmovss %xmm5, (%rdi,%rax,4)
    inc %rax
44: cmp %rdx, %rax
    jl 43b

    add %r11, %rdi
    dec %rsi
    jnz 1b
9:  vzeroupper
    ret
    .size cvm_layer_norm_avx2, .-cvm_layer_norm_avx2

// float cvm_norm_avx2(const float *x, long count)
// √(Σ x[i]²), the sum of squares in PartialSums' order.
    .globl cvm_norm_avx2
    .type cvm_norm_avx2,@function
cvm_norm_avx2:
    mov %rsi, %r8
    and $-8, %r8
    vxorps %ymm1, %ymm1, %ymm1
    xor %eax, %eax
    jmp 2f
1:  vmovups (%rdi,%rax,4), %ymm5
    vmulps %ymm5, %ymm5, %ymm5
    vaddps %ymm5, %ymm1, %ymm1
    add $8, %rax
2:  cmp %r8, %rax
    jl 1b
    vmovaps %xmm1, %xmm2
    jmp 4f
3:  vmovss (%rdi,%rax,4), %xmm5
    vmulss %xmm5, %xmm5, %xmm5
    vaddss %xmm5, %xmm2, %xmm2
    inc %rax
4:  cmp %rsi, %rax
    jl 3b
    vblendps $1, %ymm2, %ymm1, %ymm1
    SUM_LANES %ymm1, %xmm1
    vsqrtss %xmm1, %xmm1, %xmm0
    vzeroupper
    ret
    .size cvm_norm_avx2, .-cvm_norm_avx2

// void cvm_scale_avx2(float *x, long count, float factor)
// x[i] *= factor.
    .globl cvm_scale_avx2
    .type cvm_scale_avx2,@function
cvm_scale_avx2:
    mov %rsi, %r8
    and $-8, %r8
    vbroadcastss %xmm0, %ymm1
    xor %eax, %eax
    jmp 2f
1:  vmulps (%rdi,%rax,4), %ymm1, %ymm5
    vmovups %ymm5, (%rdi,%rax,4)
    add $8, %rax
2:  cmp %r8, %rax
    jl 1b
    jmp 4f
3:  vmulss (%rdi,%rax,4), %xmm0, %xmm5
    vmovss %xmm5, (%rdi,%rax,4)
    inc %rax
4:  cmp %rsi, %rax
    jl 3b
    vzeroupper
    ret
    .size cvm_scale_avx2, .-cvm_scale_avx2

    .section .rodata
    .balign 4
.Linverse_root_two:
    .float 0.70710678118654752
.Lhalf:
    .float 0.5
.Lone:
    .float 1.0
    .balign 32
.Llane_index:
    .long 0, 1, 2, 3, 4, 5, 6, 7

#endif
    .section .note.GNU-stack, "", @progbits
