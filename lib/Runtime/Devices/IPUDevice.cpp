//===- IPUDevice.cpp - The IPU BSP simulator behind the Device interface --===//
//
// Reads the schedule's TileProgram into the simulator's program, builds the machine from
// the stored descriptor (a compile-time `tiles=` override is what runs), checks the
// program against it at load time, and at run time hands the simulator f32 views of the
// tensors the segment reads and writes.
//
//===----------------------------------------------------------------------===//
#include "IPUDevice.h"

#include "TileReader.h"

#include "accel/Runtime/Schedule.h"
#include "accel/Schedule/Schedule_generated.h"
#include "accel/Sim/IPU/Simulator.h"

#include <algorithm>

namespace accel::runtime {

namespace si = accel::sim::ipu;
namespace fb = accel::schedule;

namespace {

si::Machine machineFor(const device::Descriptor &d, const DeviceLimits &limits = {}) {
  si::Machine m = d.preset() == "bow" ? si::Machine::bow() : si::Machine::gc200();
  m.name = d.preset();
  m.tiles = static_cast<uint32_t>(d.getInt("tiles", m.tiles));
  m.ipus = static_cast<uint32_t>(d.getInt("ipus", m.ipus));
  m.memoryBytesPerTile = static_cast<uint32_t>(d.getInt("memory_bytes", m.memoryBytesPerTile));
  m.workersPerTile = static_cast<uint32_t>(d.getInt("workers", m.workersPerTile));
  m.clockHz = d.get("clock_hz", m.clockHz);
  m.ampF32MacsPerCycle = static_cast<uint32_t>(d.getInt("amp_f32_macs_per_cycle", m.ampF32MacsPerCycle));
  m.ampF16MacsPerCycle = static_cast<uint32_t>(d.getInt("amp_f16_macs_per_cycle", m.ampF16MacsPerCycle));
  m.exchangeBytesPerCycle = d.get("exchange_bytes_per_cycle", m.exchangeBytesPerCycle);
  m.exchangeLatencyCycles =
      static_cast<uint32_t>(d.getInt("exchange_latency_cycles", m.exchangeLatencyCycles));
  m.syncCycles = static_cast<uint32_t>(d.getInt("sync_cycles", m.syncCycles));
  m.vertexOverheadCycles =
      static_cast<uint32_t>(d.getInt("vertex_overhead_cycles", m.vertexOverheadCycles));
  m.hostBytesPerSecond = d.get("host_link_bytes_per_s", m.hostBytesPerSecond);
  m.ipuLinkBytesPerSecond = d.get("ipu_link_bytes_per_s", m.ipuLinkBytesPerSecond);
  m.fp16 = d.precision() == device::Precision::FP16;
  if (limits.maxCycles) {
    m.maxCycles = limits.maxCycles;
    // Steps that move nothing (an empty compute set or exchange) take no simulated time
    // but do cost the simulator: the cap bounds executed steps too, as if every step took
    // at least a cycle (on the chip each does).
    m.maxExecutedSteps = std::min(m.maxExecutedSteps, limits.maxCycles);
  }
  return m;
}

class TileProgram : public DeviceProgram {
public:
  si::Program program;
};

class IPUDevice : public Device {
public:
  IPUDevice(const device::Descriptor &d, const DeviceLimits &limits)
      : machine_(machineFor(d, limits)) {}

  Status run(const DeviceProgram &program, std::vector<Tensor *> &tensors,
             const std::vector<int32_t> &writes, DeviceSegmentRecord &record) override {
    const si::Program &p = static_cast<const TileProgram &>(program).program;
    std::vector<si::TensorView> views(tensors.size());
    for (size_t t = 0; t < tensors.size(); ++t) {
      if (!tensors[t] || !tensors[t]->raw())
        continue;
      views[t].data = tensors[t]->data<float>();
      views[t].shape = tensors[t]->shape();
    }
    for (int32_t t : writes)
      views[t].writable = true;
    si::RunStats stats;
    ACCEL_RETURN_IF_ERROR(si::simulate(machine_, p, views, stats));
    double peakPerCycle = machine_.peakFlopsPerCyclePerTile() * static_cast<double>(machine_.tiles);
    record.cycles = stats.cycles;
    record.unitsUsed = static_cast<uint32_t>(stats.tilesUsed);
    record.memoryHighWaterBytes = stats.memoryHighWaterBytes;
    uint64_t start = 0;
    for (size_t i = 0; i < stats.layers.size(); ++i) {
      const si::LayerStats &l = stats.layers[i];
      DeviceLayerRecord layer;
      layer.name = l.name;
      layer.node = l.node;
      layer.opType = l.opType;
      layer.startCycle = start; // layers' steps run one after another
      layer.cycles = l.cycles;
      layer.flops = i < p.layers.size() ? p.layers[i].flops : l.flops;
      layer.units = static_cast<uint32_t>(l.tilesUsed);
      layer.computeCycles = l.computeCycles;
      layer.exchangeCycles = l.exchangeCycles;
      layer.syncCycles = l.syncCycles;
      layer.hostCycles = l.hostCycles;
      layer.exchangeBytes = l.bytesExchanged;
      layer.utilization = l.cycles ? static_cast<double>(layer.flops) /
                                         (static_cast<double>(l.cycles) * peakPerCycle)
                                   : 0;
      start += l.cycles;
      record.flops += layer.flops;
      record.layers.push_back(std::move(layer));
    }
    for (const si::Span &s : stats.spans) {
      DeviceTraceSpan span;
      span.track = "tiles: " + s.track;
      span.name = s.name;
      span.startCycle = s.startCycle;
      span.cycles = s.endCycle - s.startCycle;
      record.spans.push_back(std::move(span));
    }
    return Status::success();
  }

private:
  si::Machine machine_;
};

Status readProgram(const fb::Segment &segment, const std::vector<TensorInfo> &tensors,
                   const device::Descriptor &descriptor, const DeviceLimits &limits,
                   std::unique_ptr<DeviceProgram> &out) {
  const fb::tile::TileProgram *table = segment.program_as_tile_TileProgram();
  if (!table)
    return Status::error("has no tile program");
  auto program = std::make_unique<TileProgram>();
  ACCEL_RETURN_IF_ERROR(readTileProgram(*table, program->program));
  std::vector<std::vector<int64_t>> shapes;
  for (const TensorInfo &t : tensors)
    shapes.push_back(t.dtype != DType::F32 ? std::vector<int64_t>{}
                     : t.shape.empty()       ? std::vector<int64_t>{1}
                                             : t.shape);
  si::Machine machine = machineFor(descriptor);
  std::string problem = machine.check();
  if (!problem.empty())
    return Status::error("device descriptor: " + problem);
  ACCEL_RETURN_IF_ERROR(si::validate(machine, program->program, shapes));
  // The simulator holds the tiles' memories at once: bound them like the tensors.
  uint64_t bytes = static_cast<uint64_t>(program->program.tilesUsed) *
                   program->program.memoryWordsPerTile * 4;
  if (limits.memoryBytes && bytes > limits.memoryBytes)
    return Status::error("the program needs " + std::to_string(bytes) +
                         " bytes of tile memory to simulate, over the memory limit of " +
                         std::to_string(limits.memoryBytes) + " bytes");
  out = std::move(program);
  return Status::success();
}

std::unique_ptr<Device> createDevice(const device::Descriptor &d, const DeviceLimits &limits) {
  return std::make_unique<IPUDevice>(d, limits);
}

DeviceFacts facts(const device::Descriptor &d) {
  si::Machine m = machineFor(d);
  DeviceFacts f;
  f.clockHz = m.clockHz;
  f.unitsTotal = static_cast<uint64_t>(m.tiles) * m.ipus;
  f.peakFlopsPerCycle = m.peakFlopsPerCyclePerTile() * static_cast<double>(f.unitsTotal);
  f.memoryPerUnitBytes = m.memoryBytesPerTile;
  f.hostLinkBytesPerSecond = m.hostBytesPerSecond;
  f.unitName = "tile";
  f.programTimesHostLink = true; // host exchanges are steps of the program
  
  return f;
}

} // namespace

DeviceTarget ipuDeviceTarget() {
  return {"ipu", static_cast<uint8_t>(fb::Program::tile_TileProgram), readProgram, createDevice,
          facts};
}

} // namespace accel::runtime
