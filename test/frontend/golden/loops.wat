(module
  ;; sum 0..n-1: two loop-carried locals, one loop-invariant
  (func $sum (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (local.get $s))
  ;; nested loops
  (func $nested (param i32) (result i32) (local i32 i32 i32)
    (loop $outer
      (local.set 2 (i32.const 0))
      (loop $inner
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (local.set 2 (i32.add (local.get 2) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get 2) (local.get 0))))
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get 1) (local.get 0))))
    (local.get 3))
  ;; loop with a parameter and a result (multi-value block types)
  (func $countdown (param i32) (result i32)
    (local.get 0)
    (loop (param i32) (result i32)
      (i32.sub (i32.const 1))
      (local.tee 0)
      (br_if 0 (local.get 0))
      ))
  ;; regression: a loop header that is also the block where the local is redefined; sealing
  ;; it must not replace the newer definition by the (trivial) loop-entry value
  (func $loop_no_backedge (param i32) (result i32) (local i32)
    block loop local.get 1 local.get 0 i32.add local.set 1 local.get 1 br_if 1 end end
    local.get 1))
