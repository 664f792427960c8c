//===- TileEmitter.cpp - IPU device segments of the schedule --------------===//
//
// Each launched tile.kernel adds its layers, tile inits and program steps to the device
// segment. The IR is read into the simulator's program form (include/accel/Sim/IPU/
// Program.h, the contract both sides share) and written as the TileProgram table
// (include/accel/Schedule/Tile.fbs); the runtime's TileReader does the reverse.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/Schedule/TileEmitter.h"

#include "accel/Dialect/Tile/Analysis/TensorPlacement.h"
#include "accel/Dialect/Tile/IR/Tile.h"
#include "accel/Sim/IPU/Program.h"
#include "accel/Support/SourceNode.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>
#include <map>

using namespace mlir;
namespace si = accel::sim::ipu;
namespace ft = accel::schedule::tile;

namespace accel {

// The tile dialect's enums mirror the simulator's case for case, so they convert by cast.
static_assert(tile::getMaxEnumValForCodelet() == static_cast<unsigned>(si::kLastCodelet),
              "Tile_Codelet mirrors include/accel/Sim/IPU/Program.h Codelet");
static_assert(tile::getMaxEnumValForUnaryFn() ==
                  static_cast<unsigned>(accel::sim::kLastUnaryFn),
              "Tile_UnaryFn mirrors include/accel/Sim/Common/UnaryFn.h");

namespace {

si::View toView(tile::ViewAttr attr, int32_t tensor) {
  si::View v;
  v.tensor = tensor;
  v.base = attr.getBase();
  v.dims.assign(attr.getDims().begin(), attr.getDims().end());
  v.pad = attr.getPadValue();
  return v;
}

si::Window toWindow(tile::WindowAttr attr) {
  si::Window w;
  if (!attr)
    return w;
  // The attribute's verifier bounds every field to the simulator's 32-bit fields.
  auto u = [](int64_t x) { return static_cast<uint32_t>(x); };
  w.c = u(attr.getC());
  w.h = u(attr.getH());
  w.w = u(attr.getW());
  w.oh = u(attr.getOh());
  w.ow = u(attr.getOw());
  w.kh = u(attr.getKh());
  w.kw = u(attr.getKw());
  w.sh = u(attr.getSh());
  w.sw = u(attr.getSw());
  w.dh = u(attr.getDh());
  w.dw = u(attr.getDw());
  w.ph = static_cast<int32_t>(attr.getPh());
  w.pw = static_cast<int32_t>(attr.getPw());
  w.cout = u(attr.getCout());
  return w;
}

std::string printLocation(Location loc) {
  std::string text;
  llvm::raw_string_ostream os(text);
  loc.print(os);
  return text;
}

si::Layer makeLayer(StringRef name, Location loc, int64_t flops) {
  si::Layer layer;
  layer.name = name.str();
  SourceNode source = describeSourceNode(loc);
  layer.node = source.node;
  layer.opType = source.opType;
  layer.locText = printLocation(loc);
  layer.flops = flops > 0 ? static_cast<uint64_t>(flops) : 0;
  return layer;
}

/// Word ranges of tile memory, per tile, merged: what the launches already in the segment
/// use.
class TileRanges {
public:
  void add(uint32_t tile, uint32_t begin, uint32_t end) {
    if (begin >= end)
      return;
    uint64_t b = key(tile, begin), e = key(tile, end);
    // Merge with every range that overlaps or touches [b, e).
    auto it = ranges.upper_bound(b);
    if (it != ranges.begin() && std::prev(it)->second >= b)
      --it;
    while (it != ranges.end() && it->first <= e) {
      b = std::min(b, it->first);
      e = std::max(e, it->second);
      it = ranges.erase(it);
    }
    ranges.emplace(b, e);
  }
  bool overlaps(uint32_t tile, uint32_t begin, uint32_t end) const {
    if (begin >= end)
      return false;
    uint64_t b = key(tile, begin), e = key(tile, end);
    auto it = ranges.upper_bound(b);
    if (it != ranges.begin() && std::prev(it)->second > b)
      return true;
    return it != ranges.end() && it->first < e;
  }
  void clear() { ranges.clear(); }

private:
  // Tile in the high half: ranges of different tiles never touch (an end is at most
  // 2^32 - 1, checked when placing tensors).
  static uint64_t key(uint32_t tile, uint32_t word) { return (uint64_t(tile) << 32) | word; }
  std::map<uint64_t, uint64_t> ranges; // begin -> end
};

class TileSegmentEmitter : public DeviceSegmentEmitter {
public:
  LogicalResult describeDevice(ModuleOp module, schedule::DeviceRecord &device) override {
    auto ipus = module.getOps<tile::IpuOp>();
    if (ipus.empty())
      return module.emitError("no tile.ipu in the module");
    ipu = *ipus.begin();
    device.target = "ipu";
    device.preset = ipu.getPreset().str();
    device.clockHz = ipu.getClockHz().convertToDouble();
    for (NamedAttribute field : ipu.getFields()) {
      if (auto f = dyn_cast<FloatAttr>(field.getValue()))
        device.fields.emplace_back(field.getName().str(), f.getValueAsDouble());
      else if (auto i = dyn_cast<IntegerAttr>(field.getValue()))
        device.fields.emplace_back(field.getName().str(), static_cast<double>(i.getInt()));
      else if (auto s = dyn_cast<StringAttr>(field.getValue())) {
        if (field.getName() == "precision")
          device.precision = s.str();
        else if (field.getName() == "summary")
          device.summary = s.str();
      }
    }
    return success();
  }

  bool isLaunch(Operation *op) const override { return isa<tile::LaunchOp>(op); }

  LogicalResult addLaunch(Operation *op, ArrayRef<int32_t> operandIds,
                          ArrayRef<int32_t> resultIds) override {
    auto launch = cast<tile::LaunchOp>(op);
    auto k = dyn_cast_or_null<tile::KernelOp>(
        SymbolTable::lookupSymbolIn(ipu, launch.getKernelAttr()));
    if (!k)
      return launch.emitError("launches ") << launch.getKernelAttr() << ", which is not a kernel";
    if (!k.isMapped())
      return launch.emitError("launches kernel @")
             << k.getSymName() << ", which is not mapped to tiles (its body holds no tile ops)";
    Launch l;
    l.op = launch;
    l.kernel = k;
    l.operandIds = operandIds;
    l.resultIds = resultIds;
    l.layerBase = static_cast<int32_t>(program.layers.size());

    // Layers: the kernel's `layers`, or the kernel itself.
    if (ArrayAttr layers = k.getLayersAttr()) {
      for (auto layer : layers.getAsRange<tile::LayerAttr>())
        program.layers.push_back(makeLayer(layer.getName(),
                                           layer.getLoc() ? Location(layer.getLoc()) : k.getLoc(),
                                           layer.getFlops()));
    } else {
      program.layers.push_back(makeLayer(k.getSymName(), k.getLoc(), k.getFlops().value_or(0)));
    }

    Block &body = k.getBody().front();
    if (failed(placeTensors(l, body)) || failed(addInits(l, body)))
      return failure();
    // A step without its own layer is charged to the enclosing repeat's, else to the
    // kernel when it is one layer, else only to the totals.
    int32_t defaultLayer = k.getLayersAttr() ? -1 : l.layerBase;
    if (failed(addSteps(l, body, defaultLayer)))
      return failure();
    addBirths(l);
    for (const Placement &p : l.placements)
      used.add(p.tile, p.begin, p.end);
    return success();
  }

  void finishSegment(schedule::SegmentRecord &segment) override {
    segment.programType = schedule::Program::tile_TileProgram;
    segment.buildProgram = [p = std::move(program)](flatbuffers::FlatBufferBuilder &fbb) {
      return writeTileProgram(fbb, p);
    };
    program = si::Program();
    used.clear();
  }

private:
  struct Placement {
    uint32_t tile, begin, end;
  };
  /// What one launch's ops need while they are read.
  struct Launch {
    tile::LaunchOp op;
    tile::KernelOp kernel;
    ArrayRef<int32_t> operandIds, resultIds;
    int32_t layerBase = 0; // index of the kernel's first layer in the segment
    llvm::DenseMap<Value, uint32_t> offsets; // tile tensor -> word offset on its tiles
    SmallVector<Placement> placements;       // every (tile, words) its tensors occupy
    llvm::DenseMap<Operation *, uint32_t> firstStep; // top-level step op -> its first step
  };

  /// A birth per tensor at the first step of its live range (TensorPlacement.h), so the
  /// simulator forgets what the tensors that shared its words before left there. Weights
  /// (live for the whole kernel, loaded before it) and tensors without uses get none.
  void addBirths(Launch &l) {
    tile::TensorLiveness live = tile::computeTensorLiveness(l.kernel);
    for (auto [i, tensor] : llvm::enumerate(live.tensors)) {
      if (live.initialized[i] || tensor.getResult().use_empty())
        continue;
      auto it = l.firstStep.find(live.ops[live.ranges[i].first]);
      if (it == l.firstStep.end())
        continue; // first used by no step (cannot happen in a verified kernel)
      si::Birth birth;
      birth.step = it->second;
      birth.offset = l.offsets.lookup(tensor.getResult());
      birth.len = static_cast<uint32_t>(tensor.getWords());
      // Tiles are strictly increasing (tensor verifier): runs of consecutive ones.
      for (int64_t t : tensor.getTiles()) {
        auto tileIndex = static_cast<uint32_t>(t);
        if (!birth.tiles.empty() &&
            birth.tiles.back().first + birth.tiles.back().second == tileIndex)
          ++birth.tiles.back().second;
        else
          birth.tiles.emplace_back(tileIndex, 1);
      }
      program.births.push_back(std::move(birth));
    }
  }

  LogicalResult placeTensors(Launch &l, Block &body) {
    for (auto tensor : body.getOps<tile::TensorOp>()) {
      if (!tensor.getOffsetAttr())
        return tensor.emitError("tile tensor '")
               << tensor.getName() << "' has no offset in tile memory; run ipu-allocate-memory";
      int64_t offset = tensor.getOffsetAttr().getInt();
      int64_t end = offset + tensor.getWords();
      int64_t lastTile = tensor.getTiles().back();
      // The program's words and tiles are 32-bit (Program.h); a huge memory_bytes or
      // tile count in the descriptor could exceed them.
      if (end > std::numeric_limits<uint32_t>::max() ||
          lastTile >= std::numeric_limits<uint32_t>::max())
        return tensor.emitError("tile tensor '")
               << tensor.getName() << "' lies beyond the 2^32 words or tiles a program addresses";
      l.offsets[tensor.getResult()] = static_cast<uint32_t>(offset);
      program.memoryWordsPerTile =
          std::max(program.memoryWordsPerTile, static_cast<uint32_t>(end));
      program.tilesUsed = std::max(program.tilesUsed, static_cast<uint32_t>(lastTile + 1));
      for (int64_t t : tensor.getTiles())
        l.placements.push_back(
            {static_cast<uint32_t>(t), static_cast<uint32_t>(offset), static_cast<uint32_t>(end)});
    }
    return success();
  }

  FailureOr<uint32_t> offsetOf(Launch &l, Value tensor, Operation *user) {
    auto it = l.offsets.find(tensor);
    if (it == l.offsets.end())
      return user->emitError("operand is not a tile.tensor of kernel @")
             << l.kernel.getSymName();
    return it->second;
  }

  /// `[offset, len]` of `tensor` as words of tile memory.
  FailureOr<si::Slice> slice(Launch &l, Value tensor, DenseI64ArrayAttr s, Operation *user) {
    FailureOr<uint32_t> base = offsetOf(l, tensor, user);
    if (failed(base))
      return failure();
    return si::Slice{*base + static_cast<uint32_t>(s[0]), static_cast<uint32_t>(s[1])};
  }

  /// The schedule tensor of kernel argument `v`.
  FailureOr<int32_t> argId(Launch &l, Value v, Operation *user) {
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg || arg.getOwner()->getParentOp() != l.kernel)
      return user->emitError("source is not an argument of kernel @") << l.kernel.getSymName();
    return l.operandIds[arg.getArgNumber()];
  }

  LogicalResult addInits(Launch &l, Block &body) {
    for (auto init : body.getOps<tile::InitOp>()) {
      FailureOr<int32_t> id = argId(l, init.getSource(), init);
      if (failed(id))
        return failure();
      // Inits are loaded once with the program and not timed: only weights may be.
      Value operand = l.op.getInputs()[cast<BlockArgument>(init.getSource()).getArgNumber()];
      Operation *def = operand.getDefiningOp();
      if (!def || def->getName().getStringRef() != "dataflow.constant")
        return init.emitError("initialises tile memory from a tensor that is not a constant; "
                              "only weights are resident with the program");
      FailureOr<si::Slice> s = slice(l, init.getTensor(), init.getSliceAttr(), init);
      if (failed(s))
        return failure();
      auto tileIndex = static_cast<uint32_t>(init.getTileAttr().getInt());
      // Every init of the segment is loaded before its first step: words an earlier launch
      // of the segment uses would overwrite these weights before this launch reads them.
      if (used.overlaps(tileIndex, s->offset, s->offset + s->len))
        return init.emitError("loads words [")
               << s->offset << ", " << s->offset + s->len << ") of tile " << tileIndex
               << " that an earlier launch of the same device segment uses; inits are "
                  "loaded once with the program, so their words must be disjoint from "
                  "the earlier launches' tensors (ipu-allocate-memory)";
      program.inits.push_back(si::TileInit{toView(init.getView(), *id), tileIndex, s->offset});
    }
    return success();
  }

  LogicalResult addVertex(Launch &l, tile::VertexOp v, si::ComputeSet &set) {
    si::Vertex out;
    out.tile = static_cast<uint32_t>(v.getTileAttr().getInt());
    out.codelet = static_cast<si::Codelet>(static_cast<unsigned>(v.getCodelet()));
    if (auto fn = v.getFnAttr())
      out.fn = static_cast<si::UnaryFn>(static_cast<unsigned>(fn.getValue()));
    out.accumulate = v.getAccumulate();
    out.transposeB = v.getTransposeB();
    out.countPad = v.getCountPad();
    auto u32 = [](IntegerAttr attr) {
      return attr ? static_cast<uint32_t>(attr.getInt()) : 0u;
    };
    out.m = u32(v.getMAttr());
    out.k = u32(v.getKAttr());
    out.n = u32(v.getNAttr());
    out.count = u32(v.getCountAttr());
    if (auto value = v.getValueAttr())
      out.imm = value.getValue().convertToFloat();
    if (auto value2 = v.getValue2Attr())
      out.imm2 = value2.getValue().convertToFloat();
    out.window = toWindow(v.getWindowAttr());
    FailureOr<si::Slice> o = slice(l, v.getOut(), v.getOutSliceAttr(), v);
    if (failed(o))
      return failure();
    out.out = *o;
    for (auto [operand, sliceAttr, dst] :
         {std::make_tuple(v.getA(), v.getASliceAttr(), &out.a),
          std::make_tuple(v.getB(), v.getBSliceAttr(), &out.b)}) {
      if (!operand)
        continue;
      FailureOr<si::Slice> s = slice(l, operand, sliceAttr, v);
      if (failed(s))
        return failure();
      *dst = *s;
    }
    set.vertices.push_back(out);
    return success();
  }

  LogicalResult addTransfer(Launch &l, tile::TransferOp t, si::Exchange &ex) {
    si::Transfer out;
    out.srcTile = static_cast<uint32_t>(t.getSrcTileAttr().getInt());
    FailureOr<si::Slice> src = slice(l, t.getSrc(), t.getSrcSliceAttr(), t);
    if (failed(src))
      return failure();
    out.srcOffset = src->offset;
    out.len = src->len;
    for (auto [dst, tileIndex, offset] :
         llvm::zip(t.getDsts(), t.getDstTiles(), t.getDstOffsets())) {
      FailureOr<uint32_t> base = offsetOf(l, dst, t);
      if (failed(base))
        return failure();
      out.dsts.emplace_back(static_cast<uint32_t>(tileIndex),
                            *base + static_cast<uint32_t>(offset));
    }
    ex.transfers.push_back(std::move(out));
    return success();
  }

  LogicalResult addHostCopy(Launch &l, tile::HostCopyOp c, si::HostExchange &hx) {
    si::HostCopy out;
    FailureOr<si::Slice> s = slice(l, c.getTensor(), c.getSliceAttr(), c);
    if (failed(s))
      return failure();
    out.tile = static_cast<uint32_t>(c.getTileAttr().getInt());
    out.offset = s->offset;
    out.toDevice = c.isToDevice();
    int32_t tensor = -1;
    if (out.toDevice) {
      FailureOr<int32_t> id = argId(l, c.getSource(), c);
      if (failed(id))
        return failure();
      tensor = *id;
    } else {
      tensor = l.resultIds[c.getResultIndexAttr().getInt()];
    }
    out.view = toView(c.getView(), tensor);
    hx.copies.push_back(std::move(out));
    return success();
  }

  /// Appends the steps of `block` (a kernel or repeat body) in order.
  LogicalResult addSteps(Launch &l, Block &block, int32_t defaultLayer) {
    // The verifier keeps a step's layer within the kernel's layers.
    auto layerOf = [&](IntegerAttr layer) {
      return layer ? l.layerBase + static_cast<int32_t>(layer.getInt()) : defaultLayer;
    };
    bool top = &block == &l.kernel.getBody().front();
    for (Operation &op : block) {
      LogicalResult ok = success();
      if (top)
        l.firstStep[&op] = static_cast<uint32_t>(program.steps.size());
      llvm::TypeSwitch<Operation *>(&op)
          .Case([&](tile::ComputeSetOp cs) {
            si::ComputeSet set;
            set.name = cs.getName().str();
            for (auto v : cs.getBody().front().getOps<tile::VertexOp>())
              if (failed(addVertex(l, v, set))) {
                ok = failure();
                return;
              }
            program.steps.push_back({si::StepKind::Compute,
                                     static_cast<uint32_t>(program.computeSets.size()), 0,
                                     layerOf(cs.getLayerAttr())});
            program.computeSets.push_back(std::move(set));
          })
          .Case([&](tile::SyncOp sync) {
            program.steps.push_back({si::StepKind::Sync, 0, 0, layerOf(sync.getLayerAttr())});
          })
          .Case([&](tile::ExchangeOp ex) {
            si::Exchange exchange;
            exchange.name = ex.getName().str();
            for (auto t : ex.getBody().front().getOps<tile::TransferOp>())
              if (failed(addTransfer(l, t, exchange))) {
                ok = failure();
                return;
              }
            program.steps.push_back({si::StepKind::Exchange,
                                     static_cast<uint32_t>(program.exchanges.size()), 0,
                                     layerOf(ex.getLayerAttr())});
            program.exchanges.push_back(std::move(exchange));
          })
          .Case([&](tile::HostExchangeOp hx) {
            si::HostExchange exchange;
            exchange.name = hx.getName().str();
            for (auto c : hx.getBody().front().getOps<tile::HostCopyOp>())
              if (failed(addHostCopy(l, c, exchange))) {
                ok = failure();
                return;
              }
            program.steps.push_back({si::StepKind::HostExchange,
                                     static_cast<uint32_t>(program.hostExchanges.size()), 0,
                                     layerOf(hx.getLayerAttr())});
            program.hostExchanges.push_back(std::move(exchange));
          })
          .Case([&](tile::RepeatOp repeat) {
            int32_t layer = layerOf(repeat.getLayerAttr());
            auto count = static_cast<uint32_t>(repeat.getCount());
            program.steps.push_back({si::StepKind::RepeatBegin, 0, count, layer});
            ok = addSteps(l, repeat.getBody().front(), layer);
            program.steps.push_back({si::StepKind::RepeatEnd, 0, 0, layer});
          })
          .Default([](Operation *) {}); // tile.tensor and tile.init: read before
      if (failed(ok))
        return failure();
    }
    return success();
  }

  tile::IpuOp ipu;
  si::Program program;
  TileRanges used; // words the segment's earlier launches use, for addInits' check
};

flatbuffers::Offset<ft::View> writeView(flatbuffers::FlatBufferBuilder &fbb, const si::View &v) {
  std::vector<ft::ViewDim> dims;
  for (const auto &d : v.dims)
    dims.emplace_back(d.first, d.second);
  return ft::CreateViewDirect(fbb, v.tensor, v.base, &dims, v.pad);
}

} // namespace

flatbuffers::Offset<void> writeTileProgram(flatbuffers::FlatBufferBuilder &fbb,
                                           const si::Program &program) {
  std::vector<flatbuffers::Offset<ft::TileInit>> inits;
  for (const si::TileInit &in : program.inits) {
    auto view = writeView(fbb, in.view);
    inits.push_back(ft::CreateTileInit(fbb, view, in.tile, in.offset));
  }
  std::vector<flatbuffers::Offset<ft::ComputeSet>> computeSets;
  for (const si::ComputeSet &cs : program.computeSets) {
    std::vector<flatbuffers::Offset<ft::Vertex>> vertices;
    for (const si::Vertex &v : cs.vertices) {
      ft::Slice out(v.out.offset, v.out.len), a(v.a.offset, v.a.len), b(v.b.offset, v.b.len);
      const si::Window &w = v.window;
      ft::Window window(w.c, w.h, w.w, w.oh, w.ow, w.kh, w.kw, w.sh, w.sw, w.dh, w.dw, w.ph,
                        w.pw, w.cout);
      // Only the window codelets store one (56 bytes a vertex otherwise wasted).
      bool windowed = v.codelet == si::Codelet::Conv || v.codelet == si::Codelet::MaxPool ||
                      v.codelet == si::Codelet::AvgPool;
      vertices.push_back(ft::CreateVertex(
          fbb, v.tile, static_cast<uint8_t>(v.codelet), static_cast<uint8_t>(v.fn),
          v.accumulate, v.m, v.k, v.n, v.count, v.imm, &out, &a, &b, v.transposeB,
          v.countPad, v.imm2, windowed ? &window : nullptr));
    }
    computeSets.push_back(ft::CreateComputeSetDirect(fbb, cs.name.c_str(), &vertices));
  }
  std::vector<flatbuffers::Offset<ft::Exchange>> exchanges;
  for (const si::Exchange &ex : program.exchanges) {
    std::vector<flatbuffers::Offset<ft::Transfer>> transfers;
    for (const si::Transfer &t : ex.transfers) {
      std::vector<ft::Destination> dsts;
      for (const auto &d : t.dsts)
        dsts.emplace_back(d.first, d.second);
      transfers.push_back(ft::CreateTransferDirect(fbb, t.srcTile, t.srcOffset, t.len, &dsts));
    }
    exchanges.push_back(ft::CreateExchangeDirect(fbb, ex.name.c_str(), &transfers));
  }
  std::vector<flatbuffers::Offset<ft::HostExchange>> hostExchanges;
  for (const si::HostExchange &hx : program.hostExchanges) {
    std::vector<flatbuffers::Offset<ft::HostCopy>> copies;
    for (const si::HostCopy &c : hx.copies) {
      auto view = writeView(fbb, c.view);
      copies.push_back(ft::CreateHostCopy(fbb, view, c.tile, c.offset, c.toDevice));
    }
    hostExchanges.push_back(ft::CreateHostExchangeDirect(fbb, hx.name.c_str(), &copies));
  }
  std::vector<ft::Step> steps;
  for (const si::Step &s : program.steps)
    steps.emplace_back(static_cast<uint8_t>(s.kind), s.index, s.count, s.layer);
  std::vector<flatbuffers::Offset<ft::Layer>> layers;
  for (const si::Layer &l : program.layers)
    layers.push_back(ft::CreateLayerDirect(fbb, l.name.c_str(), l.node.c_str(),
                                           l.opType.c_str(), l.locText.c_str(), l.flops));
  std::vector<flatbuffers::Offset<ft::Birth>> births;
  for (const si::Birth &b : program.births) {
    std::vector<ft::TileRange> tiles;
    for (const auto &[first, count] : b.tiles)
      tiles.emplace_back(first, count);
    births.push_back(ft::CreateBirthDirect(fbb, b.step, b.offset, b.len, &tiles));
  }
  return ft::CreateTileProgramDirect(fbb, program.tilesUsed, program.memoryWordsPerTile, &inits,
                                     &computeSets, &exchanges, &hostExchanges, &steps, &layers,
                                     &births)
      .Union();
}

std::unique_ptr<DeviceSegmentEmitter> createTileSegmentEmitter() {
  return std::make_unique<TileSegmentEmitter>();
}

bool tileOwnsModule(ModuleOp module) { return !module.getOps<tile::IpuOp>().empty(); }

} // namespace accel
