//===- FunctionExpansion.cpp - inline ONNX function bodies ----------------===//
//
// Many ONNX ops are defined by a function body made of simpler ops
// (NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss, CastLike, Celu,
// MeanVarianceNormalization, ...). A node whose op has no handler but whose
// schema has such a body is replaced by the body's nodes, so the importer only
// needs handlers for the simpler ops. Bodies may use other function ops, so
// expansion repeats until nothing expandable is left.
//
//===----------------------------------------------------------------------===//

#include "ModelLoader.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSet.h"

#include <onnx/defs/function.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

using namespace mlir;

namespace accel::onnx_import {
namespace {

/// Expansion rounds; ONNX bodies nest at most two deep (SCE -> NLL).
constexpr int kMaxRounds = 8;

bool isDefaultDomain(const onnx::NodeProto &node) {
  return node.domain().empty() || node.domain() == "ai.onnx";
}

const onnx::OpSchema *expandableSchema(const onnx::NodeProto &node,
                                       int64_t opset, OpSupportFn isSupported) {
  if (!isDefaultDomain(node) || isSupported(node.domain(), node.op_type()))
    return nullptr;
  const onnx::OpSchema *schema = onnx::OpSchemaRegistry::Schema(
      node.op_type(), static_cast<int>(opset), "");
  if (!schema || (!schema->HasFunction() && !schema->HasContextDependentFunction()))
    return nullptr;
  return schema;
}

/// Whether an attribute carries a value (schema attributes without a default
/// still have an AttributeProto, with at most the type set).
bool hasDefaultValue(const onnx::AttributeProto &a) {
  return a.has_f() || a.has_i() || a.has_s() || a.has_t() || a.has_g() ||
         a.floats_size() || a.ints_size() || a.strings_size() ||
         a.tensors_size() || a.graphs_size();
}

/// The node with the schema's default attribute values filled in: a body
/// refers to the outer attributes by name, and a missing one would otherwise
/// fall back to the inner op's default, which can differ.
onnx::NodeProto withDefaults(const onnx::NodeProto &node,
                             const onnx::OpSchema &schema) {
  onnx::NodeProto copy = node;
  llvm::StringSet<> present;
  for (const auto &attr : node.attribute())
    present.insert(attr.name());
  for (const auto &[name, attr] : schema.attributes())
    if (!present.contains(name) && hasDefaultValue(attr.default_value)) {
      onnx::AttributeProto *added = copy.add_attribute();
      *added = attr.default_value;
      added->set_name(name);
    }
  return copy;
}

/// Whether libonnx can build the node's context-dependent body without reading
/// past what the node provides: libonnx's builders dereference required
/// attributes and input types without checking (a fuzzed SequenceMap without
/// its `body` graph crashed here), so a node missing either is left for the
/// unsupported-op report.
bool canBuildContextDependentBody(const onnx::NodeProto &node,
                                  const onnx::OpSchema &schema,
                                  const llvm::StringMap<onnx::TypeProto> &types) {
  llvm::StringSet<> present;
  for (const auto &attr : node.attribute())
    present.insert(attr.name());
  for (const auto &[name, attr] : schema.attributes())
    if (attr.required && !present.contains(name))
      return false;
  for (const auto &in : node.input()) {
    auto it = types.find(in);
    if (in.empty() || it == types.end() || !it->second.has_tensor_type() ||
        it->second.tensor_type().elem_type() == 0)
      return false;
  }
  return true;
}

/// Element types (and shapes where known) of every value, for the bodies that
/// depend on their input types.
llvm::StringMap<onnx::TypeProto> inferTypes(const onnx::ModelProto &model) {
  onnx::ModelProto copy = model;
  // libonnx's Conv inference can crash on malformed operands, which are only
  // checked later; element types survive an Identity stand-in.
  for (onnx::NodeProto &node : *copy.mutable_graph()->mutable_node())
    if ((node.op_type() == "Conv" || node.op_type() == "ConvTranspose") &&
        node.input_size() > 0 && node.output_size() > 0) {
      std::string in = node.input(0), out = node.output(0);
      node.Clear();
      node.set_op_type("Identity");
      node.add_input(in);
      node.add_output(out);
    }
  llvm::StringMap<onnx::TypeProto> types;
  try {
    onnx::shape_inference::InferShapes(copy);
  } catch (const std::exception &) {
    // Types stay unknown; bodies that need them are reported below.
  }
  auto add = [&](const onnx::ValueInfoProto &vi) {
    if (vi.has_type())
      types[vi.name()] = vi.type();
  };
  for (const auto &vi : copy.graph().input())
    add(vi);
  for (const auto &vi : copy.graph().value_info())
    add(vi);
  for (const auto &vi : copy.graph().output())
    add(vi);
  for (const auto &t : copy.graph().initializer()) {
    onnx::TypeProto type;
    type.mutable_tensor_type()->set_elem_type(t.data_type());
    types[t.name()] = type;
  }
  return types;
}

/// Every value name in the graph, so body-internal names can be checked.
llvm::StringSet<> valueNames(const onnx::GraphProto &graph) {
  llvm::StringSet<> names;
  for (const auto &vi : graph.input())
    names.insert(vi.name());
  for (const auto &t : graph.initializer())
    names.insert(t.name());
  for (const auto &node : graph.node())
    for (const auto &out : node.output())
      names.insert(out);
  return names;
}

} // namespace

LogicalResult expandFunctionOps(onnx::ModelProto &model, int64_t opset,
                                OpSupportFn isSupported, Location loc) {
  for (int round = 0; round < kMaxRounds; ++round) {
    onnx::GraphProto &graph = *model.mutable_graph();
    bool needTypes = false, any = false;
    for (const auto &node : graph.node())
      if (const onnx::OpSchema *schema =
              expandableSchema(node, opset, isSupported)) {
        any = true;
        needTypes |= !schema->HasFunction();
      }
    if (!any)
      return success();
    llvm::StringMap<onnx::TypeProto> types;
    if (needTypes)
      types = inferTypes(model);
    llvm::StringSet<> names = valueNames(graph);

    onnx::GraphProto expanded;
    for (int i = 0, e = graph.node_size(); i < e; ++i) {
      const onnx::NodeProto &node = graph.node(i);
      const onnx::OpSchema *schema = expandableSchema(node, opset, isSupported);
      if (!schema) {
        *expanded.add_node() = node;
        continue;
      }
      onnx::NodeProto full = withDefaults(node, *schema);
      // The body's internal values are named after the node; give every
      // expanded node a name no value uses yet.
      std::string base = node.name().empty()
                             ? node.op_type() + "_" + std::to_string(i)
                             : node.name();
      std::string name = base;
      for (int n = 1; llvm::any_of(names.keys(), [&](StringRef v) {
             return v.starts_with("Func_" + name);
           });
           ++n)
        name = base + "_" + std::to_string(n);
      full.set_name(name);

      onnx::FunctionProto body;
      const onnx::FunctionProto *function = nullptr;
      if (schema->HasFunction()) {
        function = schema->GetFunction();
      } else if (canBuildContextDependentBody(full, *schema, types)) {
        std::vector<onnx::TypeProto> inputTypes;
        for (const auto &in : node.input())
          inputTypes.push_back(types.find(in)->second);
        onnx::FunctionBodyBuildContextImpl ctx(full, inputTypes);
        bool built = false;
        try {
          built = schema->BuildContextDependentFunction(ctx, body);
        } catch (const std::exception &) {
          built = false;
        }
        if (built)
          function = &body;
      }
      if (!function) {
        // Left for the unsupported-op check to report.
        *expanded.add_node() = node;
        continue;
      }
      int first = expanded.node_size();
      try {
        onnx::FunctionExpandHelper(full, *function, expanded, name);
      } catch (const std::exception &ex) {
        return emitError(loc) << "cannot expand the function body of "
                              << node.op_type() << " node '" << base
                              << "': " << ex.what();
      }
      for (int k = first; k < expanded.node_size(); ++k) {
        onnx::NodeProto *inner = expanded.mutable_node(k);
        // libonnx 1.12 turns a reference to an outer attribute the node does
        // not set into an attribute with only a name; the inner op's default
        // applies there, so drop those (and any unresolved reference).
        auto *attrs = inner->mutable_attribute();
        for (int a = attrs->size() - 1; a >= 0; --a) {
          const onnx::AttributeProto &attr = attrs->Get(a);
          if (attr.has_ref_attr_name() ||
              (!attr.has_type() && !hasDefaultValue(attr)))
            attrs->DeleteSubrange(a, 1);
        }
        inner->set_name(base + "/" + inner->op_type() + "_" +
                        std::to_string(k - first));
        for (const auto &out : inner->output())
          names.insert(out);
      }
    }
    graph.mutable_node()->Swap(expanded.mutable_node());
  }
  return success();
}

} // namespace accel::onnx_import
