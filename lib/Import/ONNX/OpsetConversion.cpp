//===- OpsetConversion.cpp - convert older models to the canonical opset --===//
//
// libonnx's DefaultVersionConverter with a few adapters replaced by ours and
// every adapter wrapped so that its failure names the node. The conversion
// runs one opset step at a time so that, before each step, a node that no
// adapter can convert is reported by name instead of by libonnx's
// "No Adapter For ..." assertion.
//
//===----------------------------------------------------------------------===//

#include "OpsetConversion.h"
#include "ModelLoader.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>
#include <onnx/version_converter/convert.h>

#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <tuple>

using namespace mlir;

namespace accel::onnx_import {
namespace {

namespace vc = onnx::version_conversion;
using onnx::Graph;
using onnx::Node;
using onnx::Symbol;
using onnx::Tensor;
using onnx::Value;

/// libonnx's assertion messages read "file:line: function: Assertion `cond`
/// failed: text"; the text is what a user can act on.
std::string cleanMessage(const char *what) {
  StringRef message(what);
  size_t pos = message.find("` failed: ");
  if (pos != StringRef::npos)
    message = message.drop_front(pos + strlen("` failed: "));
  return message.trim().str();
}

/// An adapter's failure, with the node it was converting.
struct NodeConversionError : std::runtime_error {
  NodeConversionError(std::string opType, std::string nodeName,
                      std::string firstOutput, const std::string &message)
      : std::runtime_error(message), opType(std::move(opType)),
        nodeName(std::move(nodeName)), firstOutput(std::move(firstOutput)) {}
  std::string opType, nodeName, firstOutput;
};

std::string firstOutputName(Node *node) {
  return node->outputs().empty() ? std::string()
                                 : node->outputs()[0]->uniqueName();
}

/// Wraps an adapter: a failure becomes a NodeConversionError naming the node,
/// and a node the adapter replaces (Upsample by Resize) keeps its name and
/// its first output's name.
class NodeNamingAdapter final : public vc::Adapter {
public:
  explicit NodeNamingAdapter(std::unique_ptr<vc::Adapter> inner)
      : Adapter(inner->name(), inner->initial_version(),
                inner->target_version()),
        inner(std::move(inner)) {}

  Node *adapt(std::shared_ptr<Graph> graph, Node *node) const override {
    std::string opType = node->kind().toString();
    std::string name = node->has_name() ? node->name() : std::string();
    std::string output = firstOutputName(node);
    Node *result;
    try {
      result = inner->adapt(graph, node);
    } catch (const NodeConversionError &) {
      throw;
    } catch (const std::exception &e) {
      throw NodeConversionError(opType, name, output, cleanMessage(e.what()));
    }
    // `node` may have been destroyed; only its address is compared.
    if (result && result != node) {
      if (!name.empty() && !result->has_name())
        result->setName(name);
      if (!output.empty() && !result->outputs().empty() &&
          result->outputs()[0]->uniqueName() != output)
        result->outputs()[0]->setUniqueName(output, false);
    }
    return result;
  }

private:
  std::unique_ptr<vc::Adapter> inner;
};

/// Inserts `kind(inputs)` before `before`; its output is called `name` and the
/// node `<before's name>/<kind>` when `before` has a name.
Node *insertNode(Graph &graph, Node *before, Symbol kind,
                 ArrayRef<Value *> inputs, const std::string &name) {
  Node *node = graph.create(kind);
  for (Value *v : inputs)
    node->addInput(v);
  node->insertBefore(before);
  node->output()->setUniqueName(name, false);
  if (before->has_name())
    node->setName(before->name() + "/" + kind.toString());
  return node;
}

Value *insertConstant(Graph &graph, Node *before, Tensor tensor,
                      const std::string &name) {
  Node *node = insertNode(graph, before, onnx::kConstant, {}, name);
  node->t_(onnx::kvalue, std::move(tensor));
  return node->output();
}

Tensor floatTensor(std::vector<int64_t> sizes, std::vector<float> values) {
  Tensor t;
  t.elem_type() = onnx::TensorProto::FLOAT;
  t.sizes() = std::move(sizes);
  t.floats() = std::move(values);
  return t;
}

/// The values of a float Constant or initializer, if `value` is one.
std::optional<std::vector<float>> constantFloats(const Graph &graph,
                                                 const Value *value) {
  const Tensor *tensor = nullptr;
  const Node *producer = value->node();
  if (producer->kind() == onnx::kConstant &&
      producer->hasAttribute(onnx::kvalue))
    tensor = &producer->t(onnx::kvalue);
  for (const Tensor &t : graph.initializers())
    if (!tensor && t.hasName() && t.name() == value->uniqueName())
      tensor = &t;
  if (!tensor || tensor->elem_type() != onnx::TensorProto::FLOAT)
    return std::nullopt;
  if (!tensor->is_raw_data())
    return tensor->floats();
  std::vector<float> values(tensor->raw().size() / sizeof(float));
  if (values.size() * sizeof(float) != tensor->raw().size())
    return std::nullopt;
  std::memcpy(values.data(), tensor->raw().data(), tensor->raw().size());
  return values;
}

/// Moves every use of `original` (graph outputs included) to `replacement`,
/// which also takes its name, so that later diagnostics, locations and the
/// graph outputs still read the exporter's names.
void replaceValue(Value *original, Value *replacement,
                  const std::string &suffix) {
  std::string name = original->uniqueName();
  original->replaceAllUsesWith(replacement);
  original->setUniqueName(name + suffix, false);
  replacement->setUniqueName(name, false);
}

/// BatchNormalization and Dropout 6 -> 7: `is_test` is gone (always
/// inference). libonnx's adapter asserts "Attribute is_test must not have
/// value 0"; this one says what that means.
class IsTestAdapter final : public vc::Adapter {
public:
  explicit IsTestAdapter(const std::string &op)
      : Adapter(op, onnx::OpSetID(6), onnx::OpSetID(7)) {}

  Node *adapt(std::shared_ptr<Graph>, Node *node) const override {
    Symbol isTest("is_test");
    if (!node->hasAttribute(isTest))
      return node;
    if (node->i(isTest) == 0)
      throw std::runtime_error("is_test=0 (training mode) has no inference "
                               "form; export the model in inference mode");
    node->removeAttribute(isTest);
    return node;
  }
};

/// Softmax, LogSoftmax and Hardmax 12 -> 13. Before 13 they flatten the input
/// to 2-D at `axis` and normalise over all dims >= axis; from 13 over `axis`
/// only. libonnx's adapter needs the input shape (and asserts without it) and
/// marks Hardmax compatible. This one needs no shape: the last axis stays
/// (axis -1, or the last dim when the rank is known), anything else becomes
/// Flatten(axis) -> op(axis -1) -> Reshape(Shape(x)), which the importer
/// folds into static reshapes.
class NormalizationPre13Adapter final : public vc::Adapter {
public:
  explicit NormalizationPre13Adapter(const std::string &op)
      : Adapter(op, onnx::OpSetID(12), onnx::OpSetID(13)) {}

  Node *adapt(std::shared_ptr<Graph> graph, Node *node) const override {
    int64_t axis = node->hasAttribute(onnx::kaxis) ? node->i(onnx::kaxis) : 1;
    Value *x = node->inputs()[0];
    if (x->has_sizes()) {
      int64_t rank = int64_t(x->sizes().size());
      if (axis < -rank || axis >= rank)
        throw std::runtime_error("axis " + std::to_string(axis) +
                                 " is out of range for an input of rank " +
                                 std::to_string(rank));
      if (axis < 0)
        axis += rank;
      if (axis == rank - 1)
        axis = -1;
    }
    node->i_(onnx::kaxis, -1);
    if (axis == -1)
      return node;

    std::string base = firstOutputName(node);
    Node *flatten =
        insertNode(*graph, node, onnx::kFlatten, {x}, base + "_accel_flat");
    flatten->i_(onnx::kaxis, axis);
    node->replaceInput(0, flatten->output());
    Node *shape =
        insertNode(*graph, node, Symbol("Shape"), {x}, base + "_accel_shape");
    Node *reshape = graph->create(onnx::kReshape);
    reshape->insertAfter(node);
    if (node->has_name())
      reshape->setName(node->name() + "/Reshape");
    Value *y = node->output();
    replaceValue(y, reshape->output(), "_accel_2d");
    reshape->addInput(y);
    reshape->addInput(shape->output());
    y->wipeSizes();
    return reshape;
  }
};

/// Resize 10 -> 11. Resize 10 (and Upsample 7/9, which libonnx turns into it)
/// maps output to input coordinates as x / scale ("asymmetric") and picks the
/// nearest pixel by rounding down when enlarging and up when shrinking (what
/// ONNX Runtime does, and the ONNX test data expects). libonnx's adapter only
/// adds the roi input, so the result would use opset 11's defaults,
/// half_pixel and round_prefer_floor: wrong for linear mode.
class Resize10To11Adapter final : public vc::Adapter {
public:
  Resize10To11Adapter()
      : Adapter("Resize", onnx::OpSetID(10), onnx::OpSetID(11)) {}

  Node *adapt(std::shared_ptr<Graph> graph, Node *node) const override {
    if (node->inputs().size() != 2)
      throw std::runtime_error("expects 2 inputs (X, scales)");
    Value *scales = node->inputs()[1];
    std::string mode =
        node->hasAttribute(onnx::kmode) ? node->s(onnx::kmode) : "nearest";
    if (mode == "nearest") {
      bool shrinks = false, grows = false;
      if (std::optional<std::vector<float>> s =
              constantFloats(*graph, scales)) {
        shrinks = llvm::any_of(*s, [](float f) { return f < 1; });
        grows = llvm::any_of(*s, [](float f) { return f > 1; });
      }
      if (shrinks && grows)
        throw std::runtime_error(
            "nearest resizing that shrinks some dimensions and enlarges "
            "others has no opset-11 form (opset 10 rounds source coordinates "
            "up when shrinking and down when enlarging)");
      node->s_(Symbol("nearest_mode"), shrinks ? "ceil" : "floor");
    }
    node->s_(onnx::kcoordinate_transformation_mode, "asymmetric");
    Value *roi = insertConstant(*graph, node, floatTensor({0}, {}),
                                firstOutputName(node) + "_accel_roi");
    node->replaceInput(1, roi);
    node->addInput(scales);
    return node;
  }
};

/// Pad 10 -> 11: pads and value become inputs. libonnx's adapter reads the
/// optional `value` attribute unconditionally (an assertion when it is
/// absent, its default being 0).
class Pad10To11Adapter final : public vc::Adapter {
public:
  Pad10To11Adapter() : Adapter("Pad", onnx::OpSetID(10), onnx::OpSetID(11)) {}

  Node *adapt(std::shared_ptr<Graph> graph, Node *node) const override {
    if (!node->hasAttribute(onnx::kpads))
      throw std::runtime_error("has no pads attribute");
    std::string base = firstOutputName(node);
    Tensor pads;
    pads.elem_type() = onnx::TensorProto::INT64;
    pads.int64s() = node->is(onnx::kpads);
    pads.sizes() = {int64_t(pads.int64s().size())};
    node->addInput(
        insertConstant(*graph, node, std::move(pads), base + "_accel_pads"));
    node->removeAttribute(onnx::kpads);
    std::string mode =
        node->hasAttribute(onnx::kmode) ? node->s(onnx::kmode) : "constant";
    float value = 0;
    if (node->hasAttribute(onnx::kvalue)) {
      value = float(node->f(onnx::kvalue));
      node->removeAttribute(onnx::kvalue);
    }
    if (mode == "constant")
      node->addInput(insertConstant(*graph, node, floatTensor({}, {value}),
                                    base + "_accel_value"));
    return node;
  }
};

/// Clip 10 -> 11: min and max become inputs. Before 11 a missing bound is
/// -FLT_MAX / FLT_MAX (not infinite); libonnx's adapter leaves a missing max
/// out, which clamps to +inf instead, so both bounds are always given here.
class Clip10To11Adapter final : public vc::Adapter {
public:
  Clip10To11Adapter() : Adapter("Clip", onnx::OpSetID(10), onnx::OpSetID(11)) {}

  Node *adapt(std::shared_ptr<Graph> graph, Node *node) const override {
    std::string base = firstOutputName(node);
    for (auto [attr, fallback, suffix] :
         {std::tuple(onnx::kmin, std::numeric_limits<float>::lowest(),
                     "_accel_min"),
          std::tuple(onnx::kmax, std::numeric_limits<float>::max(),
                     "_accel_max")}) {
      float bound = fallback;
      if (node->hasAttribute(attr)) {
        bound = float(node->f(attr));
        node->removeAttribute(attr);
      }
      node->addInput(insertConstant(*graph, node, floatTensor({}, {bound}),
                                    base + suffix));
    }
    return node;
  }
};

/// BatchNormalization 8 -> 9: `spatial` is gone. spatial=1 (the default) is
/// opset 9's behaviour; libonnx rejects spatial=0, where scale, B, mean and
/// var have the shape [C, D1, ...] of one sample. In inference that is
/// (x - mean) * scale / sqrt(var + eps) + B with numpy broadcasting, written
/// as elementwise nodes: x * a + (B - mean * a), a = scale / sqrt(var + eps).
class BatchNorm8To9Adapter final : public vc::Adapter {
public:
  BatchNorm8To9Adapter()
      : Adapter("BatchNormalization", onnx::OpSetID(8), onnx::OpSetID(9)) {}

  Node *adapt(std::shared_ptr<Graph> graph, Node *node) const override {
    if (!node->hasAttribute(onnx::kspatial))
      return node;
    int64_t spatial = node->i(onnx::kspatial);
    node->removeAttribute(onnx::kspatial);
    if (spatial == 1)
      return node;
    if (spatial != 0)
      throw std::runtime_error("attribute spatial must be 0 or 1, not " +
                               std::to_string(spatial));
    for (size_t i = 1; i < node->outputs().size(); ++i)
      if (!node->outputs()[i]->uses().empty())
        throw std::runtime_error(
            "spatial=0 with the training outputs (mean, var, saved mean/var) "
            "used cannot be converted");
    if (node->inputs().size() != 5)
      throw std::runtime_error("expects 5 inputs");
    int32_t elem = node->inputs()[0]->elemType();
    if (elem != onnx::TensorProto::FLOAT &&
        elem != onnx::TensorProto::UNDEFINED)
      throw std::runtime_error("spatial=0 is converted for float inputs only");
    float eps = node->hasAttribute(onnx::kepsilon)
                    ? float(node->f(onnx::kepsilon))
                    : 1e-5f;
    Value *x = node->inputs()[0], *scale = node->inputs()[1],
          *bias = node->inputs()[2], *mean = node->inputs()[3],
          *var = node->inputs()[4];
    std::string base = firstOutputName(node) + "_accel_bn_";
    Graph &g = *graph;
    Value *epsValue =
        insertConstant(g, node, floatTensor({}, {eps}), base + "eps");
    Value *shifted =
        insertNode(g, node, onnx::kAdd, {var, epsValue}, base + "var_eps")
            ->output();
    Value *stddev =
        insertNode(g, node, onnx::kSqrt, {shifted}, base + "std")->output();
    Value *a =
        insertNode(g, node, onnx::kDiv, {scale, stddev}, base + "a")->output();
    Value *meanA =
        insertNode(g, node, onnx::kMul, {mean, a}, base + "mean_a")->output();
    Value *c =
        insertNode(g, node, onnx::kSub, {bias, meanA}, base + "c")->output();
    Value *xa = insertNode(g, node, onnx::kMul, {x, a}, base + "xa")->output();
    Node *sum = insertNode(g, node, onnx::kAdd, {xa, c}, base + "y");
    if (node->has_name())
      sum->setName(node->name());
    replaceValue(node->outputs()[0], sum->output(), "_accel_replaced");
    node->destroy();
    return sum;
  }
};

/// libonnx's default converter with the adapters above and every adapter
/// wrapped in a NodeNamingAdapter.
class Converter final : public vc::DefaultVersionConverter {
public:
  Converter() {
    for (const char *op : {"BatchNormalization", "Dropout"})
      registerAdapter(std::make_unique<IsTestAdapter>(op));
    for (const char *op : {"Softmax", "LogSoftmax", "Hardmax"})
      registerAdapter(std::make_unique<NormalizationPre13Adapter>(op));
    registerAdapter(std::make_unique<Resize10To11Adapter>());
    registerAdapter(std::make_unique<Clip10To11Adapter>());
    registerAdapter(std::make_unique<Pad10To11Adapter>());
    registerAdapter(std::make_unique<BatchNorm8To9Adapter>());
    for (auto &byOp : adapters)
      for (auto &byFrom : byOp.second)
        for (auto &byTo : byFrom.second)
          byTo.second =
              std::make_unique<NodeNamingAdapter>(std::move(byTo.second));
  }

  /// Why a node of `opType` cannot go from opset `from` to `from + 1`; empty
  /// when it can (its op does not change then, or an adapter exists).
  std::string missingAdapter(const std::string &opType, int64_t from) const {
    auto op = all_schemas.find(opType);
    if (op == all_schemas.end())
      return "the ONNX library has no schema for " + opType;
    auto versions = op->second.find("");
    if (versions == op->second.end() || !versions->second.count(from + 1))
      return "";
    auto byOp = adapters.find(opType);
    if (byOp != adapters.end()) {
      auto byFrom = byOp->second.find(onnx::OpSetID(from).toString());
      if (byFrom != byOp->second.end() &&
          byFrom->second.count(onnx::OpSetID(from + 1).toString()))
        return "";
    }
    return "the ONNX library has no conversion of " + opType +
           " to its opset-" + std::to_string(from + 1) + " form";
  }
};

bool isDefaultDomain(const onnx::NodeProto &node) {
  return node.domain().empty() || node.domain() == "ai.onnx";
}

/// The first node of `graph` (or of a subgraph: the converter converts If
/// branches too) that no adapter takes from opset `from` to `from + 1`.
const onnx::NodeProto *firstUnconvertible(const Converter &converter,
                                          const onnx::GraphProto &graph,
                                          int64_t from) {
  for (const onnx::NodeProto &node : graph.node()) {
    if (isDefaultDomain(node) &&
        !converter.missingAdapter(node.op_type(), from).empty())
      return &node;
    for (const onnx::AttributeProto &attr : node.attribute())
      if (attr.has_g())
        if (const onnx::NodeProto *inner =
                firstUnconvertible(converter, attr.g(), from))
          return inner;
  }
  return nullptr;
}

void inferShapesQuietly(onnx::ModelProto &model) {
  try {
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(),
        onnx::ShapeInferenceOptions(/*check_type=*/false, /*strict_mode=*/0,
                                    /*data_prop=*/true));
  } catch (const std::exception &) {
    // Whatever was inferred before the failure stays; the real inference
    // after the conversion reports the problem.
  }
}

} // namespace

std::pair<int64_t, int64_t> knownOpsets() {
  const auto &ranges =
      onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto it = ranges.find("");
  if (it == ranges.end())
    return {1, 0};
  return {it->second.first, it->second.second};
}

LogicalResult checkOpsetSupported(int64_t opset, StringRef fileName,
                                  Location loc) {
  auto [oldest, newest] = knownOpsets();
  if (opset >= oldest && opset <= newest)
    return success();
  InFlightDiagnostic diag = emitError(loc)
                            << "'" << fileName << "' uses ONNX opset " << opset;
  if (opset > newest)
    diag << ", newer than the ONNX library Accel is built with knows";
  return diag << "; supported opsets are " << oldest << " to " << newest;
}

StringRef opTypeAfterConversion(StringRef opType, int64_t opset) {
  if (opType == "Upsample" && opset < 10)
    return "Resize";
  if (opType == "Scatter" && opset < 11)
    return "ScatterElements";
  return opType;
}

LogicalResult convertOpset(onnx::ModelProto &model, int64_t from, int64_t to,
                           StringRef fileName, Location loc) {
  static const Converter converter;
  // The nodes as the model gives them, by first output, so that a failure in
  // a later step still names the node as the user knows it.
  const onnx::GraphProto &original = model.graph();
  llvm::StringMap<int> producer;
  for (int i = 0, e = original.node_size(); i < e; ++i)
    if (original.node(i).output_size() > 0 &&
        !original.node(i).output(0).empty())
      producer.try_emplace(original.node(i).output(0), i);
  auto nodeError = [&](StringRef opType, StringRef name, StringRef output,
                       int64_t step) {
    auto it = output.empty() ? producer.end() : producer.find(output);
    InFlightDiagnostic diag =
        it == producer.end()
            ? emitError(loc) << opType << " node"
                             << (name.empty() ? "" : " '" + name.str() + "'")
            : emitError(nodeLocation(loc, it->second))
                  << original.node(it->second).op_type() << " node '"
                  << nodeDisplayName(original.node(it->second), it->second)
                  << "'";
    diag << ": cannot convert from opset " << step << " to " << step + 1
         << " (model opset " << from << ", imported at " << to << "): ";
    return diag;
  };

  onnx::ModelProto work = model;
  for (int64_t v = from; v < to; ++v) {
    if (const onnx::NodeProto *node =
            firstUnconvertible(converter, work.graph(), v))
      return nodeError(node->op_type(), node->name(),
                       node->output_size() ? node->output(0) : "", v)
             << converter.missingAdapter(node->op_type(), v);
    // Adapters may read shapes (ours only use the rank when it is known).
    inferShapesQuietly(work);
    try {
      work = converter.convert_version(work, onnx::OpSetID(v),
                                       onnx::OpSetID(v + 1));
    } catch (const NodeConversionError &e) {
      return nodeError(e.opType, e.nodeName, e.firstOutput, v) << e.what();
    } catch (const std::exception &e) {
      return emitError(loc)
             << "cannot convert '" << fileName << "' from opset " << v
             << " to opset " << v + 1 << ": " << cleanMessage(e.what());
    }
    // The converter returns the model unchanged (after a warning on stderr)
    // when it cannot build its graph IR from it.
    if (defaultOpset(work) != v + 1)
      return emitError(loc) << "cannot convert '" << fileName << "' from opset "
                            << v << " to opset " << v + 1
                            << ": the ONNX library could not read the model";
  }
  model = std::move(work);
  return success();
}

} // namespace accel::onnx_import
