// ipus=N: a kernel whose weights do not fit one IPU is split into pipeline stages, one
// per IPU, by its weights in program order; tiles are numbered IPU by IPU and activations
// cross to the next stage over the IPU-Links (charged by the simulator at the link rate).
// On one IPU of two 24 KiB tiles the four 16 KiB weight matrices do not fit, and the
// diagnostic says how many IPUs would do.

// RUN: not accel-opt %s --lower-to-ipu="device=gc200:tiles=2,memory_bytes=24576,code_bytes_per_tile=0" 2>&1 | FileCheck %s --check-prefix=ONE
// ONE: error: kernel @matmul does not fit in tile memory: 2 tiles need more than the 24576 bytes a tile has
// ONE-SAME: it needs at least 2 IPUs (device option ipus=2, one pipeline stage per IPU)
// ONE: note: tile {{[01]}} needs {{[0-9]+}} bytes at layer 'matmul_{{[0-9]}}'{{.*}}: weights {{[0-9]+}}

// RUN: accel-opt %s --lower-to-ipu="device=gc200:tiles=2,memory_bytes=24576,code_bytes_per_tile=0,ipus=2" -o %t.mlir
// RUN: FileCheck %s --check-prefix=TWO < %t.mlir
// TWO: tile.ipu preset("gc200") tiles(4)
// The first two layers' weights are on IPU 0 (tiles 0, 1), the last two on IPU 1.
// TWO: %matmul_0.rhs = tile.tensor "matmul_0.rhs" tiles [0, 1]
// TWO: %matmul_2.rhs = tile.tensor "matmul_2.rhs" tiles [0, 1]
// TWO: %matmul_3.rhs = tile.tensor "matmul_3.rhs" tiles [2, 3]
// TWO: %matmul_4.rhs = tile.tensor "matmul_4.rhs" tiles [2, 3]
// An activation crosses from IPU 0 to IPU 1.
// TWO: tile.exchange "matmul_3.matmul"
// TWO: tile.transfer %{{[a-z_0-9.]+}}[tile({{[01]}}), {{.*}}] to [%matmul_3.lhs[tile({{[23]}})

// x = 1 everywhere: relu(x W0) = 1, then 2, -2, -1.
// RUN: accel-translate %t.mlir --emit-schedule -o %t.accel
// RUN: %python -c "import numpy as np; np.save(r'%t.x.npy', np.ones((4, 64), np.float32))"
// RUN: accel-run %t.accel --input input_0=%t.x.npy --output-dir %t.out --report | FileCheck %s --check-prefix=REPORT
// REPORT: device gc200:tiles=2,memory_bytes=24576,code_bytes_per_tile=0,ipus=2 (fp32): {{[0-9]+}} cycles {{.*}} 4/4 tiles
// RUN: %python -c "import numpy as np, glob; y = np.load(glob.glob(r'%t.out/*.npy')[0]); print('OK' if y.shape == (4, 64) and np.allclose(y, -1.0) else y)" | FileCheck %s --check-prefix=NUM
// NUM: OK

func.func @main(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %w0 = dataflow.constant dense<0.015625> : tensor<64x64xf32>
  %w1 = dataflow.constant dense<0.03125> : tensor<64x64xf32>
  %w2 = dataflow.constant dense<-0.015625> : tensor<64x64xf32>
  %w3 = dataflow.constant dense<0.0078125> : tensor<64x64xf32>
  %a = dataflow.matmul %x, %w0 : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  %ra = dataflow.unary relu %a : tensor<4x64xf32> -> tensor<4x64xf32>
  %b = dataflow.matmul %ra, %w1 : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  %c = dataflow.matmul %b, %w2 : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  %d = dataflow.matmul %c, %w3 : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
  return %d : tensor<4x64xf32>
}
