// RUN: accel-opt %s --split-input-file --wse-generate-tasks --verify-diagnostics

// A region without a plan (hand-written or damaged IR) is a diagnostic, not a crash.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has no plan}}
    wavelet.region @k at(0, 0) size(1, 1) {
      wavelet.route color(0) rx west tx ramp
      wavelet.route color(1) rx ramp tx east
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// An elementwise plan naming an op the PE has no program for.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k': no PE program for 'unary.cosh'}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "elementwise", op = "unary.cosh", inputs = 1 : i64, channels = 2 : i64, message = 4 : i64, rows = 1 : i64}} {
      %in0 = wavelet.buffer "in0" : !wavelet.buffer<4>
      %out = wavelet.buffer "out" : !wavelet.buffer<4>
      %tmp = wavelet.buffer "tmp" : !wavelet.buffer<4>
      %consts = wavelet.buffer "consts" : !wavelet.buffer<4>
      wavelet.route color(0) rx west tx ramp
      wavelet.route color(1) rx ramp tx east
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// A GEMM plan whose buffers are missing.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has no wavelet.buffer "act", which its plan needs}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "gemm", rows = 1 : i64, kb = 4 : i64, nb = 4 : i64, pk = 1 : i64, pn = 1 : i64, channels = 3 : i64, bias = false}} {
      wavelet.route color(0) rx west tx ramp
      wavelet.route color(1) rx ramp tx south
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side south color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// A rowwise plan whose statistics buffer is missing.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<1xf32> {
    // expected-error@+1 {{region 'k' has no wavelet.buffer "stats", which its plan needs}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "rowwise", op = "softmax", inputs = 1 : i64, channels = 2 : i64, message = 4 : i64, out_message = 4 : i64, segment = 4 : i64, rows = 1 : i64}} {
      %in0 = wavelet.buffer "in0" : !wavelet.buffer<4>
      %out = wavelet.buffer "out" : !wavelet.buffer<4>
      %tmp = wavelet.buffer "tmp" : !wavelet.buffer<4>
      %consts = wavelet.buffer "consts" : !wavelet.buffer<4>
      wavelet.route color(0) rx west tx ramp
      wavelet.route color(1) rx ramp tx east
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// A layer norm plan with two parameter rows but only the first.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has no wavelet.buffer "param1", which its plan needs}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "rowwise", op = "layer_norm", inputs = 1 : i64, channels = 2 : i64, message = 4 : i64, out_message = 4 : i64, segment = 4 : i64, rows = 1 : i64, params = 2 : i64}} {
      %in0 = wavelet.buffer "in0" : !wavelet.buffer<4>
      %out = wavelet.buffer "out" : !wavelet.buffer<4>
      %tmp = wavelet.buffer "tmp" : !wavelet.buffer<4>
      %consts = wavelet.buffer "consts" : !wavelet.buffer<4>
      %stats = wavelet.buffer "stats" : !wavelet.buffer<4>
      %param0 = wavelet.buffer "param0" : !wavelet.buffer<4>
      wavelet.route color(0) rx west tx ramp
      wavelet.route color(1) rx ramp tx east
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// A depthwise plan whose output buffer is missing.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has no wavelet.buffer "out", which its plan needs}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "depthwise", inputs = 1 : i64, channels = 2 : i64, message = 4 : i64, out_message = 4 : i64, segment = 1 : i64, rows = 1 : i64, bias = false}} {
      %weights = wavelet.buffer "weights" : !wavelet.buffer<1>
      %in0 = wavelet.buffer "in0" : !wavelet.buffer<4>
      wavelet.route color(0) rx west tx ramp
      wavelet.route color(1) rx ramp tx east
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side east color(1) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}
