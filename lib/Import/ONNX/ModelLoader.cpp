//===- ModelLoader.cpp - read, validate and normalise an ONNX model -------===//

#include "ModelLoader.h"
#include "NodeAttrs.h"
#include "OpsetConversion.h"
#include "TensorUtils.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <onnx/checker.h>
#include <onnx/defs/parser.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>
#include <onnx/version_converter/convert.h>

#include <climits>
#include <fstream>

using namespace mlir;

namespace accel::onnx_import {

bool isStoredAsBlob(int32_t dataType, int64_t numElements) {
  return dataType == onnx::TensorProto::FLOAT && numElements > 16;
}

namespace {

bool looksLikeText(StringRef buffer, StringRef fileName) {
  if (fileName.ends_with(".onnxtxt"))
    return true;
  // Text syntax starts with '<' after whitespace and '#' comment lines.
  StringRef rest = buffer;
  while (true) {
    rest = rest.ltrim();
    if (!rest.starts_with("#"))
      break;
    rest = rest.drop_until([](char c) { return c == '\n'; });
  }
  return !rest.empty() && rest.front() == '<';
}

LogicalResult checkParsed(const onnx::ModelProto &model, StringRef fileName,
                          Location loc) {
  if (!model.has_graph() || !model.has_ir_version())
    return emitError(loc) << "failed to parse ONNX model '" << fileName
                          << "': the file has no "
                          << (model.has_graph() ? "IR version" : "graph")
                          << " (truncated or not an ONNX file)";
  return success();
}

LogicalResult parseFailure(StringRef fileName, Location loc) {
  return emitError(loc) << "failed to parse ONNX model '" << fileName
                        << "': not a valid ONNX protobuf (truncated or not an "
                           "ONNX file)";
}

} // namespace

LogicalResult parseModelBuffer(StringRef buffer, StringRef fileName,
                               Location loc, onnx::ModelProto &model) {
  if (looksLikeText(buffer, fileName)) {
    // OnnxParser needs a NUL-terminated string.
    std::string text = buffer.str();
    onnx::Status status;
    try {
      onnx::OnnxParser parser(text.c_str());
      status = parser.Parse(model);
    } catch (const std::exception &e) {
      return emitError(loc) << "failed to parse ONNX text model '" << fileName
                            << "': " << e.what();
    }
    if (!status.IsOK())
      return emitError(loc) << "failed to parse ONNX text model '" << fileName
                            << "': " << status.ErrorMessage();
    return success();
  }
  google::protobuf::io::ArrayInputStream raw(buffer.data(),
                                             static_cast<int>(buffer.size()));
  google::protobuf::io::CodedInputStream coded(&raw);
  coded.SetTotalBytesLimit(INT_MAX);
  if (buffer.size() > static_cast<size_t>(INT_MAX) ||
      !model.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
    return parseFailure(fileName, loc);
  return checkParsed(model, fileName, loc);
}

LogicalResult parseModelFile(StringRef path, Location loc,
                             onnx::ModelProto &model) {
  auto cannotOpen = [&](std::error_code ec) {
    return emitError(loc) << "cannot open ONNX model '" << path
                          << "': " << ec.message();
  };
  if (llvm::sys::fs::is_directory(path))
    return cannotOpen(std::make_error_code(std::errc::is_a_directory));
  // Text models are small: read them whole.
  char head[4096];
  size_t headSize = 0;
  {
    std::ifstream probe(path.str(), std::ios::binary);
    if (!probe)
      return cannotOpen(std::make_error_code(std::errc::no_such_file_or_directory));
    probe.read(head, sizeof(head));
    headSize = size_t(probe.gcount());
  }
  if (looksLikeText(StringRef(head, headSize), path)) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
        llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
    if (!file)
      return cannotOpen(file.getError());
    return parseModelBuffer((*file)->getBuffer(), path, loc, model);
  }
  int fd;
  if (std::error_code ec = llvm::sys::fs::openFileForRead(path, fd))
    return cannotOpen(ec);
  bool ok;
  {
    google::protobuf::io::FileInputStream stream(fd);
    google::protobuf::io::CodedInputStream coded(&stream);
    coded.SetTotalBytesLimit(INT_MAX);
    ok = model.ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
  }
  llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  if (!ok)
    return parseFailure(path, loc);
  return checkParsed(model, path, loc);
}

std::string nodeDisplayName(const onnx::NodeProto &node, int index) {
  if (!node.name().empty())
    return node.name();
  return node.op_type() + "_" + std::to_string(index);
}

Location nodeLocation(Location fileLoc, int index) {
  return FileLineColLoc::get(fileLoc.getContext(),
                             cast<FileLineColLoc>(fileLoc).getFilename(),
                             unsigned(index + 1), 1);
}

int64_t defaultOpset(const onnx::ModelProto &model) {
  for (const auto &op : model.opset_import())
    if (op.domain().empty() || op.domain() == "ai.onnx")
      return op.version();
  return 0;
}

namespace {

bool isIf(const onnx::NodeProto &node) {
  return node.op_type() == "If" &&
         (node.domain().empty() || node.domain() == "ai.onnx");
}

/// A node as the loader's checks see it: `index` is that of the top-level
/// node holding it, branch nodes are named `<If name>/<name or OpType_k>`.
struct NodeRef {
  const onnx::NodeProto &node;
  int index;
  std::string name;
  bool inBranch;
};

/// Calls `fn` for every node of `graph` and, recursively, of the branches of
/// its If nodes (the importer inlines the branch a known condition selects).
void forEachNode(const onnx::GraphProto &graph,
                 llvm::function_ref<void(const NodeRef &)> fn,
                 int topIndex = -1, const std::string &scope = "") {
  for (int i = 0, e = graph.node_size(); i < e; ++i) {
    const onnx::NodeProto &node = graph.node(i);
    int index = topIndex < 0 ? i : topIndex;
    std::string name = scope.empty() ? nodeDisplayName(node, i)
                                     : scope + "/" + nodeDisplayName(node, i);
    fn(NodeRef{node, index, name, topIndex >= 0});
    if (!isIf(node))
      continue;
    for (const onnx::AttributeProto &attr : node.attribute())
      if (attr.has_g())
        forEachNode(attr.g(), fn, index, name);
  }
}

/// `opset` is the model's: ops that the opset conversion renames (Upsample
/// before 10) are checked under their converted name. Nodes inside If
/// branches count too.
LogicalResult rejectUnsupportedOps(const onnx::GraphProto &graph, int64_t opset,
                                   OpSupportFn isSupported, Location loc) {
  struct Use {
    unsigned count = 0;
    std::string first;
  };
  // In order of first occurrence, so the message is deterministic.
  std::vector<std::pair<std::string, Use>> unsupported;
  llvm::StringMap<size_t> position;
  forEachNode(graph, [&](const NodeRef &ref) {
    const onnx::NodeProto &node = ref.node;
    bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
    if (isSupported(node.domain(),
                    defaultDomain ? opTypeAfterConversion(node.op_type(), opset)
                                  : StringRef(node.op_type())))
      return;
    std::string key =
        defaultDomain ? node.op_type() : node.domain() + "." + node.op_type();
    auto [it, inserted] = position.try_emplace(key, unsupported.size());
    if (inserted)
      unsupported.emplace_back(key, Use());
    Use &use = unsupported[it->second].second;
    if (use.count++ == 0)
      use.first = ref.name;
  });
  if (unsupported.empty())
    return success();
  InFlightDiagnostic diag = emitError(loc) << "unsupported ONNX ops: ";
  bool firstEntry = true;
  for (auto &[op, use] : unsupported) {
    if (!firstEntry)
      diag << ", ";
    firstEntry = false;
    diag << op << " (" << use.count << (use.count == 1 ? " node" : " nodes")
         << ", first '" << use.first << "')";
  }
  return diag;
}

/// libonnx's shape inference divides by some attributes without checking
/// them (a Conv with strides 0 is a SIGFPE), so those are checked first, in
/// If branches too. Conv/ConvTranspose/Gemm inside a branch are refused:
/// checkOperandRanks (below) only guards top-level ones.
LogicalResult rejectDangerousAttributes(const onnx::GraphProto &graph,
                                        Location loc) {
  static const char *const windowOps[] = {"Conv", "ConvTranspose", "MaxPool",
                                          "AveragePool", "LpPool"};
  std::optional<InFlightDiagnostic> diag;
  forEachNode(graph, [&](const NodeRef &ref) {
    if (diag)
      return;
    const onnx::NodeProto &node = ref.node;
    const std::string &name = ref.name;
    int index = ref.index;
    if (ref.inBranch &&
        (node.op_type() == "Conv" || node.op_type() == "ConvTranspose" ||
         node.op_type() == "Gemm")) {
      diag.emplace(emitError(nodeLocation(loc, index))
                   << node.op_type() << " node '" << name
                   << "': Conv, ConvTranspose and Gemm inside an If branch "
                      "are not supported");
      return;
    }
    // libonnx's Transpose inference indexes the input dims with `perm`
    // unchecked (a SIGSEGV on perm [2,48,1], found by fuzzing).
    if (node.op_type() == "Transpose") {
      for (const onnx::AttributeProto &attr : node.attribute()) {
        if (attr.name() != "perm")
          continue;
        std::vector<bool> seen(attr.ints_size(), false);
        for (int64_t v : attr.ints()) {
          if (v < 0 || v >= attr.ints_size() || seen[v]) {
            diag.emplace(emitError(nodeLocation(loc, index))
                         << "Transpose node '" << name
                         << "': attribute 'perm' is not a permutation of 0.."
                         << attr.ints_size() - 1);
            return;
          }
          seen[v] = true;
        }
      }
      return;
    }
    // libonnx's RNN/GRU/LSTM inference reads any non-zero layout as batch
    // first and then reports a shape mismatch that does not name the node.
    if (node.op_type() == "RNN" || node.op_type() == "GRU" ||
        node.op_type() == "LSTM") {
      int64_t layout = getIntAttr(node, "layout", 0);
      if (layout != 0 && layout != 1)
        diag.emplace(emitError(nodeLocation(loc, index))
                     << node.op_type() << " node '" << name
                     << "': unsupported layout " << layout
                     << " (expected 0, sequence first, or 1, batch first)");
      return;
    }
    if (!llvm::is_contained(windowOps, node.op_type()))
      return;
    for (const onnx::AttributeProto &attr : node.attribute()) {
      bool positiveInts = attr.name() == "strides" ||
                          attr.name() == "dilations" ||
                          attr.name() == "kernel_shape";
      bool positiveInt = attr.name() == "group";
      if ((positiveInts &&
           llvm::any_of(attr.ints(), [](int64_t v) { return v <= 0; })) ||
          (positiveInt && attr.i() <= 0)) {
        diag.emplace(emitError(nodeLocation(loc, index))
                     << node.op_type() << " node '" << name << "': attribute '"
                     << attr.name() << "' must be positive");
        return;
      }
    }
  });
  return diag ? LogicalResult(*diag) : success();
}

/// Every value a node reads and every graph output must be defined in the
/// graph (or, in an If branch, in an enclosing graph). libonnx's checker lets
/// undefined graph outputs through and its IR import (used by the opset
/// converter) then dereferences a null value.
LogicalResult rejectUndefinedValues(const onnx::GraphProto &graph, Location loc,
                                    const llvm::StringSet<> &outer = {},
                                    const std::string &scope = "") {
  llvm::StringSet<> defined = outer;
  for (const auto &v : graph.input())
    defined.insert(v.name());
  for (const auto &t : graph.initializer())
    defined.insert(t.name());
  for (const auto &node : graph.node())
    for (const std::string &name : node.output())
      if (!name.empty())
        defined.insert(name);
  for (int i = 0, e = graph.node_size(); i < e; ++i) {
    const onnx::NodeProto &node = graph.node(i);
    std::string name = scope.empty() ? nodeDisplayName(node, i)
                                     : scope + "/" + nodeDisplayName(node, i);
    for (const std::string &input : node.input())
      if (!input.empty() && !defined.contains(input))
        return emitError(loc)
               << "node '" << name << "' reads '" << input
               << "', which no node, input or initializer defines";
    if (isIf(node))
      for (const onnx::AttributeProto &attr : node.attribute())
        if (attr.has_g() &&
            failed(rejectUndefinedValues(attr.g(), loc, defined, name)))
          return failure();
  }
  for (const auto &out : graph.output())
    if (!defined.contains(out.name()))
      return emitError(loc)
             << (scope.empty() ? "graph output '" : "output '") << out.name()
             << "'" << (scope.empty() ? "" : " of a branch of '" + scope + "'")
             << " is not produced by any node, input or "
                "initializer";
  return success();
}

/// libonnx 1.12's Conv/ConvTranspose and Gemm shape inference index operand
/// dims without checking ranks (crashes on a rank-1 Conv weight or a rank-1
/// Gemm operand, both found by fuzzing). So a copy of the
/// model (cheap: the weights are set aside) is first inferred with those nodes
/// replaced by rank-preserving Identity stand-ins; nodes whose operand ranks
/// are then known are checked and restored, and this repeats while it makes
/// progress (once for ordinary models). A node whose ranks stay unknown has no
/// input shapes in the real inference either, which libonnx handles.
///
/// InferShapes writes what it infers into the model it is given: graph output
/// types, value_info, and the same inside subgraphs. Shapes inferred with
/// stand-ins are wrong for the real nodes (a Gemm stand-in yields A's shape),
/// so each pass infers a fresh copy of `work` and reads the ranks from that
/// copy; `work` itself only ever changes by restoring nodes. Otherwise a later
/// pass would merge a restored node's real shape with a stand-in shape left
/// on a graph output and fail on a valid model.
LogicalResult checkOperandRanks(const onnx::ModelProto &model, Location loc) {
  onnx::ModelProto work = model;
  onnx::GraphProto &graph = *work.mutable_graph();
  graph.clear_value_info();
  // Nothing declared may conflict with what the stand-ins produce.
  for (onnx::ValueInfoProto &out : *graph.mutable_output())
    out.clear_type();
  std::vector<std::pair<int, onnx::NodeProto>> pending;
  for (int i = 0, e = graph.node_size(); i < e; ++i) {
    onnx::NodeProto &node = *graph.mutable_node(i);
    if ((node.op_type() != "Conv" && node.op_type() != "ConvTranspose" &&
         node.op_type() != "Gemm") ||
        !(node.domain().empty() || node.domain() == "ai.onnx") ||
        node.input_size() < 2 || node.output_size() < 1)
      continue;
    pending.emplace_back(i, node);
    onnx::NodeProto standIn;
    standIn.set_op_type("Identity");
    standIn.add_input(node.input(0));
    standIn.add_output(node.output(0));
    node = std::move(standIn);
  }
  while (!pending.empty()) {
    onnx::ModelProto inferred = work;
    try {
      onnx::shape_inference::InferShapes(
          inferred, onnx::OpSchemaRegistry::Instance(),
          onnx::ShapeInferenceOptions(false, 0, /*data_prop=*/true));
    } catch (const std::exception &e) {
      // Nothing declared or inferred before is left to conflict with, so
      // this is an error of the model itself.
      return emitError(loc) << "ONNX shape inference failed on '"
                            << cast<FileLineColLoc>(loc).getFilename().getValue()
                            << "': " << e.what();
    }
    const onnx::GraphProto &inferredGraph = inferred.graph();
    llvm::StringMap<int> ranks;
    auto addRank = [&](const onnx::ValueInfoProto &vi) {
      if (vi.type().has_tensor_type() && vi.type().tensor_type().has_shape())
        ranks[vi.name()] = vi.type().tensor_type().shape().dim_size();
    };
    for (const auto &vi : inferredGraph.input())
      addRank(vi);
    for (const auto &vi : inferredGraph.value_info())
      addRank(vi);
    for (const auto &vi : inferredGraph.output())
      addRank(vi);
    for (const auto &t : inferredGraph.initializer())
      ranks[t.name()] = t.dims_size();
    std::vector<std::pair<int, onnx::NodeProto>> unknown;
    for (auto &[i, original] : pending) {
      auto x = ranks.find(original.input(0));
      auto w = ranks.find(original.input(1));
      if (x == ranks.end() || w == ranks.end()) {
        unknown.emplace_back(i, std::move(original));
        continue;
      }
      if (original.op_type() == "Gemm") {
        if (x->second != 2 || w->second != 2)
          return emitError(nodeLocation(loc, i))
                 << "Gemm node '" << nodeDisplayName(original, i)
                 << "': expects A and B of rank 2, got ranks " << x->second
                 << " and " << w->second;
      } else if (x->second < 3 || w->second != x->second)
        return emitError(nodeLocation(loc, i))
               << original.op_type() << " node '"
               << nodeDisplayName(original, i)
               << "': expects an input of rank >= 3 and a weight of the same "
                  "rank, got ranks "
               << x->second << " and " << w->second;
      *graph.mutable_node(i) = std::move(original);
    }
    if (unknown.size() == pending.size())
      break;
    pending = std::move(unknown);
  }
  return success();
}

/// Reads an initializer's EXTERNAL data into `bytes`.
LogicalResult readExternalData(const onnx::TensorProto &tensor,
                               StringRef modelDir, size_t expectedBytes,
                               Location loc, std::string &bytes) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const auto &entry : tensor.external_data()) {
    if (entry.key() == "location") {
      location = entry.value();
    } else if (entry.key() == "offset" || entry.key() == "length") {
      uint64_t v;
      if (StringRef(entry.value()).getAsInteger(10, v))
        return emitError(loc) << "initializer '" << tensor.name()
                              << "' has a malformed external data "
                              << entry.key() << " '" << entry.value() << "'";
      if (entry.key() == "offset")
        offset = v;
      else
        length = v;
    }
  }
  if (location.empty())
    return emitError(loc) << "initializer '" << tensor.name()
                          << "' is stored externally but has no location";
  llvm::SmallString<256> path(modelDir);
  llvm::sys::path::append(path, location);
  uint64_t fileSize;
  if (llvm::sys::fs::file_size(path, fileSize))
    return emitError(loc) << "cannot open external data file '" << path
                          << "' of initializer '" << tensor.name() << "'";
  uint64_t want = length.value_or(expectedBytes);
  if (want != expectedBytes)
    return emitError(loc) << "initializer '" << tensor.name() << "' needs "
                          << expectedBytes << " bytes but its external data "
                          << "length is " << want;
  if (offset > fileSize || fileSize - offset < want)
    return emitError(loc) << "external data file '" << path
                          << "' is too short for initializer '" << tensor.name()
                          << "': needs " << want << " bytes at offset " << offset
                          << ", the file has " << fileSize << " bytes";
  std::ifstream in(std::string(path), std::ios::binary);
  bytes.resize(want);
  in.seekg(static_cast<std::streamoff>(offset));
  if (!in.read(bytes.data(), static_cast<std::streamsize>(want)))
    return emitError(loc) << "cannot read external data file '" << path
                          << "' of initializer '" << tensor.name() << "'";
  return success();
}

/// Loads external data and moves the data of every large float initializer
/// into the WeightStore, leaving a one-byte placeholder that keeps the checker
/// happy (it only counts non-empty data fields).
LogicalResult takeWeights(onnx::GraphProto &graph, StringRef modelDir,
                          Location loc, WeightStore &store) {
  for (onnx::TensorProto &tensor : *graph.mutable_initializer()) {
    std::optional<int64_t> count = checkedNumElements(
        SmallVector<int64_t>(tensor.dims().begin(), tensor.dims().end()));
    if (!count)
      return emitError(loc) << "initializer '" << tensor.name()
                            << "' has a negative or impossibly large dimension";
    int64_t numElements = *count;
    std::optional<size_t> elemBytes = elementByteSize(tensor.data_type());
    bool external = tensor.data_location() == onnx::TensorProto::EXTERNAL;
    if (external) {
      if (!elemBytes)
        return emitError(loc) << "initializer '" << tensor.name()
                              << "' has unsupported element type "
                              << dataTypeName(tensor.data_type());
      std::string bytes;
      if (failed(readExternalData(tensor, modelDir,
                                  *elemBytes * size_t(numElements), loc, bytes)))
        return failure();
      tensor.clear_external_data();
      tensor.clear_data_location();
      *tensor.mutable_raw_data() = std::move(bytes);
    }
    if (!isStoredAsBlob(tensor.data_type(), numElements))
      continue;
    auto data = std::make_unique<std::string>();
    if (tensor.has_raw_data() && !tensor.raw_data().empty()) {
      if (tensor.raw_data().size() != 4 * size_t(numElements))
        return emitError(loc) << "initializer '" << tensor.name() << "' has "
                              << tensor.raw_data().size()
                              << " bytes of data, expected "
                              << 4 * numElements;
      *data = std::move(*tensor.mutable_raw_data());
    } else {
      if (tensor.float_data_size() != numElements)
        return emitError(loc) << "initializer '" << tensor.name() << "' has "
                              << tensor.float_data_size()
                              << " values, expected " << numElements;
      data->resize(4 * size_t(numElements));
      std::memcpy(data->data(), tensor.float_data().data(), data->size());
      tensor.clear_float_data();
    }
    tensor.set_raw_data(std::string(1, '\0'));
    store.bytes[tensor.name()] = std::move(data);
  }
  return success();
}

void appendShape(InFlightDiagnostic &diag, StringRef name) {
  diag << "; give it a static shape with --input-shape " << name
       << "=D0,D1,...";
}

LogicalResult pinInputShapes(onnx::GraphProto &graph,
                             const ONNXImportOptions &options, Location loc) {
  llvm::StringSet<> initializers;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  llvm::StringSet<> seen;
  std::string inputList;
  for (onnx::ValueInfoProto &input : *graph.mutable_input()) {
    if (initializers.contains(input.name()))
      continue;
    seen.insert(input.name());
    inputList += (inputList.empty() ? "'" : ", '") + input.name() + "'";
  }
  for (const auto &entry : options.inputShapes)
    if (!seen.contains(entry.getKey()))
      return emitError(loc) << "--input-shape names '" << entry.getKey()
                            << "', which is not a graph input (inputs: "
                            << inputList << ")";

  for (onnx::ValueInfoProto &input : *graph.mutable_input()) {
    if (initializers.contains(input.name()))
      continue;
    if (!input.type().has_tensor_type())
      return emitError(loc) << "graph input '" << input.name()
                            << "' is not a tensor";
    onnx::TypeProto_Tensor *type = input.mutable_type()->mutable_tensor_type();
    auto pinned = options.inputShapes.find(input.name());
    if (pinned != options.inputShapes.end()) {
      ArrayRef<int64_t> dims = pinned->getValue();
      if (type->has_shape() && type->shape().dim_size() != int(dims.size()))
        return emitError(loc)
               << "--input-shape for '" << input.name() << "' has "
               << dims.size() << " dimensions but the input has rank "
               << type->shape().dim_size();
      if (!type->has_shape())
        for (size_t i = 0; i < dims.size(); ++i)
          type->mutable_shape()->add_dim();
      for (size_t i = 0; i < dims.size(); ++i) {
        if (dims[i] <= 0)
          return emitError(loc) << "--input-shape for '" << input.name()
                                << "': dimension " << i << " is " << dims[i]
                                << ", dimensions must be positive";
        auto *dim = type->mutable_shape()->mutable_dim(int(i));
        if (dim->has_dim_value() && dim->dim_value() != dims[i])
          return emitError(loc)
                 << "--input-shape for '" << input.name() << "': dimension " << i
                 << " is " << dim->dim_value() << " in the model, not "
                 << dims[i];
        dim->set_dim_value(dims[i]);
      }
      continue;
    }
    if (!type->has_shape()) {
      InFlightDiagnostic diag = emitError(loc) << "graph input '" << input.name()
                                               << "' has no shape";
      appendShape(diag, input.name());
      return diag;
    }
    for (int i = 0, e = type->shape().dim_size(); i < e; ++i) {
      const auto &dim = type->shape().dim(i);
      if (dim.has_dim_value() && dim.dim_value() > 0)
        continue;
      if (dim.has_dim_value() && dim.dim_value() == 0) {
        InFlightDiagnostic diag = emitError(loc)
                                  << "graph input '" << input.name()
                                  << "' has a zero-size dimension " << i
                                  << "; empty tensors are not supported";
        // An empty integer input is typically an operand such as axes or
        // pads, which is fine as a constant.
        int32_t elem = type->elem_type();
        if (elem == onnx::TensorProto::INT64 || elem == onnx::TensorProto::INT32)
          diag << "; if it is an operand that must be known at import time, "
                  "specialise the model with --bind-input "
               << input.name() << "=FILE.npy|FILE.pb";
        return diag;
      }
      InFlightDiagnostic diag = emitError(loc)
                                << "graph input '" << input.name()
                                << "' has a dynamic dimension " << i;
      if (dim.has_dim_param())
        diag << " ('" << dim.dim_param() << "')";
      appendShape(diag, input.name());
      return diag;
    }
  }
  // Every size computed from an input shape later (element counts, byte sizes)
  // must be representable.
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (initializers.contains(input.name()))
      continue;
    SmallVector<int64_t> dims;
    for (const auto &dim : input.type().tensor_type().shape().dim())
      dims.push_back(dim.dim_value());
    if (!checkedNumElements(dims))
      return emitError(loc) << "graph input '" << input.name()
                            << "' is too large: its size overflows";
  }
  return success();
}

} // namespace

LogicalResult prepareModel(StringRef fileName, const ONNXImportOptions &options,
                           OpSupportFn isSupported, Location loc,
                           LoadedModel &out) {
  out.fileName = fileName.str();
  onnx::ModelProto &model = out.model;
  out.opset = defaultOpset(model);
  if (out.opset != 0 && failed(checkOpsetSupported(out.opset, fileName, loc)))
    return failure();
  if (failed(bindInputs(*model.mutable_graph(), options, loc)) ||
      failed(rejectDangerousAttributes(model.graph(), loc)) ||
      failed(rejectUndefinedValues(model.graph(), loc)) ||
      failed(expandFunctionOps(model, out.opset, isSupported, loc)) ||
      failed(rejectUnsupportedOps(model.graph(), out.opset, isSupported, loc)))
    return failure();

  StringRef pathForDir = options.modelPath.empty() ? fileName
                                                   : StringRef(options.modelPath);
  llvm::SmallString<256> modelDir = llvm::sys::path::parent_path(pathForDir);
  if (modelDir.empty())
    modelDir = ".";
  if (failed(takeWeights(*model.mutable_graph(), modelDir, loc, out.weights)))
    return failure();
  if (failed(pinInputShapes(*model.mutable_graph(), options, loc)))
    return failure();

  try {
    onnx::checker::check_model(model);
  } catch (const std::exception &e) {
    return emitError(loc) << "the ONNX checker rejected '" << fileName
                          << "': " << e.what();
  }

  // Before any libonnx shape inference (the version conversion runs one):
  // it crashes on some malformed Conv operands.
  model.mutable_graph()->clear_value_info();
  if (failed(checkOperandRanks(model, loc)))
    return failure();

  if (out.opset == 0)
    return emitError(loc) << "'" << fileName
                          << "' does not import the default ONNX opset";

  if (out.opset < kCanonicalONNXOpset) {
    // With the input shapes pinned, a data-propagating shape inference before
    // each step gives the adapters the shapes they read (ours need none); the
    // recorded shapes are dropped again below. A node that cannot be
    // converted is an error naming it.
    if (failed(
            convertOpset(model, out.opset, kCanonicalONNXOpset, fileName, loc)))
      return failure();
    out.opset = kCanonicalONNXOpset;
  } else if (out.opset > kCanonicalONNXOpset) {
    std::string why;
    try {
      onnx::ModelProto converted =
          onnx::version_conversion::ConvertVersion(model, kCanonicalONNXOpset);
      model = std::move(converted);
    } catch (const std::exception &e) {
      why = e.what();
    }
    if (!why.empty())
      return emitError(loc) << "cannot convert '" << fileName << "' from opset "
                            << out.opset << " to opset " << kCanonicalONNXOpset
                            << ": " << why;
    out.opset = kCanonicalONNXOpset;
  }

  // Shapes are re-inferred from the (pinned) inputs; stale intermediate
  // shapes an exporter recorded would only conflict with them.
  model.mutable_graph()->clear_value_info();
  try {
    onnx::ShapeInferenceOptions shapeOptions(/*check_type=*/false,
                                             /*strict_mode=*/0,
                                             /*data_prop=*/true);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), shapeOptions);
  } catch (const std::exception &e) {
    return emitError(loc) << "ONNX shape inference failed on '" << fileName
                          << "': " << e.what();
  }
  return success();
}

} // namespace accel::onnx_import
