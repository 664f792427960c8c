//===- KernelMapper.cpp - Mapping one IPU kernel onto tiles ---------------===//
#include "KernelMapper.h"

#include "accel/Analysis/Flops.h"
#include "accel/Support/SourceNode.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace accel::tile::mapping {

int64_t numElements(Value v) {
  return cast<ShapedType>(v.getType()).getNumElements();
}

SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

size_t Layout::firstOverlapping(int64_t begin) const {
  auto it = llvm::partition_point(
      pieces, [&](const Piece &p) { return p.begin + p.len <= begin; });
  return static_cast<size_t>(it - pieces.begin());
}

KernelMapper::KernelMapper(KernelOp kernel, int64_t numTiles, int64_t memoryWords,
                           ArrayRef<bool> argIsConstant, ArrayRef<DenseElementsAttr> argValues)
    : kernel_(kernel), ctx_(kernel.getContext()), numTiles_(numTiles), memoryWords_(memoryWords),
      argIsConstant_(argIsConstant), argValues_(argValues), declBuilder_(kernel.getContext()),
      stepBuilder_(kernel.getContext()), loc_(kernel.getLoc()) {
  Block &body = kernel.getBody().front();
  // Declarations (tile.tensor, tile.init) go first, steps after every existing op (the
  // dataflow ops, erased once mapped).
  declBuilder_.setInsertionPointToStart(&body);
  stepBuilder_.setInsertionPointToEnd(&body);
}

bool KernelMapper::isConstant(Value v) const {
  auto arg = dyn_cast<BlockArgument>(v);
  return arg && arg.getOwner()->getParentOp() == kernel_.getOperation() &&
         arg.getArgNumber() < argIsConstant_.size() && argIsConstant_[arg.getArgNumber()];
}

DenseElementsAttr KernelMapper::constantValue(Value v) const {
  auto arg = dyn_cast<BlockArgument>(v);
  if (!isConstant(v) || arg.getArgNumber() >= argValues_.size())
    return {};
  return argValues_[arg.getArgNumber()];
}

const Layout *KernelMapper::layout(Value v) const {
  auto it = layouts_.find(v);
  return it == layouts_.end() ? nullptr : &it->second;
}

const Layout &KernelMapper::materialize(Value v) {
  if (const Layout *l = layout(v))
    return *l;
  Buffer &buf = newBuffer("resident");
  int64_t n = numElements(v);
  Layout l = linearLayout(n, 4096, 1, buf);
  advanceCursor(static_cast<int64_t>(l.pieces.size()));
  for (const Piece &p : l.pieces)
    initViewRange(v, makeView(ctx(), 0, {{n, 1}}), p.begin, p.begin + p.len, p.tile,
                  Local{p.buffer, p.offset});
  setLayout(v, std::move(l));
  return *layout(v);
}

void KernelMapper::beginLayer(Operation *op) {
  // The layer's pipeline stage: by the share of the kernel's weights laid out before it.
  if (ipus_ > 1 && totalWeightWords_ > 0) {
    int64_t stage = weightWordsSoFar_ * ipus_ / totalWeightWords_;
    stage = std::min(ipus_ - 1, stage);
    if (stage != stage_) {
      stage_ = stage;
      cursor_ = 0;
    }
  }
  for (Value v : op->getOperands())
    if (isConstant(v))
      weightWordsSoFar_ += numElements(v);
  layer_ = static_cast<int64_t>(layers_.size());
  loc_ = op->getLoc();
  std::string node = describeSourceNode(op->getLoc()).node;
  layerName_ = node.empty() ? op->getName().stripDialect().str() + "_" + std::to_string(layer_)
                            : node;
  Builder b(ctx());
  layers_.push_back(LayerAttr::get(ctx(), layerName_,
                                   static_cast<int64_t>(estimateFlops(op)), op->getLoc()));
  // One ONNX node can lower to several dataflow ops (LayerNormalization, Gemm with a
  // bias, ...): they share the node's report name, but the names of their steps (and
  // tensors) must be unique in the kernel, so later ones get a "#N" suffix.
  int uses = layerNameUses_[layerName_]++;
  stepPrefix_ = uses ? layerName_ + "#" + std::to_string(uses + 1) : layerName_;
  bufferCounter_ = 0;
  constants_ = nullptr;
}

Buffer &KernelMapper::newBuffer(StringRef role) {
  auto buffer = std::make_unique<Buffer>();
  std::string name = (stepPrefix_.empty() ? std::string("kernel") : stepPrefix_) + "." +
                     role.str();
  Builder b(ctx());
  buffer->value = TensorOp::create(declBuilder_, loc_, TileTensorType::get(ctx(), 1),
                                   b.getStringAttr(name), b.getDenseI64ArrayAttr({0}),
                                   IntegerAttr())
                      .getResult();
  buffers_.push_back(std::move(buffer));
  return *buffers_.back();
}

Local KernelMapper::allocate(Buffer &buffer, int64_t tile, int64_t words) {
  int64_t &used = buffer.used[tile];
  Local local{buffer.value, used};
  used += words;
  return local;
}

Value KernelMapper::sourceFor(Value v) const { return v; }

Local KernelMapper::initView(Value v, ViewAttr view, int64_t tile, Buffer &into) {
  int64_t n = view.getNumElements();
  Local dst = allocate(into, tile, n);
  Builder b(ctx());
  InitOp::create(declBuilder_, loc_, dst.buffer, b.getI64IntegerAttr(tile),
                 b.getDenseI64ArrayAttr({dst.offset, n}), v, view);
  return dst;
}

Local KernelMapper::fetch(Value v, int64_t begin, int64_t len, int64_t tile, Buffer &into) {
  if (isConstant(v)) {
    // Constants are laid out once per tile and kernel, however many vertices read them.
    auto key = std::make_tuple(v.getAsOpaquePointer(), begin, len, tile);
    auto it = constantCache_.find(key);
    if (it != constantCache_.end())
      return it->second;
    if (!constants_)
      constants_ = &newBuffer("constants");
    Local l = initView(v, makeView(ctx(), begin, {{len, 1}}),
                       tile, *constants_);
    constantCache_[key] = l;
    return l;
  }
  const Layout *l = layout(v);
  size_t i = l->firstOverlapping(begin);
  const Piece &first = l->pieces[i];
  if (first.tile == tile && first.begin <= begin && begin + len <= first.begin + first.len)
    return Local{first.buffer, first.offset + (begin - first.begin)};
  Local dst = allocate(into, tile, len);
  gatherInto(v, begin, len, tile, dst);
  return dst;
}

void KernelMapper::gatherInto(Value v, int64_t begin, int64_t len, int64_t tile, Local dst) {
  if (isConstant(v)) {
    Builder b(ctx());
    InitOp::create(declBuilder_, loc_, dst.buffer, b.getI64IntegerAttr(tile),
                   b.getDenseI64ArrayAttr({dst.offset, len}), v,
                   makeView(ctx(), begin, {{len, 1}}));
    return;
  }
  const Layout *l = layout(v);
  for (size_t i = l->firstOverlapping(begin);
       i < l->pieces.size() && l->pieces[i].begin < begin + len; ++i) {
    const Piece &p = l->pieces[i];
    int64_t lo = std::max(begin, p.begin), hi = std::min(begin + len, p.begin + p.len);
    transfer(p.tile, Local{p.buffer, p.offset + (lo - p.begin)}, hi - lo, tile,
             Local{dst.buffer, dst.offset + (lo - begin)});
  }
}

void KernelMapper::initViewRange(Value v, ViewAttr view, int64_t e0, int64_t e1,
                                 int64_t tile, Local dst) {
  Builder b(ctx());
  auto emit = [&](int64_t base, ArrayRef<std::pair<int64_t, int64_t>> dims, int64_t at) {
    ViewAttr part = makeView(ctx(), base, dims);
    int64_t n = part.getNumElements();
    InitOp::create(declBuilder_, loc_, dst.buffer, b.getI64IntegerAttr(tile),
                   b.getDenseI64ArrayAttr({dst.offset + at, n}), v, part);
  };
  ArrayRef<std::pair<int64_t, int64_t>> dims = view.getDims();
  if (dims.size() <= 1) {
    int64_t stride = dims.empty() ? 1 : dims[0].second;
    emit(view.getBase() + e0 * stride, {{e1 - e0, stride}}, 0);
    return;
  }
  // 2-D: a partial first row, the whole rows, a partial last row.
  auto [rowsTotal, rowStride] = dims[0];
  auto [cols, colStride] = dims[1];
  (void)rowsTotal;
  int64_t e = e0;
  auto rowBase = [&](int64_t r) { return view.getBase() + r * rowStride; };
  if (e % cols) {
    int64_t r = e / cols, c = e % cols, len = std::min(cols - c, e1 - e);
    emit(rowBase(r) + c * colStride, {{len, colStride}}, e - e0);
    e += len;
  }
  if (e1 - e >= cols) {
    int64_t rows = (e1 - e) / cols;
    emit(rowBase(e / cols), {{rows, rowStride}, {cols, colStride}}, e - e0);
    e += rows * cols;
  }
  if (e < e1)
    emit(rowBase(e / cols), {{e1 - e, colStride}}, e - e0);
}

SmallVector<Local> KernelMapper::distributeConstant(Value v, ViewAttr view,
                                                    ArrayRef<int64_t> tiles,
                                                    Buffer &persistent, Buffer &temp) {
  int64_t n = view.getNumElements();
  int64_t r = static_cast<int64_t>(tiles.size());
  if (r == 1) {
    Local l = allocate(persistent, tiles[0], n);
    initViewRange(v, view, 0, n, tiles[0], l);
    return {l};
  }
  int64_t chunk = (n + r - 1) / r;
  SmallVector<std::pair<int64_t, Local>> homes; // (tile, chunk words)
  for (int64_t i = 0; i < r; ++i) {
    int64_t c0 = i * chunk, c1 = std::min(n, c0 + chunk);
    if (c0 >= c1)
      break;
    Local home = allocate(persistent, tiles[i], c1 - c0);
    initViewRange(v, view, c0, c1, tiles[i], home);
    homes.push_back({tiles[i], home});
  }
  SmallVector<Local> copies;
  for (int64_t t : tiles) {
    Local whole = allocate(temp, t, n);
    for (auto [i, home] : llvm::enumerate(homes)) {
      int64_t c0 = static_cast<int64_t>(i) * chunk, len = std::min(n, c0 + chunk) - c0;
      transfer(home.first, home.second, len, t, Local{whole.buffer, whole.offset + c0});
    }
    copies.push_back(whole);
  }
  return copies;
}

void KernelMapper::transfer(int64_t srcTile, Local src, int64_t len, int64_t dstTile,
                            Local dst) {
  if (len <= 0)
    return;
  auto key = std::make_tuple(src.buffer.getAsOpaquePointer(), srcTile, src.offset, len);
  auto [it, inserted] = transferIndex_.try_emplace(key, transfers_.size());
  if (inserted)
    transfers_.push_back(PendingTransfer{srcTile, src, len, {}});
  transfers_[it->second].dsts.push_back({dstTile, dst});
}

void KernelMapper::addVertex(const VertexSpec &spec) { vertices_.push_back(spec); }

namespace {
DenseI64ArrayAttr slice(Builder &b, Local l, int64_t len) {
  return b.getDenseI64ArrayAttr({l.offset, len});
}
} // namespace

void KernelMapper::endStep(StringRef name) {
  Builder b(ctx());
  IntegerAttr layerAttr = layer_ >= 0 ? b.getI64IntegerAttr(layer_) : IntegerAttr();
  std::string stepName = stepPrefix_ + "." + name.str();
  if (!transfers_.empty()) {
    auto ex = ExchangeOp::create(stepBuilder_, loc_, b.getStringAttr(stepName), layerAttr);
    OpBuilder inner = OpBuilder::atBlockEnd(&ex.getBody().emplaceBlock());
    for (const PendingTransfer &t : transfers_) {
      SmallVector<Value> dsts;
      SmallVector<int64_t> tiles, offsets;
      for (const auto &[tile, local] : t.dsts) {
        dsts.push_back(local.buffer);
        tiles.push_back(tile);
        offsets.push_back(local.offset);
      }
      TransferOp::create(inner, loc_, t.src.buffer, b.getI64IntegerAttr(t.srcTile),
                         slice(b, t.src, t.len), dsts, b.getDenseI64ArrayAttr(tiles),
                         b.getDenseI64ArrayAttr(offsets));
    }
  }
  if (!vertices_.empty()) {
    auto cs = ComputeSetOp::create(stepBuilder_, loc_, b.getStringAttr(stepName), layerAttr);
    if (!plan_.empty())
      cs->setAttr("plan", b.getStringAttr(plan_));
    plan_.clear();
    OpBuilder inner = OpBuilder::atBlockEnd(&cs.getBody().emplaceBlock());
    auto i64 = [&](std::optional<int64_t> v) {
      return v ? b.getI64IntegerAttr(*v) : IntegerAttr();
    };
    for (const VertexSpec &v : vertices_) {
      auto op = VertexOp::create(
          inner, loc_, CodeletAttr::get(ctx(), v.codelet),
          v.fn ? UnaryFnAttr::get(ctx(), *v.fn) : UnaryFnAttr(), b.getI64IntegerAttr(v.tile),
          v.out.buffer, slice(b, v.out, v.outLen), v.a ? v.a->buffer : Value(),
          v.a ? slice(b, *v.a, v.aLen) : DenseI64ArrayAttr(), v.b ? v.b->buffer : Value(),
          v.b ? slice(b, *v.b, v.bLen) : DenseI64ArrayAttr(), i64(v.m), i64(v.k), i64(v.n),
          i64(v.count), v.value ? b.getF32FloatAttr(*v.value) : FloatAttr(),
          v.value2 ? b.getF32FloatAttr(*v.value2) : FloatAttr(),
          v.window ? WindowAttr::get(ctx(), v.window->c, v.window->h, v.window->w,
                                     v.window->oh, v.window->ow, v.window->kh, v.window->kw,
                                     v.window->sh, v.window->sw, v.window->dh, v.window->dw,
                                     v.window->ph, v.window->pw, v.window->cout)
                   : WindowAttr(),
          v.accumulate ? b.getUnitAttr() : UnitAttr(),
          v.transposeB ? b.getUnitAttr() : UnitAttr(),
          v.countPad ? b.getUnitAttr() : UnitAttr());
      (void)op;
    }
  }
  if (!transfers_.empty() || !vertices_.empty()) {
    SyncOp::create(stepBuilder_, loc_, layerAttr);
  }
  transfers_.clear();
  transferIndex_.clear();
  vertices_.clear();
}

Layout KernelMapper::linearLayout(int64_t n, int64_t grain, int64_t align, Buffer &buffer) {
  Layout layout;
  int64_t tiles = std::max<int64_t>(1, std::min(numTiles_, (n + grain - 1) / grain));
  int64_t per = (n + tiles - 1) / tiles;
  if (align > 1 && per % align && per > align)
    per = (per + align - 1) / align * align;
  int64_t t = 0;
  for (int64_t begin = 0; begin < n; begin += per) {
    int64_t len = std::min(per, n - begin);
    int64_t tile = tileAt(t);
    Local l = allocate(buffer, tile, len);
    layout.pieces.push_back(Piece{begin, len, tile, l.buffer, l.offset});
    ++t;
  }
  return layout;
}

void KernelMapper::hostInput(BlockArgument arg) {
  layer_ = -1;
  layerName_ = "input" + std::to_string(arg.getArgNumber());
  stepPrefix_ = layerName_;
  loc_ = kernel_.getLoc();
  Buffer &buf = newBuffer("host");
  int64_t n = numElements(arg);
  Layout l = linearLayout(n, 1024, 1, buf);
  advanceCursor(static_cast<int64_t>(l.pieces.size()));
  Builder b(ctx());
  auto hx = HostExchangeOp::create(stepBuilder_, loc_, b.getStringAttr(layerName_),
                                   IntegerAttr());
  OpBuilder inner = OpBuilder::atBlockEnd(&hx.getBody().emplaceBlock());
  for (const Piece &p : l.pieces)
    HostCopyOp::create(inner, loc_, arg, p.buffer, b.getI64IntegerAttr(p.tile),
                       b.getDenseI64ArrayAttr({p.offset, p.len}), IntegerAttr(),
                       makeView(ctx(), p.begin, {{p.len, 1}}));
  setLayout(arg, std::move(l));
}

void KernelMapper::hostOutputs(ValueRange values, Location loc) {
  Builder b(ctx());
  loc_ = loc;
  layer_ = -1;
  auto hx = HostExchangeOp::create(stepBuilder_, loc, b.getStringAttr("outputs"),
                                   IntegerAttr());
  OpBuilder inner = OpBuilder::atBlockEnd(&hx.getBody().emplaceBlock());
  for (auto [i, v] : llvm::enumerate(values)) {
    const Layout *l = layout(v);
    for (const Piece &p : l->pieces)
      HostCopyOp::create(inner, loc, Value(), p.buffer, b.getI64IntegerAttr(p.tile),
                         b.getDenseI64ArrayAttr({p.offset, p.len}),
                         b.getI64IntegerAttr(static_cast<int64_t>(i)),
                         makeView(ctx(), p.begin, {{p.len, 1}}));
  }
}

void KernelMapper::finish() {
  Builder b(ctx());
  for (const auto &buffer : buffers_) {
    auto op = buffer->value.getDefiningOp<TensorOp>();
    if (buffer->used.empty()) {
      op.erase();
      continue;
    }
    SmallVector<int64_t> tiles;
    int64_t words = 1;
    for (const auto &[tile, used] : buffer->used) {
      tiles.push_back(tile);
      words = std::max(words, used);
    }
    op.setTilesAttr(b.getDenseI64ArrayAttr(tiles));
    op.getResult().setType(TileTensorType::get(ctx(), words));
  }
  // A kernel of views only (reshape, slice, concat, ...) has no layer of its own: without
  // `layers` the kernel itself is its one report layer.
  if (!layers_.empty())
    kernel_->setAttr("layers", b.getArrayAttr(layers_));
}

} // namespace accel::tile::mapping
