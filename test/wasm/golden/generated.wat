(module
  (type (;0;) (func (param i32) (result i32)))
  (import "env" "memory" (memory 2 5))
  (global (;0;) (mut i32) (i32.const 8))
  (export "eval" (func 0))
  (func (;0 gwpc/eval;) (type 0) (param i32) (result i32)
    (local i32 i32 i64)
    block
      local.get 0
      if (result i32)
        i32.const 1
      else
        global.get 0
      end
      br_if 0
    end
    local.get 0
    i32.load offset=16 align=4
  )
  (data (;0;) (offset (i32.const 1024)) "say \22hi\22\0a")
  (;custom "name" 14 bytes after section 11;)
)
