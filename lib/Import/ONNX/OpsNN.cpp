//===- OpsNN.cpp - convolution, matmul, pooling, normalisation ops --------===//

#include "NodeImporter.h"

using namespace mlir;
using accel::dataflow::BinaryKind;

namespace accel::onnx_import {
namespace {

LogicalResult setResult(NodeImporter &imp, FailureOr<Value> v) {
  if (failed(v))
    return failure();
  imp.setOutput(0, *v);
  return success();
}

/// Spatial window attributes shared by Conv, ConvTranspose and the pools.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, pads;
};

/// Reads strides/dilations/pads (default 1/1/0) and resolves auto_pad for a
/// forward window over `inShape` (NC + spatial).
FailureOr<Window> readWindow(NodeImporter &imp, ArrayRef<int64_t> inShape,
                             SmallVector<int64_t> kernel) {
  const onnx::NodeProto &node = imp.node();
  size_t n = kernel.size();
  if (inShape.size() != n + 2) {
    imp.error() << "expects an input of rank " << n + 2 << ", got rank "
                << inShape.size();
    return failure();
  }
  Window w;
  w.kernel = std::move(kernel);
  w.strides = getIntsAttr(node, "strides").value_or(SmallVector<int64_t>(n, 1));
  w.dilations =
      getIntsAttr(node, "dilations").value_or(SmallVector<int64_t>(n, 1));
  w.pads = getIntsAttr(node, "pads").value_or(SmallVector<int64_t>(2 * n, 0));
  if (w.strides.size() != n || w.dilations.size() != n || w.pads.size() != 2 * n) {
    imp.error() << "strides, dilations and pads must have " << n << ", " << n
                << " and " << 2 * n << " entries";
    return failure();
  }
  std::string autoPad = getStringAttr(node, "auto_pad", "NOTSET");
  if (autoPad == "NOTSET")
    return w;
  if (autoPad == "VALID") {
    w.pads.assign(2 * n, 0);
    return w;
  }
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER") {
    imp.error() << "unknown auto_pad '" << autoPad << "'";
    return failure();
  }
  for (size_t i = 0; i < n; ++i) {
    int64_t in = inShape[2 + i], s = w.strides[i];
    int64_t effK = (w.kernel[i] - 1) * w.dilations[i] + 1;
    int64_t out = (in + s - 1) / s;
    int64_t total = std::max<int64_t>(0, (out - 1) * s + effK - in);
    int64_t small = total / 2, large = total - small;
    w.pads[i] = autoPad == "SAME_UPPER" ? small : large;
    w.pads[n + i] = autoPad == "SAME_UPPER" ? large : small;
  }
  return w;
}

LogicalResult importConv(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), wt = imp.input(1);
  if (failed(x) || failed(wt))
    return failure();
  FailureOr<Value> optionalBias = imp.optionalInput(2);
  if (failed(optionalBias))
    return failure();
  Value bias = *optionalBias;
  auto xType = cast<RankedTensorType>(x->getType());
  auto wType = cast<RankedTensorType>(wt->getType());
  if (xType.getRank() < 3 || wType.getRank() != xType.getRank())
    return imp.error() << "expects an input of rank >= 3 and a weight of the "
                          "same rank, got "
                       << xType << " and " << wType;
  SmallVector<int64_t> kernel(wType.getShape().drop_front(2));
  if (auto k = getIntsAttr(imp.node(), "kernel_shape"))
    kernel = *k;
  FailureOr<Window> w = readWindow(imp, xType.getShape(), kernel);
  if (failed(w))
    return failure();
  OpBuilder &b = imp.builder();
  int64_t group = getIntAttr(imp.node(), "group", 1);
  if (imp.node().op_type() == "Conv")
    return setResult(imp, imp.create<dataflow::ConvOp>(
                              *x, *wt, bias, b.getDenseI64ArrayAttr(w->strides),
                              b.getDenseI64ArrayAttr(w->dilations),
                              b.getDenseI64ArrayAttr(w->pads),
                              b.getI64IntegerAttr(group)));

  // ConvTranspose: pads come from output_shape or auto_pad when given.
  const onnx::NodeProto &node = imp.node();
  size_t n = kernel.size();
  SmallVector<int64_t> outPad = getIntsAttr(node, "output_padding")
                                    .value_or(SmallVector<int64_t>(n, 0));
  if (outPad.size() != n)
    return imp.error() << "output_padding must have " << n << " entries";
  std::string autoPad = getStringAttr(node, "auto_pad", "NOTSET");
  std::optional<SmallVector<int64_t>> outShape = getIntsAttr(node, "output_shape");
  SmallVector<int64_t> pads = getIntsAttr(node, "pads").value_or(
      SmallVector<int64_t>(2 * n, 0));
  if (outShape || autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (size_t i = 0; i < n; ++i) {
      int64_t in = xType.getDimSize(2 + i), s = w->strides[i];
      int64_t out = outShape ? (*outShape)[outShape->size() - n + i] : in * s;
      int64_t effK = (kernel[i] - 1) * w->dilations[i] + 1;
      int64_t total = s * (in - 1) + outPad[i] + effK - out;
      if (total < 0) {
        // A larger output_shape adds rows at the end, as output_padding
        // does (ONNX's reference pads the result).
        if (outPad[i] - total >= s)
          return imp.error() << "output_shape is larger than the transposed "
                                "convolution can produce";
        outPad[i] += -total;
        pads[i] = pads[n + i] = 0;
        continue;
      }
      int64_t small = total / 2, large = total - small;
      pads[i] = autoPad == "SAME_UPPER" ? small : large;
      pads[n + i] = autoPad == "SAME_UPPER" ? large : small;
    }
  } else if (autoPad == "VALID") {
    pads.assign(2 * n, 0);
  }
  return setResult(imp, imp.create<dataflow::ConvTransposeOp>(
                            *x, *wt, bias, b.getDenseI64ArrayAttr(w->strides),
                            b.getDenseI64ArrayAttr(w->dilations),
                            b.getDenseI64ArrayAttr(pads),
                            b.getDenseI64ArrayAttr(outPad),
                            b.getI64IntegerAttr(group)));
}

LogicalResult importMatMul(NodeImporter &imp) {
  FailureOr<Value> a = imp.input(0), c = imp.input(1);
  if (failed(a) || failed(c))
    return failure();
  OpBuilder &b = imp.builder();
  return setResult(imp, imp.create<dataflow::MatmulOp>(
                            *a, *c, b.getBoolAttr(false), b.getBoolAttr(false)));
}

/// Gemm = alpha * op(A) @ op(B) + beta * C.
LogicalResult importGemm(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  FailureOr<Value> a = imp.input(0), bm = imp.input(1);
  if (failed(a) || failed(bm))
    return failure();
  OpBuilder &b = imp.builder();
  FailureOr<Value> y = imp.create<dataflow::MatmulOp>(
      *a, *bm, b.getBoolAttr(getIntAttr(node, "transA", 0) != 0),
      b.getBoolAttr(getIntAttr(node, "transB", 0) != 0));
  if (failed(y))
    return failure();
  Type elem = cast<RankedTensorType>(y->getType()).getElementType();
  float alpha = getFloatAttr(node, "alpha", 1.0f);
  float beta = getFloatAttr(node, "beta", 1.0f);
  if (alpha != 1.0f) {
    y = imp.binary(BinaryKind::Mul, *y, imp.scalar(alpha, elem));
    if (failed(y))
      return failure();
  }
  if (imp.hasInput(2) && beta != 0.0f) {
    FailureOr<Value> c = imp.input(2);
    if (failed(c))
      return failure();
    if (beta != 1.0f) {
      c = imp.binary(BinaryKind::Mul, *c, imp.scalar(beta, elem));
      if (failed(c))
        return failure();
    }
    y = imp.binary(BinaryKind::Add, *y, *c);
  }
  return setResult(imp, y);
}

LogicalResult importPool(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  bool isMax = node.op_type() == "MaxPool";
  if (isMax && imp.isOutputUsed(1))
    return imp.error() << "the Indices output is not supported";
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = getIntsAttr(node, "kernel_shape");
  if (!kernel)
    return imp.error() << "missing kernel_shape";
  FailureOr<Window> w =
      readWindow(imp, cast<RankedTensorType>(x->getType()).getShape(), *kernel);
  if (failed(w))
    return failure();
  if (isMax && getIntAttr(node, "storage_order", 0) != 0)
    return imp.error() << "storage_order=1 is not supported";
  OpBuilder &b = imp.builder();
  // MaxPool also takes INT8/UINT8 (i32 compute type): their values are exact in
  // f32, and taking a maximum does not round.
  Type elem = cast<RankedTensorType>(x->getType()).getElementType();
  bool viaFloat = isMax && elem.isInteger(32);
  if (viaFloat) {
    x = imp.castTo(*x, b.getF32Type());
    if (failed(x))
      return failure();
  }
  auto kind = isMax ? dataflow::PoolKind::Max : dataflow::PoolKind::Avg;
  FailureOr<Value> y = imp.create<dataflow::PoolOp>(
      dataflow::PoolKindAttr::get(imp.context(), kind), *x,
      b.getDenseI64ArrayAttr(w->kernel), b.getDenseI64ArrayAttr(w->strides),
      b.getDenseI64ArrayAttr(w->pads), b.getDenseI64ArrayAttr(w->dilations),
      b.getBoolAttr(getIntAttr(node, "ceil_mode", 0) != 0),
      b.getBoolAttr(getIntAttr(node, "count_include_pad", 0) != 0));
  if (viaFloat && succeeded(y))
    y = imp.castTo(*y, elem);
  return setResult(imp, y);
}

/// GlobalAveragePool / GlobalMaxPool: reduce over the spatial dims, keep dims.
LogicalResult importGlobalPool(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  if (rank < 3)
    return imp.error() << "expects an input of rank >= 3";
  SmallVector<int64_t> axes;
  for (int64_t d = 2; d < rank; ++d)
    axes.push_back(d);
  auto kind = imp.node().op_type() == "GlobalMaxPool" ? dataflow::ReduceKind::Max
                                                      : dataflow::ReduceKind::Mean;
  return setResult(imp, imp.reduce(kind, *x, axes, /*keepDims=*/true));
}

LogicalResult importSoftmax(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank();
  bool legacy = imp.opset() < 13;
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", legacy ? 1 : -1), rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  OpBuilder &b = imp.builder();
  bool log = imp.node().op_type() == "LogSoftmax";
  if (!legacy || *axis == rank - 1)
    return setResult(imp, imp.create<dataflow::SoftmaxOp>(
                              *x, b.getI64IntegerAttr(*axis), b.getBoolAttr(log)));
  // Before opset 13 the input is coerced to 2-D at `axis`.
  int64_t outer = numElements(type.getShape().take_front(*axis));
  int64_t inner = numElements(type.getShape().drop_front(*axis));
  FailureOr<Value> flat = imp.reshape(*x, {outer, inner});
  if (failed(flat))
    return failure();
  FailureOr<Value> y = imp.create<dataflow::SoftmaxOp>(
      *flat, b.getI64IntegerAttr(1), b.getBoolAttr(log));
  if (failed(y))
    return failure();
  return setResult(imp, imp.reshape(*y, type.getShape()));
}

LogicalResult importLayerNorm(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), scale = imp.input(1);
  if (failed(x) || failed(scale))
    return failure();
  FailureOr<Value> optionalBias = imp.optionalInput(2);
  if (failed(optionalBias))
    return failure();
  Value bias = *optionalBias;
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", -1), rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  OpBuilder &b = imp.builder();
  float eps = getFloatAttr(imp.node(), "epsilon", 1e-5f);
  if ((imp.isOutputUsed(1) || imp.isOutputUsed(2)) &&
      failed(importLayerNormStats(imp, *x, *axis, eps)))
    return failure();
  return setResult(imp, imp.create<dataflow::LayerNormOp>(
                            *x, *scale, bias, b.getI64IntegerAttr(*axis),
                            b.getF32FloatAttr(eps)));
}

/// Inference BatchNormalization as x * a + c with per-channel constants
/// a = scale / sqrt(var + eps) and c = bias - mean * a computed here.
LogicalResult importBatchNorm(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  if (getIntAttr(node, "training_mode", 0) != 0 && imp.opset() >= 14)
    return importBatchNormTraining(imp);
  if (getIntAttr(node, "training_mode", 0) != 0 || imp.isOutputUsed(1) ||
      imp.isOutputUsed(2))
    return imp.error() << "only inference mode is supported (training_mode=0, "
                          "no running mean/var outputs)";
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 2)
    return imp.error() << "expects an input of rank >= 2";
  int64_t channels = type.getDimSize(1);
  std::vector<float> params[4];
  const char *names[4] = {"scale", "B", "input_mean", "input_var"};
  for (int i = 1; i <= 4; ++i)
    if (!imp.constInput(i) && !imp.floatData(i))
      return importBatchNormDynamic(imp);
  for (int i = 0; i < 4; ++i) {
    std::optional<std::vector<float>> data = imp.floatData(i + 1);
    if (!data)
      return imp.error() << names[i] << " must be a float constant";
    if (int64_t(data->size()) != channels)
      return imp.error() << names[i] << " has " << data->size()
                         << " values for " << channels << " channels";
    params[i] = std::move(*data);
  }
  float eps = getFloatAttr(node, "epsilon", 1e-5f);
  ConstValue mul, add;
  mul.kind = add.kind = ElemKind::F32;
  mul.shape.push_back(channels);
  for (int64_t d = 2; d < type.getRank(); ++d)
    mul.shape.push_back(1);
  add.shape = mul.shape;
  for (int64_t c = 0; c < channels; ++c) {
    float a = params[0][c] / std::sqrt(params[3][c] + eps);
    mul.floats.push_back(a);
    add.floats.push_back(params[1][c] - params[2][c] * a);
  }
  std::string base = node.name().empty() ? node.output(0) : node.name();
  FailureOr<Value> y =
      imp.binary(BinaryKind::Mul, *x, imp.materialize(mul, base + ".mul"));
  if (failed(y))
    return failure();
  return setResult(
      imp, imp.binary(BinaryKind::Add, *y, imp.materialize(add, base + ".add")));
}

} // namespace

void registerNNHandlers(HandlerMap &map) {
  map["Conv"] = importConv;
  map["ConvTranspose"] = importConv;
  map["MatMul"] = importMatMul;
  map["Gemm"] = importGemm;
  map["MaxPool"] = importPool;
  map["AveragePool"] = importPool;
  map["GlobalAveragePool"] = importGlobalPool;
  map["GlobalMaxPool"] = importGlobalPool;
  map["Softmax"] = importSoftmax;
  map["LogSoftmax"] = importSoftmax;
  map["LayerNormalization"] = importLayerNorm;
  map["BatchNormalization"] = importBatchNorm;
}

} // namespace accel::onnx_import
