//===- WSEDevice.cpp - The WSE fabric simulator behind the Device interface ===//
//
// Reads the schedule's WaveletProgram into the simulator's program, builds the machine
// from the stored descriptor (so a compile-time `grid=` override is what runs), checks
// the program against it at load time, and at run time hands the simulator f32 views of
// the tensors the segment reads and writes.
//
//===----------------------------------------------------------------------===//
#include "WSEDevice.h"

#include "WaveletReader.h"

#include "accel/Runtime/Schedule.h"
#include "accel/Schedule/Schedule_generated.h"
#include "accel/Sim/WSE/Simulator.h"

namespace accel::runtime {

namespace sw = accel::sim::wse;
namespace fb = accel::schedule;

namespace {

sw::Machine machineFor(const device::Descriptor &d, const DeviceLimits &limits = {}) {
  sw::Machine m;
  if (limits.maxCycles)
    m.maxCycles = limits.maxCycles;
  m.name = d.preset();
  m.width = static_cast<int32_t>(d.getInt("width", m.width));
  m.height = static_cast<int32_t>(d.getInt("height", m.height));
  m.memoryBytesPerPe = static_cast<uint32_t>(d.getInt("memory_bytes", m.memoryBytesPerPe));
  m.colors = static_cast<uint32_t>(d.getInt("colors", m.colors));
  m.clockHz = d.get("clock_hz", m.clockHz);
  m.fp16 = d.precision() == device::Precision::FP16;
  m.f32.fmac = d.get("fmac_f32_per_cycle", m.f32.fmac);
  m.f32.add = d.get("add_f32_per_cycle", m.f32.add);
  m.f32.minMax = m.f32.add;
  m.f32.mul = d.get("mul_f32_per_cycle", m.f32.mul);
  m.f16.fmac = d.get("fmac_f16_per_cycle", m.f16.fmac);
  m.f16.add = d.get("add_f16_per_cycle", m.f16.add);
  m.f16.minMax = m.f16.add;
  m.dsdOverheadCycles = static_cast<uint32_t>(d.getInt("dsd_overhead_cycles", m.dsdOverheadCycles));
  m.queueDepthWavelets = static_cast<uint32_t>(d.getInt("queue_wavelets", m.queueDepthWavelets));
  m.ioInWaveletsPerCycle = d.get("io_wavelets_per_cycle", m.ioInWaveletsPerCycle);
  m.ioOutWaveletsPerCycle = m.ioInWaveletsPerCycle;
  return m;
}

class WaveletProgram : public DeviceProgram {
public:
  sw::Program program;
};

class WSEDevice : public Device {
public:
  WSEDevice(const device::Descriptor &d, const DeviceLimits &limits)
      : machine_(machineFor(d, limits)) {}

  Status run(const DeviceProgram &program, std::vector<Tensor *> &tensors,
             const std::vector<int32_t> &writes, DeviceSegmentRecord &record) override {
    const sw::Program &p = static_cast<const WaveletProgram &>(program).program;
    std::vector<sw::TensorView> views(tensors.size());
    for (size_t t = 0; t < tensors.size(); ++t) {
      if (!tensors[t] || !tensors[t]->raw())
        continue;
      views[t].data = tensors[t]->data<float>();
      // A rank-0 tensor is seen as shape [1] (docs/targets/wse.md, windows).
      views[t].shape = tensors[t]->shape().empty() ? runtime::Shape{1} : tensors[t]->shape();
    }
    for (int32_t t : writes)
      views[t].writable = true;
    sw::RunStats stats;
    ACCEL_RETURN_IF_ERROR(sw::simulate(machine_, p, views, stats));
    double peakPerCycle = machine_.peakFlopsPerCyclePerPe() *
                          static_cast<double>(machine_.width) * machine_.height;
    record.cycles = stats.cycles;
    record.unitsUsed = static_cast<uint32_t>(stats.pesUsed);
    record.memoryHighWaterBytes = stats.memoryHighWaterBytes;
    for (size_t i = 0; i < stats.layers.size(); ++i) {
      const sw::LayerStats &l = stats.layers[i];
      DeviceLayerRecord layer;
      layer.name = l.name;
      layer.node = l.node;
      layer.opType = l.opType;
      layer.startCycle = l.startCycle;
      layer.cycles = l.cycles;
      layer.flops = i < p.layers.size() ? p.layers[i].flops : l.flops;
      layer.units = static_cast<uint32_t>(l.pesUsed);
      layer.utilization = l.cycles ? static_cast<double>(layer.flops) /
                                         (static_cast<double>(l.cycles) * peakPerCycle)
                                   : 0;
      record.flops += layer.flops;
      record.layers.push_back(std::move(layer));
    }
    for (const sw::RegionStats &r : stats.regions) {
      DeviceTraceSpan span;
      span.track = "PE region " + r.name + " (" + std::to_string(r.width * r.instances) + "x" +
                   std::to_string(r.height) + " at " + std::to_string(r.x) + "," +
                   std::to_string(r.y) + ")";
      span.name = r.name;
      span.startCycle = r.startCycle;
      span.cycles = r.endCycle - r.startCycle;
      record.spans.push_back(std::move(span));
    }
    return Status::success();
  }

private:
  sw::Machine machine_;
};

Status readProgram(const fb::Segment &segment, const std::vector<TensorInfo> &tensors,
                   const device::Descriptor &descriptor, const DeviceLimits &limits,
                   std::unique_ptr<DeviceProgram> &out) {
  const fb::wavelet::WaveletProgram *table = segment.program_as_wavelet_WaveletProgram();
  if (!table)
    return Status::error("has no wavelet program");
  auto program = std::make_unique<WaveletProgram>();
  ACCEL_RETURN_IF_ERROR(readWaveletProgram(*table, program->program));
  std::vector<std::vector<int64_t>> shapes;
  for (const TensorInfo &t : tensors)
    shapes.push_back(t.dtype != DType::F32 ? std::vector<int64_t>{}
                     : t.shape.empty()       ? std::vector<int64_t>{1}
                                             : t.shape);
  sw::Machine machine = machineFor(descriptor);
  std::string problem = machine.check();
  if (!problem.empty())
    return Status::error("device descriptor: " + problem);
  ACCEL_RETURN_IF_ERROR(sw::validate(machine, program->program, shapes));
  // The simulator holds one layer's PE memories at once: bound them like the tensors.
  if (limits.memoryBytes)
    for (const sw::Layer &layer : program->program.layers) {
      uint64_t bytes = 0;
      for (const sw::Region &r : layer.regions) {
        bytes += static_cast<uint64_t>(r.width) * static_cast<uint64_t>(r.height) *
                 static_cast<uint64_t>(r.instances) * (uint64_t(r.memoryWords) * 4 + 256);
        // Streams stage their window's elements (padding included) while the layer runs.
        for (const auto *streams : {&r.inputs, &r.outputs})
          for (const sw::Stream &st : *streams)
            bytes += static_cast<uint64_t>(st.window.numElements()) * 4;
      }
      if (bytes > limits.memoryBytes)
        return Status::error("layer '" + layer.name + "' needs " + std::to_string(bytes) +
                             " bytes of PE memory to simulate, over the memory limit of " +
                             std::to_string(limits.memoryBytes) + " bytes");
    }
  out = std::move(program);
  return Status::success();
}

std::unique_ptr<Device> createDevice(const device::Descriptor &d, const DeviceLimits &limits) {
  return std::make_unique<WSEDevice>(d, limits);
}

DeviceFacts facts(const device::Descriptor &d) {
  sw::Machine m = machineFor(d);
  DeviceFacts f;
  f.clockHz = m.clockHz;
  f.unitsTotal = static_cast<uint64_t>(m.width) * static_cast<uint64_t>(m.height);
  f.peakFlopsPerCycle = m.peakFlopsPerCyclePerPe() * static_cast<double>(f.unitsTotal);
  f.memoryPerUnitBytes = m.memoryBytesPerPe;
  f.hostLinkBytesPerSecond = d.get("host_link_bytes_per_s", 0);
  f.unitName = "PE";
  return f;
}

} // namespace

DeviceTarget wseDeviceTarget() {
  return {"wse", static_cast<uint8_t>(fb::Program::wavelet_WaveletProgram), readProgram,
          createDevice, facts};
}

} // namespace accel::runtime
