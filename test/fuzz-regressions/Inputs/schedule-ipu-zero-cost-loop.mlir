// A loop of steps that take no simulated time (an empty compute set, 2^24 x 2^24 passes)
// whose name NAME the test replaces by 4000 characters: schedule-ipu-zero-cost-loop.test.
module {
  tile.ipu preset("gc200") tiles(1) memory_bytes(4096) workers(6) clock_hz(1.33e9)
      fields {tiles = 1.0 : f64, ipus = 1.0 : f64, memory_bytes = 4096.0 : f64,
              workers = 6.0 : f64, clock_hz = 1.33e9 : f64,
              amp_f32_macs_per_cycle = 16.0 : f64, amp_f16_macs_per_cycle = 64.0 : f64,
              exchange_bytes_per_cycle = 4.0 : f64, exchange_latency_cycles = 30.0 : f64,
              sync_cycles = 150.0 : f64, vertex_overhead_cycles = 20.0 : f64,
              code_bytes_per_tile = 1024.0 : f64, host_link_bytes_per_s = 3.2e10 : f64,
              ipu_link_bytes_per_s = 3.2e11 : f64, precision = "fp32",
              summary = "Graphcore GC200 (Mk2), 1 tile"} {
    tile.kernel @loop(%x: tensor<4xf32>) -> tensor<4xf32> {
      %t = tile.tensor "t" tiles [0] offset(0) : !tile.tensor<4>
      tile.host_exchange "in" {
        tile.host_copy %x view(#tile.view<dims = [[4, 1]]>) to %t[tile(0), 0:4] : tensor<4xf32>, !tile.tensor<4>
      }
      tile.repeat 16777216 {
        tile.repeat 16777216 {
          tile.compute_set "NAME" {
          }
        }
      }
      tile.host_exchange "out" {
        tile.host_copy %t[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<4>
      }
    }
  }
  host.program preset("cpu") {
    func.func @main(%x: tensor<4xf32> {dataflow.name = "x"}) -> (tensor<4xf32> {dataflow.name = "y"}) {
      %y = tile.launch @loop(%x) : (tensor<4xf32>) -> tensor<4xf32>
      return %y : tensor<4xf32>
    }
  }
}
