//===- ListIO.cpp - accel-compile --list-io: a model's inputs and outputs -===//
//
// Prints each graph input (initializers excluded) and output with its element type and
// declared shape, names the dynamic dimensions and gives the --input-shape flags that pin
// them (docs/getting-started.md). Reads the model only: no checker, no shape inference.
//
//===----------------------------------------------------------------------===//

#include "ModelLoader.h"

#include "accel/Import/ONNX/ONNXImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace accel {
namespace {

const char *elemTypeName(int32_t t) {
  switch (t) {
  case onnx::TensorProto::FLOAT: return "float32";
  case onnx::TensorProto::UINT8: return "uint8";
  case onnx::TensorProto::INT8: return "int8";
  case onnx::TensorProto::UINT16: return "uint16";
  case onnx::TensorProto::INT16: return "int16";
  case onnx::TensorProto::INT32: return "int32";
  case onnx::TensorProto::INT64: return "int64";
  case onnx::TensorProto::STRING: return "string";
  case onnx::TensorProto::BOOL: return "bool";
  case onnx::TensorProto::FLOAT16: return "float16";
  case onnx::TensorProto::DOUBLE: return "float64";
  case onnx::TensorProto::UINT32: return "uint32";
  case onnx::TensorProto::UINT64: return "uint64";
  case onnx::TensorProto::BFLOAT16: return "bfloat16";
  default: return "unknown";
  }
}

struct ValueDesc {
  std::string text;               // "float32 [batch, 3, 224, 224]"
  std::vector<std::string> dyn;   // "dim 0 'batch'"
  std::vector<std::string> pinned; // dims with dynamic ones as 1
  bool isTensor = false;
  bool hasShape = false;
};

ValueDesc describe(const onnx::ValueInfoProto &v) {
  ValueDesc d;
  if (!v.type().has_tensor_type()) {
    d.text = "non-tensor value (sequence, map or optional)";
    return d;
  }
  d.isTensor = true;
  const onnx::TypeProto::Tensor &t = v.type().tensor_type();
  d.text = elemTypeName(t.elem_type());
  if (!t.has_shape()) {
    d.text += " [unknown rank]";
    return d;
  }
  d.hasShape = true;
  llvm::SmallVector<std::string> dims;
  for (int i = 0; i < t.shape().dim_size(); ++i) {
    const onnx::TensorShapeProto::Dimension &dim = t.shape().dim(i);
    if (dim.has_dim_value() && dim.dim_value() > 0) {
      dims.push_back(std::to_string(dim.dim_value()));
      d.pinned.push_back(dims.back());
      continue;
    }
    std::string param = dim.has_dim_param() ? dim.dim_param() : "";
    dims.push_back(param.empty() ? "?" : param);
    d.dyn.push_back("dim " + std::to_string(i) + (param.empty() ? "" : " '" + param + "'"));
    d.pinned.push_back("1");
  }
  d.text += " [" + llvm::join(dims, ", ") + "]";
  return d;
}

} // namespace

int listONNXModelIO(llvm::StringRef path, llvm::raw_ostream &os, llvm::StringRef tool) {
  mlir::MLIRContext context;
  bool failedLoad = false;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    llvm::errs() << tool << ": error: " << diag << "\n";
    failedLoad = true;
    return mlir::success();
  });
  onnx::ModelProto model;
  if (mlir::failed(onnx_import::parseModelFile(path, mlir::UnknownLoc::get(&context), model)) ||
      failedLoad)
    return 1;
  const onnx::GraphProto &graph = model.graph();
  llvm::StringSet<> inits;
  for (const onnx::TensorProto &init : graph.initializer())
    inits.insert(init.name());
  int64_t opset = 0;
  for (const onnx::OperatorSetIdProto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();

  std::vector<const onnx::ValueInfoProto *> inputs;
  for (const onnx::ValueInfoProto &v : graph.input())
    if (!inits.contains(v.name()))
      inputs.push_back(&v);
  os << "model: " << path << " (graph '" << graph.name() << "', opset " << opset << ")\n";
  std::vector<std::string> flags;
  os << "inputs (" << inputs.size() << "):\n";
  for (const onnx::ValueInfoProto *v : inputs) {
    ValueDesc d = describe(*v);
    os << "  " << v->name() << ": " << d.text;
    if (!d.dyn.empty())
      os << "  dynamic: " << llvm::join(d.dyn, ", ");
    os << "\n";
    if (!d.dyn.empty())
      flags.push_back("--input-shape " + v->name() + "=" + llvm::join(d.pinned, ","));
  }
  os << "outputs (" << graph.output_size() << "):\n";
  for (const onnx::ValueInfoProto &v : graph.output())
    os << "  " << v.name() << ": " << describe(v).text << "\n";
  if (flags.empty())
    os << "every input shape is static: no --input-shape needed\n";
  else
    os << "dynamic dimensions must be pinned at compile time, e.g. (dynamic dims as 1):\n  "
       << llvm::join(flags, " ") << "\n";
  return 0;
}

} // namespace accel
