#include "textflag.h"

// func stopBlocks(data *byte, n, length int, comma byte, out *uint64, lprev uint64) uint64
//
// For each block of 64 bytes of data[:n], its word of the bitmap:
// combineStops of its masks (stopMasksGo: st, the ASCII stops and the
// bytes from 0x80 that are neither 0x80-0xBF nor 0xC2-0xDF; l, 0xC2-0xDF;
// c, 0x80-0xBF), with the l of the block before (lprev, then carried) and
// whether the byte after the block, if before length, is 0x80-0xBF. It
// returns the last block's l. AVX2; the caller checks the CPU has it.
TEXT ·stopBlocks(SB), NOSPLIT, $16-56
	MOVQ data+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ length+16(FP), AX
	ADDQ SI, AX
	MOVQ AX, end-8(SP) // the end of data
	MOVQ out+32(FP), DI
	MOVQ lprev+40(FP), AX
	MOVQ AX, lp-16(SP)
	MOVBLZX comma+24(FP), AX
	MOVD AX, X8
	VPBROADCASTB X8, Y8 // the delimiter
	MOVL $0x22, AX
	MOVD AX, X9
	VPBROADCASTB X9, Y9 // quote
	MOVL $0x7f, AX
	MOVD AX, X10
	VPBROADCASTB X10, Y10 // DEL
	MOVL $0x20, AX
	MOVD AX, X11
	VPBROADCASTB X11, Y11 // space: below it, controls
	MOVL $0x09, AX
	MOVD AX, X12
	VPBROADCASTB X12, Y12 // tab
	MOVL $0xc0, AX
	MOVD AX, X13
	VPBROADCASTB X13, Y13 // -64: below it (signed), continuation bytes
	MOVL $0xc1, AX
	MOVD AX, X14
	VPBROADCASTB X14, Y14 // -63: above it, from 0xC2 (and ASCII)
	MOVL $0xe0, AX
	MOVD AX, X15
	VPBROADCASTB X15, Y15 // -32: below it, up to 0xDF (and from 0x80)

loop:
	CMPQ CX, $64
	JLT  done

	VMOVDQU (SI), Y0
	VPCMPEQB Y0, Y8, Y1
	VPCMPEQB Y0, Y9, Y2
	VPOR     Y1, Y2, Y1
	VPCMPEQB Y0, Y10, Y2
	VPOR     Y1, Y2, Y1
	VPCMPGTB Y0, Y11, Y3 // below space, signed: controls and bytes from 0x80
	VPCMPEQB Y0, Y12, Y2
	VPANDN   Y3, Y2, Y3  // not tab
	VPOR     Y1, Y3, Y1
	VPCMPGTB Y0, Y13, Y5 // continuation
	VPCMPGTB Y14, Y0, Y6
	VPCMPGTB Y0, Y15, Y7
	VPAND    Y6, Y7, Y6  // lead
	VPMOVMSKB Y0, AX     // from 0x80
	VPMOVMSKB Y1, BX     // ASCII stops (and bytes from 0x80)
	VPMOVMSKB Y5, DX
	VPMOVMSKB Y6, R8

	VMOVDQU 32(SI), Y0
	VPCMPEQB Y0, Y8, Y1
	VPCMPEQB Y0, Y9, Y2
	VPOR     Y1, Y2, Y1
	VPCMPEQB Y0, Y10, Y2
	VPOR     Y1, Y2, Y1
	VPCMPGTB Y0, Y11, Y3
	VPCMPEQB Y0, Y12, Y2
	VPANDN   Y3, Y2, Y3
	VPOR     Y1, Y3, Y1
	VPCMPGTB Y0, Y13, Y5
	VPCMPGTB Y14, Y0, Y6
	VPCMPGTB Y0, Y15, Y7
	VPAND    Y6, Y7, Y6
	VPMOVMSKB Y0, R9
	VPMOVMSKB Y1, R10
	VPMOVMSKB Y5, R11
	VPMOVMSKB Y6, R12

	SHLQ $32, R9
	ORQ  R9, AX  // high
	SHLQ $32, R10
	ORQ  R10, BX // stops, with every high byte
	SHLQ $32, R11
	ORQ  R11, DX // c
	SHLQ $32, R12
	ORQ  R12, R8 // l

	// st = stops &^ high | high &^ (l | c)
	MOVQ AX, R13
	NOTQ R13
	ANDQ R13, BX
	MOVQ R8, R13
	ORQ  DX, R13
	NOTQ R13
	ANDQ AX, R13
	ORQ  R13, BX

	// cnext (R9): the byte after the block is a continuation byte
	XORL R9, R9
	LEAQ 64(SI), R10
	CMPQ R10, end-8(SP)
	JAE  combine
	MOVBLZX 64(SI), R10
	ANDL $0xc0, R10
	CMPL R10, $0x80
	SETEQ R9B

combine:
	// paired (R10) = l & (c>>1 | cnext<<63)
	MOVQ DX, R10
	SHRQ $1, R10
	SHLQ $63, R9
	ORQ  R9, R10
	ANDQ R8, R10
	// follows (R11) = c & (l<<1 | lprev>>63)
	MOVQ R8, R11
	SHLQ $1, R11
	MOVQ lp-16(SP), R12
	SHRQ $63, R12
	ORQ  R12, R11
	ANDQ DX, R11
	// word = st | l &^ paired | c &^ follows
	NOTQ R10
	ANDQ R8, R10
	NOTQ R11
	ANDQ DX, R11
	ORQ  R10, BX
	ORQ  R11, BX
	MOVQ BX, 0(DI)
	MOVQ R8, lp-16(SP) // lprev of the next block

	ADDQ $64, SI
	ADDQ $8, DI
	SUBQ $64, CX
	JMP  loop

done:
	VZEROUPPER
	MOVQ lp-16(SP), AX
	MOVQ AX, ret+48(FP)
	RET

// func quotesLines(data *byte, n int) (quotes, lines int)
//
// The quotes and line feeds in data[:n], n a multiple of 64, in one pass.
// AVX2 and POPCNT; the caller checks the CPU has them.
TEXT ·quotesLines(SB), NOSPLIT, $0-32
	MOVQ data+0(FP), SI
	MOVQ n+8(FP), CX
	MOVL $0x22, AX
	MOVD AX, X1
	VPBROADCASTB X1, Y1 // quote
	MOVL $0x0a, AX
	MOVD AX, X2
	VPBROADCASTB X2, Y2 // line feed
	XORQ R8, R8
	XORQ R9, R9

qlloop:
	CMPQ CX, $64
	JLT  qldone
	VMOVDQU (SI), Y0
	VMOVDQU 32(SI), Y5
	VPCMPEQB Y0, Y1, Y3
	VPCMPEQB Y0, Y2, Y4
	VPCMPEQB Y5, Y1, Y6
	VPCMPEQB Y5, Y2, Y7
	VPMOVMSKB Y3, AX
	VPMOVMSKB Y4, BX
	VPMOVMSKB Y6, DX
	VPMOVMSKB Y7, R10
	SHLQ $32, DX
	ORQ  DX, AX
	SHLQ $32, R10
	ORQ  R10, BX
	POPCNTQ AX, AX
	POPCNTQ BX, BX
	ADDQ AX, R8
	ADDQ BX, R9
	ADDQ $64, SI
	SUBQ $64, CX
	JMP  qlloop

qldone:
	VZEROUPPER
	MOVQ R8, quotes+16(FP)
	MOVQ R9, lines+24(FP)
	RET
