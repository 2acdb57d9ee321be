(module
  (type $t (func (param i32) (result i32)))
  (table 4 funcref)
  (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $remu64 (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func $trunc (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $truncu (param f32) (result i64) (i64.trunc_f32_u (local.get 0)))
  (func $sat (param f32) (result i32) (i32.trunc_sat_f32_u (local.get 0)))
  (func $indirect (param i32 i32) (result i32) (call_indirect (type $t) (local.get 0) (local.get 1)))
  (func $tget (param i32) (result funcref) (table.get 0 (local.get 0)))
  (func $unreach (result i32) (unreachable))
  ;; constant divisor zero: the trap becomes unconditional, the division is never folded
  (func $divzero (result i32) (i32.div_u (i32.const 7) (i32.const 0)))
  ;; constant operands in range: folded completely
  (func $divconst (result i32) (i32.div_s (i32.const -7) (i32.const 2))))
