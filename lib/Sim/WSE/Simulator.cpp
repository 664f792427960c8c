//===- Simulator.cpp - The event loop, end-of-layer checks, statistics ----===//
//
// Layers run one after another; a layer ends when no event is pending. Then every PE must
// be idle (else: deadlock, naming the stuck PEs), every stream complete and every queue
// empty. Events are ordered by (time, sequence number): deterministic.
//
//===----------------------------------------------------------------------===//
#include "LayerSim.h"

#include "Names.h"

#include <algorithm>

namespace accel::sim::wse {

void LayerSim::schedule(uint64_t t, EvKind k, uint32_t a, uint32_t b) {
  // Never in the past: a PE resumed late (e.g. a Send whose acceptance is only known when
  // its message arrived) continues from the current time.
  events_.push(Event{std::max(t, now_), seq_++, k, a, b});
}

Status LayerSim::checkEnd() {
  std::string stuck;
  size_t nStuck = 0;
  for (uint32_t p = 0; p < pes_.size(); ++p) {
    const PeState &pe = pes_[p];
    if (pe.status != PeStatus::WaitRecv && pe.status != PeStatus::WaitSend)
      continue;
    if (++nStuck > 4)
      continue;
    const Task &t = insts_[pe.inst].region->tasks[size_t(pe.task)];
    const Instr &in = t.body[pe.pc];
    stuck += "\n  " + peName(p) + " task '" + t.name + "' instruction #" +
             std::to_string(pe.pc) + " (" + opcodeName(in.op) + ") ";
    if (pe.status == PeStatus::WaitRecv)
      stuck += "waits for wavelets on color " + std::to_string(in.color) + " (has " +
               std::to_string(pe.recvGot) + " of " + std::to_string(in.a.len) + ")";
    else
      stuck += "is blocked sending on color " + std::to_string(in.color) +
               " (a destination queue never made room)";
  }
  for (const InStream &in : ins_) {
    if (in.cursor >= in.data.size() && !in.waiting)
      continue;
    ++nStuck;
    stuck += "\n  input stream into " + peName(in.pe) + " color " +
             std::to_string(in.s->color) + " has sent " + std::to_string(in.cursor) + " of " +
             std::to_string(in.data.size()) + " elements" +
             (in.waiting ? " and its last message was not accepted" : "");
  }
  if (nStuck)
    return Status::error(where() + ": deadlock at cycle " + std::to_string(now_) + ": " +
                         std::to_string(nStuck) + " PE(s)/stream(s) stuck (first " +
                         std::to_string(std::min<size_t>(nStuck, 4)) + " PEs listed):" + stuck);
  for (const OutStream &o : outs_)
    if (o.cursor != o.offsets.size())
      return Status::error(where() + ": region '" + insts_[o.inst].region->name +
                           "' instance " + std::to_string(insts_[o.inst].instance) +
                           " output stream at PE (" + std::to_string(o.s->x) + "," +
                           std::to_string(o.s->y) + ") side " + dirName(o.s->side) +
                           " color " + std::to_string(o.s->color) + " received " +
                           std::to_string(o.cursor) + " of " + std::to_string(o.offsets.size()) +
                           " elements when the layer ended");
  for (const ColorQueue &q : queues_) // in creation order: deterministic
    if (q.wavelets || q.pendHead < q.pending.size())
      return Status::error(where() + ": " + peName(q.pe) + " has " +
                           std::to_string(q.wavelets) + " undelivered wavelet(s) on color " +
                           std::to_string(q.color) +
                           (q.pendHead < q.pending.size()
                                ? " and " + std::to_string(q.pending.size() - q.pendHead) +
                                      " message(s) held back"
                                : std::string()) +
                           " when the layer ended (nothing received them)");
  return Status::success();
}

Status LayerSim::run(LayerStats &ls, std::vector<RegionStats> &rs) {
  ACCEL_RETURN_IF_ERROR(setup());
  for (uint32_t p = 0; p < pes_.size(); ++p)
    ACCEL_RETURN_IF_ERROR(runPe(p));
  for (uint32_t s = 0; s < ins_.size(); ++s)
    schedule(start_, EvKind::StreamInject, s);
  while (!events_.empty()) {
    Event ev = events_.top();
    events_.pop();
    now_ = ev.time;
    lastTime_ = std::max(lastTime_, now_);
    if (now_ > m_.maxCycles)
      return Status::error(where() + ": simulated time passed the machine's max cycle count " +
                           std::to_string(m_.maxCycles) + " (runaway program?)");
    switch (ev.kind) {
    case EvKind::RunPe:
      ACCEL_RETURN_IF_ERROR(runPe(ev.a));
      break;
    case EvKind::Arrive:
      ACCEL_RETURN_IF_ERROR(onArrive(ev.a, ev.b));
      break;
    case EvKind::StreamInject:
      ACCEL_RETURN_IF_ERROR(onStreamInject(ev.a));
      break;
    }
  }
  ACCEL_RETURN_IF_ERROR(checkEnd());

  uint64_t end = lastTime_;
  for (const PeState &pe : pes_)
    end = std::max(end, pe.time);
  ls.name = layer_.name;
  ls.node = layer_.node;
  ls.opType = layer_.opType;
  ls.startCycle = start_;
  ls.cycles = end - start_;
  ls.pesUsed = pes_.size();
  ls.flops = flops_;
  ls.messages = messages_;
  ls.wavelets = wavelets_;
  ls.linkCycles = linkCycles_;
  ls.hops = hops_;
  size_t first = rs.size();
  for (const Region &reg : layer_.regions) {
    RegionStats r;
    r.layer = layerIdx_;
    r.name = reg.name;
    r.x = reg.x;
    r.y = reg.y;
    r.width = reg.width;
    r.height = reg.height;
    r.instances = reg.instances;
    r.startCycle = r.endCycle = start_;
    rs.push_back(r);
  }
  for (const PeState &pe : pes_) {
    RegionStats &r = rs[first + insts_[pe.inst].regionIdx];
    r.busyPeCycles += pe.busy;
    r.maxPeBusyCycles = std::max(r.maxPeBusyCycles, pe.busy);
    r.endCycle = std::max(r.endCycle, pe.time);
    ls.busyPeCycles += pe.busy;
  }
  for (const OutStream &o : outs_) {
    RegionStats &r = rs[first + insts_[o.inst].regionIdx];
    r.endCycle = std::max(r.endCycle, o.end);
  }
  return Status::success();
}

Status simulate(const Machine &m, const Program &program, std::vector<TensorView> &tensors,
                RunStats &stats) {
  stats = RunStats();
  std::vector<std::vector<int64_t>> shapes;
  shapes.reserve(tensors.size());
  for (const TensorView &v : tensors)
    shapes.push_back(v.shape);
  ACCEL_RETURN_IF_ERROR(validate(m, program, shapes));

  std::vector<std::vector<uint8_t>> written(tensors.size());
  uint64_t now = 0;
  for (size_t li = 0; li < program.layers.size(); ++li) {
    const Layer &layer = program.layers[li];
    LayerStats ls;
    {
      LayerSim sim(m, layer, uint32_t(li), tensors, written, now);
      ACCEL_RETURN_IF_ERROR(sim.run(ls, stats.regions));
    } // the layer's memory images and queues are freed here
    now = ls.startCycle + ls.cycles;
    stats.pesUsed = std::max(stats.pesUsed, ls.pesUsed);
    stats.fabricHops += ls.hops;
    stats.wavelets += ls.wavelets;
    stats.messages += ls.messages;
    stats.flops += ls.flops;
    stats.busyPeCycles += ls.busyPeCycles;
    for (const Region &r : layer.regions)
      stats.memoryHighWaterBytes =
          std::max<uint64_t>(stats.memoryHighWaterBytes, uint64_t(r.memoryWords) * 4 + r.codeBytes);
    stats.layers.push_back(std::move(ls));
  }
  stats.cycles = now;
  // The runtime needs complete outputs: every element of a tensor an output stream writes.
  for (size_t t = 0; t < written.size(); ++t) {
    const std::vector<uint8_t> &w = written[t];
    for (size_t e = 0; e < w.size(); ++e)
      if (!w[e])
        return Status::error("wse simulator: output tensor " + std::to_string(t) +
                             " element " + std::to_string(e) +
                             " was not written by any output stream");
  }
  return Status::success();
}

} // namespace accel::sim::wse
