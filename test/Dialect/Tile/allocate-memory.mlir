// RUN: accel-opt %s --ipu-allocate-memory | FileCheck %s
// Placing again changes nothing, and the kernel verifier accepts the shared words.
// RUN: accel-opt %s --ipu-allocate-memory | accel-opt --ipu-allocate-memory | FileCheck %s

// ipu-allocate-memory: tensors are live from their first to their last use (in top-level
// ops of the kernel); tensors that share a tile and are live at the same time get
// disjoint words, the others may share them. Greedy, by first use, then size (largest
// first), then program order, each at the lowest offset free on all of its tiles.

tile.ipu preset("test") tiles(4) memory_bytes(36864) workers(6) clock_hz(1.0e9)
    fields {code_bytes_per_tile = 32768.0 : f64} {

  // A chain in -> h1 -> h2 -> h3: `in` dies at cs0 and h1 at cs1, so h3 takes their words.
  // The largest tile extent is 40 words; a tile needs 4 * 40 + 3 vertices * 16 + 32768.
  // CHECK-LABEL: tile.kernel @chain(
  // CHECK-SAME: memory_high_water_bytes = 32976 : i64, memory_words_per_tile = 40 : i64
  // CHECK-NEXT: %in = tile.tensor "in" tiles [0, 1] offset(0) : !tile.tensor<8>
  // CHECK-NEXT: %h1 = tile.tensor "h1" tiles [0, 1] offset(8) : !tile.tensor<16>
  // CHECK-NEXT: %h2 = tile.tensor "h2" tiles [0, 1] offset(24) : !tile.tensor<16>
  // CHECK-NEXT: %h3 = tile.tensor "h3" tiles [0, 1] offset(0) : !tile.tensor<16>
  tile.kernel @chain(%x: tensor<16xf32>) -> tensor<16xf32> {
    %in = tile.tensor "in" tiles [0, 1] : !tile.tensor<8>
    %h1 = tile.tensor "h1" tiles [0, 1] : !tile.tensor<16>
    %h2 = tile.tensor "h2" tiles [0, 1] : !tile.tensor<16>
    %h3 = tile.tensor "h3" tiles [0, 1] : !tile.tensor<16>
    tile.host_exchange "in" {
      tile.host_copy %x view(#tile.view<dims = [[8, 1]]>) to %in[tile(0), 0:8]
          : tensor<16xf32>, !tile.tensor<8>
      tile.host_copy %x view(#tile.view<base = 8, dims = [[8, 1]]>) to %in[tile(1), 0:8]
          : tensor<16xf32>, !tile.tensor<8>
    }
    tile.compute_set "cs0" {
      tile.vertex copy tile(0) out(%h1[0:8]) a(%in[0:8]) : !tile.tensor<16>, !tile.tensor<8>
      tile.vertex copy tile(1) out(%h1[0:8]) a(%in[0:8]) : !tile.tensor<16>, !tile.tensor<8>
    }
    tile.sync
    tile.compute_set "cs1" {
      tile.vertex copy tile(0) out(%h2[0:8]) a(%h1[0:8]) : !tile.tensor<16>, !tile.tensor<16>
      tile.vertex copy tile(1) out(%h2[0:8]) a(%h1[0:8]) : !tile.tensor<16>, !tile.tensor<16>
    }
    tile.sync
    tile.compute_set "cs2" {
      tile.vertex copy tile(0) out(%h3[0:8]) a(%h2[0:8]) : !tile.tensor<16>, !tile.tensor<16>
      tile.vertex copy tile(1) out(%h3[0:8]) a(%h2[0:8]) : !tile.tensor<16>, !tile.tensor<16>
    }
    tile.sync
    tile.host_exchange "out" {
      tile.host_copy %h3[tile(0), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>)
          : !tile.tensor<16>
      tile.host_copy %h3[tile(1), 0:8] to result(0) view(#tile.view<base = 8, dims = [[8, 1]]>)
          : !tile.tensor<16>
    }
  }

  // Live at the same time but on disjoint tiles: p and q share offset 0; r shares a tile
  // with each of them, so it goes above both.
  // CHECK-LABEL: tile.kernel @disjoint_tiles(
  // CHECK-SAME: memory_words_per_tile = 24 : i64
  // CHECK-NEXT: %p = tile.tensor "p" tiles [0, 1] offset(0) : !tile.tensor<16>
  // CHECK-NEXT: %q = tile.tensor "q" tiles [2, 3] offset(0) : !tile.tensor<8>
  // CHECK-NEXT: %r = tile.tensor "r" tiles [1, 2] offset(16) : !tile.tensor<8>
  tile.kernel @disjoint_tiles(%x: tensor<4xf32>) -> tensor<4xf32> {
    %p = tile.tensor "p" tiles [0, 1] : !tile.tensor<16>
    %q = tile.tensor "q" tiles [2, 3] : !tile.tensor<8>
    %r = tile.tensor "r" tiles [1, 2] : !tile.tensor<8>
    tile.host_exchange "in" {
      tile.host_copy %x view(#tile.view<dims = [[4, 1]]>) to %p[tile(0), 0:4]
          : tensor<4xf32>, !tile.tensor<16>
      tile.host_copy %x view(#tile.view<dims = [[4, 1]]>) to %q[tile(2), 0:4]
          : tensor<4xf32>, !tile.tensor<8>
      tile.host_copy %x view(#tile.view<dims = [[4, 1]]>) to %r[tile(1), 0:4]
          : tensor<4xf32>, !tile.tensor<8>
    }
    tile.compute_set "add" {
      tile.vertex add tile(1) out(%r[0:4]) a(%r[0:4]) b(%p[0:4])
          : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
      tile.vertex add tile(2) out(%r[4:4]) a(%q[0:4]) b(%q[0:4])
          : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<8>
    }
    tile.sync
    tile.host_exchange "out" {
      tile.host_copy %r[tile(1), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>)
          : !tile.tensor<8>
    }
  }

  // Weights (written by tile.init) stay live for the whole kernel: z, first used after the
  // last use of w and x, takes x's words (16..24), never w's (0..16).
  // CHECK-LABEL: tile.kernel @weights(
  // CHECK-NEXT: %w = tile.tensor "w" tiles [0] offset(0) : !tile.tensor<16>
  // CHECK-NEXT: %x = tile.tensor "x" tiles [0] offset(16) : !tile.tensor<8>
  // CHECK-NEXT: %y = tile.tensor "y" tiles [0] offset(24) : !tile.tensor<8>
  // CHECK-NEXT: %z = tile.tensor "z" tiles [0] offset(16) : !tile.tensor<8>
  tile.kernel @weights(%in: tensor<2x4xf32>, %win: tensor<4x4xf32>) -> tensor<2x4xf32> {
    %w = tile.tensor "w" tiles [0] : !tile.tensor<16>
    %x = tile.tensor "x" tiles [0] : !tile.tensor<8>
    %y = tile.tensor "y" tiles [0] : !tile.tensor<8>
    %z = tile.tensor "z" tiles [0] : !tile.tensor<8>
    tile.init %w[tile(0), 0:16] from %win view(#tile.view<dims = [[16, 1]]>)
        : !tile.tensor<16>, tensor<4x4xf32>
    tile.host_exchange "in" {
      tile.host_copy %in view(#tile.view<dims = [[8, 1]]>) to %x[tile(0), 0:8]
          : tensor<2x4xf32>, !tile.tensor<8>
    }
    tile.compute_set "mm" {
      tile.vertex matmul tile(0) out(%y[0:8]) a(%x[0:8]) b(%w[0:16]) m(2) k(4) n(4)
          : !tile.tensor<8>, !tile.tensor<8>, !tile.tensor<16>
    }
    tile.sync
    tile.compute_set "relu" {
      tile.vertex unary relu tile(0) out(%z[0:8]) a(%y[0:8]) : !tile.tensor<8>, !tile.tensor<8>
    }
    tile.sync
    tile.host_exchange "out" {
      tile.host_copy %z[tile(0), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>)
          : !tile.tensor<8>
    }
  }

  // Tensors first used at the same step: the largest first, equal sizes in program order;
  // d, first used when only a is still live, takes b's words.
  // CHECK-LABEL: tile.kernel @order(
  // CHECK-NEXT: %a = tile.tensor "a" tiles [0] offset(16) : !tile.tensor<4>
  // CHECK-NEXT: %b = tile.tensor "b" tiles [0] offset(0) : !tile.tensor<16>
  // CHECK-NEXT: %c = tile.tensor "c" tiles [0] offset(20) : !tile.tensor<4>
  // CHECK-NEXT: %d = tile.tensor "d" tiles [0] offset(0) : !tile.tensor<4>
  tile.kernel @order(%x: tensor<4xf32>) -> tensor<4xf32> {
    %a = tile.tensor "a" tiles [0] : !tile.tensor<4>
    %b = tile.tensor "b" tiles [0] : !tile.tensor<16>
    %c = tile.tensor "c" tiles [0] : !tile.tensor<4>
    %d = tile.tensor "d" tiles [0] : !tile.tensor<4>
    tile.compute_set "first" {
      tile.vertex fill tile(0) out(%a[0:4]) value(1.0) : !tile.tensor<4>
      tile.vertex fill tile(0) out(%b[0:16]) value(1.0) : !tile.tensor<16>
      tile.vertex fill tile(0) out(%c[0:4]) value(1.0) : !tile.tensor<4>
    }
    tile.sync
    tile.compute_set "second" {
      tile.vertex copy tile(0) out(%d[0:4]) a(%a[0:4]) : !tile.tensor<4>, !tile.tensor<4>
    }
    tile.sync
    tile.host_exchange "out" {
      tile.host_copy %d[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>)
          : !tile.tensor<4>
    }
  }

  // A use inside a tile.repeat covers the whole repeat (its body runs again): e and f,
  // used by different compute sets of the loop body, are live together.
  // CHECK-LABEL: tile.kernel @repeat(
  // CHECK-NEXT: %e = tile.tensor "e" tiles [0] offset(0) : !tile.tensor<4>
  // CHECK-NEXT: %f = tile.tensor "f" tiles [0] offset(4) : !tile.tensor<4>
  // CHECK-NEXT: %o = tile.tensor "o" tiles [0] offset(0) : !tile.tensor<4>
  tile.kernel @repeat(%x: tensor<4xf32>) -> tensor<4xf32> {
    %e = tile.tensor "e" tiles [0] : !tile.tensor<4>
    %f = tile.tensor "f" tiles [0] : !tile.tensor<4>
    %o = tile.tensor "o" tiles [0] : !tile.tensor<4>
    tile.repeat 3 {
      tile.compute_set "loop1" {
        tile.vertex fill tile(0) out(%e[0:4]) value(1.0) : !tile.tensor<4>
      }
      tile.sync
      tile.compute_set "loop2" {
        tile.vertex fill tile(0) out(%f[0:4]) value(2.0) : !tile.tensor<4>
      }
      tile.sync
    }
    tile.compute_set "after" {
      tile.vertex fill tile(0) out(%o[0:4]) value(3.0) : !tile.tensor<4>
    }
    tile.sync
    tile.host_exchange "out" {
      tile.host_copy %o[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>)
          : !tile.tensor<4>
    }
  }

  // A tensor placed before the pass keeps its offset, and nothing else takes its words
  // anywhere in the kernel (the pass cannot move it): late, first used after fixed's last
  // use, still goes above it.
  // CHECK-LABEL: tile.kernel @kept(
  // CHECK-NEXT: %fixed = tile.tensor "fixed" tiles [0] offset(0) : !tile.tensor<8>
  // CHECK-NEXT: %late = tile.tensor "late" tiles [0] offset(8) : !tile.tensor<8>
  tile.kernel @kept(%x: tensor<8xf32>) -> tensor<8xf32> {
    %fixed = tile.tensor "fixed" tiles [0] offset(0) : !tile.tensor<8>
    %late = tile.tensor "late" tiles [0] : !tile.tensor<8>
    tile.host_exchange "in" {
      tile.host_copy %x view(#tile.view<dims = [[8, 1]]>) to %fixed[tile(0), 0:8]
          : tensor<8xf32>, !tile.tensor<8>
    }
    tile.compute_set "use" {
      tile.vertex unary relu tile(0) out(%fixed[0:8]) a(%fixed[0:8])
          : !tile.tensor<8>, !tile.tensor<8>
    }
    tile.sync
    tile.compute_set "late" {
      tile.vertex fill tile(0) out(%late[0:8]) value(0.0) : !tile.tensor<8>
    }
    tile.sync
    tile.host_exchange "out" {
      tile.host_copy %late[tile(0), 0:8] to result(0) view(#tile.view<dims = [[8, 1]]>)
          : !tile.tensor<8>
    }
  }

  // A kernel not mapped yet holds dataflow ops: nothing to place.
  // CHECK-LABEL: tile.kernel @unmapped(
  // CHECK-NOT: memory_words_per_tile
  // CHECK: dataflow.unary relu
  tile.kernel @unmapped(%x: tensor<4xf32>) -> tensor<4xf32> {
    %r = dataflow.unary relu %x : tensor<4xf32> -> tensor<4xf32>
    tile.outputs %r : tensor<4xf32>
  }
}
