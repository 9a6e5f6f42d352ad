// The whole-vector loops of CVectorMath.c in assembly: C compiled at -O0 (every debug build's C)
// keeps each 32-byte value on the stack between intrinsics and ran 12 times slower than this loop
// (docs/benchmarks.md, "Debug builds of the embedder"). No optimisation level changes assembly.
// System V x86_64 ABI; libmvec's calls clobber every vector register, so the loop state lives in
// callee-saved registers and in a 32-byte-aligned frame. The library functions are called through
// the pointers CVectorMath.c looked up (cvm_mvec_expf8, cvm_mvec_erff8).
#if defined(__x86_64__) && defined(__linux__)

    .text

// void cvm_exp_blocks_avx2(float *x, long blocks, float shift, float sums[8])
// x[i] = expf(x[i] - shift) for blocks · 8 numbers; sums[lane] += each result of that lane.
    .globl cvm_exp_blocks_avx2
    .hidden cvm_exp_blocks_avx2
    .type cvm_exp_blocks_avx2,@function
cvm_exp_blocks_avx2:
    push %rbp
    mov %rsp, %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    and $-32, %rsp
    sub $64, %rsp                   // (%rsp): shift in every lane; 32(%rsp): the sums
    mov %rdi, %rbx
    mov %rsi, %r12
    mov %rdx, %r13
    vbroadcastss %xmm0, %ymm0
    vmovaps %ymm0, (%rsp)
    vmovups (%r13), %ymm1
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
2:  vmovaps 32(%rsp), %ymm0
    vmovups %ymm0, (%r13)
    vzeroupper
    lea -32(%rbp), %rsp
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size cvm_exp_blocks_avx2, .-cvm_exp_blocks_avx2

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

    .section .rodata
    .balign 4
.Linverse_root_two:
    .float 0.70710678118654752
.Lhalf:
    .float 0.5
.Lone:
    .float 1.0

#endif
    .section .note.GNU-stack, "", @progbits
