//===- ConstFolder.cpp - import-time evaluation of shape subgraphs --------===//

#include "ConstFolder.h"
#include "NodeAttrs.h"
#include "ShapeRules.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <cstring>
#include <functional>

namespace accel::onnx_import {

llvm::SmallVector<int64_t> ConstValue::toInts() const {
  llvm::SmallVector<int64_t> out;
  for (int64_t i = 0, e = size(); i < e; ++i)
    out.push_back(asInt(i));
  return out;
}

std::optional<ConstValue> constFromTensor(const onnx::TensorProto &tensor,
                                          std::string &error) {
  std::optional<ElemKind> kind = elemKindOf(tensor.data_type());
  if (!kind) {
    error = "tensor '" + tensor.name() + "' has unsupported element type " +
            dataTypeName(tensor.data_type());
    return std::nullopt;
  }
  ConstValue v;
  v.kind = *kind;
  v.shape.assign(tensor.dims().begin(), tensor.dims().end());
  std::optional<int64_t> count = checkedNumElements(v.shape);
  if (!count) {
    error = "tensor '" + tensor.name() +
            "' has a negative or impossibly large dimension";
    return std::nullopt;
  }
  int64_t n = *count;
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    error = "tensor '" + tensor.name() +
            "' has external data, which only initializers may have";
    return std::nullopt;
  }
  size_t elemBytes = *elementByteSize(tensor.data_type());
  bool raw = tensor.has_raw_data();
  if (raw && tensor.raw_data().size() != size_t(n) * elemBytes) {
    error = "tensor '" + tensor.name() + "' has " +
            std::to_string(tensor.raw_data().size()) + " bytes of data, expected " +
            std::to_string(size_t(n) * elemBytes);
    return std::nullopt;
  }
  auto fail = [&](int64_t got) {
    error = "tensor '" + tensor.name() + "' has " + std::to_string(got) +
            " values, expected " + std::to_string(n);
    return std::nullopt;
  };
  // Every type is converted to its compute kind here (docs/dialect.md, "Storage
  // types vs compute types"): floats to f32, narrow integers to i32, unsigned
  // 32/64-bit to i64.
  const char *bytes = raw ? tensor.raw_data().data() : nullptr;
  int32_t type = tensor.data_type();
  auto rawInt = [&](int64_t i) -> int64_t {
    const char *p = bytes + i * elemBytes;
    switch (type) {
    case onnx::TensorProto::INT8: return int8_t(p[0]);
    case onnx::TensorProto::UINT8: return uint8_t(p[0]);
    case onnx::TensorProto::BOOL: return p[0] != 0;
    }
    uint64_t u = 0; // little endian, as ONNX raw_data is
    for (size_t b = 0; b < elemBytes; ++b)
      u |= uint64_t(uint8_t(p[b])) << (8 * b);
    switch (type) {
    case onnx::TensorProto::INT16: return int16_t(u);
    case onnx::TensorProto::INT32: return int32_t(u);
    default: return int64_t(u);
    }
  };
  auto bitsToFloat = [&](uint64_t bits) -> float {
    switch (type) {
    case onnx::TensorProto::DOUBLE: {
      double d;
      std::memcpy(&d, &bits, 8);
      return float(d);
    }
    case onnx::TensorProto::FLOAT16:
    case onnx::TensorProto::BFLOAT16: {
      llvm::APFloat f(type == onnx::TensorProto::FLOAT16
                          ? llvm::APFloat::IEEEhalf()
                          : llvm::APFloat::BFloat(),
                      llvm::APInt(16, bits & 0xffff));
      bool losesInfo;
      f.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven,
                &losesInfo);
      return f.convertToFloat();
    }
    default: {
      uint32_t b32 = uint32_t(bits);
      float f;
      std::memcpy(&f, &b32, 4);
      return f;
    }
    }
  };
  // The typed field each ONNX type uses when there is no raw_data.
  int64_t typedCount = 0;
  switch (type) {
  case onnx::TensorProto::FLOAT: typedCount = tensor.float_data_size(); break;
  case onnx::TensorProto::DOUBLE: typedCount = tensor.double_data_size(); break;
  case onnx::TensorProto::INT64: typedCount = tensor.int64_data_size(); break;
  case onnx::TensorProto::UINT32:
  case onnx::TensorProto::UINT64: typedCount = tensor.uint64_data_size(); break;
  default: typedCount = tensor.int32_data_size(); break;
  }
  if (!raw && typedCount != n)
    return fail(typedCount);
  if (v.isFloat()) {
    v.floats.resize(n);
    for (int64_t i = 0; i < n; ++i) {
      if (raw) {
        v.floats[i] = bitsToFloat(uint64_t(rawInt(i)));
      } else if (type == onnx::TensorProto::FLOAT) {
        v.floats[i] = tensor.float_data(i);
      } else if (type == onnx::TensorProto::DOUBLE) {
        v.floats[i] = float(tensor.double_data(i));
      } else { // FLOAT16 and BFLOAT16 keep their bits in int32_data
        v.floats[i] = bitsToFloat(uint64_t(uint32_t(tensor.int32_data(i))));
      }
    }
    return v;
  }
  v.ints.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    int64_t x;
    if (raw)
      x = rawInt(i);
    else if (type == onnx::TensorProto::INT64)
      x = tensor.int64_data(i);
    else if (type == onnx::TensorProto::UINT32 || type == onnx::TensorProto::UINT64)
      x = int64_t(tensor.uint64_data(i));
    else
      x = tensor.int32_data(i);
    // Typed fields may hold out-of-range values; the type's width decides.
    std::optional<int64_t> wrapped = castIntValue(x, type);
    v.ints[i] = wrapped ? *wrapped : x;
  }
  return v;
}

bool isFoldableOp(llvm::StringRef opType) {
  return llvm::StringSwitch<bool>(opType)
      .Cases({"Shape", "Size", "Gather", "Concat", "Unsqueeze", "Squeeze"}, true)
      .Cases({"Cast", "Slice", "Add", "Sub", "Mul", "Div", "Equal", "Less"}, true)
      .Cases({"Greater", "Where", "Not", "ConstantOfShape", "Range"}, true)
      .Cases({"Reshape", "Expand", "Identity", "Neg", "Abs", "Min", "Max"}, true)
      .Cases({"ReduceProd", "Floor", "Ceil", "Constant", "Sqrt", "Pow"}, true)
      .Cases({"And", "Or", "LessOrEqual", "GreaterOrEqual", "Flatten"}, true)
      .Case("Transpose", true)
      .Default(false);
}

namespace {

using Values = llvm::SmallVector<ConstValue, 1>;

ConstValue makeLike(ElemKind kind, llvm::ArrayRef<int64_t> shape) {
  ConstValue v;
  v.kind = kind;
  v.shape.assign(shape.begin(), shape.end());
  if (kind == ElemKind::F32)
    v.floats.resize(numElements(shape));
  else
    v.ints.resize(numElements(shape));
  return v;
}

void setElem(ConstValue &v, int64_t i, double d) {
  if (v.isFloat())
    v.floats[i] = float(d);
  else if (v.kind == ElemKind::I1)
    v.ints[i] = d != 0;
  else if (v.kind == ElemKind::I32)
    v.ints[i] = int32_t(int64_t(d));
  else
    v.ints[i] = int64_t(d);
}

/// Offset into `in` (of shape `inShape`) of the broadcast element at multi-index
/// `idx` of the output.
int64_t broadcastOffset(llvm::ArrayRef<int64_t> idx,
                        llvm::ArrayRef<int64_t> inShape) {
  int64_t offset = 0;
  size_t lead = idx.size() - inShape.size();
  for (size_t d = 0; d < inShape.size(); ++d)
    offset = offset * inShape[d] + (inShape[d] == 1 ? 0 : idx[lead + d]);
  return offset;
}

void unravel(int64_t linear, llvm::ArrayRef<int64_t> shape,
             llvm::SmallVectorImpl<int64_t> &idx) {
  idx.assign(shape.size(), 0);
  for (int64_t d = int64_t(shape.size()) - 1; d >= 0; --d) {
    if (shape[d] == 0)
      return;
    idx[d] = linear % shape[d];
    linear /= shape[d];
  }
}

/// Elementwise n-ary op with broadcasting. `fi` computes on integers, `ff` on
/// floats; the result kind is `resultKind` (or the input kind when null).
std::optional<ConstValue>
elementwise(llvm::ArrayRef<const ConstValue *> in,
            std::optional<ElemKind> resultKind,
            const std::function<int64_t(llvm::ArrayRef<int64_t>)> &fi,
            const std::function<double(llvm::ArrayRef<double>)> &ff) {
  std::string error;
  Shape shape = in[0]->shape;
  for (const ConstValue *v : in.drop_front()) {
    std::optional<Shape> s = broadcastShape(shape, v->shape, error);
    if (!s)
      return std::nullopt;
    shape = *s;
  }
  std::optional<int64_t> count = checkedNumElements(shape);
  if (!count || *count > kMaxFoldedElements)
    return std::nullopt;
  // Where's condition is bool; the data kind is that of the last operand.
  ElemKind dataKind = in.back()->kind;
  ConstValue out = makeLike(resultKind.value_or(dataKind), shape);
  bool useFloat = dataKind == ElemKind::F32;
  llvm::SmallVector<int64_t> idx, ints(in.size());
  llvm::SmallVector<double> floats(in.size());
  for (int64_t i = 0, e = numElements(shape); i < e; ++i) {
    unravel(i, shape, idx);
    for (size_t k = 0; k < in.size(); ++k) {
      int64_t off = broadcastOffset(idx, in[k]->shape);
      ints[k] = in[k]->asInt(off);
      floats[k] = in[k]->asDouble(off);
    }
    if (useFloat)
      setElem(out, i, ff(floats));
    else
      setElem(out, i, double(fi(ints)));
  }
  return out;
}

std::optional<ConstValue> reshaped(const ConstValue &in, Shape shape) {
  ConstValue out = in;
  out.shape = std::move(shape);
  return out;
}

std::optional<llvm::SmallVector<int64_t>>
axesOf(const onnx::NodeProto &node, llvm::ArrayRef<const ConstValue *> in,
       int inputIndex) {
  if (std::optional<llvm::SmallVector<int64_t>> attr = getIntsAttr(node, "axes"))
    return attr;
  if (int(in.size()) > inputIndex && in[inputIndex])
    return in[inputIndex]->toInts();
  return llvm::SmallVector<int64_t>();
}

std::optional<ConstValue> foldGather(const onnx::NodeProto &node,
                                     const ConstValue &data,
                                     const ConstValue &indices) {
  int64_t rank = data.shape.size();
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(node, "axis", 0), rank);
  if (!axis || indices.isFloat())
    return std::nullopt;
  Shape shape(data.shape.begin(), data.shape.begin() + *axis);
  shape.append(indices.shape.begin(), indices.shape.end());
  shape.append(data.shape.begin() + *axis + 1, data.shape.end());
  int64_t outer = numElements(llvm::ArrayRef(data.shape).take_front(*axis));
  int64_t inner = numElements(llvm::ArrayRef(data.shape).drop_front(*axis + 1));
  int64_t dim = data.shape[*axis];
  ConstValue out = makeLike(data.kind, shape);
  int64_t o = 0;
  for (int64_t a = 0; a < outer; ++a)
    for (int64_t k = 0; k < indices.size(); ++k) {
      int64_t j = indices.ints[k] < 0 ? indices.ints[k] + dim : indices.ints[k];
      if (j < 0 || j >= dim)
        return std::nullopt;
      for (int64_t b = 0; b < inner; ++b, ++o) {
        int64_t src = (a * dim + j) * inner + b;
        if (out.isFloat())
          out.floats[o] = data.floats[src];
        else
          out.ints[o] = data.ints[src];
      }
    }
  return out;
}

/// Transpose (torch's Pad export reverses its pads with one since opset 11).
std::optional<ConstValue> foldTranspose(const onnx::NodeProto &node,
                                        const ConstValue &x) {
  int64_t rank = x.shape.size();
  llvm::SmallVector<int64_t> perm;
  if (std::optional<llvm::SmallVector<int64_t>> attr =
          getIntsAttr(node, "perm"))
    perm = *attr;
  else
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  if (int64_t(perm.size()) != rank)
    return std::nullopt;
  std::vector<bool> seen(rank, false);
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return std::nullopt;
    seen[p] = true;
  }
  Shape shape;
  for (int64_t p : perm)
    shape.push_back(x.shape[p]);
  llvm::SmallVector<int64_t> strides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * x.shape[d + 1];
  ConstValue out = makeLike(x.kind, shape);
  llvm::SmallVector<int64_t> idx;
  for (int64_t i = 0, e = out.size(); i < e; ++i) {
    unravel(i, shape, idx);
    int64_t src = 0;
    for (int64_t k = 0; k < rank; ++k)
      src += idx[k] * strides[perm[k]];
    if (out.isFloat())
      out.floats[i] = x.floats[src];
    else
      out.ints[i] = x.ints[src];
  }
  return out;
}

std::optional<ConstValue> foldConcat(const onnx::NodeProto &node,
                                     llvm::ArrayRef<const ConstValue *> in) {
  int64_t rank = in[0]->shape.size();
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(node, "axis", 0), rank);
  if (!axis)
    return std::nullopt;
  Shape shape = in[0]->shape;
  shape[*axis] = 0;
  for (const ConstValue *v : in) {
    if (int64_t(v->shape.size()) != rank || v->kind != in[0]->kind)
      return std::nullopt;
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis && v->shape[d] != in[0]->shape[d])
        return std::nullopt;
    shape[*axis] += v->shape[*axis];
  }
  ConstValue out = makeLike(in[0]->kind, shape);
  int64_t outer = numElements(llvm::ArrayRef(shape).take_front(*axis));
  int64_t o = 0;
  for (int64_t a = 0; a < outer; ++a)
    for (const ConstValue *v : in) {
      int64_t chunk = numElements(llvm::ArrayRef(v->shape).drop_front(*axis));
      for (int64_t b = 0; b < chunk; ++b, ++o) {
        if (out.isFloat())
          out.floats[o] = v->floats[a * chunk + b];
        else
          out.ints[o] = v->ints[a * chunk + b];
      }
    }
  return out;
}

std::optional<ConstValue> foldSlice(const ConstValue &data,
                                    llvm::ArrayRef<const ConstValue *> in) {
  if (in.size() < 3 || !in[1] || !in[2])
    return std::nullopt;
  llvm::SmallVector<int64_t> axes, steps;
  if (in.size() > 3 && in[3])
    axes = in[3]->toInts();
  if (in.size() > 4 && in[4])
    steps = in[4]->toInts();
  std::string error;
  std::optional<SliceParams> p = sliceParams(data.shape, in[1]->toInts(),
                                             in[2]->toInts(), axes, steps, error);
  if (!p)
    return std::nullopt;
  ConstValue out = makeLike(data.kind, p->shape);
  Shape inStrides = stridesOf(data.shape);
  llvm::SmallVector<int64_t> idx;
  for (int64_t i = 0, e = out.size(); i < e; ++i) {
    unravel(i, p->shape, idx);
    int64_t src = 0;
    for (size_t d = 0; d < idx.size(); ++d)
      src += (p->starts[d] + idx[d] * p->steps[d]) * inStrides[d];
    if (out.isFloat())
      out.floats[i] = data.floats[src];
    else
      out.ints[i] = data.ints[src];
  }
  return out;
}

std::optional<ConstValue> foldCast(const onnx::NodeProto &node,
                                   const ConstValue &in) {
  int32_t to = int32_t(getIntAttr(node, "to", 0));
  std::optional<ElemKind> kind = elemKindOf(to);
  if (!kind)
    return std::nullopt;
  ConstValue out = makeLike(*kind, in.shape);
  for (int64_t i = 0, e = in.size(); i < e; ++i) {
    if (in.isFloat() || out.isFloat()) {
      std::optional<double> v = castFloatValue(in.asDouble(i), to);
      if (!v)
        return std::nullopt;
      if (out.isFloat())
        out.floats[i] = float(*v);
      else // an integer that fits the target type; UINT64 keeps its bits
        out.ints[i] = *v >= 0x1p63 ? int64_t(uint64_t(*v)) : int64_t(*v);
    } else {
      std::optional<int64_t> v = castIntValue(in.ints[i], to);
      if (!v)
        return std::nullopt;
      out.ints[i] = *v;
    }
  }
  return out;
}

std::optional<ConstValue> foldConstantOfShape(const onnx::NodeProto &node,
                                              const ConstValue &shapeValue) {
  Shape shape = shapeValue.toInts();
  std::optional<int64_t> count = checkedNumElements(shape);
  if (!count || *count > kMaxFoldedElements)
    return std::nullopt;
  ConstValue fill = makeLike(ElemKind::F32, {1});
  if (const onnx::AttributeProto *attr = findAttr(node, "value")) {
    std::string error;
    std::optional<ConstValue> v = constFromTensor(attr->t(), error);
    if (!v || v->size() != 1)
      return std::nullopt;
    fill = *v;
  }
  ConstValue out = makeLike(fill.kind, shape);
  for (int64_t i = 0, e = out.size(); i < e; ++i)
    setElem(out, i, fill.asDouble(0));
  if (!fill.isFloat())
    std::fill(out.ints.begin(), out.ints.end(), fill.ints[0]);
  return out;
}

std::optional<ConstValue> foldRange(const ConstValue &start,
                                    const ConstValue &limit,
                                    const ConstValue &delta) {
  if (start.size() != 1 || limit.size() != 1 || delta.size() != 1 ||
      start.kind != limit.kind || start.kind != delta.kind)
    return std::nullopt;
  double s = start.asDouble(0), l = limit.asDouble(0), d = delta.asDouble(0);
  if (d == 0)
    return std::nullopt;
  int64_t n = std::max<int64_t>(0, int64_t(std::ceil((l - s) / d)));
  if (n > kMaxFoldedElements)
    return std::nullopt;
  ConstValue out = makeLike(start.kind, {n});
  for (int64_t i = 0; i < n; ++i) {
    if (start.isFloat())
      out.floats[i] = float(s + double(i) * d);
    else
      out.ints[i] = start.ints[0] + i * delta.ints[0];
  }
  return out;
}

std::optional<ConstValue> foldReduceProd(const onnx::NodeProto &node,
                                         llvm::ArrayRef<const ConstValue *> in) {
  const ConstValue &data = *in[0];
  int64_t rank = data.shape.size();
  std::optional<llvm::SmallVector<int64_t>> axesList = axesOf(node, in, 1);
  llvm::SmallVector<bool> reduced(rank, axesList->empty());
  for (int64_t a : *axesList) {
    std::optional<int64_t> axis = normalizeAxis(a, rank);
    if (!axis)
      return std::nullopt;
    reduced[*axis] = true;
  }
  bool keep = getIntAttr(node, "keepdims", 1) != 0;
  Shape kept, outShape;
  for (int64_t d = 0; d < rank; ++d) {
    kept.push_back(reduced[d] ? 1 : data.shape[d]);
    if (!reduced[d] || keep)
      outShape.push_back(kept.back());
  }
  ConstValue out = makeLike(data.kind, outShape);
  for (int64_t i = 0; i < out.size(); ++i)
    setElem(out, i, 1.0);
  llvm::SmallVector<int64_t> idx;
  for (int64_t i = 0, e = data.size(); i < e; ++i) {
    unravel(i, data.shape, idx);
    int64_t o = broadcastOffset(idx, kept);
    if (out.isFloat())
      out.floats[o] *= data.floats[i];
    else
      out.ints[o] *= data.ints[i];
  }
  return out;
}

int64_t intDiv(int64_t a, int64_t b) { return b == 0 ? 0 : a / b; }

} // namespace

std::optional<Values> foldNode(const onnx::NodeProto &node,
                               llvm::ArrayRef<const ConstValue *> in) {
  llvm::StringRef op = node.op_type();
  std::string error;
  auto one = [](std::optional<ConstValue> v) -> std::optional<Values> {
    if (!v)
      return std::nullopt;
    Values out;
    out.push_back(std::move(*v));
    return out;
  };
  if (in.empty() || !in[0])
    return std::nullopt;
  const ConstValue &x = *in[0];
  auto binaryInts = [&](auto fi, auto ff, std::optional<ElemKind> kind =
                                               std::nullopt) {
    if (in.size() < 2 || !in[1])
      return std::optional<Values>();
    if (x.kind != in[1]->kind && op != "Pow")
      return std::optional<Values>();
    return one(elementwise(
        in.take_front(2), kind,
        [&](llvm::ArrayRef<int64_t> v) { return fi(v[0], v[1]); },
        [&](llvm::ArrayRef<double> v) { return ff(v[0], v[1]); }));
  };
  auto unary = [&](auto fi, auto ff) {
    return one(elementwise(
        in.take_front(1), std::nullopt,
        [&](llvm::ArrayRef<int64_t> v) { return fi(v[0]); },
        [&](llvm::ArrayRef<double> v) { return ff(v[0]); }));
  };

  if (op == "Identity")
    return one(x);
  if (op == "Gather" && in.size() == 2 && in[1])
    return one(foldGather(node, x, *in[1]));
  if (op == "Concat") {
    for (const ConstValue *v : in)
      if (!v)
        return std::nullopt;
    return one(foldConcat(node, in));
  }
  if (op == "Unsqueeze" || op == "Squeeze") {
    std::optional<llvm::SmallVector<int64_t>> axes = axesOf(node, in, 1);
    std::optional<Shape> shape =
        op == "Squeeze" ? squeezeShape(x.shape, *axes, error)
                        : unsqueezeShape(x.shape, *axes, error);
    if (!shape || (op == "Unsqueeze" && axes->empty()))
      return std::nullopt;
    return one(reshaped(x, *shape));
  }
  if (op == "Reshape" && in.size() >= 2 && in[1]) {
    std::optional<Shape> shape = reshapeShape(
        x.shape, in[1]->toInts(), getIntAttr(node, "allowzero", 0) != 0, error);
    if (!shape)
      return std::nullopt;
    return one(reshaped(x, *shape));
  }
  if (op == "Flatten") {
    std::optional<int64_t> axis = normalizeFlattenAxis(
        getIntAttr(node, "axis", 1), int64_t(x.shape.size()));
    if (!axis)
      return std::nullopt;
    int64_t outer = numElements(llvm::ArrayRef(x.shape).take_front(*axis));
    return one(reshaped(x, {outer, x.size() / std::max<int64_t>(outer, 1)}));
  }
  if (op == "Expand" && in.size() >= 2 && in[1]) {
    std::optional<Shape> shape =
        broadcastShape(x.shape, in[1]->toInts(), error);
    if (!shape)
      return std::nullopt;
    ConstValue target = makeLike(x.kind, *shape);
    const ConstValue *args[] = {&x, &target};
    // Broadcasting `x` against a tensor of the target shape; the second
    // operand's values are ignored.
    return one(elementwise(
        args, x.kind, [](llvm::ArrayRef<int64_t> v) { return v[0]; },
        [](llvm::ArrayRef<double> v) { return v[0]; }));
  }
  if (op == "Cast")
    return one(foldCast(node, x));
  if (op == "Transpose")
    return one(foldTranspose(node, x));
  if (op == "Slice")
    return one(foldSlice(x, in));
  if (op == "ConstantOfShape")
    return one(foldConstantOfShape(node, x));
  if (op == "Range" && in.size() == 3 && in[1] && in[2])
    return one(foldRange(x, *in[1], *in[2]));
  if (op == "ReduceProd")
    return one(foldReduceProd(node, in));

  if (op == "Add")
    return binaryInts([](int64_t a, int64_t b) { return a + b; },
                      [](double a, double b) { return a + b; });
  if (op == "Sub")
    return binaryInts([](int64_t a, int64_t b) { return a - b; },
                      [](double a, double b) { return a - b; });
  if (op == "Mul")
    return binaryInts([](int64_t a, int64_t b) { return a * b; },
                      [](double a, double b) { return a * b; });
  if (op == "Div") {
    if (!x.isFloat() && in.size() >= 2 && in[1])
      for (int64_t v : in[1]->ints)
        if (v == 0)
          return std::nullopt;
    return binaryInts(intDiv, [](double a, double b) { return a / b; });
  }
  if (op == "Pow" && in.size() >= 2 && in[1] && x.isFloat())
    return binaryInts([](int64_t a, int64_t b) { return a; },
                      [](double a, double b) { return std::pow(a, b); });
  if (op == "Equal")
    return binaryInts([](int64_t a, int64_t b) { return int64_t(a == b); },
                      [](double a, double b) { return double(a == b); },
                      ElemKind::I1);
  if (op == "Less")
    return binaryInts([](int64_t a, int64_t b) { return int64_t(a < b); },
                      [](double a, double b) { return double(a < b); },
                      ElemKind::I1);
  if (op == "LessOrEqual")
    return binaryInts([](int64_t a, int64_t b) { return int64_t(a <= b); },
                      [](double a, double b) { return double(a <= b); },
                      ElemKind::I1);
  if (op == "Greater")
    return binaryInts([](int64_t a, int64_t b) { return int64_t(a > b); },
                      [](double a, double b) { return double(a > b); },
                      ElemKind::I1);
  if (op == "GreaterOrEqual")
    return binaryInts([](int64_t a, int64_t b) { return int64_t(a >= b); },
                      [](double a, double b) { return double(a >= b); },
                      ElemKind::I1);
  if (op == "And")
    return binaryInts([](int64_t a, int64_t b) { return int64_t(a && b); },
                      [](double a, double b) { return double(a && b); });
  if (op == "Or")
    return binaryInts([](int64_t a, int64_t b) { return int64_t(a || b); },
                      [](double a, double b) { return double(a || b); });
  if ((op == "Min" || op == "Max") && in.size() >= 1) {
    ConstValue acc = x;
    bool isMax = op == "Max";
    for (const ConstValue *v : in.drop_front()) {
      if (!v || v->kind != acc.kind)
        return std::nullopt;
      const ConstValue *args[] = {&acc, v};
      std::optional<ConstValue> r = elementwise(
          args, std::nullopt,
          [&](llvm::ArrayRef<int64_t> a) {
            return isMax ? std::max(a[0], a[1]) : std::min(a[0], a[1]);
          },
          [&](llvm::ArrayRef<double> a) {
            return isMax ? std::max(a[0], a[1]) : std::min(a[0], a[1]);
          });
      if (!r)
        return std::nullopt;
      acc = std::move(*r);
    }
    return one(acc);
  }
  if (op == "Where" && in.size() == 3 && in[1] && in[2]) {
    if (x.kind != ElemKind::I1 || in[1]->kind != in[2]->kind)
      return std::nullopt;
    return one(elementwise(
        in, in[1]->kind,
        [](llvm::ArrayRef<int64_t> v) { return v[0] ? v[1] : v[2]; },
        [](llvm::ArrayRef<double> v) { return v[0] != 0 ? v[1] : v[2]; }));
  }
  if (op == "Not" && x.kind == ElemKind::I1)
    return unary([](int64_t a) { return int64_t(!a); },
                 [](double a) { return double(a == 0); });
  if (op == "Neg")
    return unary([](int64_t a) { return -a; }, [](double a) { return -a; });
  if (op == "Abs")
    return unary([](int64_t a) { return a < 0 ? -a : a; },
                 [](double a) { return std::fabs(a); });
  if (op == "Floor")
    return unary([](int64_t a) { return a; },
                 [](double a) { return std::floor(a); });
  if (op == "Ceil")
    return unary([](int64_t a) { return a; },
                 [](double a) { return std::ceil(a); });
  if (op == "Sqrt" && x.isFloat())
    return unary([](int64_t a) { return a; },
                 [](double a) { return double(std::sqrt(float(a))); });
  return std::nullopt;
}

} // namespace accel::onnx_import
