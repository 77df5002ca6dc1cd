#include "textflag.h"

// func stopMasks(data *byte, n int, comma byte, out *uint64)
//
// For each block of 64 bytes: st (the ASCII stops: delimiter, quote,
// controls other than tab, DEL; and the bytes from 0x80 that are neither
// 0x80-0xBF nor 0xC2-0xDF), l (0xC2-0xDF), c (0x80-0xBF), as stopMasksGo.
// AVX2; the caller checks the CPU has it.
TEXT ·stopMasks(SB), NOSPLIT, $0-32
	MOVQ data+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ out+24(FP), DI
	MOVBLZX comma+16(FP), AX
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

	MOVQ BX, 0(DI)
	MOVQ R8, 8(DI)
	MOVQ DX, 16(DI)

	ADDQ $64, SI
	ADDQ $24, DI
	SUBQ $64, CX
	JMP  loop

done:
	VZEROUPPER
	RET
