//===- ScheduleEmitter.cpp - MLIR to .accel schedule ----------------------===//
//
// Walks the host function of a lowered module and fills a ScheduleWriter (the generic,
// MLIR-free writer of lib/Schedule). Host instructions are generic over ops: an
// instruction is the op name without its dialect prefix plus the op's inherent
// attributes by name (docs/dialect.md is the contract the runtime kernels read), so a new
// dataflow op needs no emitter change. Device launches are handed to the target's
// DeviceSegmentEmitter; consecutive launches form one device segment.
//
// Memory: weights are copied exactly once, from the MLIR resource blobs straight into the
// FlatBuffers buffer, which is sized up front so it never regrows while copying.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/Schedule/ScheduleEmitter.h"

#include "accel/Target/Schedule/DeviceSegmentEmitter.h"

#include "accel/Analysis/Flops.h"
#include "accel/Dialect/Dataflow/IR/Dataflow.h"
#include "accel/Dialect/Host/IR/Host.h"
#include "accel/Schedule/Schedule_generated.h"
#include "accel/Support/SourceNode.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace mlir;
namespace fbs = accel::schedule;
using fbs::AttrRecord;
using fbs::InstructionRecord;
using fbs::TensorRecord;

namespace {

/// FlatBuffers offsets are 32-bit, so a schedule, weights included, stays under 2 GiB;
/// this much of that is kept for the tables.
constexpr uint64_t kScheduleTableReserve = 64u << 20;

/// The attribute of AttrSizedOperandSegments ops: operands per ODS operand.
constexpr llvm::StringLiteral kOperandSegmentSizes = "operandSegmentSizes";

/// Operand count of ops whose trailing operands are optional: absent ones are written as
/// -1 so the runtime sees a fixed arity (Schedule.fbs, HostInstruction.inputs).
unsigned fixedArity(StringRef kernel) {
  if (kernel == "conv" || kernel == "conv_transpose" || kernel == "layer_norm")
    return 3;
  return 0;
}

/// Bytes of one constant: either borrowed from an MLIR resource blob / dense attribute or
/// materialised (i1 and splat attributes, whose storage differs from the runtime's).
struct ConstantBytes {
  ArrayRef<char> borrowed;
  std::vector<char> owned;
  /// The resource the borrowed bytes live in, so it can be released once copied.
  DialectResourceBlobManager::BlobEntry *resource = nullptr;
  ArrayRef<char> data() const {
    return owned.empty() ? borrowed : ArrayRef<char>(owned.data(), owned.size());
  }
};

FailureOr<fbs::DType> toDType(Type type, Location loc) {
  if (type.isF32())
    return fbs::DType::F32;
  if (type.isF64())
    return fbs::DType::F64;
  if (type.isF16())
    return fbs::DType::F16;
  if (type.isBF16())
    return fbs::DType::BF16;
  if (type.isInteger(1))
    return fbs::DType::Bool;
  // Signless integers are signed (ONNX INT8..INT64); `ui*` are ONNX UINT*.
  if (auto intType = dyn_cast<IntegerType>(type)) {
    bool isUnsigned = intType.isUnsigned();
    switch (intType.getWidth()) {
    case 8:
      return isUnsigned ? fbs::DType::U8 : fbs::DType::I8;
    case 16:
      return isUnsigned ? fbs::DType::U16 : fbs::DType::I16;
    case 32:
      return isUnsigned ? fbs::DType::U32 : fbs::DType::I32;
    case 64:
      return isUnsigned ? fbs::DType::U64 : fbs::DType::I64;
    default:
      break;
    }
  }
  return emitError(loc, "element type ") << type << " cannot be stored in a schedule";
}

std::string printLocation(Location loc) {
  std::string text;
  llvm::raw_string_ostream os(text);
  loc.print(os);
  return text;
}

class ScheduleCollector {
public:
  ScheduleCollector(const accel::EmitScheduleOptions &options,
                    accel::DeviceSegmentEmitter *deviceEmitter)
      : options(options), deviceEmitter(deviceEmitter) {}
  LogicalResult collect(ModuleOp module);
  void write(llvm::raw_ostream &os);

private:
  FailureOr<int32_t> addTensor(Value value, std::string name, fbs::TensorKind kind,
                               Location loc);
  FailureOr<int32_t> tensorFor(Value value, Operation *user);
  LogicalResult addConstant(Operation *op);
  LogicalResult addInstruction(Operation *op);
  // A dataflow.fused op: its anchor's kernel with the epilogue attributes.
  LogicalResult addFusedInstruction(accel::dataflow::FusedOp fused);
  // Names, results, inherent attributes of `attrSource` and FLOPs of `op`.
  LogicalResult finishInstruction(Operation *op, Operation *attrSource,
                                  InstructionRecord &inst);
  LogicalResult addLaunch(Operation *op);
  void closeSegment();
  LogicalResult addOutputs(func::FuncOp func, func::ReturnOp ret);
  LogicalResult collectFunction(func::FuncOp func);
  FailureOr<AttrRecord> convertAttr(NamedAttribute attr, Operation *op);
  std::string uniqueName(std::string base);

  accel::EmitScheduleOptions options;
  accel::DeviceSegmentEmitter *deviceEmitter;
  fbs::ScheduleWriter writer;
  std::string modelName;
  std::vector<TensorRecord> &tensors = writer.tensors;
  std::vector<ConstantBytes> constantData; // parallel to constantTensorIds
  std::vector<int32_t> constantTensorIds;
  // The segment being filled: host instructions or device launches.
  std::vector<InstructionRecord> instructions;
  bool deviceSegmentOpen = false;
  std::vector<int32_t> deviceReads, deviceWrites;
  unsigned hostSegments = 0, deviceSegments = 0;
  std::vector<int32_t> &inputs = writer.inputs, &outputs = writer.outputs;
  llvm::DenseMap<Value, int32_t> valueIds;
  llvm::DenseMap<Attribute, int32_t> constantIds; // identical constants are stored once
  llvm::StringMap<unsigned> nameUses;
  uint64_t constantsSize = 0;
};

std::string ScheduleCollector::uniqueName(std::string base) {
  if (base.empty())
    base = "tensor";
  unsigned &uses = nameUses[base];
  std::string name = uses == 0 ? base : base + "#" + std::to_string(uses);
  ++uses;
  // A generated "x#1" may itself collide with a later base name "x#1": keep going.
  while (name != base && nameUses.count(name))
    name = base + "#" + std::to_string(uses++);
  if (name != base)
    nameUses[name] = 1;
  return name;
}

FailureOr<int32_t> ScheduleCollector::addTensor(Value value, std::string name,
                                             fbs::TensorKind kind, Location loc) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return emitError(loc, "value of type ")
           << value.getType() << " has no static shape; schedules need static shapes";
  FailureOr<fbs::DType> dtype = toDType(type.getElementType(), loc);
  if (failed(dtype))
    return failure();
  TensorRecord record;
  record.name = uniqueName(std::move(name));
  record.dtype = *dtype;
  record.shape.assign(type.getShape().begin(), type.getShape().end());
  record.kind = kind;
  tensors.push_back(std::move(record));
  int32_t id = static_cast<int32_t>(tensors.size() - 1);
  valueIds[value] = id;
  return id;
}

FailureOr<int32_t> ScheduleCollector::tensorFor(Value value, Operation *user) {
  auto it = valueIds.find(value);
  if (it == valueIds.end())
    return user->emitError("operand is not produced by an op the schedule can express");
  return it->second;
}

LogicalResult ScheduleCollector::addConstant(Operation *op) {
  auto value = op->getAttrOfType<ElementsAttr>("value");
  if (!value)
    return op->emitError("constant without an elements 'value' attribute");
  auto known = constantIds.find(value);
  if (known != constantIds.end()) {
    valueIds[op->getResult(0)] = known->second;
    return success();
  }

  FailureOr<int32_t> id =
      addTensor(op->getResult(0), "const", fbs::TensorKind::Constant, op->getLoc());
  if (failed(id))
    return failure();
  std::string node = accel::describeSourceNode(op->getLoc()).node;
  if (!node.empty())
    tensors[*id].name = uniqueName(node + ".const");

  // The size check comes before any bytes are gathered: a splat constant is stored
  // compactly in MLIR but would be expanded here.
  auto type = cast<ShapedType>(value.getType());
  uint64_t expected =
      static_cast<uint64_t>(type.getNumElements()) * fbs::elementBytes(tensors[*id].dtype);
  uint64_t offset = fbs::alignUp(constantsSize, fbs::kConstantAlignment);
  if (offset + expected + kScheduleTableReserve >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return op->emitError("the model's constants need more than ")
           << (offset + expected) << " bytes; a schedule holds at most 2 GiB";

  ConstantBytes bytes;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return op->emitError("constant refers to resource '")
             << resource.getRawHandle().getKey()
             << "' whose data is missing (was the file's dialect_resources section "
                "dropped?)";
    bytes.borrowed = blob->getData();
    bytes.resource = resource.getRawHandle().getResource();
  } else if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    if (type.getElementType().isInteger(1)) {
      for (bool b : dense.getValues<bool>())
        bytes.owned.push_back(b ? 1 : 0);
    } else if (dense.isSplat()) {
      ArrayRef<char> one = dense.getRawData();
      bytes.owned.reserve(expected);
      for (int64_t i = 0, e = type.getNumElements(); i < e; ++i)
        bytes.owned.insert(bytes.owned.end(), one.begin(), one.end());
    } else {
      bytes.borrowed = dense.getRawData();
    }
  } else {
    return op->emitError("constant attribute kind is not supported by the schedule: ")
           << value;
  }
  if (bytes.data().size() != expected)
    return op->emitError("constant holds ")
           << bytes.data().size() << " bytes but its type " << type << " needs " << expected;

  tensors[*id].constOffset = offset;
  tensors[*id].constSize = expected;
  constantsSize = offset + expected;
  constantData.push_back(std::move(bytes));
  constantTensorIds.push_back(*id);
  constantIds[value] = *id;
  return success();
}

FailureOr<AttrRecord> ScheduleCollector::convertAttr(NamedAttribute attr, Operation *op) {
  AttrRecord record;
  record.name = attr.getName().str();
  Attribute value = attr.getValue();
  if (std::optional<StringRef> kind = accel::dataflow::stringifyDataflowEnum(value)) {
    record.kind = fbs::AttrKind::String;
    record.s = kind->str();
  } else if (auto b = dyn_cast<BoolAttr>(value)) {
    record.kind = fbs::AttrKind::Int;
    record.i = b.getValue() ? 1 : 0;
  } else if (auto i = dyn_cast<IntegerAttr>(value)) {
    record.kind = fbs::AttrKind::Int;
    record.i = i.getInt();
  } else if (auto f = dyn_cast<FloatAttr>(value)) {
    record.kind = fbs::AttrKind::Float;
    record.f = f.getValueAsDouble();
  } else if (auto ints = dyn_cast<DenseI64ArrayAttr>(value)) {
    record.kind = fbs::AttrKind::Ints;
    record.ints.assign(ints.asArrayRef().begin(), ints.asArrayRef().end());
  } else if (auto floats = dyn_cast<DenseF32ArrayAttr>(value)) {
    record.kind = fbs::AttrKind::Floats;
    record.floats.assign(floats.asArrayRef().begin(), floats.asArrayRef().end());
  } else if (auto str = dyn_cast<StringAttr>(value)) {
    record.kind = fbs::AttrKind::String;
    record.s = str.str();
  } else if (auto list = dyn_cast<ArrayAttr>(value);
             list && llvm::all_of(list, [](Attribute a) {
               return accel::dataflow::stringifyDataflowEnum(a).has_value();
             })) {
    // A list of enum cases (a recurrent op's activations): names joined by ','.
    record.kind = fbs::AttrKind::String;
    llvm::raw_string_ostream os(record.s);
    llvm::interleave(
        list, os,
        [&](Attribute a) { os << *accel::dataflow::stringifyDataflowEnum(a); }, ",");
  } else {
    return op->emitError("attribute '")
           << attr.getName() << "' (" << value << ") cannot be stored in a schedule";
  }
  return record;
}

LogicalResult ScheduleCollector::addInstruction(Operation *op) {
  if (deviceSegmentOpen)
    closeSegment();
  InstructionRecord inst;
  StringRef name = op->getName().getStringRef();
  if (!name.consume_front("dataflow."))
    return op->emitError("op '") << op->getName() << "' has no host kernel";
  inst.kernel = name.str();
  // Ops with several optional operands (AttrSizedOperandSegments) keep every
  // operand at its position: an absent one is written as -1.
  SmallVector<int32_t> segmentSizes = {int32_t(op->getNumOperands())};
  if (auto segments = op->getAttrOfType<DenseI32ArrayAttr>(kOperandSegmentSizes))
    segmentSizes.assign(segments.asArrayRef().begin(), segments.asArrayRef().end());
  unsigned next = 0;
  for (int32_t size : segmentSizes) {
    if (size == 0)
      inst.inputs.push_back(-1);
    for (int32_t k = 0; k < size; ++k) {
      FailureOr<int32_t> id = tensorFor(op->getOperand(next++), op);
      if (failed(id))
        return failure();
      inst.inputs.push_back(*id);
    }
  }
  while (!inst.inputs.empty() && inst.inputs.back() == -1)
    inst.inputs.pop_back();
  while (inst.inputs.size() < fixedArity(inst.kernel))
    inst.inputs.push_back(-1);
  return finishInstruction(op, op, inst);
}

LogicalResult ScheduleCollector::addFusedInstruction(accel::dataflow::FusedOp fused) {
  if (deviceSegmentOpen)
    closeSegment();
  InstructionRecord inst;
  Operation *anchor = fused.getAnchor();
  StringRef name = anchor->getName().getStringRef();
  name.consume_front("dataflow.");
  inst.kernel = name.str();
  // Body arguments stand for the fused op's operands.
  auto inputFor = [&](Value v) -> FailureOr<int32_t> {
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg || arg.getOwner() != &fused.getBody().front())
      return fused.emitOpError("operand of the fused body is not a body argument");
    return tensorFor(fused.getInputs()[arg.getArgNumber()], fused);
  };
  for (Value operand : anchor->getOperands()) {
    FailureOr<int32_t> id = inputFor(operand);
    if (failed(id))
      return failure();
    inst.inputs.push_back(*id);
  }
  while (inst.inputs.size() < fixedArity(inst.kernel))
    inst.inputs.push_back(-1);

  // The epilogue, in the encoding lib/Runtime/Kernels/Epilogue.h reads.
  std::string kinds;
  std::vector<int64_t> stepInputs;
  std::vector<double> alphas, betas;
  Value chain = anchor->getResult(0);
  for (Operation *op = anchor->getNextNode(); op && !isa<accel::dataflow::YieldOp>(op);
       op = op->getNextNode()) {
    std::string kind;
    int64_t input = -1;
    double alpha = 0, beta = 0;
    if (accel::dataflow::isSiluPair(op, op->getNextNode(), chain)) {
      kind = "silu";
      op = op->getNextNode();
    } else if (auto unary = dyn_cast<accel::dataflow::UnaryOp>(op)) {
      kind = accel::dataflow::stringifyEnum(unary.getKind()).str();
      alpha = unary.getAlpha().convertToFloat();
      beta = unary.getBeta().convertToFloat();
    } else if (auto clamp = dyn_cast<accel::dataflow::ClampOp>(op)) {
      kind = "clamp";
      alpha = clamp.getMin().convertToFloat();
      beta = clamp.getMax().convertToFloat();
    } else if (auto binary = dyn_cast<accel::dataflow::BinaryOp>(op)) {
      kind = accel::dataflow::stringifyEnum(binary.getKind()).str();
      Value other = binary.getLhs() == chain ? binary.getRhs() : binary.getLhs();
      FailureOr<int32_t> id = inputFor(other);
      if (failed(id))
        return failure();
      input = static_cast<int64_t>(inst.inputs.size());
      inst.inputs.push_back(*id);
    } else {
      return op->emitOpError("has no host epilogue");
    }
    kinds += (kinds.empty() ? "" : ",") + kind;
    stepInputs.push_back(input);
    alphas.push_back(alpha);
    betas.push_back(beta);
    chain = op->getResult(0);
  }
  if (failed(finishInstruction(fused, anchor, inst)))
    return failure();
  auto addAttr = [&](const char *name, fbs::AttrKind kind) -> AttrRecord & {
    AttrRecord &record = instructions.back().attrs.emplace_back();
    record.name = name;
    record.kind = kind;
    return record;
  };
  addAttr("epilogue", fbs::AttrKind::String).s = kinds;
  addAttr("epilogue_inputs", fbs::AttrKind::Ints).ints = stepInputs;
  addAttr("epilogue_alpha", fbs::AttrKind::Floats).floats = alphas;
  addAttr("epilogue_beta", fbs::AttrKind::Floats).floats = betas;
  return success();
}

LogicalResult ScheduleCollector::finishInstruction(Operation *op, Operation *attrSource,
                                                   InstructionRecord &inst) {
  accel::SourceNode source = accel::describeSourceNode(op->getLoc());
  inst.node = source.node;
  inst.opType = source.opType;
  inst.locText = printLocation(op->getLoc());
  std::string base = inst.node.empty() ? inst.kernel : inst.node;
  for (OpResult result : op->getResults()) {
    std::string resultName =
        op->getNumResults() == 1 ? base : base + ":" + std::to_string(result.getResultNumber());
    FailureOr<int32_t> id =
        addTensor(result, resultName, fbs::TensorKind::Intermediate, op->getLoc());
    if (failed(id))
      return failure();
    inst.outputs.push_back(*id);
  }
  // Inherent attributes only: discardable ones (`dialect.name`) are annotations for
  // passes, not kernel parameters.
  for (NamedAttribute attr : attrSource->getAttrs()) {
    if (attr.getName().getValue().contains('.') ||
        attr.getName() == kOperandSegmentSizes)
      continue;
    FailureOr<AttrRecord> record = convertAttr(attr, op);
    if (failed(record))
      return failure();
    inst.attrs.push_back(std::move(*record));
  }
  inst.flops = accel::estimateFlops(op);
  instructions.push_back(std::move(inst));
  return success();
}

LogicalResult ScheduleCollector::addOutputs(func::FuncOp func, func::ReturnOp ret) {
  for (auto [index, value] : llvm::enumerate(ret.getOperands())) {
    std::string name = "output_" + std::to_string(index);
    if (auto attr = func.getResultAttrOfType<StringAttr>(index, "dataflow.name"))
      name = attr.str();
    FailureOr<int32_t> source = tensorFor(value, ret);
    if (failed(source))
      return failure();
    TensorRecord &record = tensors[*source];
    if (record.kind == fbs::TensorKind::Intermediate) {
      // The producing op writes the output directly.
      record.kind = fbs::TensorKind::Output;
      nameUses.erase(record.name);
      record.name = uniqueName(name);
      outputs.push_back(*source);
      continue;
    }
    // An input, a constant or an already-returned value: the output is a copy of it, made
    // by a same-shape reshape (a byte copy for every element type).
    if (deviceSegmentOpen)
      closeSegment();
    TensorRecord copy = record;
    copy.name = uniqueName(name);
    copy.kind = fbs::TensorKind::Output;
    copy.constOffset = copy.constSize = 0;
    tensors.push_back(std::move(copy));
    int32_t id = static_cast<int32_t>(tensors.size() - 1);
    InstructionRecord inst;
    inst.kernel = "reshape";
    inst.inputs = {*source};
    inst.outputs = {id};
    inst.node = name;
    inst.opType = "Identity";
    inst.locText = printLocation(ret.getLoc());
    instructions.push_back(std::move(inst));
    outputs.push_back(id);
  }
  return success();
}

LogicalResult ScheduleCollector::collect(ModuleOp module) {
  if (auto name = module->getAttrOfType<StringAttr>("dataflow.model_name"))
    modelName = name.str();
  SmallVector<accel::host::ProgramOp> programs(module.getOps<accel::host::ProgramOp>());
  if (programs.empty())
    return module.emitError("the module is not lowered to a target: no host.program found; "
                            "run `accel-opt --lower-to-host` first");
  if (programs.size() > 1)
    return programs[1].emitError("a schedule holds one host.program, found ")
           << programs.size();
  func::FuncOp func = programs.front().getEntry();
  if (!func)
    return programs.front().emitError("host.program has no function");
  writer.modelName = modelName;
  if (deviceEmitter && failed(deviceEmitter->describeDevice(module, writer.device)))
    return failure();
  if (!deviceEmitter)
    writer.device.preset = programs.front().getPreset().str();
  if (failed(collectFunction(func)))
    return failure();
  closeSegment();
  return success();
}

/// Ends the open segment (host instructions or device launches), if it has anything.
void ScheduleCollector::closeSegment() {
  if (deviceSegmentOpen) {
    fbs::SegmentRecord segment;
    segment.name = "device" + (deviceSegments ? "#" + std::to_string(deviceSegments) : "");
    ++deviceSegments;
    segment.reads = std::move(deviceReads);
    segment.writes = std::move(deviceWrites);
    deviceEmitter->finishSegment(segment);
    writer.segments.push_back(std::move(segment));
    deviceSegmentOpen = false;
    deviceReads.clear();
    deviceWrites.clear();
    return;
  }
  // A host-only schedule always has its one host segment, even when it is empty.
  if (instructions.empty() && !(writer.segments.empty() && !deviceEmitter))
    return;
  fbs::SegmentRecord segment;
  segment.name = "host" + (hostSegments ? "#" + std::to_string(hostSegments) : "");
  ++hostSegments;
  segment.instructions = std::move(instructions);
  instructions.clear();
  writer.segments.push_back(std::move(segment));
}

LogicalResult ScheduleCollector::addLaunch(Operation *op) {
  if (!deviceSegmentOpen) {
    closeSegment();
    deviceSegmentOpen = true;
  }
  SmallVector<int32_t> operandIds, resultIds;
  for (Value operand : op->getOperands()) {
    FailureOr<int32_t> id = tensorFor(operand, op);
    if (failed(id))
      return failure();
    operandIds.push_back(*id);
    if (tensors[*id].kind != fbs::TensorKind::Constant &&
        !llvm::is_contained(deviceReads, *id) && !llvm::is_contained(deviceWrites, *id))
      deviceReads.push_back(*id);
  }
  accel::SourceNode source = accel::describeSourceNode(op->getLoc());
  std::string base = source.node.empty() ? "device" : source.node;
  for (OpResult result : op->getResults()) {
    std::string resultName =
        op->getNumResults() == 1 ? base : base + ":" + std::to_string(result.getResultNumber());
    FailureOr<int32_t> id =
        addTensor(result, resultName, fbs::TensorKind::Intermediate, op->getLoc());
    if (failed(id))
      return failure();
    resultIds.push_back(*id);
    deviceWrites.push_back(*id);
  }
  // Constants the device reads are resident with its program; list them too so the
  // runtime hands the simulator their data.
  for (int32_t id : operandIds)
    if (tensors[id].kind == fbs::TensorKind::Constant && !llvm::is_contained(deviceReads, id))
      deviceReads.push_back(id);
  return deviceEmitter->addLaunch(op, operandIds, resultIds);
}

LogicalResult ScheduleCollector::collectFunction(func::FuncOp func) {

  for (BlockArgument arg : func.getArguments()) {
    std::string name = "input_" + std::to_string(arg.getArgNumber());
    if (auto attr = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "dataflow.name"))
      name = attr.str();
    FailureOr<int32_t> id = addTensor(arg, name, fbs::TensorKind::Input, func.getLoc());
    if (failed(id))
      return failure();
    inputs.push_back(*id);
  }
  for (Operation &op : func.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      if (failed(addOutputs(func, ret)))
        return failure();
      continue;
    }
    if (op.getName().getStringRef() == "dataflow.constant") {
      if (failed(addConstant(&op)))
        return failure();
      continue;
    }
    if (deviceEmitter && deviceEmitter->isLaunch(&op)) {
      if (failed(addLaunch(&op)))
        return failure();
      continue;
    }
    if (auto fused = dyn_cast<accel::dataflow::FusedOp>(op)) {
      if (failed(addFusedInstruction(fused)))
        return failure();
      continue;
    }
    if (failed(addInstruction(&op)))
      return failure();
  }
  return success();
}

void ScheduleCollector::write(llvm::raw_ostream &os) {
  // With releaseConstants, a resource is freed as soon as its last user is copied, so the
  // weights are held about once, not twice, while the schedule is built.
  llvm::DenseMap<DialectResourceBlobManager::BlobEntry *, unsigned> pendingUses;
  for (const ConstantBytes &bytes : constantData)
    if (bytes.resource)
      ++pendingUses[bytes.resource];
  writer.constantsSize = constantsSize;
  for (size_t i = 0; i < constantData.size(); ++i) {
    fbs::ConstantChunk chunk;
    ArrayRef<char> data = constantData[i].data();
    chunk.data = data.data();
    chunk.size = data.size();
    chunk.offset = tensors[constantTensorIds[i]].constOffset;
    DialectResourceBlobManager::BlobEntry *resource = constantData[i].resource;
    if (options.releaseConstants && resource)
      chunk.copied = [resource, &pendingUses, size = data.size()] {
        if (--pendingUses[resource] != 0)
          return;
        resource->setBlob(AsmResourceBlob());
#ifdef __GLIBC__
        // Weights parsed from protobuf live in the middle of the heap, where free() alone
        // does not return pages to the system.
        if (size >= (1u << 20))
          malloc_trim(0);
#endif
      };
    writer.constants.push_back(std::move(chunk));
  }
  writer.write([&](const uint8_t *data, size_t size) {
    os.write(reinterpret_cast<const char *>(data), size);
  });
}

} // namespace

accel::DeviceSegmentEmitter::~DeviceSegmentEmitter() = default;

LogicalResult accel::emitSchedule(ModuleOp module, llvm::raw_ostream &os,
                                  const EmitScheduleOptions &options,
                                  DeviceSegmentEmitter *deviceEmitter) {
  ScheduleCollector writer(options, deviceEmitter);
  if (failed(writer.collect(module)))
    return failure();
  writer.write(os);
  return success();
}
