//===- WaveletEmitter.cpp - WSE device segments of the schedule -----------===//
//
// Each launched wavelet.kernel becomes one layer of the device segment. The IR is read
// into the simulator's program form (include/accel/Sim/WSE/Program.h, the contract both
// sides share) and written as the WaveletProgram table (include/accel/Schedule/
// Wavelet.fbs); the runtime's WaveletReader does the reverse.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/Schedule/WaveletEmitter.h"

#include "accel/Dialect/Wavelet/IR/Wavelet.h"
#include "accel/Sim/WSE/Program.h"
#include "accel/Support/SourceNode.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
namespace sw = accel::sim::wse;
namespace fw = accel::schedule::wavelet;

namespace accel {

namespace {

sw::PeSet toPeSet(wavelet::PeSetAttr attr) {
  sw::PeSet set;
  if (!attr)
    return set;
  set.x0 = attr.getX0();
  set.x1 = attr.getX1();
  set.y0 = attr.getY0();
  set.y1 = attr.getY1();
  set.xMod = attr.getXMod();
  set.xRem = attr.getXRem();
  set.yMod = attr.getYMod();
  set.yRem = attr.getYRem();
  return set;
}

sw::Window toWindow(wavelet::WindowAttr attr, int32_t tensor) {
  sw::Window w;
  w.tensor = tensor;
  w.pad = attr.getPadValue();
  for (wavelet::WindowDimAttr d : attr.getDims()) {
    sw::WindowDim dim;
    dim.tensorDim = d.getTensorDim();
    dim.size = d.getSize();
    dim.step = d.getStep();
    dim.base = d.getBase();
    dim.perX = d.getPerX();
    dim.perXDiv = d.getPerXDiv();
    dim.perY = d.getPerY();
    dim.perYDiv = d.getPerYDiv();
    dim.perInstance = d.getPerInstance();
    dim.xMod = d.getXMod();
    dim.yMod = d.getYMod();
    w.dims.push_back(dim);
  }
  return w;
}

uint8_t dirMask(wavelet::Dir dirs) { return static_cast<uint8_t>(static_cast<uint32_t>(dirs)); }

class WaveletSegmentEmitter : public DeviceSegmentEmitter {
public:
  LogicalResult describeDevice(ModuleOp module, schedule::DeviceRecord &device) override {
    auto fabrics = module.getOps<wavelet::FabricOp>();
    if (fabrics.empty())
      return module.emitError("no wavelet.fabric in the module");
    fabric = *fabrics.begin();
    device.target = "wse";
    device.preset = fabric.getPreset().str();
    device.clockHz = fabric.getClockHz().convertToDouble();
    for (NamedAttribute field : fabric.getFields()) {
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

  bool isLaunch(Operation *op) const override { return isa<wavelet::LaunchOp>(op); }

  LogicalResult addLaunch(Operation *op, ArrayRef<int32_t> operandIds,
                          ArrayRef<int32_t> resultIds) override {
    auto launch = cast<wavelet::LaunchOp>(op);
    auto kernel = SymbolTable::lookupSymbolIn(fabric, launch.getKernelAttr());
    auto k = dyn_cast_or_null<wavelet::KernelOp>(kernel);
    if (!k)
      return launch.emitError("launches ") << launch.getKernelAttr() << ", which is not a kernel";
    sw::Layer layer;
    layer.name = k.getSymName().str();
    SourceNode source = describeSourceNode(k.getLoc());
    layer.node = source.node;
    layer.opType = source.opType;
    std::string text;
    llvm::raw_string_ostream os(text);
    k.getLoc().print(os);
    layer.locText = text;
    layer.flops = k.getFlops() ? static_cast<uint64_t>(*k.getFlops()) : 0;
    auto argId = [&](Value v, Operation *user) -> FailureOr<int32_t> {
      auto arg = dyn_cast<BlockArgument>(v);
      if (!arg || arg.getOwner()->getParentOp() != k)
        return user->emitError("operand is not an argument of kernel @") << k.getSymName();
      return operandIds[arg.getArgNumber()];
    };
    for (auto region : k.getBody().front().getOps<wavelet::RegionOp>()) {
      sw::Region r;
      r.name = region.getSymName().str();
      r.x = static_cast<int32_t>(region.getX());
      r.y = static_cast<int32_t>(region.getY());
      r.width = static_cast<int32_t>(region.getWidth());
      r.height = static_cast<int32_t>(region.getHeight());
      r.instances = static_cast<int32_t>(region.getInstances());
      r.codeBytes = static_cast<uint32_t>(region.getCodeBytes());
      if (!region.getMemoryWords())
        return region.emitError("region '")
               << region.getSymName() << "' has no memory layout; run wse-allocate-memory";
      r.memoryWords = static_cast<uint32_t>(*region.getMemoryWords());
      for (Operation &child : region.getBody().front()) {
        LogicalResult ok = success();
        if (auto route = dyn_cast<wavelet::RouteOp>(child)) {
          r.routes.push_back({toPeSet(route.getPesAttr()), static_cast<uint8_t>(route.getColor()),
                              dirMask(route.getRx()), dirMask(route.getTx())});
        } else if (auto init = dyn_cast<wavelet::InitOp>(child)) {
          FailureOr<int32_t> id = argId(init.getSource(), init);
          if (failed(id))
            return failure();
          Value operand = launch.getInputs()[cast<BlockArgument>(init.getSource()).getArgNumber()];
          Operation *def = operand.getDefiningOp();
          if (!def || def->getName().getStringRef() != "dataflow.constant")
            return init.emitError("initialises a PE buffer from a tensor that is not a "
                                  "constant; only weights are resident with the program");
          FailureOr<uint32_t> addr = address(init.getBuffer(), init);
          if (failed(addr))
            return failure();
          r.inits.push_back({toPeSet(init.getPesAttr()),
                             *addr + static_cast<uint32_t>(init.getOffset()),
                             toWindow(init.getWindow(), *id)});
        } else if (auto in = dyn_cast<wavelet::StreamInOp>(child)) {
          FailureOr<int32_t> id = argId(in.getSource(), in);
          if (failed(id))
            return failure();
          r.inputs.push_back(stream(in.getX(), in.getY(), in.getInstance(), in.getSide(),
                                    in.getColor(), in.getMessageLen(),
                                    toWindow(in.getWindow(), *id)));
        } else if (auto out = dyn_cast<wavelet::StreamOutOp>(child)) {
          int32_t id = resultIds[out.getResultIndex()];
          r.outputs.push_back(stream(out.getX(), out.getY(), out.getInstance(), out.getSide(),
                                     out.getColor(), out.getMessageLen(),
                                     toWindow(out.getWindow(), id)));
        } else if (auto task = dyn_cast<wavelet::TaskOp>(child)) {
          sw::Task t;
          t.name = task.getSymName().str();
          t.kind = task.getKind() == wavelet::TaskKind::Data ? sw::TaskKind::Data
                                                             : sw::TaskKind::Local;
          t.color = static_cast<uint8_t>(task.getColor().value_or(0));
          ok = addInstructions(task.getBody().front(), t.body);
          r.tasks.push_back(std::move(t));
        }
        if (failed(ok))
          return failure();
      }
      layer.regions.push_back(std::move(r));
    }
    program.layers.push_back(std::move(layer));
    return success();
  }

  void finishSegment(schedule::SegmentRecord &segment) override {
    segment.programType = schedule::Program::wavelet_WaveletProgram;
    segment.buildProgram = [p = std::move(program)](flatbuffers::FlatBufferBuilder &fbb) {
      return writeWaveletProgram(fbb, p);
    };
    program = sw::Program();
  }

private:
  static sw::Stream stream(int64_t x, int64_t y, int64_t instance, wavelet::Side side,
                           int64_t color, int64_t messageLen, sw::Window window) {
    sw::Stream s;
    s.x = static_cast<int32_t>(x);
    s.y = static_cast<int32_t>(y);
    s.instance = static_cast<int32_t>(instance);
    s.side = static_cast<sw::Dir>(static_cast<uint32_t>(side));
    s.color = static_cast<uint8_t>(color);
    s.messageLen = static_cast<uint32_t>(messageLen);
    s.window = std::move(window);
    return s;
  }

  FailureOr<uint32_t> address(Value buffer, Operation *user) {
    auto op = buffer.getDefiningOp<wavelet::BufferOp>();
    if (!op || !op.getAddr())
      return user->emitError("buffer has no address; run wse-allocate-memory");
    return static_cast<uint32_t>(*op.getAddr());
  }

  FailureOr<sw::Mem> mem(Value buffer, ArrayRef<int64_t> dsd, Operation *user) {
    FailureOr<uint32_t> base = address(buffer, user);
    if (failed(base))
      return failure();
    sw::Mem m;
    m.addr = *base + static_cast<uint32_t>(dsd[0]);
    m.len = static_cast<uint32_t>(dsd[1]);
    m.stride = static_cast<int32_t>(dsd[2]);
    return m;
  }

  LogicalResult addInstructions(Block &block, std::vector<sw::Instr> &out) {
    for (Operation &op : block) {
      sw::Instr in;
      auto setMem = [&](sw::Mem &slot, Value buffer, ArrayRef<int64_t> dsd) {
        FailureOr<sw::Mem> m = mem(buffer, dsd, &op);
        if (succeeded(m))
          slot = *m;
        return succeeded(m);
      };
      bool ok = true;
      if (auto loop = dyn_cast<wavelet::LoopOp>(op)) {
        in.op = sw::Opcode::Loop;
        in.count = static_cast<uint32_t>(loop.getCount());
        in.pes = toPeSet(loop.getPesAttr());
        out.push_back(in);
        if (failed(addInstructions(loop.getBody().front(), out)))
          return failure();
        sw::Instr end;
        end.op = sw::Opcode::EndLoop;
        end.pes = in.pes;
        out.push_back(end);
        continue;
      }
      llvm::TypeSwitch<Operation *>(&op)
          .Case([&](wavelet::RecvOp o) {
            in.op = sw::Opcode::Recv;
            in.color = static_cast<uint8_t>(o.getColor());
            ok = setMem(in.a, o.getDst(), o.getDstDsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::SendOp o) {
            in.op = sw::Opcode::Send;
            in.color = static_cast<uint8_t>(o.getColor());
            ok = setMem(in.a, o.getA(), o.getADsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::FillOp o) {
            in.op = sw::Opcode::Fill;
            in.imm = o.getValue().convertToFloat();
            ok = setMem(in.dst, o.getDst(), o.getDstDsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::MovOp o) {
            in.op = sw::Opcode::Mov;
            ok = setMem(in.dst, o.getDst(), o.getDstDsd()) && setMem(in.a, o.getA(), o.getADsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::BinaryOp o) {
            in.op = static_cast<sw::Opcode>(static_cast<unsigned>(sw::Opcode::Add) +
                                            static_cast<unsigned>(o.getKind()));
            ok = setMem(in.dst, o.getDst(), o.getDstDsd()) &&
                 setMem(in.a, o.getA(), o.getADsd()) && setMem(in.b, o.getB(), o.getBDsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::FmacOp o) {
            in.op = sw::Opcode::Fmac;
            ok = setMem(in.dst, o.getDst(), o.getDstDsd()) &&
                 setMem(in.a, o.getA(), o.getADsd()) && setMem(in.b, o.getB(), o.getBDsd()) &&
                 setMem(in.c, o.getC(), o.getCDsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::GemvOp o) {
            in.op = sw::Opcode::Gemv;
            in.accumulate = o.getAccumulate();
            ok = setMem(in.dst, o.getDst(), o.getDstDsd()) && setMem(in.a, o.getA(), o.getADsd());
            FailureOr<uint32_t> w = address(o.getW(), o);
            ok = ok && succeeded(w);
            if (ok) {
              in.b.addr = *w + static_cast<uint32_t>(o.getWOffset());
              in.b.len = in.a.len;
              in.b.stride = static_cast<int32_t>(o.getLd());
            }
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::UnaryOp o) {
            in.op = sw::Opcode::Unary;
            in.fn = static_cast<sw::UnaryFn>(static_cast<unsigned>(o.getFn()));
            ok = setMem(in.dst, o.getDst(), o.getDstDsd()) && setMem(in.a, o.getA(), o.getADsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Case([&](wavelet::ReduceOp o) {
            in.op = o.getKind() == wavelet::ReduceKind::Max ? sw::Opcode::ReduceMax
                                                           : sw::Opcode::ReduceAdd;
            in.count = static_cast<uint32_t>(o.getSegment());
            ok = setMem(in.dst, o.getDst(), o.getDstDsd()) && setMem(in.a, o.getA(), o.getADsd());
            in.pes = toPeSet(o.getPesAttr());
          })
          .Default([&](Operation *other) {
            other->emitError("has no WSE instruction");
            ok = false;
          });
      if (!ok)
        return failure();
      out.push_back(in);
    }
    return success();
  }

  wavelet::FabricOp fabric;
  sw::Program program;
};

flatbuffers::Offset<fw::PeSet> writePeSet(flatbuffers::FlatBufferBuilder &fbb,
                                          const sw::PeSet &p) {
  return fw::CreatePeSet(fbb, p.x0, p.x1, p.y0, p.y1, p.xMod, p.xRem, p.yMod, p.yRem);
}

flatbuffers::Offset<fw::Window> writeWindow(flatbuffers::FlatBufferBuilder &fbb,
                                            const sw::Window &w) {
  std::vector<flatbuffers::Offset<fw::WindowDim>> dims;
  for (const sw::WindowDim &d : w.dims)
    dims.push_back(fw::CreateWindowDim(fbb, d.tensorDim, d.size, d.step, d.base, d.perX,
                                       d.perXDiv, d.perY, d.perYDiv, d.perInstance, d.xMod,
                                       d.yMod));
  return fw::CreateWindowDirect(fbb, w.tensor, &dims, w.pad);
}

std::vector<flatbuffers::Offset<fw::Stream>> writeStreams(flatbuffers::FlatBufferBuilder &fbb,
                                                          const std::vector<sw::Stream> &list) {
  std::vector<flatbuffers::Offset<fw::Stream>> out;
  for (const sw::Stream &s : list) {
    auto window = writeWindow(fbb, s.window);
    out.push_back(fw::CreateStream(fbb, s.x, s.y, s.instance, static_cast<uint8_t>(s.side),
                                   s.color, s.messageLen, window));
  }
  return out;
}

} // namespace

flatbuffers::Offset<void> writeWaveletProgram(flatbuffers::FlatBufferBuilder &fbb,
                                              const sw::Program &program) {
  std::vector<flatbuffers::Offset<fw::Layer>> layers;
  for (const sw::Layer &l : program.layers) {
    std::vector<flatbuffers::Offset<fw::Region>> regions;
    for (const sw::Region &r : l.regions) {
      std::vector<flatbuffers::Offset<fw::RouteRule>> routes;
      for (const sw::RouteRule &rr : r.routes) {
        auto set = writePeSet(fbb, rr.pes);
        routes.push_back(fw::CreateRouteRule(fbb, set, rr.color, rr.rx, rr.tx));
      }
      std::vector<flatbuffers::Offset<fw::BufferInit>> inits;
      for (const sw::BufferInit &bi : r.inits) {
        auto set = writePeSet(fbb, bi.pes);
        auto window = writeWindow(fbb, bi.window);
        inits.push_back(fw::CreateBufferInit(fbb, set, bi.addr, window));
      }
      std::vector<flatbuffers::Offset<fw::Task>> tasks;
      for (const sw::Task &t : r.tasks) {
        std::vector<flatbuffers::Offset<fw::Instr>> body;
        for (const sw::Instr &in : t.body) {
          auto set = writePeSet(fbb, in.pes);
          fw::Mem dst(in.dst.addr, in.dst.len, in.dst.stride), a(in.a.addr, in.a.len, in.a.stride),
              b(in.b.addr, in.b.len, in.b.stride), c(in.c.addr, in.c.len, in.c.stride);
          body.push_back(fw::CreateInstr(fbb, static_cast<uint8_t>(in.op), set, in.color,
                                         static_cast<uint8_t>(in.fn), in.accumulate, in.imm,
                                         in.count, &dst, &a, &b, &c));
        }
        tasks.push_back(fw::CreateTaskDirect(fbb, t.name.c_str(), static_cast<uint8_t>(t.kind),
                                             t.color, &body));
      }
      auto inputs = writeStreams(fbb, r.inputs);
      auto outputs = writeStreams(fbb, r.outputs);
      regions.push_back(fw::CreateRegionDirect(fbb, r.name.c_str(), r.x, r.y, r.width, r.height,
                                               r.instances, r.memoryWords, r.codeBytes, &routes,
                                               &inits, &tasks, &inputs, &outputs));
    }
    layers.push_back(fw::CreateLayerDirect(fbb, l.name.c_str(), l.node.c_str(), l.opType.c_str(),
                                           l.locText.c_str(), l.flops, &regions));
  }
  return fw::CreateWaveletProgramDirect(fbb, &layers).Union();
}

std::unique_ptr<DeviceSegmentEmitter> createWaveletSegmentEmitter() {
  return std::make_unique<WaveletSegmentEmitter>();
}

bool wseOwnsModule(ModuleOp module) { return !module.getOps<wavelet::FabricOp>().empty(); }

} // namespace accel
