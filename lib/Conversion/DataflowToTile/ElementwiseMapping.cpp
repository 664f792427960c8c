//===- ElementwiseMapping.cpp - Unary, binary and clamp ops on tiles ------===//
//
// The result takes the layout of its first full-size operand (so that operand needs no
// exchange: poplibs maps elementwise outputs like their inputs), or a linear layout when
// every operand is broadcast or constant. Each piece is computed on its own tile, split
// into segments over which every operand is either contiguous or one broadcast element,
// and each segment is split over the tile's workers.
//
//===----------------------------------------------------------------------===//
#include "Mappings.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"
#include "accel/Sim/Common/UnaryFn.h"

using namespace mlir;
namespace df = accel::dataflow;

namespace accel::tile::mapping {

SmallVector<Run> broadcastRuns(ArrayRef<int64_t> out, ArrayRef<int64_t> in, int64_t begin,
                               int64_t len) {
  int64_t rank = static_cast<int64_t>(out.size());
  SmallVector<int64_t> aligned(rank, 1);
  for (int64_t i = 0; i < static_cast<int64_t>(in.size()); ++i)
    aligned[rank - static_cast<int64_t>(in.size()) + i] = in[i];
  SmallVector<int64_t> inStrides = stridesOf(aligned);
  for (int64_t d = 0; d < rank; ++d)
    if (aligned[d] != out[d])
      inStrides[d] = 0;
  // The block over which the operand index moves uniformly: the longest suffix of dims
  // that are all kept (stride 1) or all broadcast (stride 0).
  int64_t block = 1, stride = 1;
  if (rank > 0) {
    bool kept = aligned[rank - 1] == out[rank - 1];
    stride = kept || out[rank - 1] == 1 ? 1 : 0;
    for (int64_t d = rank - 1; d >= 0; --d) {
      bool k = aligned[d] == out[d];
      if (out[d] != 1 && k != (stride == 1))
        break;
      block *= out[d];
    }
  }
  SmallVector<int64_t> outStrides = stridesOf(out);
  auto indexOf = [&](int64_t e) {
    int64_t idx = 0;
    for (int64_t d = 0; d < rank; ++d) {
      idx += (e / outStrides[d]) * inStrides[d];
      e %= outStrides[d];
    }
    return idx;
  };
  SmallVector<Run> runs;
  for (int64_t e = begin; e < begin + len;) {
    int64_t end = std::min(begin + len, (e / block + 1) * block);
    Run r{e, end - e, indexOf(e), stride};
    if (!runs.empty()) {
      Run &p = runs.back();
      bool joins = (p.stride == 1 && r.stride == 1 && r.index == p.index + p.len) ||
                   (p.stride == 0 && r.stride == 0 && r.index == p.index) ||
                   (p.len == 1 && p.stride == 1 && r.stride == 0 && r.index == p.index);
      if (joins) {
        if (p.len == 1)
          p.stride = r.stride;
        p.len += r.len;
        e = end;
        continue;
      }
    }
    runs.push_back(r);
    e = end;
  }
  return runs;
}

SmallVector<std::pair<int64_t, int64_t>> splitForWorkers(int64_t len, int64_t workers,
                                                         int64_t minChunk) {
  SmallVector<std::pair<int64_t, int64_t>> chunks;
  int64_t n = std::max<int64_t>(1, std::min(workers, len / std::max<int64_t>(1, minChunk)));
  int64_t per = (len + n - 1) / n;
  for (int64_t b = 0; b < len; b += per)
    chunks.push_back({b, std::min(per, len - b)});
  return chunks;
}

Layout resultLayoutLike(KernelMapper &km, Value result, ValueRange operands, Buffer &out) {
  int64_t n = numElements(result);
  auto shape = cast<ShapedType>(result.getType()).getShape();
  for (Value v : operands) {
    if (km.isConstant(v) || cast<ShapedType>(v.getType()).getShape() != shape)
      continue;
    if (const Layout *l = km.layout(v)) {
      Layout mirrored;
      for (const Piece &p : l->pieces) {
        Local local = km.allocate(out, p.tile, p.len);
        mirrored.pieces.push_back(Piece{p.begin, p.len, p.tile, local.buffer, local.offset});
      }
      return mirrored;
    }
  }
  Layout l = km.linearLayout(n, 2048, 1, out);
  km.advanceCursor(static_cast<int64_t>(l.pieces.size()));
  return l;
}

void mapElementwise(KernelMapper &km, Operation *op, ValueRange operands,
                    const VertexSpec &proto, Value result) {
  km.beginLayer(op);
  Buffer &out = km.newBuffer("out");
  Buffer &in = km.newBuffer("in");
  Layout layout = resultLayoutLike(km, result, operands, out);
  auto shape = cast<ShapedType>(result.getType()).getShape();
  for (const Piece &p : layout.pieces) {
    // Segments of the piece over which each operand is contiguous or broadcast.
    SmallVector<SmallVector<Run>> runs;
    for (Value v : operands)
      runs.push_back(broadcastRuns(shape, cast<ShapedType>(v.getType()).getShape(), p.begin,
                                   p.len));
    SmallVector<size_t> at(operands.size(), 0);
    for (int64_t e = p.begin; e < p.begin + p.len;) {
      int64_t end = p.begin + p.len;
      for (size_t i = 0; i < runs.size(); ++i)
        end = std::min(end, runs[i][at[i]].begin + runs[i][at[i]].len);
      int64_t segLen = end - e;
      SmallVector<std::pair<Local, int64_t>> locals; // (where, stride)
      for (size_t i = 0; i < runs.size(); ++i) {
        const Run &r = runs[i][at[i]];
        int64_t idx = r.index + (r.stride ? e - r.begin : 0);
        int64_t need = r.stride ? segLen : 1;
        locals.push_back({km.fetch(operands[i], idx, need, p.tile, in), r.stride});
      }
      for (auto [cb, cl] : splitForWorkers(segLen, km.workers(), 64)) {
        VertexSpec v = proto;
        v.tile = p.tile;
        v.out = Local{p.buffer, p.offset + (e - p.begin) + cb};
        v.outLen = cl;
        auto operandSlice = [&](size_t i, int64_t &len) {
          auto [local, stride] = locals[i];
          len = stride ? cl : 1;
          return Local{local.buffer, local.offset + (stride ? cb : 0)};
        };
        if (!locals.empty())
          v.a = operandSlice(0, v.aLen);
        if (locals.size() > 1)
          v.b = operandSlice(1, v.bLen);
        km.addVertex(v);
      }
      for (size_t i = 0; i < runs.size(); ++i)
        if (runs[i][at[i]].begin + runs[i][at[i]].len == end)
          ++at[i];
      e = end;
    }
  }
  km.endStep("compute");
  km.setLayout(result, std::move(layout));
}

void addChannelBias(KernelMapper &km, const Layout &layout, int64_t channels, int64_t plane,
                    Value bias, Buffer &constants) {
  for (const Piece &p : layout.pieces) {
    for (int64_t e = p.begin; e < p.begin + p.len;) {
      int64_t end = std::min(p.begin + p.len, (e / plane + 1) * plane);
      int64_t channel = (e / plane) % channels;
      Local b = km.fetch(bias, channel, 1, p.tile, constants);
      for (auto [cb, cl] : splitForWorkers(end - e, km.workers(), 256)) {
        VertexSpec v;
        v.codelet = Codelet::Add;
        v.tile = p.tile;
        v.out = Local{p.buffer, p.offset + (e - p.begin) + cb};
        v.outLen = cl;
        v.a = v.out;
        v.aLen = cl;
        v.b = b;
        v.bLen = 1;
        km.addVertex(v);
      }
      e = end;
    }
  }
  km.endStep("bias");
}

namespace {

std::optional<UnaryFn> directUnary(df::UnaryKind kind) {
  switch (kind) {
  case df::UnaryKind::Relu: return UnaryFn::Relu;
  case df::UnaryKind::Exp: return UnaryFn::Exp;
  case df::UnaryKind::Sigmoid: return UnaryFn::Sigmoid;
  case df::UnaryKind::Tanh: return UnaryFn::Tanh;
  case df::UnaryKind::Erf: return UnaryFn::Erf;
  case df::UnaryKind::Sqrt: return UnaryFn::Sqrt;
  case df::UnaryKind::Reciprocal: return UnaryFn::Recip;
  case df::UnaryKind::Neg: return UnaryFn::Neg;
  case df::UnaryKind::Abs: return UnaryFn::Abs;
  case df::UnaryKind::Log: return UnaryFn::Log;
  case df::UnaryKind::Floor: return UnaryFn::Floor;
  case df::UnaryKind::Ceil: return UnaryFn::Ceil;
  case df::UnaryKind::Gelu: return UnaryFn::Gelu;
  case df::UnaryKind::LeakyRelu: return UnaryFn::LeakyRelu;
  case df::UnaryKind::HardSigmoid: return UnaryFn::HardSigmoid;
  case df::UnaryKind::HardSwish: return UnaryFn::HardSwish;
  case df::UnaryKind::Softplus: return UnaryFn::Softplus;
  default: return std::nullopt;
  }
}

std::optional<Codelet> binaryCodelet(df::BinaryKind kind) {
  switch (kind) {
  case df::BinaryKind::Add: return Codelet::Add;
  case df::BinaryKind::Sub: return Codelet::Sub;
  case df::BinaryKind::Mul: return Codelet::Mul;
  case df::BinaryKind::Div: return Codelet::Div;
  case df::BinaryKind::Max: return Codelet::Max;
  case df::BinaryKind::Min: return Codelet::Min;
  default: return std::nullopt;
  }
}

} // namespace

bool isElementwiseMappable(Operation *op) {
  auto f32 = [](Value v) { return cast<ShapedType>(v.getType()).getElementType().isF32(); };
  if (!llvm::all_of(op->getOperands(), f32) || !llvm::all_of(op->getResults(), f32))
    return false;
  if (auto u = dyn_cast<df::UnaryOp>(op))
    return directUnary(u.getKind()) || u.getKind() == df::UnaryKind::Identity;
  if (auto b = dyn_cast<df::BinaryOp>(op))
    return binaryCodelet(b.getKind()).has_value();
  return isa<df::ClampOp>(op);
}

LogicalResult mapElementwiseOp(KernelMapper &km, Operation *op) {
  if (auto c = dyn_cast<df::ClampOp>(op)) {
    VertexSpec proto;
    proto.codelet = Codelet::Clamp;
    proto.value = c.getMin().convertToFloat();
    proto.value2 = c.getMax().convertToFloat();
    mapElementwise(km, op, c.getInput(), proto, c.getResult());
    return success();
  }
  if (auto u = dyn_cast<df::UnaryOp>(op)) {
    if (u.getKind() == df::UnaryKind::Identity && km.layout(u.getInput())) {
      km.setLayout(u.getResult(), *km.layout(u.getInput()));
      return success();
    }
    VertexSpec proto;
    proto.codelet = Codelet::Unary;
    proto.fn = directUnary(u.getKind());
    if (u.getKind() == df::UnaryKind::Identity) {
      proto.codelet = Codelet::Copy;
      proto.fn = std::nullopt;
    }
    // Functions with parameters take them as the vertex's value / value2.
    if (proto.fn && accel::sim::unaryParamCount(static_cast<accel::sim::UnaryFn>(*proto.fn)) >= 1)
      proto.value = u.getAlpha().convertToFloat();
    if (proto.fn && accel::sim::unaryParamCount(static_cast<accel::sim::UnaryFn>(*proto.fn)) >= 2)
      proto.value2 = u.getBeta().convertToFloat();
    mapElementwise(km, op, u.getInput(), proto, u.getResult());
    return success();
  }
  auto b = cast<df::BinaryOp>(op);
  VertexSpec proto;
  proto.codelet = *binaryCodelet(b.getKind());
  mapElementwise(km, op, ValueRange{b.getLhs(), b.getRhs()}, proto, b.getResult());
  return success();
}

} // namespace accel::tile::mapping
