// RUN: accel-opt %s --split-input-file --verify-diagnostics

// One case per verifier rule of the wavelet dialect (docs/dialect-wavelet.md).

// PE set remainders lie in [0, mod).
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{PE set remainders must be in [0, mod)}}
        wavelet.fill %a[0:4] value(0.0) pes(#wavelet.pes<y_mod = 2, y_rem = 2>) : !wavelet.buffer<4>
      }
    }
  }
}

// -----

// A window dim has at least one element.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      // expected-error @+1 {{window dim size must be at least 1}}
      wavelet.init %a[0] from %arg0 window(#wavelet.window<[<tensor_dim = 0, size = 0>]>) : !wavelet.buffer<4>, tensor<4xf32>
    }
  }
}

// -----

// A buffer has at least one word.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{buffer size must be at least 1 word, got 0}}
      %a = wavelet.buffer "a" : !wavelet.buffer<0>
    }
  }
}

// -----

// Fabric sizes are positive.
// expected-error @+1 {{width must be positive, got 0}}
wavelet.fabric preset("test") width(0) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
}

// -----

// A color is 5 bits.
// expected-error @+1 {{colors must be at most 32 (a color is 5 bits), got 40}}
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(40) clock_hz(1.0e9) fields {} {
}

// -----

// The clock is positive.
// expected-error @+1 {{clock_hz must be positive}}
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(0.0) fields {} {
}

// -----

// A fabric holds only kernels.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{is not allowed in a wavelet.fabric: it holds only wavelet.kernel ops}}
  func.func @f() {
    return
  }
}

// -----

// A kernel lives in a fabric.
// expected-error @+1 {{expects parent op 'wavelet.fabric'}}
wavelet.kernel @k() {
  wavelet.region @r at(0, 0) size(1, 1) {
  }
}

// -----

// A mapped kernel holds only regions.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(1, 1) {
    }
    // expected-error @+1 {{is not allowed in a wavelet.kernel: it holds only wavelet.region ops}}
    wavelet.launch @k() : () -> ()
  }
}

// -----

// Before mapping, a kernel holds the dataflow op it runs, but no wavelet op.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    // expected-error @+1 {{is not allowed in an unmapped wavelet.kernel}}
    wavelet.launch @k() : () -> ()
  }
}

// -----

// Region names are unique in a kernel.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(1, 1) {
    }
    // expected-error @+1 {{name 'r' is used by another region of kernel @k}}
    wavelet.region @r at(1, 0) size(1, 1) {
    }
  }
}

// -----

// Every result is written by a stream_out.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{result #0 is never written by a wavelet.stream_out}}
  wavelet.kernel @k() -> tensor<4xf32> {
    wavelet.region @r at(0, 0) size(1, 1) {
    }
  }
}

// -----

// launch names a kernel of the fabric.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(1, 1) {
    }
  }
}
func.func @main(%x: tensor<4xf32>) {
  // expected-error @+1 {{@nope does not name a wavelet.kernel of a wavelet.fabric in scope}}
  wavelet.launch @nope(%x) : (tensor<4xf32>) -> ()
  return
}

// -----

// launch passes as many inputs as the kernel takes.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(1, 1) {
    }
  }
}
func.func @main(%x: tensor<4xf32>) {
  // expected-error @+1 {{has 2 inputs but kernel @k takes 1}}
  wavelet.launch @k(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> ()
  return
}

// -----

// launch input types match the kernel.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(1, 1) {
    }
  }
}
func.func @main(%x: tensor<8xf32>) {
  // expected-error @+1 {{input #0 has type 'tensor<8xf32>' but kernel @k expects 'tensor<4xf32>'}}
  wavelet.launch @k(%x) : (tensor<8xf32>) -> ()
  return
}

// -----

// launch results match the kernel.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(1, 1) {
    }
  }
}
func.func @main(%x: tensor<4xf32>) {
  // expected-error @+1 {{has 1 results but kernel @k returns 0}}
  %y = wavelet.launch @k(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

// A region, with all its instances, fits in the fabric (columns).
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    // expected-error @+1 {{does not fit in the fabric: its 3 instance(s) span columns [0, 6) but the fabric is 4 PEs wide}}
    wavelet.region @r at(0, 0) size(2, 1) instances(3) {
    }
  }
}

// -----

// A region fits in the fabric (rows).
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    // expected-error @+1 {{does not fit in the fabric: it spans rows [2, 4) but the fabric is 3 PEs high}}
    wavelet.region @r at(0, 2) size(1, 2) {
    }
  }
}

// -----

// A region has at least one instance.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    // expected-error @+1 {{instances must be at least 1, got 0}}
    wavelet.region @r at(0, 0) size(1, 1) instances(0) {
    }
  }
}

// -----

// Code and buffers fit in a PE.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    // expected-error @+1 {{needs 1224 bytes per PE (code_bytes + 4 * memory_words) but a PE has 1024}}
    wavelet.region @r at(0, 0) size(1, 1) code_bytes(1000) memory_words(56) {
    }
  }
}

// -----

// A region holds only its own ops.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{is not allowed in a wavelet.region}}
      wavelet.launch @k() : () -> ()
    }
  }
}

// -----

// Placed buffers lie in the memory left after the code.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) code_bytes(1000) {
      // expected-error @+1 {{occupies words [200, 204) beyond the 6 words of PE memory left after code_bytes}}
      %a = wavelet.buffer "a" addr(200) : !wavelet.buffer<4>
    }
  }
}

// -----

// Placed buffers lie in memory_words when it is set.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) memory_words(6) {
      // expected-error @+1 {{occupies words [4, 8) beyond the 6 memory_words of the region}}
      %a = wavelet.buffer "a" addr(4) : !wavelet.buffer<4>
    }
  }
}

// -----

// Placed buffers do not overlap.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" addr(0) : !wavelet.buffer<4>
      // expected-error @+1 {{words [3, 7) overlap buffer 'a' at [0, 4)}}
      %b = wavelet.buffer "b" addr(3) : !wavelet.buffer<4>
    }
  }
}

// -----

// Colors are below the fabric color count.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{color 30 is out of range: the fabric has 24 colors}}
      wavelet.route color(30) rx west tx ramp
    }
  }
}

// -----

// rx names a port.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{rx must name at least one port}}
      wavelet.route color(0) rx none tx ramp
    }
  }
}

// -----

// tx names a port.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{tx must name at least one port}}
      wavelet.route color(0) rx ramp tx none
    }
  }
}

// -----

// rx and tx are disjoint.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{rx and tx must be disjoint, both contain east}}
      wavelet.route color(0) rx west|east tx east|ramp pes(#wavelet.pes<x0 = 1>)
    }
  }
}

// -----

// What a route sends out of the region is collected by a stream_out.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(1, 1) size(2, 1) {
      // expected-error @+1 {{sends out of region 'r' at PE (1, 0) of instance 0 through its east port on color 0 but no wavelet.stream_out collects it there}}
      wavelet.route color(0) rx west tx east|ramp
    }
  }
}

// -----

// Edge PEs of every instance count, and a later rule overrides an earlier one.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() -> tensor<2xf32> {
    wavelet.region @r at(0, 1) size(2, 1) instances(2) {
      wavelet.route color(0) rx ramp tx south
      // expected-error @+1 {{sends out of region 'r' at PE (0, 0) of instance 1 through its north port on color 0}}
      wavelet.route color(0) rx ramp tx north pes(#wavelet.pes<x1 = 1>)
      wavelet.route color(0) rx ramp tx east pes(#wavelet.pes<x0 = 1>)
      wavelet.stream_out result(0) from(1, 0) instance(0) side east color(0) message(1) window(#wavelet.window<[<tensor_dim = 0, size = 1>]>)
      wavelet.stream_out result(0) from(1, 0) instance(1) side east color(0) message(1) window(#wavelet.window<[<tensor_dim = 0, size = 1>]>)
      wavelet.stream_out result(0) from(0, 0) instance(0) side north color(0) message(1) window(#wavelet.window<[<tensor_dim = 0, size = 1>]>)
    }
  }
}

// -----

// A route does not leave the fabric.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 1) size(2, 2) {
      // expected-error @+1 {{route leaves the fabric at PE (0, 2) through its south port on color 2 (PE (0, 1) of instance 0 of region 'r')}}
      wavelet.route color(2) rx ramp tx south pes(#wavelet.pes<x1 = 1, y0 = 1>)
    }
  }
}

// -----

// A stream_in enters a route.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{enters PE (0, 1) through its west port on color 3 but no route on that color accepts from west there}}
      wavelet.stream_in %arg0 to(0, 1) instance(0) side west color(3) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.route color(3) rx north tx ramp
    }
  }
}

// -----

// A stream_out is fed by a route (checked once the region is routed).
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() -> tensor<4xf32> {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{collects from PE (1, 1) through its south port on color 3 but no route on that color sends south there}}
      wavelet.stream_out result(0) from(1, 1) instance(0) side south color(3) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
      wavelet.route color(3) rx ramp tx south pes(#wavelet.pes<y1 = 1>)
      wavelet.route color(3) rx north tx ramp pes(#wavelet.pes<y0 = 1>)
    }
  }
}

// -----

// An init window fits in the buffer after the offset.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      // expected-error @+1 {{window of 4 elements does not fit in buffer 'a' at offset 1: 3 words are left}}
      wavelet.init %a[1] from %arg0 window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : !wavelet.buffer<4>, tensor<4xf32>
    }
  }
}

// -----

// Window dims map to dims of the tensor.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      // expected-error @+1 {{window dim #0 maps to tensor dim 1 but the source 'tensor<4xf32>' has rank 1}}
      wavelet.init %a[0] from %arg0 window(#wavelet.window<[<tensor_dim = 1, size = 4>]>) : !wavelet.buffer<4>, tensor<4xf32>
    }
  }
}

// -----

// A stream PE is in the region.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{PE (2, 0) is outside region 'r' of 2 x 2 PEs}}
      wavelet.stream_in %arg0 to(2, 0) instance(0) side east color(3) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
    }
  }
}

// -----

// A stream instance exists.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{instance 1 is out of range: region 'r' has 1 instance(s)}}
      wavelet.stream_in %arg0 to(0, 0) instance(1) side west color(3) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
    }
  }
}

// -----

// A stream side points out of the region.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{side east does not point out of the region from PE (0, 1)}}
      wavelet.stream_in %arg0 to(0, 1) instance(0) side east color(3) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
    }
  }
}

// -----

// Stream colors are in range.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%arg0: tensor<4xf32>) {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{color 24 is out of range: the fabric has 24 colors}}
      wavelet.stream_in %arg0 to(0, 1) instance(0) side west color(24) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
    }
  }
}

// -----

// A stream_out writes a result of the kernel.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() -> tensor<4xf32> {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{result 1 is out of range: kernel @k has 1 result(s)}}
      wavelet.stream_out result(1) from(1, 1) instance(0) side south color(3) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// A stream_out window maps to dims of the result.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() -> tensor<4xf32> {
    wavelet.region @r at(0, 0) size(2, 2) {
      wavelet.route color(3) rx ramp tx south pes(#wavelet.pes<x0 = 1, y0 = 1>)
      // expected-error @+1 {{window dim #0 maps to tensor dim 2 but the result 'tensor<4xf32>' has rank 1}}
      wavelet.stream_out result(0) from(1, 1) instance(0) side south color(3) message(4) window(#wavelet.window<[<tensor_dim = 2, size = 4>]>)
    }
  }
}

// -----

// A data task has a color.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{a data task needs a color}}
      wavelet.task @t data {
      }
    }
  }
}

// -----

// A local task has none.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-error @+1 {{a local task has no color}}
      wavelet.task @t local color(2) {
      }
    }
  }
}

// -----

// Task names are unique in the region.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      // expected-note @+1 {{see existing symbol definition here}}
      wavelet.task @t local {
      }
      // expected-error @+1 {{redefinition of symbol named 't'}}
      wavelet.task @t local {
      }
    }
  }
}

// -----

// One data task per color.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      wavelet.task @a data color(5) {
      }
      // expected-error @+1 {{fires on color 5 like data task @a; a color starts one data task}}
      wavelet.task @b data color(5) {
      }
    }
  }
}

// -----

// A task holds only instructions and loops.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      wavelet.task @t local {
        // expected-error @+1 {{is not allowed in a wavelet.task: it holds wavelet instructions and loops}}
        %a = wavelet.buffer "a" : !wavelet.buffer<4>
      }
    }
  }
}

// -----

// Instructions live in tasks and loops.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      // expected-error @+1 {{expects parent op to be one of 'wavelet.task, wavelet.loop'}}
      wavelet.fill %a[0:4] value(0.0) : !wavelet.buffer<4>
    }
  }
}

// -----

// A DSD range lies inside its buffer.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{dst range is out of bounds: it ends at word 5 but buffer 'a' has 4 words}}
        wavelet.fill %a[1:4] value(0.0) : !wavelet.buffer<4>
      }
    }
  }
}

// -----

// A strided DSD range lies inside its buffer.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{a range is out of bounds: it ends at word 11 but buffer 'b' has 8 words}}
        wavelet.mov %a[0:4], %b[1:4:3] : !wavelet.buffer<4>, !wavelet.buffer<8>
      }
    }
  }
}

// -----

// A DSD has at least one element.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{dst length must be at least 1, got 0}}
        wavelet.fill %a[0:0] value(0.0) : !wavelet.buffer<4>
      }
    }
  }
}

// -----

// A DSD stride is not negative.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{a stride must be non-negative, got -1}}
        wavelet.send color(1) %a[3:4:-1] : !wavelet.buffer<4>
      }
    }
  }
}

// -----

// A DSD attribute is [offset, len, stride].
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{attribute 'dst_dsd' failed to satisfy constraint}}
        "wavelet.fill"(%a) <{dst_dsd = array<i64: 0, 4>, value = 0.0 : f32}> : (!wavelet.buffer<4>) -> ()
      }
    }
  }
}

// -----

// Instruction colors are in range.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{color 24 is out of range: the fabric has 24 colors}}
        wavelet.recv color(24) %a[0:4] : !wavelet.buffer<4>
      }
    }
  }
}

// -----

// mov copies equal lengths.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{length mismatch: dst has 4 elements but a has 2}}
        wavelet.mov %a[0:4], %b[0:2] : !wavelet.buffer<4>, !wavelet.buffer<8>
      }
    }
  }
}

// -----

// binary: b has dst.len elements unless it is a stride-0 scalar.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{length mismatch: dst has 4 elements but b has 2 (and is not a stride-0 scalar)}}
        wavelet.binary mul %a[0:4], %a[0:4], %b[0:2] : !wavelet.buffer<4>, !wavelet.buffer<4>, !wavelet.buffer<8>
      }
    }
  }
}

// -----

// fmac: a has dst.len elements.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{length mismatch: dst has 4 elements but a has 3}}
        wavelet.fmac %a[0:4], %b[0:3], %b[0:4], %b[7:1] : !wavelet.buffer<4>, !wavelet.buffer<8>, !wavelet.buffer<8>, !wavelet.buffer<8>
      }
    }
  }
}

// -----

// unary maps equal lengths.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{length mismatch: dst has 2 elements but a has 4}}
        wavelet.unary relu %a[0:2], %a[0:4] : !wavelet.buffer<4>, !wavelet.buffer<4>
      }
    }
  }
}

// -----

// reduce: a.len == dst.len * segment.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{length mismatch: a has 8 elements but dst.len * segment = 2 * 3 = 6}}
        wavelet.reduce add %a[0:2], %b[0:8] segment(3) : !wavelet.buffer<4>, !wavelet.buffer<8>
      }
    }
  }
}

// -----

// reduce: segment is positive.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{segment must be at least 1, got 0}}
        wavelet.reduce max %a[0:2], %b[0:8] segment(0) : !wavelet.buffer<4>, !wavelet.buffer<8>
      }
    }
  }
}

// -----

// gemv: the matrix (K rows of N words, ld apart) lies inside w.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{w range is out of bounds: it ends at word 9 but buffer 'b' has 8 words}}
        wavelet.gemv %a[0:3], %a[0:4], %b[0] ld(2) : !wavelet.buffer<4>, !wavelet.buffer<4>, !wavelet.buffer<8>
      }
    }
  }
}

// -----

// A loop runs at least once.
wavelet.fabric preset("test") width(4) height(3) memory_bytes(1024) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k() {
    wavelet.region @r at(0, 0) size(2, 2) {
      %a = wavelet.buffer "a" : !wavelet.buffer<4>
      %b = wavelet.buffer "b" : !wavelet.buffer<8>
      wavelet.task @t local {
        // expected-error @+1 {{count must be at least 1, got 0}}
        wavelet.loop 0 {
        }
      }
    }
  }
}
