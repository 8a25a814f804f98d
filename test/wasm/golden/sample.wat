(module
  (type (;0;) (func (param i32) (result i32)))
  (type (;1;) (func (result i32)))
  (type (;2;) (func (param i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32)))
  (type (;4;) (func (param i64) (result i64)))
  (type (;5;) (func (param f64) (result f64)))
  (type (;6;) (func (param i32 i32 i32)))
  (type (;7;) (func (param i32)))
  (import "env" "abort" (func (;0;) (type 3)))
  (import "env" "opa_abort" (func (;1;) (type 7)))
  (import "env" "memory" (memory 1))
  (table (;0;) 3 3 funcref)
  (global (;0;) (mut i32) (i32.const 0))
  (export "add" (func 12))
  (export "apply" (func 11))
  (export "classify" (func 9))
  (export "sum64" (func 3))
  (export "half" (func 6))
  (export "sext" (func 5))
  (export "copy" (func 8))
  (export "bump" (func 10))
  (export "greetingLength" (func 7))
  (elem (;0;) (offset (i32.const 1)) func 2 4)
  (func (;2;) (type 0) (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.shl
  )
  (func (;3;) (type 4) (param i64) (result i64)
    (local i64 i64)
    loop
      local.get 0
      local.get 1
      i64.gt_s
      if
        local.get 2
        local.get 1
        i64.const 140737488355327
        i64.mul
        i64.add
        local.set 2
        local.get 1
        i64.const 1
        i64.add
        local.set 1
        br 1
      end
    end
    local.get 2
  )
  (func (;4;) (type 0) (param i32) (result i32)
    local.get 0
    local.get 0
    i32.mul
  )
  (func (;5;) (type 0) (param i32) (result i32)
    local.get 0
    i32.extend8_s
  )
  (func (;6;) (type 5) (param f64) (result f64)
    local.get 0
    f64.const 0.5
    f64.mul
    local.get 0
    f32.demote_f64
    f64.promote_f32
    f64.add
  )
  (func (;7;) (type 1) (result i32)
    i32.const 1052
    i32.load align=4
    i32.const 1
    i32.shr_u
  )
  (func (;8;) (type 6) (param i32 i32 i32)
    local.get 0
    local.get 1
    local.get 2
    memory.copy
    local.get 1
    i32.const 0
    local.get 2
    memory.fill
  )
  (func (;9;) (type 0) (param i32) (result i32)
    block
      block
        block
          block
            block
              local.get 0
              br_table 0 1 2 3 4
            end
            i32.const 10
            return
          end
          i32.const 20
          return
        end
        i32.const 30
        return
      end
      i32.const 40
      return
    end
    i32.const -1
  )
  (func (;10;) (type 1) (result i32)
    global.get 0
    i32.const 1
    i32.add
    global.set 0
    global.get 0
    i32.const 1000
    i32.gt_s
    if
      i32.const 1056
      call 1 (;env.opa_abort;)
    end
    global.get 0
  )
  (func (;11;) (type 2) (param i32 i32) (result i32)
    local.get 0
    i32.const 1
    i32.and
    local.tee 0
    i32.const 1164
    i32.load align=4
    i32.const 2
    i32.shr_u
    i32.ge_u
    if
      i32.const 1200
      i32.const 1264
      i32.const 78
      i32.const 41
      call 0 (;env.abort;)
      unreachable
    end
    local.get 0
    i32.const 2
    i32.shl
    i32.const 1168
    i32.add
    i32.load align=4
    local.tee 0
    i32.eqz
    if
      i32.const 1328
      i32.const 1264
      i32.const 82
      i32.const 40
      call 0 (;env.abort;)
      unreachable
    end
    local.get 1
    local.get 0
    i32.load align=4
    call_indirect 0 (type 0)
  )
  (func (;12;) (type 2) (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add
  )
  (;datacount 7;)
  (data (;0;) (offset (i32.const 1036)) ",\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\16\00\00\00h\00e\00l\00l\00o\00,\00 \00w\00a\00s\00m\00\00\00\00\00\00\00")
  (data (;1;) (offset (i32.const 1084)) "\1c\00\00\00\00\00\00\00\00\00\00\00\05\00\00\00\08\00\00\00\01\00\00\00\00\00\00\00\00\00\00\00")
  (data (;2;) (offset (i32.const 1116)) "\1c\00\00\00\00\00\00\00\00\00\00\00\05\00\00\00\08\00\00\00\02\00\00\00\00\00\00\00\00\00\00\00")
  (data (;3;) (offset (i32.const 1148)) "\1c\00\00\00\00\00\00\00\00\00\00\00\04\00\00\00\08\00\00\00P\04\00\00p\04\00\00\00\00\00\00")
  (data (;4;) (offset (i32.const 1180)) "<\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00$\00\00\00I\00n\00d\00e\00x\00 \00o\00u\00t\00 \00o\00f\00 \00r\00a\00n\00g\00e\00\00\00\00\00\00\00\00\00")
  (data (;5;) (offset (i32.const 1244)) "<\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00&\00\00\00~\00l\00i\00b\00/\00s\00t\00a\00t\00i\00c\00a\00r\00r\00a\00y\00.\00t\00s\00\00\00\00\00\00\00")
  (data (;6;) (offset (i32.const 1308)) "|\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00^\00\00\00E\00l\00e\00m\00e\00n\00t\00 \00t\00y\00p\00e\00 \00m\00u\00s\00t\00 \00b\00e\00 \00n\00u\00l\00l\00a\00b\00l\00e\00 \00i\00f\00 \00a\00r\00r\00a\00y\00 \00i\00s\00 \00h\00o\00l\00e\00y\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
)
