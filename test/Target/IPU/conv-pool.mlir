// The window codelets through the emitter and the runtime: y = conv(x, W) (2 output
// channels, 3x3, stride 2, padding 1) on tile 0, then on the same tile a max pool over each
// channel ("peak") and an average pool with count_pad and a padding row and column above
// and left of the slab ("smooth"). Two results of one kernel, three report layers, checked
// against numpy.

// RUN: rm -rf %t && mkdir -p %t
// RUN: accel-translate %s --emit-schedule -o %t/cp.accel
// RUN: %python %inputs/npy_tool.py write %t/x.npy 1x1x4x4 0.5 -1.0 2.0 1.5 -0.25 0.75 1.0 -2.0 3.0 0.0 -1.5 0.25 1.25 -0.75 0.5 2.5
// RUN: accel-run %t/cp.accel --input x=%t/x.npy --output-dir %t/out --report-json %t/report.json
// RUN: %python %S/Inputs/check_conv_pool.py %t/x.npy %t/out | FileCheck %s --check-prefix=NUM
// NUM: OK peak
// NUM: OK smooth
// RUN: %python -c "import json; r = json.load(open(r'%t/report.json')); print(r['device_flops']); [print(l['node'], l['op_type'], l['flops']) for l in r['layers']]" | FileCheck %s --check-prefix=REPORT
// REPORT: 184
// REPORT-NEXT: /conv/Conv Conv 144
// REPORT-NEXT: /peak/GlobalMaxPool GlobalMaxPool 8
// REPORT-NEXT: /smooth/AveragePool AveragePool 32
// Each layer's cycles split into compute / exchange / sync / host (the BSP supersteps):
// the parts add up to the layer's cycles.
// RUN: %python -c "import json; r = json.load(open(r'%t/report.json')); [print(l['node'], l['compute_cycles'] > 0, l['compute_cycles'] + l['exchange_cycles'] + l['sync_cycles'] + l['host_cycles'] == l['cycles']) for l in r['layers']]" | FileCheck %s --check-prefix=SPLIT
// SPLIT: /conv/Conv True True
// SPLIT-NEXT: /peak/GlobalMaxPool True True
// SPLIT-NEXT: /smooth/AveragePool True True

#conv = loc(fused<"Conv">["/conv/Conv"])
#peak = loc(fused<"GlobalMaxPool">["/peak/GlobalMaxPool"])
#smooth = loc(fused<"AveragePool">["/smooth/AveragePool"])
module attributes {dataflow.model_name = "conv_pool_ipu"} {
  tile.ipu preset("gc200") tiles(1) memory_bytes(4096) workers(6) clock_hz(1.33e9)
      fields {tiles = 1.0 : f64, ipus = 1.0 : f64, memory_bytes = 4096.0 : f64,
              workers = 6.0 : f64, clock_hz = 1.33e9 : f64,
              amp_f32_macs_per_cycle = 16.0 : f64, amp_f16_macs_per_cycle = 64.0 : f64,
              exchange_bytes_per_cycle = 4.0 : f64, exchange_latency_cycles = 30.0 : f64,
              sync_cycles = 150.0 : f64, vertex_overhead_cycles = 20.0 : f64,
              code_bytes_per_tile = 1024.0 : f64, host_link_bytes_per_s = 3.2e10 : f64,
              ipu_link_bytes_per_s = 3.2e11 : f64, precision = "fp32",
              summary = "Graphcore GC200 (Mk2), 1 tile"} {
    tile.kernel @cp(%x: tensor<1x1x4x4xf32>, %w: tensor<2x1x3x3xf32>)
        -> (tensor<1x2x1x1xf32>, tensor<1x2x2x2xf32>)
        attributes {layers = [#tile.layer<"/conv/Conv", flops = 144, loc = #conv>,
                              #tile.layer<"/peak/GlobalMaxPool", flops = 8, loc = #peak>,
                              #tile.layer<"/smooth/AveragePool", flops = 32, loc = #smooth>]} {
      %xt = tile.tensor "x" tiles [0] offset(0) : !tile.tensor<16>
      %wt = tile.tensor "w" tiles [0] offset(16) : !tile.tensor<18>
      %y = tile.tensor "y" tiles [0] offset(34) : !tile.tensor<8>
      %p = tile.tensor "peak" tiles [0] offset(42) : !tile.tensor<2>
      %s = tile.tensor "smooth" tiles [0] offset(44) : !tile.tensor<8>
      tile.init %wt[tile(0), 0:18] from %w view(#tile.view<dims = [[18, 1]]>)
          : !tile.tensor<18>, tensor<2x1x3x3xf32>
      tile.host_exchange "in" layer(0) {
        tile.host_copy %x view(#tile.view<dims = [[16, 1]]>) to %xt[tile(0), 0:16]
            : tensor<1x1x4x4xf32>, !tile.tensor<16>
      }
      tile.compute_set "conv" layer(0) {
        tile.vertex conv tile(0) out(%y[0:8]) a(%xt[0:16]) b(%wt[0:18])
            window(#tile.window<c = 1, h = 4, w = 4, oh = 2, ow = 2, kh = 3, kw = 3, sh = 2, sw = 2, ph = 1, pw = 1, cout = 2>)
            : !tile.tensor<8>, !tile.tensor<16>, !tile.tensor<18>
      }
      tile.sync layer(0)
      tile.compute_set "pools" layer(1) {
        tile.vertex max_pool tile(0) out(%p[0:2]) a(%y[0:8])
            window(#tile.window<c = 2, h = 2, w = 2, oh = 1, ow = 1, kh = 2, kw = 2, cout = 2>)
            : !tile.tensor<2>, !tile.tensor<8>
      }
      tile.compute_set "smooth" layer(2) {
        tile.vertex avg_pool tile(0) out(%s[0:8]) a(%y[0:8])
            window(#tile.window<c = 2, h = 2, w = 2, oh = 2, ow = 2, kh = 2, kw = 2, ph = 1, pw = 1, cout = 2>)
            count_pad : !tile.tensor<8>, !tile.tensor<8>
      }
      tile.sync layer(2)
      tile.host_exchange "out" layer(2) {
        tile.host_copy %p[tile(0), 0:2] to result(0) view(#tile.view<dims = [[2, 1]]>)
            : !tile.tensor<2>
        tile.host_copy %s[tile(0), 0:8] to result(1) view(#tile.view<dims = [[8, 1]]>)
            : !tile.tensor<8>
      }
    }
  }

  host.program preset("cpu") {
    func.func @main(%x: tensor<1x1x4x4xf32> {dataflow.name = "x"})
        -> (tensor<1x2x1x1xf32> {dataflow.name = "peak"},
            tensor<1x2x2x2xf32> {dataflow.name = "smooth"}) {
      %w = dataflow.constant dense<[[[[-1.0, -0.5, 0.0], [0.5, 1.0, -1.0], [-0.5, 0.0, 0.5]]],
                                    [[[1.0, -1.0, -0.5], [0.0, 0.5, 1.0], [-1.0, -0.5, 0.0]]]]>
          : tensor<2x1x3x3xf32>
      %peak, %smooth = tile.launch @cp(%x, %w)
          : (tensor<1x1x4x4xf32>, tensor<2x1x3x3xf32>) -> (tensor<1x2x1x1xf32>, tensor<1x2x2x2xf32>)
      return %peak, %smooth : tensor<1x2x1x1xf32>, tensor<1x2x2x2xf32>
    }
  }
}
