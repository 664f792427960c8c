//===- OpsShape.cpp - data movement and shape ops -------------------------===//
//
// Reshape-like ops (Reshape, Flatten, Squeeze, Unsqueeze) become
// `dataflow.reshape` with the computed static shape; Split becomes slices,
// Tile a reshape/expand/reshape. Ops whose shape operand must be known
// (Reshape, Expand, Slice, Tile, Resize, Pad) read it from the import-time
// constant table, which the folder fills from the model's shape subgraphs.
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;

namespace accel::onnx_import {
namespace {

LogicalResult setResult(NodeImporter &imp, FailureOr<Value> v) {
  if (failed(v))
    return failure();
  imp.setOutput(0, *v);
  return success();
}

LogicalResult importConstant(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  if (node.attribute_size() != 1)
    return imp.error() << "expects exactly one value attribute";
  const onnx::AttributeProto &attr = node.attribute(0);
  ConstValue v;
  StringRef name = attr.name();
  if (name == "value") {
    std::string why;
    std::optional<ConstValue> t = constFromTensor(attr.t(), why);
    if (!t)
      return imp.error() << why;
    v = std::move(*t);
  } else if (name == "value_float" || name == "value_floats") {
    v.kind = ElemKind::F32;
    if (name == "value_float") {
      v.floats.push_back(attr.f());
    } else {
      v.floats.assign(attr.floats().begin(), attr.floats().end());
      v.shape.push_back(int64_t(v.floats.size()));
    }
  } else if (name == "value_int" || name == "value_ints") {
    v.kind = ElemKind::I64;
    if (name == "value_int") {
      v.ints.push_back(attr.i());
    } else {
      v.ints.assign(attr.ints().begin(), attr.ints().end());
      v.shape.push_back(int64_t(v.ints.size()));
    }
  } else {
    return imp.error() << "the '" << name << "' form is not supported";
  }
  if (v.size() > kMaxFoldedElements) {
    imp.setOutput(0, imp.materialize(v, node.output(0)));
    return success();
  }
  imp.setOutputConst(0, std::move(v));
  return success();
}

/// Dropout in training mode zeroes random elements, unless its ratio is 0.
LogicalResult checkDropoutInference(NodeImporter &imp) {
  if (!imp.hasInput(2))
    return success();
  const ConstValue *ratio = imp.hasInput(1) ? imp.constInput(1) : nullptr;
  if (ratio && ratio->size() == 1 && ratio->asDouble(0) == 0.0)
    return success();
  const ConstValue *training = imp.constInput(2);
  if (!training)
    return imp.notConstant(2, "training_mode");
  if (training->size() != 1 || training->asInt(0) == 0)
    return success();
  // Training mode is deterministic only with a ratio of 0.
  if (imp.hasInput(1) && !ratio)
    return imp.notConstant(1, "ratio");
  return imp.error() << "training-mode Dropout is random; not supported "
                        "(only inference, or a ratio of 0)";
}

LogicalResult importForward(NodeImporter &imp) {
  if (imp.node().op_type() == "Dropout" &&
      failed(checkDropoutInference(imp)))
    return failure();
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  imp.setOutput(0, *x);
  // Dropout's mask is all true in inference.
  if (imp.node().op_type() == "Dropout" && imp.isOutputUsed(1)) {
    ConstValue mask;
    mask.kind = ElemKind::I1;
    mask.shape.assign(cast<RankedTensorType>(x->getType()).getShape().begin(),
                      cast<RankedTensorType>(x->getType()).getShape().end());
    mask.ints.assign(numElements(mask.shape), 1);
    imp.setOutputConst(1, std::move(mask));
  }
  return success();
}

LogicalResult importTranspose(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  SmallVector<int64_t> perm;
  if (auto p = getIntsAttr(imp.node(), "perm"))
    perm = *p;
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  return setResult(imp, imp.create<dataflow::TransposeOp>(
                            *x, imp.builder().getDenseI64ArrayAttr(perm)));
}

/// The target shape of a shape-taking op: the constant input, or else the
/// static shape libonnx inferred for the output.
FailureOr<SmallVector<int64_t>> shapeOperand(NodeImporter &imp, int i,
                                             StringRef what) {
  if (imp.hasInput(i) && imp.constInput(i))
    return imp.constInput(i)->toInts();
  return imp.constInts(i, what);
}

LogicalResult importReshape(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  std::optional<Shape> shape;
  std::string why;
  if (const ConstValue *spec = imp.constInput(1)) {
    shape = reshapeShape(type.getShape(), spec->toInts(),
                         getIntAttr(imp.node(), "allowzero", 0) != 0, why);
    if (!shape)
      return imp.error() << why;
  } else {
    shape = imp.inferredOutputShape(0);
    if (!shape)
      return imp.notConstant(1, "shape");
  }
  return setResult(imp, imp.reshape(*x, *shape));
}

LogicalResult importFlatten(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto shape = cast<RankedTensorType>(x->getType()).getShape();
  std::optional<int64_t> axis = normalizeFlattenAxis(
      getIntAttr(imp.node(), "axis", 1), int64_t(shape.size()));
  if (!axis)
    return imp.error() << "axis is out of range";
  return setResult(imp, imp.reshape(*x, {numElements(shape.take_front(*axis)),
                                         numElements(shape.drop_front(*axis))}));
}

LogicalResult importSqueezeLike(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> axes;
  if (auto attr = getIntsAttr(node, "axes")) {
    axes = *attr;
  } else if (imp.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> in = imp.constInts(1, "axes");
    if (failed(in))
      return failure();
    axes = *in;
  }
  auto shape = cast<RankedTensorType>(x->getType()).getShape();
  std::string why;
  std::optional<Shape> out = node.op_type() == "Squeeze"
                                 ? squeezeShape(shape, axes, why)
                                 : unsqueezeShape(shape, axes, why);
  if (!out)
    return imp.error() << why;
  return setResult(imp, imp.reshape(*x, *out));
}

LogicalResult importExpand(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> spec = shapeOperand(imp, 1, "shape");
  if (failed(spec))
    return failure();
  if (llvm::any_of(*spec, [](int64_t d) { return d < 0; }))
    return imp.error() << "the shape must not have negative dimensions";
  std::string why;
  std::optional<Shape> shape = broadcastShape(
      cast<RankedTensorType>(x->getType()).getShape(), *spec, why);
  if (!shape)
    return imp.error() << why;
  return setResult(imp, imp.expand(*x, *shape));
}

LogicalResult importSlice(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> starts, ends, axes, steps;
  if (imp.opset() < 10) {
    starts = getIntsAttr(node, "starts").value_or(SmallVector<int64_t>());
    ends = getIntsAttr(node, "ends").value_or(SmallVector<int64_t>());
    axes = getIntsAttr(node, "axes").value_or(SmallVector<int64_t>());
  } else {
    FailureOr<SmallVector<int64_t>> s = imp.constInts(1, "starts");
    if (failed(s))
      return failure();
    FailureOr<SmallVector<int64_t>> e = imp.constInts(2, "ends");
    if (failed(e))
      return failure();
    starts = *s;
    ends = *e;
    for (int i : {3, 4}) {
      if (!imp.hasInput(i))
        continue;
      FailureOr<SmallVector<int64_t>> v =
          imp.constInts(i, i == 3 ? "axes" : "steps");
      if (failed(v))
        return failure();
      (i == 3 ? axes : steps) = *v;
    }
  }
  std::string why;
  std::optional<SliceParams> p =
      sliceParams(cast<RankedTensorType>(x->getType()).getShape(), starts, ends,
                  axes, steps, why);
  if (!p)
    return imp.error() << why;
  return setResult(imp, imp.slice(*x, *p));
}

LogicalResult importSplit(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto shape = cast<RankedTensorType>(x->getType()).getShape();
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(node, "axis", 0), int64_t(shape.size()));
  if (!axis)
    return imp.error() << "axis is out of range";
  int64_t dim = shape[*axis];
  int64_t parts = node.output_size();
  SmallVector<int64_t> sizes;
  if (auto attr = getIntsAttr(node, "split")) {
    sizes = *attr;
  } else if (imp.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> in = imp.constInts(1, "split");
    if (failed(in))
      return failure();
    sizes = *in;
  } else {
    // Equal parts; the last one is smaller when dim does not divide (opset 18).
    int64_t chunk = (dim + parts - 1) / parts;
    for (int64_t i = 0; i < parts; ++i)
      sizes.push_back(std::max<int64_t>(0, std::min(chunk, dim - i * chunk)));
  }
  int64_t total = 0;
  for (int64_t s : sizes) {
    if (s < 0)
      return imp.error() << "split sizes must not be negative";
    total += s;
  }
  if (int64_t(sizes.size()) != parts || total != dim)
    return imp.error() << "split sizes do not add up to dimension " << *axis
                       << " (" << dim << ") over " << parts << " outputs";
  int64_t offset = 0;
  for (int64_t i = 0; i < parts; ++i) {
    SliceParams p;
    p.starts.assign(shape.size(), 0);
    p.steps.assign(shape.size(), 1);
    p.shape.assign(shape.begin(), shape.end());
    p.starts[*axis] = std::min(offset, std::max<int64_t>(dim - 1, 0));
    p.shape[*axis] = sizes[i];
    offset += sizes[i];
    if (!imp.isOutputUsed(int(i)))
      continue;
    FailureOr<Value> part = imp.slice(*x, p);
    if (failed(part))
      return failure();
    imp.setOutput(int(i), *part);
  }
  return success();
}

LogicalResult importConcat(NodeImporter &imp) {
  SmallVector<Value> inputs;
  for (int i = 0; i < imp.numInputs(); ++i) {
    FailureOr<Value> v = imp.input(i);
    if (failed(v))
      return failure();
    inputs.push_back(*v);
  }
  int64_t rank = cast<RankedTensorType>(inputs.front().getType()).getRank();
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", 0), rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  if (inputs.size() == 1)
    return setResult(imp, inputs.front());
  return setResult(imp, imp.create<dataflow::ConcatOp>(
                            ValueRange(inputs),
                            imp.builder().getI64IntegerAttr(*axis)));
}

LogicalResult importGather(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), idx = imp.input(1);
  if (failed(x) || failed(idx))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", 0), rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  if (const ConstValue *indices = imp.constInput(1)) {
    int64_t dim = cast<RankedTensorType>(x->getType()).getDimSize(*axis);
    for (int64_t i : indices->toInts())
      if (i < -dim || i >= dim)
        return imp.error() << "index " << i << " is out of range for dimension "
                           << *axis << " of size " << dim;
  }
  return setResult(imp, imp.create<dataflow::GatherOp>(
                            *x, *idx, imp.builder().getI64IntegerAttr(*axis)));
}

LogicalResult importGatherElements(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), idx = imp.input(1);
  if (failed(x) || failed(idx))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", 0), type.getRank());
  if (!axis)
    return imp.error() << "axis is out of range for rank " << type.getRank();
  if (const ConstValue *indices = imp.constInput(1)) {
    int64_t dim = type.getDimSize(*axis);
    for (int64_t i : indices->toInts())
      if (i < -dim || i >= dim)
        return imp.error() << "index " << i << " is out of range for dimension "
                           << *axis << " of size " << dim;
  }
  return setResult(imp, imp.create<dataflow::GatherElementsOp>(
                            *x, *idx, imp.builder().getI64IntegerAttr(*axis)));
}

/// ScatterElements, and Scatter (its deprecated name, without reduction).
LogicalResult importScatterElements(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), idx = imp.input(1), upd = imp.input(2);
  if (failed(x) || failed(idx) || failed(upd))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", 0), type.getRank());
  if (!axis)
    return imp.error() << "axis is out of range for rank " << type.getRank();
  std::string reductionName = getStringAttr(imp.node(), "reduction", "none");
  std::optional<dataflow::ScatterReduction> reduction =
      dataflow::symbolizeScatterReduction(reductionName);
  if (!reduction)
    return imp.error() << "reduction '" << reductionName << "' is not supported";
  return setResult(
      imp, imp.create<dataflow::ScatterElementsOp>(
               *x, *idx, *upd, imp.builder().getI64IntegerAttr(*axis),
               dataflow::ScatterReductionAttr::get(imp.context(), *reduction)));
}

LogicalResult importGatherND(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), idx = imp.input(1);
  if (failed(x) || failed(idx))
    return failure();
  return setResult(imp, imp.create<dataflow::GatherNDOp>(
                            *x, *idx, imp.builder().getI64IntegerAttr(
                                          getIntAttr(imp.node(), "batch_dims", 0))));
}

LogicalResult importScatterND(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), idx = imp.input(1), upd = imp.input(2);
  if (failed(x) || failed(idx) || failed(upd))
    return failure();
  std::string reductionName = getStringAttr(imp.node(), "reduction", "none");
  std::optional<dataflow::ScatterReduction> reduction =
      dataflow::symbolizeScatterReduction(reductionName);
  if (!reduction)
    return imp.error() << "reduction '" << reductionName << "' is not supported";
  return setResult(imp, imp.create<dataflow::ScatterNDOp>(
                            *x, *idx, *upd,
                            dataflow::ScatterReductionAttr::get(imp.context(),
                                                                *reduction)));
}

LogicalResult importPad(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  std::string modeName = getStringAttr(node, "mode", "constant");
  std::optional<dataflow::PadMode> mode = dataflow::symbolizePadMode(modeName);
  if (!mode)
    return imp.error() << "mode '" << modeName << "' is not supported";
  SmallVector<int64_t> pads;
  float value = 0;
  if (imp.opset() < 11) {
    pads = getIntsAttr(node, "pads").value_or(SmallVector<int64_t>());
    value = getFloatAttr(node, "value", 0.0f);
  } else {
    FailureOr<SmallVector<int64_t>> p = imp.constInts(1, "pads");
    if (failed(p))
      return failure();
    pads = *p;
    if (imp.hasInput(2)) {
      const ConstValue *v = imp.constInput(2);
      if (!v)
        return imp.notConstant(2, "constant_value");
      if (v->size() != 1)
        return imp.error() << "constant_value must be a scalar constant";
      value = float(v->asDouble(0));
    }
    if (imp.hasInput(3)) {
      FailureOr<SmallVector<int64_t>> axes = imp.constInts(3, "axes");
      if (failed(axes))
        return failure();
      if (pads.size() != 2 * axes->size())
        return imp.error() << "pads must have two entries per axis";
      SmallVector<int64_t> full(2 * rank, 0);
      for (auto [i, a] : llvm::enumerate(*axes)) {
        std::optional<int64_t> axis = normalizeAxis(a, rank);
        if (!axis)
          return imp.error() << "axis " << a << " is out of range";
        full[*axis] = pads[i];
        full[rank + *axis] = pads[axes->size() + i];
      }
      pads = full;
    }
  }
  if (int64_t(pads.size()) != 2 * rank)
    return imp.error() << "pads must have " << 2 * rank << " entries";
  // Negative pads crop: a slice first, then pad by the positive amounts.
  auto shape = cast<RankedTensorType>(x->getType()).getShape();
  SliceParams crop;
  crop.starts.assign(rank, 0);
  crop.steps.assign(rank, 1);
  crop.shape.assign(shape.begin(), shape.end());
  for (int64_t d = 0; d < rank; ++d) {
    int64_t cut = std::max<int64_t>(0, -pads[d]) + std::max<int64_t>(0, -pads[rank + d]);
    if (cut > shape[d])
      return imp.error() << "negative pads remove more than dimension " << d
                         << " (" << shape[d] << ") holds";
    crop.starts[d] = std::min(std::max<int64_t>(0, -pads[d]),
                              std::max<int64_t>(0, shape[d] - 1));
    crop.shape[d] = shape[d] - cut;
    pads[d] = std::max<int64_t>(0, pads[d]);
    pads[rank + d] = std::max<int64_t>(0, pads[rank + d]);
  }
  x = imp.slice(*x, crop);
  if (failed(x))
    return failure();
  if (llvm::all_of(pads, [](int64_t p) { return p == 0; }))
    return setResult(imp, x);
  OpBuilder &b = imp.builder();
  return setResult(imp, imp.create<dataflow::PadOp>(
                            dataflow::PadModeAttr::get(imp.context(), *mode), *x,
                            b.getDenseI64ArrayAttr(pads), b.getF32FloatAttr(value)));
}

LogicalResult importCast(NodeImporter &imp) {
  int32_t to = int32_t(getIntAttr(imp.node(), "to", 0));
  std::optional<ElemKind> kind = elemKindOf(to);
  if (!kind)
    return imp.error() << "output '" << imp.node().output(0)
                       << "' has unsupported element type " << dataTypeName(to)
                       << " (supported: the numeric types and bool)";
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  // A type without its own compute type is a round trip through the storage
  // type, which applies its rounding or wrapping (f32 -> f16 -> f32).
  Type storage = storageTypeOf(to, imp.context());
  Type compute = mlirTypeOf(*kind, imp.context());
  Type from = cast<RankedTensorType>(x->getType()).getElementType();
  bool exact = from.isInteger(1) ||
               (from.isF32() && to == onnx::TensorProto::DOUBLE) ||
               (from.isInteger(64) && to == onnx::TensorProto::UINT64);
  if (storage != compute && !exact) {
    x = imp.castTo(*x, storage);
    if (failed(x))
      return failure();
  }
  return setResult(imp, imp.castTo(*x, compute));
}

LogicalResult importResize(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank();
  std::string modeName = getStringAttr(node, "mode", "nearest");
  std::optional<dataflow::ResizeMode> mode =
      dataflow::symbolizeResizeMode(modeName);
  if (!mode)
    return imp.error() << "mode '" << modeName << "' is not supported";
  std::string coordName =
      getStringAttr(node, "coordinate_transformation_mode", "half_pixel");
  std::optional<dataflow::ResizeCoordinateMode> coord =
      dataflow::symbolizeResizeCoordinateMode(coordName);
  if (!coord)
    return imp.error() << "coordinate_transformation_mode '" << coordName
                       << "' is not supported";
  std::string nearestName =
      getStringAttr(node, "nearest_mode", "round_prefer_floor");
  std::optional<dataflow::ResizeNearestMode> nearest =
      dataflow::symbolizeResizeNearestMode(nearestName);
  if (!nearest)
    return imp.error() << "nearest_mode '" << nearestName << "' is not supported";
  if (findAttr(node, "axes"))
    return imp.error() << "the axes attribute is not supported";

  int scalesInput = imp.opset() < 11 ? 1 : 2;
  int sizesInput = imp.opset() < 11 ? -1 : 3;
  SmallVector<float> scales;
  SmallVector<int64_t> sizes;
  if (imp.hasInput(scalesInput)) {
    const ConstValue *s = imp.constInput(scalesInput);
    if (!s)
      return imp.notConstant(scalesInput, "scales");
    for (int64_t i = 0; i < s->size(); ++i)
      scales.push_back(float(s->asDouble(i)));
  }
  if (scales.empty() && sizesInput > 0 && imp.hasInput(sizesInput)) {
    FailureOr<SmallVector<int64_t>> s = imp.constInts(sizesInput, "sizes");
    if (failed(s))
      return failure();
    sizes = *s;
    if (int64_t(sizes.size()) != rank)
      return imp.error() << "sizes must have " << rank << " entries";
    if (llvm::any_of(sizes, [](int64_t d) { return d <= 0; }))
      return imp.error() << "sizes must be positive";
    for (int64_t d = 0; d < rank; ++d)
      scales.push_back(float(sizes[d]) / float(type.getDimSize(d)));
  } else {
    if (int64_t(scales.size()) != rank)
      return imp.error() << "scales must have " << rank << " entries";
    if (llvm::any_of(scales, [](float f) { return !(f > 0); }))
      return imp.error() << "scales must be positive";
    for (int64_t d = 0; d < rank; ++d)
      sizes.push_back(int64_t(std::floor(double(type.getDimSize(d)) *
                                         double(scales[d]))));
  }
  OpBuilder &b = imp.builder();
  return setResult(
      imp, dataflow::ResizeOp::create(
               b, imp.loc(), RankedTensorType::get(sizes, type.getElementType()),
               dataflow::ResizeModeAttr::get(imp.context(), *mode), *x,
               dataflow::ResizeCoordinateModeAttr::get(imp.context(), *coord),
               dataflow::ResizeNearestModeAttr::get(imp.context(), *nearest),
               b.getDenseF32ArrayAttr(scales),
               b.getF32FloatAttr(getFloatAttr(node, "cubic_coeff_a", -0.75f)),
               b.getBoolAttr(getIntAttr(node, "exclude_outside", 0) != 0))
               .getResult());
}

/// Tile(x, r) = reshape(expand(reshape(x, [1,d0,1,d1,..]), [r0,d0,r1,d1,..])).
LogicalResult importTile(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> repeats = imp.constInts(1, "repeats");
  if (failed(repeats))
    return failure();
  auto shape = cast<RankedTensorType>(x->getType()).getShape();
  if (repeats->size() != shape.size())
    return imp.error() << "repeats must have " << shape.size() << " entries";
  SmallVector<int64_t> interleaved, expanded, result;
  for (auto [d, r] : llvm::zip(shape, *repeats)) {
    if (r < 0)
      return imp.error() << "repeats must be non-negative";
    interleaved.append({1, d});
    expanded.append({r, d});
    result.push_back(r * d);
  }
  FailureOr<Value> y = imp.reshape(*x, interleaved);
  if (failed(y))
    return failure();
  y = imp.expand(*y, expanded);
  if (failed(y))
    return failure();
  return setResult(imp, imp.reshape(*y, result));
}

/// Shape computations that the folder evaluates; reaching the handler means
/// an input was not known at import time.
LogicalResult importMustFold(NodeImporter &imp) {
  for (int i = 0; i < imp.numInputs(); ++i)
    if (imp.hasInput(i) && !imp.constInput(i))
      return imp.notConstant(i, "");
  return imp.error() << "cannot be evaluated at import: invalid inputs or a "
                        "result of more than "
                     << kMaxFoldedElements << " elements";
}

} // namespace

void registerShapeHandlers(HandlerMap &map) {
  map["Constant"] = importConstant;
  map["Identity"] = importForward;
  map["Dropout"] = importForward;
  map["Transpose"] = importTranspose;
  map["Reshape"] = importReshape;
  map["Flatten"] = importFlatten;
  map["Squeeze"] = importSqueezeLike;
  map["Unsqueeze"] = importSqueezeLike;
  map["Expand"] = importExpand;
  map["Slice"] = importSlice;
  map["Split"] = importSplit;
  map["Concat"] = importConcat;
  map["Gather"] = importGather;
  map["GatherElements"] = importGatherElements;
  map["ScatterElements"] = importScatterElements;
  map["Scatter"] = importScatterElements;
  map["GatherND"] = importGatherND;
  map["ScatterND"] = importScatterND;
  map["Pad"] = importPad;
  map["Cast"] = importCast;
  map["Resize"] = importResize;
  map["Tile"] = importTile;
  for (StringRef op : {"Shape", "Size", "ConstantOfShape", "Range"})
    map[op] = importMustFold;
}

} // namespace accel::onnx_import
