//===- OpsRNN.cpp - recurrent ops: RNN, GRU, LSTM -------------------------===//
//
// Each ONNX recurrent op becomes the dataflow op of the same cell (`rnn`, `gru`,
// `lstm`) with its defaults written out: the direction as an enum, one activation
// per gate function and direction, and their alpha/beta parameters resolved.
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using accel::dataflow::RnnActivation;
using accel::dataflow::RnnDirection;

namespace accel::onnx_import {
namespace {

/// An ONNX activation name, its dataflow case and ONNX default parameters
/// (`usesAlpha`/`usesBeta`: whether it takes them from activation_alpha/beta).
struct ActivationRow {
  const char *onnxName;
  RnnActivation kind;
  bool usesAlpha, usesBeta;
  float alpha, beta;
};

constexpr ActivationRow kActivations[] = {
    {"Relu", RnnActivation::Relu, false, false, 0, 0},
    {"Tanh", RnnActivation::Tanh, false, false, 0, 0},
    {"Sigmoid", RnnActivation::Sigmoid, false, false, 0, 0},
    {"Affine", RnnActivation::Affine, true, true, 1.0f, 0.0f},
    {"LeakyRelu", RnnActivation::LeakyRelu, true, false, 0.01f, 0},
    {"ThresholdedRelu", RnnActivation::ThresholdedRelu, true, false, 1.0f, 0},
    {"ScaledTanh", RnnActivation::ScaledTanh, true, true, 1.0f, 1.0f},
    {"HardSigmoid", RnnActivation::HardSigmoid, true, true, 0.2f, 0.5f},
    {"Elu", RnnActivation::Elu, true, false, 1.0f, 0},
    {"Softsign", RnnActivation::Softsign, false, false, 0, 0},
    {"Softplus", RnnActivation::Softplus, false, false, 0, 0},
};

/// The cell an ONNX op type stands for.
struct CellRow {
  const char *opType;
  int64_t gates;
  SmallVector<const char *, 3> defaultActivations;
};

const CellRow &cellOf(StringRef opType) {
  static const CellRow rows[] = {
      {"RNN", 1, {"Tanh"}},
      {"GRU", 3, {"Sigmoid", "Tanh"}},
      {"LSTM", 4, {"Sigmoid", "Tanh", "Tanh"}},
  };
  for (const CellRow &row : rows)
    if (opType == row.opType)
      return row;
  llvm_unreachable("not a recurrent op type");
}

const ActivationRow *findActivation(StringRef name) {
  for (const ActivationRow &row : kActivations)
    if (name.equals_insensitive(row.onnxName))
      return &row;
  return nullptr;
}

/// The activations with their parameters, one per gate function and direction.
/// activation_alpha (beta) values are taken in order by the activations that
/// have an alpha (beta), as ONNX Runtime does; missing ones get the ONNX
/// defaults, extra ones are ignored.
struct Activations {
  SmallVector<Attribute> kinds;
  SmallVector<float> alpha, beta;
  bool anyParameters = false;
};

FailureOr<Activations> readActivations(NodeImporter &imp, const CellRow &cell,
                                       int64_t dirs) {
  const onnx::NodeProto &node = imp.node();
  size_t perDir = cell.defaultActivations.size();
  SmallVector<std::string> names;
  if (const onnx::AttributeProto *attr = findAttr(node, "activations")) {
    names.assign(attr->strings().begin(), attr->strings().end());
    // A bidirectional op may list one direction's functions for both.
    if (dirs == 2 && names.size() == perDir)
      names.append(SmallVector<std::string>(names));
    if (names.size() != perDir * dirs) {
      imp.error() << "'activations' must list " << perDir * dirs << " functions ("
                  << perDir << " per direction), got " << names.size();
      return failure();
    }
  } else {
    for (int64_t d = 0; d < dirs; ++d)
      names.append(cell.defaultActivations.begin(), cell.defaultActivations.end());
  }
  SmallVector<float> alphas = getFloatsAttr(node, "activation_alpha").value_or(SmallVector<float>());
  SmallVector<float> betas = getFloatsAttr(node, "activation_beta").value_or(SmallVector<float>());
  size_t nextAlpha = 0, nextBeta = 0;
  Activations out;
  for (const std::string &name : names) {
    const ActivationRow *row = findActivation(name);
    if (!row) {
      InFlightDiagnostic diag = imp.error();
      diag << "unsupported activation '" << name << "' (supported: ";
      llvm::interleaveComma(kActivations, diag,
                            [&](const ActivationRow &r) { diag << r.onnxName; });
      diag << ")";
      return failure();
    }
    out.kinds.push_back(dataflow::RnnActivationAttr::get(imp.context(), row->kind));
    float alpha = row->alpha, beta = row->beta;
    if (row->usesAlpha && nextAlpha < alphas.size())
      alpha = alphas[nextAlpha++];
    if (row->usesBeta && nextBeta < betas.size())
      beta = betas[nextBeta++];
    out.alpha.push_back(alpha);
    out.beta.push_back(beta);
    out.anyParameters |= row->usesAlpha || row->usesBeta;
  }
  return out;
}

/// Creates a recurrent op with its inferred result types; an inference failure
/// (mismatched shapes) is reported as an error of the node, with the op's
/// message (which names the dataflow operand).
template <typename OpTy, unsigned NumResults, typename... Args>
FailureOr<OpTy> createRecurrent(NodeImporter &imp, Args &&...args) {
  OpBuilder &b = imp.builder();
  OperationState state(imp.loc(), OpTy::getOperationName());
  SmallVector<Type, 3> unknown(NumResults, Type());
  OpTy::build(b, state, unknown, std::forward<Args>(args)...);
  SmallVector<Type, 3> types;
  std::string message;
  LogicalResult inferred = failure();
  {
    ScopedDiagnosticHandler capture(imp.context(), [&](Diagnostic &diag) {
      message = diag.str();
      return success();
    });
    inferred = OpTy::inferReturnTypes(imp.context(), imp.loc(), state.operands,
                                      state.attributes.getDictionary(imp.context()),
                                      state.getRawProperties(), state.regions, types);
  }
  if (failed(inferred)) {
    imp.error() << message;
    return failure();
  }
  state.types.assign(types.begin(), types.end());
  return cast<OpTy>(b.create(state));
}

LogicalResult importRecurrent(NodeImporter &imp) {
  const onnx::NodeProto &node = imp.node();
  const CellRow &cell = cellOf(node.op_type());
  OpBuilder &b = imp.builder();

  std::string directionName = getStringAttr(node, "direction", "forward");
  std::optional<RnnDirection> direction = dataflow::symbolizeRnnDirection(directionName);
  if (!direction)
    return imp.error() << "unknown direction '" << directionName
                       << "' (expected forward, reverse or bidirectional)";
  int64_t dirs = *direction == RnnDirection::Bidirectional ? 2 : 1;
  int64_t layout = getIntAttr(node, "layout", 0);
  if (layout != 0 && layout != 1)
    return imp.error() << "unsupported layout " << layout
                       << " (expected 0, sequence first, or 1, batch first)";

  FailureOr<Value> x = imp.input(0), w = imp.input(1), r = imp.input(2);
  if (failed(x) || failed(w) || failed(r))
    return failure();
  SmallVector<Value, 5> optional;
  int lastOptional = node.op_type() == "LSTM" ? 7 : 5;
  for (int i = 3; i <= lastOptional; ++i) {
    FailureOr<Value> v = imp.optionalInput(i);
    if (failed(v))
      return failure();
    optional.push_back(*v);
  }
  auto rType = cast<RankedTensorType>(r->getType());
  if (const onnx::AttributeProto *hidden = findAttr(node, "hidden_size"))
    if (rType.getRank() != 3 || rType.getDimSize(2) != hidden->i())
      return imp.error() << "hidden_size " << hidden->i()
                         << " does not match the recurrence weight R of type " << rType
                         << " (expected [directions, gates * hidden, hidden])";

  FailureOr<Activations> fns = readActivations(imp, cell, dirs);
  if (failed(fns))
    return failure();
  auto directionAttr = dataflow::RnnDirectionAttr::get(imp.context(), *direction);
  ArrayAttr kinds = b.getArrayAttr(fns->kinds);
  DenseF32ArrayAttr alpha = fns->anyParameters ? b.getDenseF32ArrayAttr(fns->alpha) : nullptr;
  DenseF32ArrayAttr beta = fns->anyParameters ? b.getDenseF32ArrayAttr(fns->beta) : nullptr;
  FloatAttr clip;
  if (const onnx::AttributeProto *attr = findAttr(node, "clip")) {
    if (!(attr->f() > 0))
      return imp.error() << "clip must be positive, got " << attr->f();
    clip = b.getF32FloatAttr(attr->f());
  }
  IntegerAttr layoutAttr = b.getI64IntegerAttr(layout);

  SmallVector<Value, 3> results;
  if (node.op_type() == "RNN") {
    FailureOr<dataflow::RnnOp> op = createRecurrent<dataflow::RnnOp, 2>(
        imp, directionAttr, *x, *w, *r, optional[0], optional[1], optional[2], kinds,
        alpha, beta, clip, layoutAttr);
    if (failed(op))
      return failure();
    results.assign(op->getResults().begin(), op->getResults().end());
  } else if (node.op_type() == "GRU") {
    FailureOr<dataflow::GruOp> op = createRecurrent<dataflow::GruOp, 2>(
        imp, directionAttr, *x, *w, *r, optional[0], optional[1], optional[2], kinds,
        alpha, beta, clip, layoutAttr,
        b.getBoolAttr(getIntAttr(node, "linear_before_reset", 0) != 0));
    if (failed(op))
      return failure();
    results.assign(op->getResults().begin(), op->getResults().end());
  } else {
    FailureOr<dataflow::LstmOp> op = createRecurrent<dataflow::LstmOp, 3>(
        imp, directionAttr, *x, *w, *r, optional[0], optional[1], optional[2],
        optional[3], optional[4], kinds, alpha, beta, clip, layoutAttr,
        b.getBoolAttr(getIntAttr(node, "input_forget", 0) != 0));
    if (failed(op))
      return failure();
    results.assign(op->getResults().begin(), op->getResults().end());
  }
  for (auto [i, value] : llvm::enumerate(results))
    if (imp.isOutputUsed(int(i)))
      imp.setOutput(int(i), value);
  return success();
}

} // namespace

void registerRNNHandlers(HandlerMap &map) {
  map["RNN"] = importRecurrent;
  map["GRU"] = importRecurrent;
  map["LSTM"] = importRecurrent;
}

} // namespace accel::onnx_import
