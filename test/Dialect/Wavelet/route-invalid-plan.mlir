// RUN: accel-opt %s --split-input-file --wse-route --verify-diagnostics


// Hand-written IR whose GEMM plan has fewer channels than the pattern uses: a diagnostic,
// not an out-of-range color.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has a 'gemm' plan with 1 channels; its pattern needs 3}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "gemm", channels = 1 : i64, pk = 1 : i64, pn = 1 : i64}} {
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side south color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// A region without a plan.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has no plan to route}}
    wavelet.region @k at(0, 0) size(1, 1) {
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side south color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

// A rowwise plan (like depthwise and elementwise: inputs in, one result out) with too few
// channels for its pattern: a diagnostic, not a color read past the channel list.
wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has a 'rowwise' plan with 1 channels; its pattern needs 2}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "rowwise", channels = 1 : i64, inputs = 1 : i64}} {
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side east color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}

// -----

wavelet.fabric preset("test") width(4) height(4) memory_bytes(49152) colors(24) clock_hz(1.0e9) fields {} {
  wavelet.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error@+1 {{region 'k' has a 'depthwise' plan with 1 channels; its pattern needs 2}}
    wavelet.region @k at(0, 0) size(1, 1) attributes {plan = {kind = "depthwise", channels = 1 : i64, inputs = 1 : i64}} {
      wavelet.stream_in %x to(0, 0) instance(0) side west color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>) : tensor<4xf32>
      wavelet.stream_out result(0) from(0, 0) instance(0) side east color(0) message(4) window(#wavelet.window<[<tensor_dim = 0, size = 4>]>)
    }
  }
}
