// Emission of the v128 machine instructions: constants, SIMD loads and stores (with their lane,
// splat, zero and widening forms), and the table-driven operations of simd-ops.ts.
import type { Amd64Emitter } from './emit.js';
import { memAccess } from './emit-ops.js';
import { form, type Form } from './forms.js';
import { shapeOperands } from './isel-simd.js';
import { loadWords, simdOp, type VOperands, VShape } from './simd-ops.js';

const X15 = 15;
const f = (name: string): Form => form(`${name}_x_xm`);
const F = {
  movdqu: f('movdqu'), storedqu: form('movdqu_m_x'), pxor: f('pxor'), pshufb: f('pshufb'),
  pshuflw: form('pshuflw_x_xm_imm8'), pshufd: form('pshufd_x_xm_imm8'), movddup: f('movddup'), movq: f('movq'), movd: form('movd_x_m32'),
  pinsrb: form('pinsrb_x_rm32_imm8'), pinsrw: form('pinsrw_x_rm32_imm8'), pinsrd: form('pinsrd_x_rm32_imm8'), pinsrq: form('pinsrq_x_rm64_imm8'),
  pextrb: form('pextrb_rm32_x_imm8'), pextrw: form('pextrw_rm32_x_imm8'), pextrd: form('pextrd_rm32_x_imm8'), pextrq: form('pextrq_rm64_x_imm8'),
};

/** Widening loads (sub-opcodes 1..6): 8 bytes extended to 16. */
const widening = [undefined, f('pmovsxbw'), f('pmovzxbw'), f('pmovsxwd'), f('pmovzxwd'), f('pmovsxdq'), f('pmovzxdq')];
const laneInsert = [F.pinsrb, F.pinsrw, F.pinsrd, F.pinsrq];
const laneExtract = [F.pextrb, F.pextrw, F.pextrd, F.pextrq];

/** Bytes each SIMD memory sub-opcode reads or writes (for explicit bounds checks). */
function accessBytes(sub: number): number {
  if (sub === 0 || sub === 11) return 16;
  if (sub <= 6) return 8;
  if (sub <= 10) return 1 << (sub - 7);
  if (sub >= 84 && sub <= 91) return 1 << ((sub - 84) & 3);
  if (sub === 92) return 4;
  if (sub === 93) return 8;
  throw new Error(`amd64: no SIMD memory access for sub-opcode ${sub}`);
}

export function emitVconst(e: Amd64Emitter, i: number, dst: number): void {
  loadWords(e.asm, dst, e.a(i), e.b(i), e.c(i), e.d(i));
}

export function emitVLoad(e: Amd64Emitter, i: number): void {
  const { asm } = e;
  const sub = e.a(i) & 0xfff;
  const lane = e.b(i);
  const m = memAccess(e, e.r(0), e.r(1), e.c(i), accessBytes(sub));
  if (sub >= 84 && sub <= 87) {
    asm.rmi(laneInsert[sub - 84]!, e.r(3), m, lane);
    return;
  }
  const d = e.r(2);
  switch (sub) {
    case 0: asm.rm(F.movdqu, d, m); return;
    case 7: asm.rmi(F.pinsrb, d, m, 0); asm.rm(F.pxor, X15, X15); asm.rm(F.pshufb, d, X15); return;
    case 8: asm.rmi(F.pinsrw, d, m, 0); asm.rmi(F.pshuflw, d, d, 0); asm.rmi(F.pshufd, d, d, 0); return;
    case 9: asm.rm(F.movd, d, m); asm.rmi(F.pshufd, d, d, 0); return;
    case 10: asm.rm(F.movddup, d, m); return;
    case 92: asm.rm(F.movd, d, m); return;
    case 93: asm.rm(F.movq, d, m); return;
  }
  const w = widening[sub];
  if (w === undefined) throw new Error(`amd64: no SIMD load for sub-opcode ${sub}`);
  asm.rm(w, d, m);
}

export function emitVStore(e: Amd64Emitter, i: number): void {
  const sub = e.a(i) & 0xfff;
  const m = memAccess(e, e.r(0), e.r(2), e.c(i), accessBytes(sub));
  if (sub === 11) e.asm.mr(F.storedqu, m, e.r(1));
  else e.asm.mri(laneExtract[sub - 88]!, m, e.r(1), e.b(i));
}

const ops: VOperands = { asm: undefined!, d: 0, x: 0, y: 0, z: 0, t0: 0, t1: 0, imm: 0, bytes: undefined };

export function emitSimd(e: Amd64Emitter, i: number): void {
  const code = e.a(i);
  const row = simdOp(code & 0xfff)!;
  const shape = e.d(i) as VShape;
  const [x, y, z, d] = shapeOperands[shape];
  ops.asm = e.asm;
  ops.x = e.r(x);
  ops.y = y >= 0 ? e.r(y) : -1;
  ops.z = z >= 0 ? e.r(z) : -1;
  ops.d = e.r(d);
  ops.t0 = row.temps >= 1 ? e.r(d + 1) : -1;
  ops.t1 = row.temps >= 2 ? e.r(d + 2) : -1;
  ops.imm = e.b(i);
  ops.bytes = (code & 0xfff) === 13 ? e.isel.ir.constPool[e.c(i)] : undefined;
  row.emit(ops);
}
