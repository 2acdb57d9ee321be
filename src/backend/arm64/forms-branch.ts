// Control flow and PC-relative forms: B/BL, B.cond, CBZ/CBNZ, TBZ/TBNZ with label operands the
// encoder patches once bound; BR/BLR/RET; ADR and literal loads (constant pools); NOP, BRK and UDF
// (traps).
import { row } from './form-table.js';
import { K, spec } from './operands.js';

const label26 = spec(K.Label26, 0);
const label19 = spec(K.Label19, 5);
const label14 = spec(K.Label14, 5);

row('b', 'b', 64, 0x14000000, [label26]);
row('bl', 'bl', 64, 0x94000000, [label26]);
row('b_cond', 'b.', 64, 0x54000000, [spec(K.CondSuffix, 0), label19]);
row('cbz_w', 'cbz', 32, 0x34000000, [spec(K.W, 0), label19]);
row('cbz_x', 'cbz', 64, 0xb4000000, [spec(K.X, 0), label19]);
row('cbnz_w', 'cbnz', 32, 0x35000000, [spec(K.W, 0), label19]);
row('cbnz_x', 'cbnz', 64, 0xb5000000, [spec(K.X, 0), label19]);
// TBZ on an X register tests bits 0..63; objdump names the register w for bits below 32.
row('tbz_w', 'tbz', 32, 0x36000000, [spec(K.W, 0), spec(K.TestBit, 0), label14]);
row('tbz_x', 'tbz', 64, 0x36000000, [spec(K.X, 0), spec(K.TestBit, 0), label14]);
row('tbnz_w', 'tbnz', 32, 0x37000000, [spec(K.W, 0), spec(K.TestBit, 0), label14]);
row('tbnz_x', 'tbnz', 64, 0x37000000, [spec(K.X, 0), spec(K.TestBit, 0), label14]);

row('br', 'br', 64, 0xd61f0000, [spec(K.X, 5)]);
row('blr', 'blr', 64, 0xd63f0000, [spec(K.X, 5)]);
row('ret', 'ret', 64, 0xd65f03c0, []);
// RET to another register than x30 (objdump prints plain `ret` for x30).
row('ret_reg', 'ret', 64, 0xd65f0000, [spec(K.X, 5, { samples: [0, 1, 16, 29] })]);

row('adr', 'adr', 64, 0x10000000, [spec(K.X, 0), spec(K.Label21, 0)]);
row('ldr_w_lit', 'ldr', 32, 0x18000000, [spec(K.W, 0), label19]);
row('ldr_x_lit', 'ldr', 64, 0x58000000, [spec(K.X, 0), label19]);
row('ldrsw_lit', 'ldrsw', 64, 0x98000000, [spec(K.X, 0), label19]);
row('ldr_s_lit', 'ldr', 32, 0x1c000000, [spec(K.S, 0), label19]);
row('ldr_d_lit', 'ldr', 64, 0x5c000000, [spec(K.D, 0), label19]);
row('ldr_q_lit', 'ldr', 64, 0x9c000000, [spec(K.Q, 0), label19]);

row('nop', 'nop', 64, 0xd503201f, [], true); // HINT #0
row('brk', 'brk', 64, 0xd4200000, [spec(K.UImm, 5, { bits: 16, hex: true })]);
row('udf', 'udf', 64, 0x00000000, [spec(K.UImm, 0, { bits: 16 })]);
