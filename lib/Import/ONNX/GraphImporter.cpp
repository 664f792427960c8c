//===- GraphImporter.cpp - ONNX graph to func.func of dataflow ops --------===//
//
// Walks the (checked, converted, shape-inferred) graph in node order. Values
// known at import time are kept as ConstValues and only materialised as
// `dataflow.constant` when an op needs them, which is what folds the shape
// subgraphs of exported models away. Large weights become dense_resource
// blobs that take over the bytes the loader set aside, without a copy.
//
//===----------------------------------------------------------------------===//

#include "GraphImporter.h"
#include "ModelLoader.h"
#include "NodeImporter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace accel::onnx_import {
namespace {

/// Everything known about one ONNX value name.
struct Slot {
  Value value;
  std::optional<ConstValue> constant;
  /// An initializer whose bytes are in the WeightStore (`bytes` stays valid
  /// after the blob takes them over).
  const onnx::TensorProto *weight = nullptr;
  const std::string *bytes = nullptr;
  /// Why an initializer cannot be used (unsupported element type, bad data).
  std::string error;
  LocationAttr loc;
};

std::string blobName(StringRef name) {
  std::string out;
  for (char c : name)
    out += (llvm::isAlnum(c) || c == '_' || c == '.') ? c : '_';
  if (out.empty() || llvm::isDigit(out.front()))
    out.insert(out.begin(), '_');
  return out;
}

class GraphImporterImpl final : public NodeImporter {
public:
  GraphImporterImpl(MLIRContext *context, LoadedModel &model)
      : NodeImporter(context), model(model) {
    graphProto = &model.model.graph();
  }

  OwningOpRef<ModuleOp> run();

  FailureOr<Value> input(int i) override;
  const ConstValue *constInput(int i) override;
  std::optional<std::vector<float>> floatData(int i) override;
  void setOutput(int i, Value value) override;
  void setOutputConst(int i, ConstValue value) override;
  std::optional<Shape> inferredOutputShape(int i) override;
  LogicalResult inlineGraph(const onnx::GraphProto &graph) override;
  Value materialize(const ConstValue &value, StringRef name) override;

private:
  Location nodeLoc(const onnx::NodeProto &node, StringRef name, int index);
  FailureOr<Value> valueOf(StringRef name);
  std::optional<Shape> knownShape(StringRef name);
  /// `name` names an unnamed node (default `<OpType>_<index>`); `index` is
  /// its top-level node's, for the location.
  LogicalResult importNode(const onnx::NodeProto &node, int index,
                           StringRef name = "");
  bool tryFold(const onnx::NodeProto &node);
  LogicalResult checkOutputs(const onnx::NodeProto &node);
  void wrapNarrowIntegers(const onnx::NodeProto &node);
  Value materializeWeight(Slot &slot, StringRef name);
  LogicalResult addInputs(func::FuncOp func);
  Value castToDeclared(Value value, const onnx::ValueInfoProto &out);

  /// The slot for `name`, following Identity aliases; null if unknown.
  Slot *lookup(StringRef name);

  LoadedModel &model;
  llvm::StringMap<Slot> values;
  /// Identity outputs of not yet materialised values, so a weight forwarded
  /// by Identity stays one lazily created constant.
  llvm::StringMap<std::string> aliases;
  llvm::StringMap<const onnx::TypeProto *> inferredTypes;
};

Location GraphImporterImpl::nodeLoc(const onnx::NodeProto &node, StringRef name,
                                    int index) {
  MLIRContext *ctx = context();
  return FusedLoc::get(
      ctx,
      {NameLoc::get(StringAttr::get(ctx, name)),
       FileLineColLoc::get(ctx, model.fileName, unsigned(index + 1), 1)},
      StringAttr::get(ctx, node.op_type()));
}

Value GraphImporterImpl::materialize(const ConstValue &v, StringRef name) {
  auto type = RankedTensorType::get(v.shape, mlirTypeOf(v.kind, context()));
  ElementsAttr attr;
  switch (v.kind) {
  case ElemKind::F32: {
    bool splat = !v.floats.empty() &&
                 llvm::all_equal(ArrayRef<float>(v.floats));
    if (splat) {
      attr = DenseElementsAttr::get(type, v.floats.front());
    } else if (v.floats.size() > 16) {
      AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyInferAlign(
          ArrayRef<float>(v.floats));
      attr = DenseResourceElementsAttr::get(
          type, blobName(name.empty() ? "constant" : name), std::move(blob));
    } else {
      attr = DenseElementsAttr::get(type, ArrayRef<float>(v.floats));
    }
    break;
  }
  case ElemKind::I64:
    attr = DenseElementsAttr::get(type, ArrayRef<int64_t>(v.ints));
    break;
  case ElemKind::I32: {
    SmallVector<int32_t> ints(v.ints.begin(), v.ints.end());
    attr = DenseElementsAttr::get(type, ArrayRef<int32_t>(ints));
    break;
  }
  case ElemKind::I1: {
    SmallVector<bool> bits(v.ints.begin(), v.ints.end());
    attr = DenseElementsAttr::get(type, ArrayRef<bool>(bits));
    break;
  }
  }
  return dataflow::ConstantOp::create(b, currentLoc, type, attr).getResult();
}

Value GraphImporterImpl::materializeWeight(Slot &slot, StringRef name) {
  const onnx::TensorProto &t = *slot.weight;
  SmallVector<int64_t> shape(t.dims().begin(), t.dims().end());
  auto type = RankedTensorType::get(shape, b.getF32Type());
  std::unique_ptr<std::string> owned = std::move(model.weights.bytes[name]);
  std::string *raw = owned.release();
  AsmResourceBlob blob(
      ArrayRef<char>(raw->data(), raw->size()), alignof(float),
      [raw](void *, size_t, size_t) { delete raw; }, /*dataIsMutable=*/false);
  auto attr = DenseResourceElementsAttr::get(type, blobName(name),
                                             std::move(blob));
  return dataflow::ConstantOp::create(b, Location(slot.loc), type, attr)
      .getResult();
}

Slot *GraphImporterImpl::lookup(StringRef name) {
  auto alias = aliases.find(name);
  if (alias != aliases.end())
    name = alias->second;
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

FailureOr<Value> GraphImporterImpl::valueOf(StringRef name) {
  Slot *found = lookup(name);
  if (!found) {
    error() << "input '" << name
            << "' is not produced by any supported node or graph input";
    return failure();
  }
  Slot &slot = *found;
  auto alias = aliases.find(name);
  if (alias != aliases.end())
    name = alias->second;
  if (slot.value)
    return slot.value;
  if (!slot.error.empty()) {
    error() << slot.error;
    return failure();
  }
  if (slot.weight) {
    slot.value = materializeWeight(slot, name);
    return slot.value;
  }
  if (slot.constant) {
    Location saved = currentLoc;
    if (slot.loc)
      currentLoc = Location(slot.loc);
    slot.value = materialize(*slot.constant, name);
    currentLoc = saved;
    return slot.value;
  }
  error() << "input '" << name << "' has no value";
  return failure();
}

FailureOr<Value> GraphImporterImpl::input(int i) {
  if (!hasInput(i)) {
    error() << "missing required input " << i;
    return failure();
  }
  return valueOf(node().input(i));
}

const ConstValue *GraphImporterImpl::constInput(int i) {
  if (!hasInput(i))
    return nullptr;
  Slot *slot = lookup(node().input(i));
  if (!slot || !slot->constant)
    return nullptr;
  return &*slot->constant;
}

std::optional<std::vector<float>> GraphImporterImpl::floatData(int i) {
  if (!hasInput(i))
    return std::nullopt;
  Slot *found = lookup(node().input(i));
  if (!found)
    return std::nullopt;
  Slot &slot = *found;
  if (slot.constant && slot.constant->isFloat())
    return slot.constant->floats;
  if (slot.bytes) {
    std::vector<float> out(slot.bytes->size() / sizeof(float));
    std::memcpy(out.data(), slot.bytes->data(), out.size() * sizeof(float));
    return out;
  }
  return std::nullopt;
}

std::optional<Shape> GraphImporterImpl::knownShape(StringRef name) {
  Slot *found = lookup(name);
  if (!found)
    return std::nullopt;
  Slot &slot = *found;
  if (slot.value)
    return Shape(cast<RankedTensorType>(slot.value.getType()).getShape());
  if (slot.constant)
    return slot.constant->shape;
  if (slot.weight)
    return Shape(slot.weight->dims().begin(), slot.weight->dims().end());
  return std::nullopt;
}

void GraphImporterImpl::setOutput(int i, Value value) {
  if (!isOutputUsed(i))
    return;
  aliases.erase(node().output(i));
  Slot &slot = values[node().output(i)];
  slot = Slot();
  slot.value = value;
}

void GraphImporterImpl::setOutputConst(int i, ConstValue value) {
  if (!isOutputUsed(i))
    return;
  aliases.erase(node().output(i));
  Slot &slot = values[node().output(i)];
  slot = Slot();
  slot.constant = std::move(value);
  slot.loc = currentLoc;
}

std::optional<Shape> GraphImporterImpl::inferredOutputShape(int i) {
  if (!isOutputUsed(i))
    return std::nullopt;
  auto it = inferredTypes.find(node().output(i));
  if (it == inferredTypes.end() || !it->second->has_tensor_type() ||
      !it->second->tensor_type().has_shape())
    return std::nullopt;
  Shape shape;
  for (const auto &dim : it->second->tensor_type().shape().dim()) {
    if (!dim.has_dim_value() || dim.dim_value() < 0)
      return std::nullopt;
    shape.push_back(dim.dim_value());
  }
  return shape;
}

/// Evaluates the node at import time if it is a shape computation on known
/// values. Returns true when the outputs were set.
bool GraphImporterImpl::tryFold(const onnx::NodeProto &node) {
  StringRef op = node.op_type();
  if (!isFoldableOp(op) || node.output_size() != 1)
    return false;
  if (op == "Shape" || op == "Size") {
    if (!hasInput(0))
      return false;
    std::optional<Shape> shape = knownShape(node.input(0));
    if (!shape)
      return false;
    ConstValue v;
    v.kind = ElemKind::I64;
    if (op == "Size") {
      v.ints.push_back(numElements(*shape));
    } else {
      int64_t rank = shape->size();
      int64_t start = getIntAttr(node, "start", 0);
      int64_t end = getIntAttr(node, "end", rank);
      start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
      end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
      for (int64_t d = start; d < end; ++d)
        v.ints.push_back((*shape)[d]);
      v.shape.push_back(int64_t(v.ints.size()));
    }
    setOutputConst(0, std::move(v));
    return true;
  }
  SmallVector<const ConstValue *> inputs;
  for (int i = 0; i < node.input_size(); ++i) {
    if (node.input(i).empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    const ConstValue *v = constInput(i);
    if (!v)
      return false;
    inputs.push_back(v);
  }
  std::optional<SmallVector<ConstValue, 1>> folded = foldNode(node, inputs);
  if (!folded)
    return false;
  setOutputConst(0, std::move(folded->front()));
  return true;
}

LogicalResult GraphImporterImpl::checkOutputs(const onnx::NodeProto &node) {
  for (int i = 0; i < node.output_size(); ++i) {
    if (!isOutputUsed(i))
      continue;
    auto it = values.find(node.output(i));
    if (it == values.end() || !it->second.value)
      continue;
    std::optional<Shape> expected = inferredOutputShape(i);
    auto type = cast<RankedTensorType>(it->second.value.getType());
    if (expected && ArrayRef<int64_t>(*expected) != type.getShape()) {
      InFlightDiagnostic diag = error();
      diag << "output '" << node.output(i) << "' imported as " << type
           << " but ONNX shape inference gives shape [";
      llvm::interleaveComma(*expected, diag);
      diag << "]";
      return diag;
    }
  }
  return success();
}

LogicalResult GraphImporterImpl::importNode(const onnx::NodeProto &node,
                                            int index, StringRef name) {
  currentNode = &node;
  currentName = !name.empty() ? name.str()
                : node.name().empty()
                    ? node.op_type() + "_" + std::to_string(index)
                    : node.name();
  currentIndex = index;
  currentLoc = nodeLoc(node, currentName, index);
  if (node.op_type() == "Identity" && hasInput(0) && isOutputUsed(0)) {
    Slot *in = lookup(node.input(0));
    if (in && !in->value) {
      auto alias = aliases.find(node.input(0));
      aliases[node.output(0)] =
          alias != aliases.end() ? alias->second : node.input(0);
      return success();
    }
  }
  if (tryFold(node))
    return success();
  auto it = opHandlers().find(node.op_type());
  if (it == opHandlers().end())
    return error() << "unsupported op";
  if (failed(it->second(*this)))
    return failure();
  if (failed(checkOutputs(node)))
    return failure();
  wrapNarrowIntegers(node);
  return success();
}

LogicalResult GraphImporterImpl::inlineGraph(const onnx::GraphProto &graph) {
  const onnx::NodeProto &node = *currentNode;
  std::string scope = currentName;
  Location loc = currentLoc;
  int index = currentIndex;
  if (graph.output_size() != node.output_size())
    return error() << "its branch has " << graph.output_size()
                   << " outputs but the node has " << node.output_size();
  for (const onnx::TensorProto &t : graph.initializer()) {
    Slot &slot = values[t.name()];
    slot = Slot();
    slot.loc = loc;
    std::string why;
    if (std::optional<ConstValue> v = constFromTensor(t, why))
      slot.constant = std::move(*v);
    else
      slot.error = why;
  }
  for (int k = 0, e = graph.node_size(); k < e; ++k) {
    const onnx::NodeProto &inner = graph.node(k);
    std::string name =
        scope + "/" +
        (inner.name().empty() ? inner.op_type() + "_" + std::to_string(k)
                              : inner.name());
    if (failed(importNode(inner, index, name)))
      return failure();
  }
  currentNode = &node;
  currentName = scope;
  currentLoc = loc;
  currentIndex = index;
  for (int i = 0, e = node.output_size(); i < e; ++i) {
    if (node.output(i).empty())
      continue;
    std::string source = graph.output(i).name();
    auto alias = aliases.find(source);
    if (alias != aliases.end())
      source = alias->second;
    if (!values.count(source))
      return error() << "branch output '" << graph.output(i).name()
                     << "' has no value";
    values.erase(node.output(i));
    aliases[node.output(i)] = source;
  }
  return success();
}

/// Ops whose results stay in their operands' range, so a narrow integer result
/// needs no wrapping.
static bool preservesRange(StringRef op) {
  return llvm::is_contained(
      {"Identity", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten",
       "Slice", "Gather", "GatherElements", "Concat", "Split", "Expand", "Tile",
       "Max", "Min", "Where", "Cast", "CastLike", "Clip", "MaxPool", "ReduceMax",
       "ReduceMin", "Relu", "Dropout", "Mod"},
      op);
}

/// INT8/UINT8/INT16/UINT16/UINT32 values are computed in i32/i64; an op can
/// leave their range (200 + 100 for UINT8). Wrapping each such result through
/// its ONNX type gives the next op the value ONNX computes, so integer
/// division, Mod and comparisons after an overflow stay exact.
void GraphImporterImpl::wrapNarrowIntegers(const onnx::NodeProto &node) {
  if (preservesRange(node.op_type()))
    return;
  for (int i = 0; i < node.output_size(); ++i) {
    if (!isOutputUsed(i))
      continue;
    auto slot = values.find(node.output(i));
    auto inferred = inferredTypes.find(node.output(i));
    if (slot == values.end() || !slot->second.value ||
        inferred == inferredTypes.end() || !inferred->second->has_tensor_type())
      continue;
    int32_t onnxType = inferred->second->tensor_type().elem_type();
    // UINT64 in i64 keeps its bits: wrapping changes nothing.
    if (onnxType == onnx::TensorProto::UINT64)
      continue;
    Type storage = storageTypeOf(onnxType, context());
    std::optional<ElemKind> kind = elemKindOf(onnxType);
    Value value = slot->second.value;
    auto type = cast<RankedTensorType>(value.getType());
    if (!storage || !kind || !storage.isInteger() || storage.isInteger(1) ||
        storage == type.getElementType() ||
        type.getElementType() != mlirTypeOf(*kind, context()))
      continue;
    Value narrow =
        dataflow::CastOp::create(b, currentLoc, type.clone(storage), value);
    slot->second.value =
        dataflow::CastOp::create(b, currentLoc, type, narrow).getResult();
  }
}

LogicalResult GraphImporterImpl::addInputs(func::FuncOp func) {
  Block *body = &func.getBody().front();
  const onnx::GraphProto &graph = model.model.graph();
  unsigned argIndex = 0;
  for (const onnx::ValueInfoProto &in : graph.input()) {
    if (values.count(in.name()))
      continue; // an initializer listed as input (IR version < 4)
    Value arg = body->getArgument(argIndex);
    arg.setLoc(FusedLoc::get(
        context(),
        {NameLoc::get(StringAttr::get(context(), in.name())),
         FileLineColLoc::get(context(), model.fileName, 0, 0)},
        StringAttr::get(context(), "input")));
    func.setArgAttr(argIndex, "dataflow.name",
                    StringAttr::get(context(), in.name()));
    // A storage type becomes its compute type right at entry.
    auto type = cast<RankedTensorType>(arg.getType());
    Type compute = mlirTypeOf(*elemKindOf(in.type().tensor_type().elem_type()),
                              context());
    Value value = arg;
    if (type.getElementType() != compute)
      value = dataflow::CastOp::create(b, arg.getLoc(), type.clone(compute), arg)
                  .getResult();
    values[in.name()].value = value;
    ++argIndex;
  }
  return success();
}

/// Casts a graph output back from its compute type to the element type the
/// model declares for it.
Value GraphImporterImpl::castToDeclared(Value value,
                                        const onnx::ValueInfoProto &out) {
  int32_t declared = out.type().tensor_type().elem_type();
  Type storage = storageTypeOf(declared, context());
  auto type = cast<RankedTensorType>(value.getType());
  if (!storage || storage == type.getElementType() ||
      elemKindOf(declared) != elemKindOf(type.getElementType()))
    return value;
  // A value that was cast from the declared type (the entry cast of an input
  // returned unchanged, the round trip of a Cast or of a narrow integer wrap)
  // is returned as that value, without a lossy or redundant round trip.
  if (auto from = value.getDefiningOp<dataflow::CastOp>())
    if (from.getInput().getType() == type.clone(storage))
      return from.getInput();
  Location loc = FusedLoc::get(
      context(),
      {NameLoc::get(StringAttr::get(context(), out.name())),
       FileLineColLoc::get(context(), model.fileName, 0, 0)},
      StringAttr::get(context(), "output"));
  return dataflow::CastOp::create(b, loc, type.clone(storage), value)
      .getResult();
}

OwningOpRef<ModuleOp> GraphImporterImpl::run() {
  MLIRContext *ctx = context();
  const onnx::GraphProto &graph = model.model.graph();
  opsetVersion = model.opset;
  Location fileLoc = FileLineColLoc::get(ctx, model.fileName, 0, 0);

  for (const onnx::ValueInfoProto &vi : graph.value_info())
    inferredTypes[vi.name()] = &vi.type();
  for (const onnx::ValueInfoProto &vi : graph.output())
    inferredTypes[vi.name()] = &vi.type();

  for (const onnx::TensorProto &t : graph.initializer()) {
    Slot &slot = values[t.name()];
    slot.loc = FusedLoc::get(ctx, {NameLoc::get(StringAttr::get(ctx, t.name())),
                                   fileLoc},
                             StringAttr::get(ctx, "initializer"));
    auto stored = model.weights.bytes.find(t.name());
    if (stored != model.weights.bytes.end()) {
      slot.weight = &t;
      slot.bytes = stored->second.get();
      continue;
    }
    std::string why;
    if (std::optional<ConstValue> v = constFromTensor(t, why))
      slot.constant = std::move(*v);
    else
      slot.error = why;
  }

  // Argument types: the loader has made every input shape static.
  SmallVector<Type> argTypes;
  for (const onnx::ValueInfoProto &in : graph.input()) {
    if (values.count(in.name()))
      continue;
    const auto &tt = in.type().tensor_type();
    Type storage = storageTypeOf(tt.elem_type(), ctx);
    if (!storage) {
      emitError(fileLoc) << "graph input '" << in.name()
                         << "' has unsupported element type "
                         << dataTypeName(tt.elem_type())
                         << " (supported: the numeric types and bool)";
      return nullptr;
    }
    SmallVector<int64_t> shape;
    for (const auto &dim : tt.shape().dim())
      shape.push_back(dim.dim_value());
    argTypes.push_back(RankedTensorType::get(shape, storage));
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  StringRef stem = llvm::sys::path::stem(model.fileName);
  std::string modelName = stem.empty() || stem == "-" || stem == "<stdin>"
                              ? graph.name()
                              : stem.str();
  (*module)->setAttr("dataflow.model_name", StringAttr::get(ctx, modelName));
  b.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(b, fileLoc, "main",
                                   b.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToEnd(body);
  if (failed(addInputs(func)))
    return nullptr;

  for (int i = 0, e = graph.node_size(); i < e; ++i)
    if (failed(importNode(graph.node(i), i)))
      return nullptr;

  // Graph outputs; constants among them are materialised at the end.
  currentLoc = fileLoc;
  onnx::NodeProto outputNode;
  outputNode.set_op_type("graph");
  currentNode = &outputNode;
  currentName = "output";
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &out : graph.output()) {
    FailureOr<Value> v = valueOf(out.name());
    if (failed(v))
      return nullptr;
    results.push_back(castToDeclared(*v, out));
  }
  func::ReturnOp::create(b, fileLoc, results);
  func.setFunctionType(b.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, out] : llvm::enumerate(graph.output()))
    func.setResultAttr(unsigned(i), "dataflow.name",
                       StringAttr::get(ctx, out.name()));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

bool isSupportedOp(StringRef domain, StringRef opType) {
  if (!domain.empty() && domain != "ai.onnx")
    return false;
  return opHandlers().count(opType) != 0;
}

} // namespace

OwningOpRef<ModuleOp> importGraph(MLIRContext &context, LoadedModel &model) {
  GraphImporterImpl importer(&context, model);
  return importer.run();
}

OpSupportFn supportedOpPredicate() { return isSupportedOp; }

const HandlerMap &opHandlers() {
  static const HandlerMap map = [] {
    HandlerMap m;
    registerElementwiseHandlers(m);
    registerNNHandlers(m);
    registerShapeHandlers(m);
    registerReduceHandlers(m);
    registerDecomposedHandlers(m);
    registerRNNHandlers(m);
    registerControlFlowHandlers(m);
    return m;
  }();
  return map;
}

} // namespace accel::onnx_import

namespace accel {

void registerONNXImportDialects(DialectRegistry &registry) {
  registry.insert<dataflow::DataflowDialect, func::FuncDialect>();
}

static void loadImportDialects(MLIRContext &context) {
  DialectRegistry registry;
  registerONNXImportDialects(registry);
  context.appendDialectRegistry(registry);
  context.loadDialect<dataflow::DataflowDialect, func::FuncDialect>();
}

static OwningOpRef<ModuleOp> importParsed(onnx_import::LoadedModel &model,
                                          StringRef name, MLIRContext &context,
                                          const ONNXImportOptions &options,
                                          Location loc) {
  if (failed(onnx_import::prepareModel(name, options,
                                       onnx_import::supportedOpPredicate(), loc,
                                       model)))
    return nullptr;
  return onnx_import::importGraph(context, model);
}

OwningOpRef<ModuleOp> importONNXBuffer(StringRef buffer, StringRef bufferName,
                                       MLIRContext &context,
                                       const ONNXImportOptions &options) {
  loadImportDialects(context);
  Location loc = FileLineColLoc::get(&context, bufferName, 0, 0);
  onnx_import::LoadedModel model;
  if (failed(onnx_import::parseModelBuffer(buffer, bufferName, loc,
                                           model.model)))
    return nullptr;
  return importParsed(model, bufferName, context, options, loc);
}

OwningOpRef<ModuleOp> importONNXFile(StringRef path, MLIRContext &context,
                                     const ONNXImportOptions &options) {
  loadImportDialects(context);
  Location loc = FileLineColLoc::get(&context, path, 0, 0);
  onnx_import::LoadedModel model;
  if (failed(onnx_import::parseModelFile(path, loc, model.model)))
    return nullptr;
  ONNXImportOptions withPath = options;
  if (withPath.modelPath.empty())
    withPath.modelPath = path.str();
  // Locations and the model name use the file name without its directory, so the same
  // model gives the same bytes however its path is spelled (docs/schedule.md).
  return importParsed(model, llvm::sys::path::filename(path), context, withPath, loc);
}

} // namespace accel
