// RUN: accel-opt %s --ipu-allocate-memory -split-input-file --verify-diagnostics

// A kernel that does not fit: the error at the kernel names the worst tiles; a note per
// tile, at the step where its memory peaks (the layer named by the step's `layer` in the
// kernel's `layers`), breaks the need down in bytes. Tile 0 at "mm": w (64 words, a
// weight) + x (32, only written by a host copy: an exchange buffer) + y (64, written by
// a vertex: an activation) = 640 bytes, 2 vertices (mm, add) = 32 bytes, code 512.

tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9)
    fields {code_bytes_per_tile = 512.0 : f64} {
  // expected-error@+1 {{kernel @fc does not fit in tile memory: 2 tiles need more than the 1024 bytes a tile has (worst: tile 0 needs 1184, tile 1 needs 1168); use more tiles (device key 'tiles') or more memory per tile ('memory_bytes'), or a smaller batch}}
  tile.kernel @fc(%in: tensor<2x32xf32>, %win: tensor<32x4xf32>) -> tensor<2x4xf32>
      attributes {layers = [#tile.layer<"fc1", flops = 0>]} {
    %w = tile.tensor "w" tiles [0, 1] : !tile.tensor<64>
    %x = tile.tensor "x" tiles [0, 1] : !tile.tensor<32>
    %y = tile.tensor "y" tiles [0, 1] : !tile.tensor<64>
    %recv = tile.tensor "recv" tiles [0] : !tile.tensor<8>
    tile.init %w[tile(0), 0:64] from %win view(#tile.view<dims = [[64, 1]]>)
        : !tile.tensor<64>, tensor<32x4xf32>
    tile.init %w[tile(1), 0:64] from %win view(#tile.view<base = 64, dims = [[64, 1]]>)
        : !tile.tensor<64>, tensor<32x4xf32>
    tile.host_exchange "in" attributes {layer = 0 : i64} {
      tile.host_copy %in view(#tile.view<dims = [[2, 32], [16, 1]]>) to %x[tile(0), 0:32]
          : tensor<2x32xf32>, !tile.tensor<32>
      tile.host_copy %in view(#tile.view<base = 16, dims = [[2, 32], [16, 1]]>)
          to %x[tile(1), 0:32] : tensor<2x32xf32>, !tile.tensor<32>
    }
    // expected-note@+2 {{tile 0 needs 1184 bytes at layer 'fc1' (tile.compute_set 'mm'): weights 256, activations 256, exchange buffers 128, unused gaps 0, vertex state 32, code 512; the limit is 1024}}
    // expected-note@+1 {{tile 1 needs 1168 bytes at layer 'fc1' (tile.compute_set 'mm'): weights 256, activations 256, exchange buffers 128, unused gaps 0, vertex state 16, code 512; the limit is 1024}}
    tile.compute_set "mm" attributes {layer = 0 : i64} {
      tile.vertex matmul tile(0) out(%y[0:8]) a(%x[0:32]) b(%w[0:64]) m(2) k(16) n(4)
          : !tile.tensor<64>, !tile.tensor<32>, !tile.tensor<64>
      tile.vertex matmul tile(1) out(%y[0:8]) a(%x[0:32]) b(%w[0:64]) m(2) k(16) n(4)
          : !tile.tensor<64>, !tile.tensor<32>, !tile.tensor<64>
    }
    tile.sync {layer = 0 : i64}
    tile.exchange "gather" attributes {layer = 0 : i64} {
      tile.transfer %y[tile(1), 0:8] to [%recv[tile(0), 0]] : !tile.tensor<64>, !tile.tensor<8>
    }
    tile.compute_set "add" attributes {layer = 0 : i64} {
      tile.vertex add tile(0) out(%y[0:8]) a(%y[0:8]) b(%recv[0:8])
          : !tile.tensor<64>, !tile.tensor<64>, !tile.tensor<8>
    }
    tile.sync {layer = 0 : i64}
    tile.host_exchange "out" attributes {layer = 0 : i64} {
      tile.host_copy %y[tile(0), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>)
          : !tile.tensor<64>
    }
  }
}

// -----

// Four tiles over the limit: the three worst are detailed (equal needs: lowest tile
// first). Without `layers`, a note names the step.

tile.ipu preset("test") tiles(4) memory_bytes(1024) workers(6) clock_hz(1.0e9)
    fields {code_bytes_per_tile = 0.0 : f64} {
  // expected-error@+1 {{kernel @wide does not fit in tile memory: 4 tiles need more than the 1024 bytes a tile has (worst: tile 0 needs 1200, tile 1 needs 1200, tile 2 needs 1200)}}
  tile.kernel @wide() {
    %big = tile.tensor "big" tiles [0, 1, 2, 3] : !tile.tensor<300>
    // expected-note@+3 {{tile 0 needs 1200 bytes at tile.exchange 'spread': weights 0, activations 0, exchange buffers 1200, unused gaps 0, vertex state 0, code 0; the limit is 1024}}
    // expected-note@+2 {{tile 1 needs 1200 bytes}}
    // expected-note@+1 {{tile 2 needs 1200 bytes}}
    tile.exchange "spread" {
      tile.transfer %big[tile(3), 0:4] to [%big[tile(0), 0], %big[tile(1), 0], %big[tile(2), 0]]
          : !tile.tensor<300>, !tile.tensor<300>, !tile.tensor<300>, !tile.tensor<300>
    }
  }
}
