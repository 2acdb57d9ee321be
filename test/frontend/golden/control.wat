(module
  ;; if/else merging a local and a result
  (func $max (param i32 i32) (result i32) (local i32)
    (if (i32.gt_s (local.get 0) (local.get 1))
      (then (local.set 2 (local.get 0)))
      (else (local.set 2 (local.get 1))))
    (local.get 2))
  ;; block with br_if and a value
  (func $first_nonzero (param i32 i32) (result i32)
    (block (result i32)
      (br_if 0 (local.get 0) (local.get 0))
      (drop)
      (local.get 1)))
  ;; br_table dispatch with code after br (dead) that must emit nothing
  (func $switch (param i32) (result i32)
    (block (block (block
      (br_table 0 1 2 (local.get 0)))
      (return (i32.const 10))
      (i32.const 99) (drop))
      (return (i32.const 20)))
    (i32.const 30))
  ;; unreachable code after return inside an if
  (func $early (param i32) (result i32)
    (if (local.get 0) (then (return (i32.const 1)) (unreachable) (br 0)))
    (i32.const 0)))
