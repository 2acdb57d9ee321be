// The instruction table: the one source of truth for every Core 2.0 opcode's encoding, name,
// immediates, and (for instructions with a fixed stack effect) operand and result types.
// The validator, the frontend and any printer key off this table.
//
// Opcode codes: a single-byte opcode is its byte; prefixed opcodes are `prefix << 12 | sub`
// (sub-opcodes are u32 LEB128 in the binary but all defined ones are < 4096).
import { ValType } from './types.js';

/** What follows the opcode in the binary. */
export const enum Imm {
  None,
  BlockType,     // s33 block type
  Label,         // labelidx
  BrTable,       // vec(labelidx) labelidx
  Func,          // funcidx
  CallIndirect,  // typeidx tableidx
  Local,         // localidx
  Global,        // globalidx
  Table,         // tableidx
  MemArg,        // align offset
  Memory,        // memidx (a zero byte in Core 2.0)
  I32,           // i32 (s32 LEB)
  I64,           // i64 (s64 LEB)
  F32,           // 4 bytes
  F64,           // 8 bytes
  SelectTypes,   // vec(valtype)
  RefType,       // reftype byte
  V128,          // 16 bytes
  Shuffle,       // 16 lane bytes
  Lane,          // one lane byte
  MemArgLane,    // memarg then lane byte
  Data,          // dataidx
  Elem,          // elemidx
  MemoryInit,    // dataidx memidx
  MemoryCopy,    // memidx memidx
  TableInit,     // elemidx tableidx
  TableCopy,     // tableidx tableidx
}

export interface OpInfo {
  readonly code: number;
  readonly name: string;
  readonly imm: Imm;
  /** Operand types popped, in stack order (first = deepest); undefined when not fixed. */
  readonly params: readonly ValType[] | undefined;
  /** Result types pushed; undefined when not fixed. */
  readonly results: readonly ValType[] | undefined;
  /** log2 of the natural alignment (memory accesses only), else -1. */
  readonly naturalAlign: number;
  /** Number of lanes for lane-indexed SIMD instructions, else 0. */
  readonly lanes: number;
}

export const PREFIX_MISC = 0xfc;
export const PREFIX_SIMD = 0xfd;
export const prefixed = (prefix: number, sub: number): number => (prefix << 12) | sub;

// One row per instruction: code, name, immediates, signature ("params>results", or "*" when the
// stack effect depends on immediates or context and the validator handles it by name), and for
// memory and lane instructions the natural alignment (log2) or the lane count.
// Prefixed rows are written "fc:N" / "fd:N" with N decimal.
const TABLE = `
0x00 unreachable none *
0x01 nop none >
0x02 block blocktype *
0x03 loop blocktype *
0x04 if blocktype *
0x05 else none *
0x0b end none *
0x0c br label *
0x0d br_if label *
0x0e br_table brtable *
0x0f return none *
0x10 call func *
0x11 call_indirect callindirect *
0x1a drop none *
0x1b select none *
0x1c select_t selecttypes *
0x20 local.get local *
0x21 local.set local *
0x22 local.tee local *
0x23 global.get global *
0x24 global.set global *
0x25 table.get table *
0x26 table.set table *
0x28 i32.load memarg i32>i32 2
0x29 i64.load memarg i32>i64 3
0x2a f32.load memarg i32>f32 2
0x2b f64.load memarg i32>f64 3
0x2c i32.load8_s memarg i32>i32 0
0x2d i32.load8_u memarg i32>i32 0
0x2e i32.load16_s memarg i32>i32 1
0x2f i32.load16_u memarg i32>i32 1
0x30 i64.load8_s memarg i32>i64 0
0x31 i64.load8_u memarg i32>i64 0
0x32 i64.load16_s memarg i32>i64 1
0x33 i64.load16_u memarg i32>i64 1
0x34 i64.load32_s memarg i32>i64 2
0x35 i64.load32_u memarg i32>i64 2
0x36 i32.store memarg i32,i32> 2
0x37 i64.store memarg i32,i64> 3
0x38 f32.store memarg i32,f32> 2
0x39 f64.store memarg i32,f64> 3
0x3a i32.store8 memarg i32,i32> 0
0x3b i32.store16 memarg i32,i32> 1
0x3c i64.store8 memarg i32,i64> 0
0x3d i64.store16 memarg i32,i64> 1
0x3e i64.store32 memarg i32,i64> 2
0x3f memory.size memory >i32
0x40 memory.grow memory i32>i32
0x41 i32.const i32 >i32
0x42 i64.const i64 >i64
0x43 f32.const f32 >f32
0x44 f64.const f64 >f64
0x45 i32.eqz none i32>i32
0x46 i32.eq none i32,i32>i32
0x47 i32.ne none i32,i32>i32
0x48 i32.lt_s none i32,i32>i32
0x49 i32.lt_u none i32,i32>i32
0x4a i32.gt_s none i32,i32>i32
0x4b i32.gt_u none i32,i32>i32
0x4c i32.le_s none i32,i32>i32
0x4d i32.le_u none i32,i32>i32
0x4e i32.ge_s none i32,i32>i32
0x4f i32.ge_u none i32,i32>i32
0x50 i64.eqz none i64>i32
0x51 i64.eq none i64,i64>i32
0x52 i64.ne none i64,i64>i32
0x53 i64.lt_s none i64,i64>i32
0x54 i64.lt_u none i64,i64>i32
0x55 i64.gt_s none i64,i64>i32
0x56 i64.gt_u none i64,i64>i32
0x57 i64.le_s none i64,i64>i32
0x58 i64.le_u none i64,i64>i32
0x59 i64.ge_s none i64,i64>i32
0x5a i64.ge_u none i64,i64>i32
0x5b f32.eq none f32,f32>i32
0x5c f32.ne none f32,f32>i32
0x5d f32.lt none f32,f32>i32
0x5e f32.gt none f32,f32>i32
0x5f f32.le none f32,f32>i32
0x60 f32.ge none f32,f32>i32
0x61 f64.eq none f64,f64>i32
0x62 f64.ne none f64,f64>i32
0x63 f64.lt none f64,f64>i32
0x64 f64.gt none f64,f64>i32
0x65 f64.le none f64,f64>i32
0x66 f64.ge none f64,f64>i32
0x67 i32.clz none i32>i32
0x68 i32.ctz none i32>i32
0x69 i32.popcnt none i32>i32
0x6a i32.add none i32,i32>i32
0x6b i32.sub none i32,i32>i32
0x6c i32.mul none i32,i32>i32
0x6d i32.div_s none i32,i32>i32
0x6e i32.div_u none i32,i32>i32
0x6f i32.rem_s none i32,i32>i32
0x70 i32.rem_u none i32,i32>i32
0x71 i32.and none i32,i32>i32
0x72 i32.or none i32,i32>i32
0x73 i32.xor none i32,i32>i32
0x74 i32.shl none i32,i32>i32
0x75 i32.shr_s none i32,i32>i32
0x76 i32.shr_u none i32,i32>i32
0x77 i32.rotl none i32,i32>i32
0x78 i32.rotr none i32,i32>i32
0x79 i64.clz none i64>i64
0x7a i64.ctz none i64>i64
0x7b i64.popcnt none i64>i64
0x7c i64.add none i64,i64>i64
0x7d i64.sub none i64,i64>i64
0x7e i64.mul none i64,i64>i64
0x7f i64.div_s none i64,i64>i64
0x80 i64.div_u none i64,i64>i64
0x81 i64.rem_s none i64,i64>i64
0x82 i64.rem_u none i64,i64>i64
0x83 i64.and none i64,i64>i64
0x84 i64.or none i64,i64>i64
0x85 i64.xor none i64,i64>i64
0x86 i64.shl none i64,i64>i64
0x87 i64.shr_s none i64,i64>i64
0x88 i64.shr_u none i64,i64>i64
0x89 i64.rotl none i64,i64>i64
0x8a i64.rotr none i64,i64>i64
0x8b f32.abs none f32>f32
0x8c f32.neg none f32>f32
0x8d f32.ceil none f32>f32
0x8e f32.floor none f32>f32
0x8f f32.trunc none f32>f32
0x90 f32.nearest none f32>f32
0x91 f32.sqrt none f32>f32
0x92 f32.add none f32,f32>f32
0x93 f32.sub none f32,f32>f32
0x94 f32.mul none f32,f32>f32
0x95 f32.div none f32,f32>f32
0x96 f32.min none f32,f32>f32
0x97 f32.max none f32,f32>f32
0x98 f32.copysign none f32,f32>f32
0x99 f64.abs none f64>f64
0x9a f64.neg none f64>f64
0x9b f64.ceil none f64>f64
0x9c f64.floor none f64>f64
0x9d f64.trunc none f64>f64
0x9e f64.nearest none f64>f64
0x9f f64.sqrt none f64>f64
0xa0 f64.add none f64,f64>f64
0xa1 f64.sub none f64,f64>f64
0xa2 f64.mul none f64,f64>f64
0xa3 f64.div none f64,f64>f64
0xa4 f64.min none f64,f64>f64
0xa5 f64.max none f64,f64>f64
0xa6 f64.copysign none f64,f64>f64
0xa7 i32.wrap_i64 none i64>i32
0xa8 i32.trunc_f32_s none f32>i32
0xa9 i32.trunc_f32_u none f32>i32
0xaa i32.trunc_f64_s none f64>i32
0xab i32.trunc_f64_u none f64>i32
0xac i64.extend_i32_s none i32>i64
0xad i64.extend_i32_u none i32>i64
0xae i64.trunc_f32_s none f32>i64
0xaf i64.trunc_f32_u none f32>i64
0xb0 i64.trunc_f64_s none f64>i64
0xb1 i64.trunc_f64_u none f64>i64
0xb2 f32.convert_i32_s none i32>f32
0xb3 f32.convert_i32_u none i32>f32
0xb4 f32.convert_i64_s none i64>f32
0xb5 f32.convert_i64_u none i64>f32
0xb6 f32.demote_f64 none f64>f32
0xb7 f64.convert_i32_s none i32>f64
0xb8 f64.convert_i32_u none i32>f64
0xb9 f64.convert_i64_s none i64>f64
0xba f64.convert_i64_u none i64>f64
0xbb f64.promote_f32 none f32>f64
0xbc i32.reinterpret_f32 none f32>i32
0xbd i64.reinterpret_f64 none f64>i64
0xbe f32.reinterpret_i32 none i32>f32
0xbf f64.reinterpret_i64 none i64>f64
0xc0 i32.extend8_s none i32>i32
0xc1 i32.extend16_s none i32>i32
0xc2 i64.extend8_s none i64>i64
0xc3 i64.extend16_s none i64>i64
0xc4 i64.extend32_s none i64>i64
0xd0 ref.null reftype *
0xd1 ref.is_null none *
0xd2 ref.func func >funcref
fc:0 i32.trunc_sat_f32_s none f32>i32
fc:1 i32.trunc_sat_f32_u none f32>i32
fc:2 i32.trunc_sat_f64_s none f64>i32
fc:3 i32.trunc_sat_f64_u none f64>i32
fc:4 i64.trunc_sat_f32_s none f32>i64
fc:5 i64.trunc_sat_f32_u none f32>i64
fc:6 i64.trunc_sat_f64_s none f64>i64
fc:7 i64.trunc_sat_f64_u none f64>i64
fc:8 memory.init memoryinit i32,i32,i32>
fc:9 data.drop data >
fc:10 memory.copy memorycopy i32,i32,i32>
fc:11 memory.fill memory i32,i32,i32>
fc:12 table.init tableinit i32,i32,i32>
fc:13 elem.drop elem >
fc:14 table.copy tablecopy i32,i32,i32>
fc:15 table.grow table *
fc:16 table.size table >i32
fc:17 table.fill table *
fd:0 v128.load memarg i32>v128 4
fd:1 v128.load8x8_s memarg i32>v128 3
fd:2 v128.load8x8_u memarg i32>v128 3
fd:3 v128.load16x4_s memarg i32>v128 3
fd:4 v128.load16x4_u memarg i32>v128 3
fd:5 v128.load32x2_s memarg i32>v128 3
fd:6 v128.load32x2_u memarg i32>v128 3
fd:7 v128.load8_splat memarg i32>v128 0
fd:8 v128.load16_splat memarg i32>v128 1
fd:9 v128.load32_splat memarg i32>v128 2
fd:10 v128.load64_splat memarg i32>v128 3
fd:11 v128.store memarg i32,v128> 4
fd:12 v128.const v128 >v128
fd:13 i8x16.shuffle shuffle v128,v128>v128
fd:14 i8x16.swizzle none v128,v128>v128
fd:15 i8x16.splat none i32>v128
fd:16 i16x8.splat none i32>v128
fd:17 i32x4.splat none i32>v128
fd:18 i64x2.splat none i64>v128
fd:19 f32x4.splat none f32>v128
fd:20 f64x2.splat none f64>v128
fd:21 i8x16.extract_lane_s lane v128>i32 16
fd:22 i8x16.extract_lane_u lane v128>i32 16
fd:23 i8x16.replace_lane lane v128,i32>v128 16
fd:24 i16x8.extract_lane_s lane v128>i32 8
fd:25 i16x8.extract_lane_u lane v128>i32 8
fd:26 i16x8.replace_lane lane v128,i32>v128 8
fd:27 i32x4.extract_lane lane v128>i32 4
fd:28 i32x4.replace_lane lane v128,i32>v128 4
fd:29 i64x2.extract_lane lane v128>i64 2
fd:30 i64x2.replace_lane lane v128,i64>v128 2
fd:31 f32x4.extract_lane lane v128>f32 4
fd:32 f32x4.replace_lane lane v128,f32>v128 4
fd:33 f64x2.extract_lane lane v128>f64 2
fd:34 f64x2.replace_lane lane v128,f64>v128 2
fd:35 i8x16.eq none v128,v128>v128
fd:36 i8x16.ne none v128,v128>v128
fd:37 i8x16.lt_s none v128,v128>v128
fd:38 i8x16.lt_u none v128,v128>v128
fd:39 i8x16.gt_s none v128,v128>v128
fd:40 i8x16.gt_u none v128,v128>v128
fd:41 i8x16.le_s none v128,v128>v128
fd:42 i8x16.le_u none v128,v128>v128
fd:43 i8x16.ge_s none v128,v128>v128
fd:44 i8x16.ge_u none v128,v128>v128
fd:45 i16x8.eq none v128,v128>v128
fd:46 i16x8.ne none v128,v128>v128
fd:47 i16x8.lt_s none v128,v128>v128
fd:48 i16x8.lt_u none v128,v128>v128
fd:49 i16x8.gt_s none v128,v128>v128
fd:50 i16x8.gt_u none v128,v128>v128
fd:51 i16x8.le_s none v128,v128>v128
fd:52 i16x8.le_u none v128,v128>v128
fd:53 i16x8.ge_s none v128,v128>v128
fd:54 i16x8.ge_u none v128,v128>v128
fd:55 i32x4.eq none v128,v128>v128
fd:56 i32x4.ne none v128,v128>v128
fd:57 i32x4.lt_s none v128,v128>v128
fd:58 i32x4.lt_u none v128,v128>v128
fd:59 i32x4.gt_s none v128,v128>v128
fd:60 i32x4.gt_u none v128,v128>v128
fd:61 i32x4.le_s none v128,v128>v128
fd:62 i32x4.le_u none v128,v128>v128
fd:63 i32x4.ge_s none v128,v128>v128
fd:64 i32x4.ge_u none v128,v128>v128
fd:65 f32x4.eq none v128,v128>v128
fd:66 f32x4.ne none v128,v128>v128
fd:67 f32x4.lt none v128,v128>v128
fd:68 f32x4.gt none v128,v128>v128
fd:69 f32x4.le none v128,v128>v128
fd:70 f32x4.ge none v128,v128>v128
fd:71 f64x2.eq none v128,v128>v128
fd:72 f64x2.ne none v128,v128>v128
fd:73 f64x2.lt none v128,v128>v128
fd:74 f64x2.gt none v128,v128>v128
fd:75 f64x2.le none v128,v128>v128
fd:76 f64x2.ge none v128,v128>v128
fd:77 v128.not none v128>v128
fd:78 v128.and none v128,v128>v128
fd:79 v128.andnot none v128,v128>v128
fd:80 v128.or none v128,v128>v128
fd:81 v128.xor none v128,v128>v128
fd:82 v128.bitselect none v128,v128,v128>v128
fd:83 v128.any_true none v128>i32
fd:84 v128.load8_lane memarglane i32,v128>v128 0 16
fd:85 v128.load16_lane memarglane i32,v128>v128 1 8
fd:86 v128.load32_lane memarglane i32,v128>v128 2 4
fd:87 v128.load64_lane memarglane i32,v128>v128 3 2
fd:88 v128.store8_lane memarglane i32,v128> 0 16
fd:89 v128.store16_lane memarglane i32,v128> 1 8
fd:90 v128.store32_lane memarglane i32,v128> 2 4
fd:91 v128.store64_lane memarglane i32,v128> 3 2
fd:92 v128.load32_zero memarg i32>v128 2
fd:93 v128.load64_zero memarg i32>v128 3
fd:94 f32x4.demote_f64x2_zero none v128>v128
fd:95 f64x2.promote_low_f32x4 none v128>v128
fd:96 i8x16.abs none v128>v128
fd:97 i8x16.neg none v128>v128
fd:98 i8x16.popcnt none v128>v128
fd:99 i8x16.all_true none v128>i32
fd:100 i8x16.bitmask none v128>i32
fd:101 i8x16.narrow_i16x8_s none v128,v128>v128
fd:102 i8x16.narrow_i16x8_u none v128,v128>v128
fd:103 f32x4.ceil none v128>v128
fd:104 f32x4.floor none v128>v128
fd:105 f32x4.trunc none v128>v128
fd:106 f32x4.nearest none v128>v128
fd:107 i8x16.shl none v128,i32>v128
fd:108 i8x16.shr_s none v128,i32>v128
fd:109 i8x16.shr_u none v128,i32>v128
fd:110 i8x16.add none v128,v128>v128
fd:111 i8x16.add_sat_s none v128,v128>v128
fd:112 i8x16.add_sat_u none v128,v128>v128
fd:113 i8x16.sub none v128,v128>v128
fd:114 i8x16.sub_sat_s none v128,v128>v128
fd:115 i8x16.sub_sat_u none v128,v128>v128
fd:116 f64x2.ceil none v128>v128
fd:117 f64x2.floor none v128>v128
fd:118 i8x16.min_s none v128,v128>v128
fd:119 i8x16.min_u none v128,v128>v128
fd:120 i8x16.max_s none v128,v128>v128
fd:121 i8x16.max_u none v128,v128>v128
fd:122 f64x2.trunc none v128>v128
fd:123 i8x16.avgr_u none v128,v128>v128
fd:124 i16x8.extadd_pairwise_i8x16_s none v128>v128
fd:125 i16x8.extadd_pairwise_i8x16_u none v128>v128
fd:126 i32x4.extadd_pairwise_i16x8_s none v128>v128
fd:127 i32x4.extadd_pairwise_i16x8_u none v128>v128
fd:128 i16x8.abs none v128>v128
fd:129 i16x8.neg none v128>v128
fd:130 i16x8.q15mulr_sat_s none v128,v128>v128
fd:131 i16x8.all_true none v128>i32
fd:132 i16x8.bitmask none v128>i32
fd:133 i16x8.narrow_i32x4_s none v128,v128>v128
fd:134 i16x8.narrow_i32x4_u none v128,v128>v128
fd:135 i16x8.extend_low_i8x16_s none v128>v128
fd:136 i16x8.extend_high_i8x16_s none v128>v128
fd:137 i16x8.extend_low_i8x16_u none v128>v128
fd:138 i16x8.extend_high_i8x16_u none v128>v128
fd:139 i16x8.shl none v128,i32>v128
fd:140 i16x8.shr_s none v128,i32>v128
fd:141 i16x8.shr_u none v128,i32>v128
fd:142 i16x8.add none v128,v128>v128
fd:143 i16x8.add_sat_s none v128,v128>v128
fd:144 i16x8.add_sat_u none v128,v128>v128
fd:145 i16x8.sub none v128,v128>v128
fd:146 i16x8.sub_sat_s none v128,v128>v128
fd:147 i16x8.sub_sat_u none v128,v128>v128
fd:148 f64x2.nearest none v128>v128
fd:149 i16x8.mul none v128,v128>v128
fd:150 i16x8.min_s none v128,v128>v128
fd:151 i16x8.min_u none v128,v128>v128
fd:152 i16x8.max_s none v128,v128>v128
fd:153 i16x8.max_u none v128,v128>v128
fd:155 i16x8.avgr_u none v128,v128>v128
fd:156 i16x8.extmul_low_i8x16_s none v128,v128>v128
fd:157 i16x8.extmul_high_i8x16_s none v128,v128>v128
fd:158 i16x8.extmul_low_i8x16_u none v128,v128>v128
fd:159 i16x8.extmul_high_i8x16_u none v128,v128>v128
fd:160 i32x4.abs none v128>v128
fd:161 i32x4.neg none v128>v128
fd:163 i32x4.all_true none v128>i32
fd:164 i32x4.bitmask none v128>i32
fd:167 i32x4.extend_low_i16x8_s none v128>v128
fd:168 i32x4.extend_high_i16x8_s none v128>v128
fd:169 i32x4.extend_low_i16x8_u none v128>v128
fd:170 i32x4.extend_high_i16x8_u none v128>v128
fd:171 i32x4.shl none v128,i32>v128
fd:172 i32x4.shr_s none v128,i32>v128
fd:173 i32x4.shr_u none v128,i32>v128
fd:174 i32x4.add none v128,v128>v128
fd:177 i32x4.sub none v128,v128>v128
fd:181 i32x4.mul none v128,v128>v128
fd:182 i32x4.min_s none v128,v128>v128
fd:183 i32x4.min_u none v128,v128>v128
fd:184 i32x4.max_s none v128,v128>v128
fd:185 i32x4.max_u none v128,v128>v128
fd:186 i32x4.dot_i16x8_s none v128,v128>v128
fd:188 i32x4.extmul_low_i16x8_s none v128,v128>v128
fd:189 i32x4.extmul_high_i16x8_s none v128,v128>v128
fd:190 i32x4.extmul_low_i16x8_u none v128,v128>v128
fd:191 i32x4.extmul_high_i16x8_u none v128,v128>v128
fd:192 i64x2.abs none v128>v128
fd:193 i64x2.neg none v128>v128
fd:195 i64x2.all_true none v128>i32
fd:196 i64x2.bitmask none v128>i32
fd:199 i64x2.extend_low_i32x4_s none v128>v128
fd:200 i64x2.extend_high_i32x4_s none v128>v128
fd:201 i64x2.extend_low_i32x4_u none v128>v128
fd:202 i64x2.extend_high_i32x4_u none v128>v128
fd:203 i64x2.shl none v128,i32>v128
fd:204 i64x2.shr_s none v128,i32>v128
fd:205 i64x2.shr_u none v128,i32>v128
fd:206 i64x2.add none v128,v128>v128
fd:209 i64x2.sub none v128,v128>v128
fd:213 i64x2.mul none v128,v128>v128
fd:214 i64x2.eq none v128,v128>v128
fd:215 i64x2.ne none v128,v128>v128
fd:216 i64x2.lt_s none v128,v128>v128
fd:217 i64x2.gt_s none v128,v128>v128
fd:218 i64x2.le_s none v128,v128>v128
fd:219 i64x2.ge_s none v128,v128>v128
fd:220 i64x2.extmul_low_i32x4_s none v128,v128>v128
fd:221 i64x2.extmul_high_i32x4_s none v128,v128>v128
fd:222 i64x2.extmul_low_i32x4_u none v128,v128>v128
fd:223 i64x2.extmul_high_i32x4_u none v128,v128>v128
fd:224 f32x4.abs none v128>v128
fd:225 f32x4.neg none v128>v128
fd:227 f32x4.sqrt none v128>v128
fd:228 f32x4.add none v128,v128>v128
fd:229 f32x4.sub none v128,v128>v128
fd:230 f32x4.mul none v128,v128>v128
fd:231 f32x4.div none v128,v128>v128
fd:232 f32x4.min none v128,v128>v128
fd:233 f32x4.max none v128,v128>v128
fd:234 f32x4.pmin none v128,v128>v128
fd:235 f32x4.pmax none v128,v128>v128
fd:236 f64x2.abs none v128>v128
fd:237 f64x2.neg none v128>v128
fd:239 f64x2.sqrt none v128>v128
fd:240 f64x2.add none v128,v128>v128
fd:241 f64x2.sub none v128,v128>v128
fd:242 f64x2.mul none v128,v128>v128
fd:243 f64x2.div none v128,v128>v128
fd:244 f64x2.min none v128,v128>v128
fd:245 f64x2.max none v128,v128>v128
fd:246 f64x2.pmin none v128,v128>v128
fd:247 f64x2.pmax none v128,v128>v128
fd:248 i32x4.trunc_sat_f32x4_s none v128>v128
fd:249 i32x4.trunc_sat_f32x4_u none v128>v128
fd:250 f32x4.convert_i32x4_s none v128>v128
fd:251 f32x4.convert_i32x4_u none v128>v128
fd:252 i32x4.trunc_sat_f64x2_s_zero none v128>v128
fd:253 i32x4.trunc_sat_f64x2_u_zero none v128>v128
fd:254 f64x2.convert_low_i32x4_s none v128>v128
fd:255 f64x2.convert_low_i32x4_u none v128>v128
`;

/** Codes of the instructions whose validation or lowering is special-cased (table rows with "*",
 * plus a few the validator and frontend name directly). Checked against TABLE by a test. */
export const enum Op {
  Unreachable = 0x00,
  Nop = 0x01,
  Block = 0x02,
  Loop = 0x03,
  If = 0x04,
  Else = 0x05,
  End = 0x0b,
  Br = 0x0c,
  BrIf = 0x0d,
  BrTable = 0x0e,
  Return = 0x0f,
  Call = 0x10,
  CallIndirect = 0x11,
  Drop = 0x1a,
  Select = 0x1b,
  SelectT = 0x1c,
  LocalGet = 0x20,
  LocalSet = 0x21,
  LocalTee = 0x22,
  GlobalGet = 0x23,
  GlobalSet = 0x24,
  TableGet = 0x25,
  TableSet = 0x26,
  I32Const = 0x41,
  I64Const = 0x42,
  F32Const = 0x43,
  F64Const = 0x44,
  RefNull = 0xd0,
  RefIsNull = 0xd1,
  RefFunc = 0xd2,
  MemoryInit = (PREFIX_MISC << 12) | 8,
  DataDrop = (PREFIX_MISC << 12) | 9,
  MemoryCopy = (PREFIX_MISC << 12) | 10,
  MemoryFill = (PREFIX_MISC << 12) | 11,
  TableInit = (PREFIX_MISC << 12) | 12,
  ElemDrop = (PREFIX_MISC << 12) | 13,
  TableCopy = (PREFIX_MISC << 12) | 14,
  TableGrow = (PREFIX_MISC << 12) | 15,
  TableSize = (PREFIX_MISC << 12) | 16,
  TableFill = (PREFIX_MISC << 12) | 17,
  V128Const = (PREFIX_SIMD << 12) | 12,
  I8x16Shuffle = (PREFIX_SIMD << 12) | 13,
}

const immByName: Record<string, Imm> = {
  none: Imm.None, blocktype: Imm.BlockType, label: Imm.Label, brtable: Imm.BrTable,
  func: Imm.Func, callindirect: Imm.CallIndirect, local: Imm.Local, global: Imm.Global,
  table: Imm.Table, memarg: Imm.MemArg, memory: Imm.Memory, i32: Imm.I32, i64: Imm.I64,
  f32: Imm.F32, f64: Imm.F64, selecttypes: Imm.SelectTypes, reftype: Imm.RefType,
  v128: Imm.V128, shuffle: Imm.Shuffle, lane: Imm.Lane, memarglane: Imm.MemArgLane,
  data: Imm.Data, elem: Imm.Elem, memoryinit: Imm.MemoryInit, memorycopy: Imm.MemoryCopy,
  tableinit: Imm.TableInit, tablecopy: Imm.TableCopy,
};

const typeByName: Record<string, ValType> = {
  i32: ValType.I32, i64: ValType.I64, f32: ValType.F32, f64: ValType.F64, v128: ValType.V128,
  funcref: ValType.FuncRef, externref: ValType.ExternRef,
};

function parseTypes(list: string): ValType[] {
  if (list === '') return [];
  return list.split(',').map((t) => {
    const vt = typeByName[t];
    if (vt === undefined) throw new Error(`opcode table: unknown type '${t}'`);
    return vt;
  });
}

function parseRow(line: string): OpInfo {
  const [codeText, name, immText, sig, extra1, extra2] = line.split(/\s+/);
  if (!codeText || !name || !immText || !sig) throw new Error(`opcode table: bad row '${line}'`);
  let code: number;
  if (codeText.startsWith('fc:')) code = prefixed(PREFIX_MISC, Number(codeText.slice(3)));
  else if (codeText.startsWith('fd:')) code = prefixed(PREFIX_SIMD, Number(codeText.slice(3)));
  else code = Number(codeText);
  const imm = immByName[immText];
  if (imm === undefined) throw new Error(`opcode table: unknown immediate '${immText}'`);
  let params: ValType[] | undefined;
  let results: ValType[] | undefined;
  if (sig !== '*') {
    const [p = '', r = ''] = sig.split('>');
    params = parseTypes(p);
    results = parseTypes(r);
  }
  const isMem = imm === Imm.MemArg || imm === Imm.MemArgLane;
  const naturalAlign = isMem ? Number(extra1) : -1;
  const lanes = imm === Imm.Lane ? Number(extra1) : imm === Imm.MemArgLane ? Number(extra2) : 0;
  return { code, name, imm, params, results, naturalAlign, lanes };
}

/** All instructions, in table order. */
export const allOps: readonly OpInfo[] = TABLE.trim().split('\n').map(parseRow);

const singleByteOps: (OpInfo | undefined)[] = new Array(256).fill(undefined);
const miscOps: (OpInfo | undefined)[] = new Array(32).fill(undefined);
const simdOps: (OpInfo | undefined)[] = new Array(256).fill(undefined);
const opsByName = new Map<string, OpInfo>();
for (const info of allOps) {
  const prefix = info.code >>> 12;
  const sub = info.code & 0xfff;
  if (prefix === 0) singleByteOps[sub] = info;
  else if (prefix === PREFIX_MISC) miscOps[sub] = info;
  else simdOps[sub] = info;
  opsByName.set(info.name, info);
}

/** Looks up a single-byte opcode; undefined if it is not an instruction (or is a prefix). */
export function opInfoByte(byte: number): OpInfo | undefined {
  return singleByteOps[byte];
}

/** Looks up a prefixed opcode (prefix 0xfc or 0xfd, sub-opcode as decoded from its LEB128). */
export function opInfoPrefixed(prefix: number, sub: number): OpInfo | undefined {
  if (prefix === PREFIX_MISC) return sub < miscOps.length ? miscOps[sub] : undefined;
  if (prefix === PREFIX_SIMD) return sub < simdOps.length ? simdOps[sub] : undefined;
  return undefined;
}

/** Looks up any instruction by its code (see the file comment for the numbering). */
export function opInfo(code: number): OpInfo | undefined {
  const prefix = code >>> 12;
  return prefix === 0 ? singleByteOps[code] : opInfoPrefixed(prefix, code & 0xfff);
}

export function opInfoByName(name: string): OpInfo | undefined {
  return opsByName.get(name);
}
