// The tile segment emitter end to end: a hand-written, mapped and placed tile module
// (what --lower-to-ipu will produce) is written as a schedule and run on the BSP
// simulator. Two launches share one device segment: @fc, y[2x4] = x[2x8] * W[8x4] split
// over K on two tiles (x's halves from the host, W's halves as constant tile inits,
// partials exchanged and added), then @act, z[4x2] = clip(y, -1, 1.5)^T on tile 1, with
// two report layers. Numerics against numpy, the report's layers, determinism.

// RUN: rm -rf %t && mkdir -p %t
// RUN: accel-translate %s --emit-schedule -o %t/fc.accel
// RUN: accel-translate %s --emit-schedule -o %t/fc2.accel
// RUN: cmp %t/fc.accel %t/fc2.accel
// RUN: accel-translate --schedule-to-json %t/fc.accel | FileCheck %s --check-prefix=JSON
// JSON: "device": {
// JSON: "preset": "gc200"
// JSON: "target": "ipu"
// JSON: "segments": [
// JSON: "name": "device",
// JSON-NEXT: "program": "tile_TileProgram"
// JSON-NOT: "name": "device#1"

// RUN: %python %inputs/npy_tool.py write %t/x.npy 2x8 -1.5 -1.25 -1.0 -0.75 -0.5 -0.25 0.0 0.25 0.5 0.75 1.0 1.25 1.5 1.75 2.0 2.25
// RUN: accel-run %t/fc.accel --input x=%t/x.npy --output-dir %t/out --report-json %t/report.json
// RUN: %python %inputs/npy_tool.py check %t/out/z.npy 4x2 1.375 -1.0 -0.25 -1.0 -0.125 -1.0 1.5 1.5 | FileCheck %s --check-prefix=NUM
// NUM: OK

// One layer for @fc (named after it, its flops), two for @act (from `layers`, node and
// op type from their locations); the layers' cycles add up to the segment's.
// RUN: %python -c "import json; r = json.load(open(r'%t/report.json')); print(r['target'], r['units_used'], r['device_cycles'] == sum(l['cycles'] for l in r['layers'])); [print(l['segment'], l['node'], l['op_type'], l['flops'], l['units'], l['cycles'] > 0) for l in r['layers']]" | FileCheck %s --check-prefix=REPORT
// REPORT: ipu 2 True
// REPORT-NEXT: device fc MatMul 128 2 True
// REPORT-NEXT: device /act/Clip Clip 8 1 True
// REPORT-NEXT: device /act/Transpose Transpose 0 1 True

#fc = loc(fused<"MatMul">["fc"])
#clip = loc(fused<"Clip">["/act/Clip"])
#transpose = loc(fused<"Transpose">["/act/Transpose"])
module attributes {dataflow.model_name = "fc_ipu"} {
  tile.ipu preset("gc200") tiles(2) memory_bytes(4096) workers(6) clock_hz(1.33e9)
      fields {tiles = 2.0 : f64, ipus = 1.0 : f64, memory_bytes = 4096.0 : f64,
              workers = 6.0 : f64, clock_hz = 1.33e9 : f64,
              amp_f32_macs_per_cycle = 16.0 : f64, amp_f16_macs_per_cycle = 64.0 : f64,
              exchange_bytes_per_cycle = 4.0 : f64, exchange_latency_cycles = 30.0 : f64,
              sync_cycles = 150.0 : f64, vertex_overhead_cycles = 20.0 : f64,
              code_bytes_per_tile = 1024.0 : f64, host_link_bytes_per_s = 3.2e10 : f64,
              ipu_link_bytes_per_s = 3.2e11 : f64, precision = "fp32",
              summary = "Graphcore GC200 (Mk2), 2 tiles"} {
    tile.kernel @fc(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>) -> tensor<2x4xf32>
        attributes {flops = 128 : i64} {
      %xt = tile.tensor "x" tiles [0, 1] offset(0) : !tile.tensor<8>
      %wt = tile.tensor "w" tiles [0, 1] offset(8) : !tile.tensor<16>
      %p = tile.tensor "partial" tiles [0, 1] offset(24) : !tile.tensor<8>
      %q = tile.tensor "received" tiles [0] offset(32) : !tile.tensor<8>
      tile.init %wt[tile(0), 0:16] from %w view(#tile.view<dims = [[16, 1]]>)
          : !tile.tensor<16>, tensor<8x4xf32>
      tile.init %wt[tile(1), 0:16] from %w view(#tile.view<base = 16, dims = [[16, 1]]>)
          : !tile.tensor<16>, tensor<8x4xf32>
      tile.host_exchange "in" {
        tile.host_copy %x view(#tile.view<dims = [[2, 8], [4, 1]]>) to %xt[tile(0), 0:8]
            : tensor<2x8xf32>, !tile.tensor<8>
        tile.host_copy %x view(#tile.view<base = 4, dims = [[2, 8], [4, 1]]>) to %xt[tile(1), 0:8]
            : tensor<2x8xf32>, !tile.tensor<8>
      }
      tile.compute_set "partials" {
        tile.vertex matmul tile(0) out(%p[0:8]) a(%xt[0:8]) b(%wt[0:16]) m(2) k(4) n(4)
            : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
        tile.vertex matmul tile(1) out(%p[0:8]) a(%xt[0:8]) b(%wt[0:16]) m(2) k(4) n(4)
            : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
      }
      tile.sync
      tile.exchange "gather" {
        tile.transfer %p[tile(1), 0:8] to [%q[tile(0), 0]] : !tile.tensor<8>, !tile.tensor<8>
      }
      tile.compute_set "sum" {
        tile.vertex add tile(0) out(%p[0:8]) a(%p[0:8]) b(%q[0:8])
            : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<8>
      }
      tile.sync
      tile.host_exchange "out" {
        tile.host_copy %p[tile(0), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>)
            : !tile.tensor<8>
      }
    } loc(#fc)

    // Its memory overlaps @fc's: fine, it loads no constants (see invalid.mlir).
    tile.kernel @act(%y: tensor<2x4xf32>) -> tensor<4x2xf32>
        attributes {layers = [#tile.layer<"/act/Clip", flops = 8, loc = #clip>,
                              #tile.layer<"/act/Transpose", flops = 0, loc = #transpose>]} {
      %a = tile.tensor "a" tiles [1] offset(0) : !tile.tensor<8>
      %b = tile.tensor "b" tiles [1] offset(8) : !tile.tensor<8>
      tile.host_exchange "in" layer(0) {
        tile.host_copy %y view(#tile.view<dims = [[8, 1]]>) to %a[tile(1), 0:8]
            : tensor<2x4xf32>, !tile.tensor<8>
      }
      tile.compute_set "clip" layer(0) {
        tile.vertex clamp tile(1) out(%a[0:8]) a(%a[0:8]) value(-1.0) value2(1.5)
            : !tile.tensor<8>, !tile.tensor<8>
      }
      tile.sync layer(0)
      tile.compute_set "transpose" layer(1) {
        tile.vertex transpose tile(1) out(%b[0:8]) a(%a[0:8]) m(2) n(4) count(1)
            : !tile.tensor<8>, !tile.tensor<8>
      }
      // Two syncs, for the repeat's RepeatBegin / RepeatEnd steps (charged to layer 1).
      tile.repeat 2 layer(1) {
        tile.sync
      }
      tile.host_exchange "out" layer(1) {
        tile.host_copy %b[tile(1), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>)
            : !tile.tensor<8>
      }
    }
  }

  host.program preset("cpu") {
    func.func @main(%x: tensor<2x8xf32> {dataflow.name = "x"})
        -> (tensor<4x2xf32> {dataflow.name = "z"}) {
      %w = dataflow.constant dense<[[-1.5, -1.0, -0.5, 0.0], [0.5, 1.0, 1.5, -1.5],
                                    [-1.0, -0.5, 0.0, 0.5], [1.0, 1.5, -1.5, -1.0],
                                    [-0.5, 0.0, 0.5, 1.0], [1.5, -1.5, -1.0, -0.5],
                                    [0.0, 0.5, 1.0, 1.5], [-1.5, -1.0, -0.5, 0.0]]>
          : tensor<8x4xf32>
      %y = tile.launch @fc(%x, %w) : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
      %z = tile.launch @act(%y) : (tensor<2x4xf32>) -> tensor<4x2xf32>
      return %z : tensor<4x2xf32>
    }
  }
}
