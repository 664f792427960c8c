//===- PeExecutor.cpp - The per-PE instruction interpreter ----------------===//
//
// A PE runs one task at a time, without preemption: its Local tasks in program order from
// the layer start, then (whenever it is idle) the Data task of a color whose queue holds
// wavelets (the color whose oldest wavelets arrived first; ties: the lower color).
// Arithmetic runs ahead of the global clock (it only touches the PE's own memory);
// a Send or Recv waits until the global clock reaches the PE's local time, so fabric events
// happen in time order.
//
//===----------------------------------------------------------------------===//
#include "LayerSim.h"

#include "accel/Sim/Common/Fp16.h"
#include "Names.h"

#include <algorithm>

namespace accel::sim::wse {

bool LayerSim::startDataTask(uint32_t p) {
  PeState &pe = pes_[p];
  const RegionInfo &info = infos_[insts_[pe.inst].regionIdx];
  int32_t best = -1;
  uint64_t bestTime = 0;
  for (uint8_t c : info.dataColors) {
    ColorQueue *q = findQueue(p, c);
    if (!q)
      continue;
    uint64_t t;
    if (q->head < q->entries.size())
      t = q->entries[q->head].avail;
    else if (q->pendHead < q->pending.size())
      t = q->pending[q->pendHead].arrival;
    else
      continue;
    if (best < 0 || t < bestTime) {
      best = c;
      bestTime = t;
    }
  }
  if (best < 0)
    return false;
  pe.task = info.dataTask[size_t(best)];
  pe.pc = 0;
  pe.loopDepth = 0;
  pe.consumed = false;
  return true;
}

bool LayerSim::feedRecv(uint32_t p) {
  PeState &pe = pes_[p];
  RegionInst &ri = insts_[pe.inst];
  const Region &reg = *ri.region;
  const Task &task = reg.tasks[size_t(pe.task)];
  const Instr &in = task.body[pe.pc];
  ColorQueue *q = findQueue(p, in.color);
  if (!q)
    return false;
  float *mem = ri.mem.data() + size_t(p - ri.peBase) * reg.memoryWords;
  uint32_t want = in.a.len;
  for (;;) {
    while (pe.recvGot < want && q->head < q->entries.size()) {
      QEntry &e = q->entries[q->head];
      uint32_t take = std::min(e.end - e.off, want - pe.recvGot);
      const float *src = msgs_[e.msg].data.data() + e.off;
      int64_t base = int64_t(in.a.addr) + int64_t(pe.recvGot) * in.a.stride;
      if (m_.fp16) {
        for (uint32_t i = 0; i < take; ++i)
          mem[base + int64_t(i) * in.a.stride] = roundToFp16(src[i]);
      } else if (in.a.stride == 1) {
        std::copy(src, src + take, mem + base);
      } else {
        for (uint32_t i = 0; i < take; ++i)
          mem[base + int64_t(i) * in.a.stride] = src[i];
      }
      pe.recvGot += take;
      e.off += take;
      q->wavelets -= take;
      pe.recvLast = std::max(pe.recvLast, e.avail);
      if (task.kind == TaskKind::Data && in.color == task.color)
        pe.consumed = true;
      if (e.off == e.end) {
        ++q->head;
        release(e.msg);
      }
    }
    // Room freed: messages held back by back-pressure come in now (and may feed this Recv).
    size_t before = q->entries.size() - q->head;
    acceptPending(*q);
    if (pe.recvGot >= want || q->entries.size() - q->head == before)
      break;
  }
  if (pe.recvGot < want)
    return false;
  uint64_t cost = m_.instrCycles(in);
  pe.busy += cost;
  pe.time = std::max(pe.recvStart + cost, pe.recvLast);
  pe.status = PeStatus::Running;
  ++pe.pc;
  return true;
}

void LayerSim::notifyPe(uint32_t p, uint8_t color) {
  PeState &pe = pes_[p];
  if (pe.status == PeStatus::WaitRecv) {
    const Instr &in = insts_[pe.inst].region->tasks[size_t(pe.task)].body[pe.pc];
    if (in.color == color && feedRecv(p)) {
      pe.scheduled = true;
      schedule(pe.time, EvKind::RunPe, p);
    }
  } else if (pe.status == PeStatus::Idle && !pe.scheduled &&
             infos_[insts_[pe.inst].regionIdx].dataTask[color] >= 0) {
    pe.status = PeStatus::Running;
    pe.time = std::max(pe.time, now_);
    pe.scheduled = true;
    schedule(pe.time, EvKind::RunPe, p);
  }
}

Status LayerSim::runPe(uint32_t p) {
  PeState &pe = pes_[p];
  pe.scheduled = false;
  if (pe.status != PeStatus::Running)
    return Status::success();
  RegionInst &ri = insts_[pe.inst];
  const Region &reg = *ri.region;
  const RegionInfo &info = infos_[ri.regionIdx];
  float *mem = ri.mem.data() + size_t(p - ri.peBase) * reg.memoryWords;
  auto fail = [&](const std::string &what) {
    const Task &t = reg.tasks[size_t(pe.task)];
    return Status::error(where() + ": " + peName(p) + " task '" + t.name + "' instruction #" +
                         std::to_string(pe.pc) + " (" + opcodeName(t.body[pe.pc].op) +
                         "): " + what);
  };
  for (;;) {
    if (pe.task < 0) {
      if (pe.nextLocal < info.localTasks.size()) {
        pe.task = int32_t(info.localTasks[pe.nextLocal++]);
        pe.pc = 0;
        pe.loopDepth = 0;
      } else if (!startDataTask(p)) {
        pe.status = PeStatus::Idle;
        lastTime_ = std::max(lastTime_, pe.time);
        return Status::success();
      }
    }
    const Task &task = reg.tasks[size_t(pe.task)];
    if (pe.pc >= task.body.size()) {
      if (task.kind == TaskKind::Data && !pe.consumed)
        return Status::error(where() + ": " + peName(p) + " data task '" + task.name +
                             "' ran without taking a wavelet of its color " +
                             std::to_string(task.color) + " (it would fire forever)");
      pe.task = -1;
      continue;
    }
    if (pe.time > m_.maxCycles)
      return fail("simulated time passed the machine's max cycle count " +
                  std::to_string(m_.maxCycles) + " (runaway program?)");
    const Instr &in = task.body[pe.pc];
    const std::vector<uint32_t> &match = info.match[size_t(pe.task)];
    // EndLoop follows its Loop's PE set: a PE that entered the loop must close it.
    if (in.op != Opcode::EndLoop && !in.pes.contains(pe.x, pe.y)) {
      pe.pc = in.op == Opcode::Loop ? match[pe.pc] + 1 : pe.pc + 1;
      continue;
    }
    switch (in.op) {
    case Opcode::Loop: {
      uint64_t c = m_.instrCycles(in);
      pe.time += c;
      pe.busy += c;
      if (in.count == 0) {
        pe.pc = match[pe.pc] + 1;
      } else {
        if (pe.loopDepth >= kLoopStackDepth)
          return fail("loops nested too deep");
        pe.loopLeft[pe.loopDepth++] = in.count;
        ++pe.pc;
      }
      break;
    }
    case Opcode::EndLoop: {
      if (pe.loopDepth == 0)
        return fail("EndLoop without an open Loop");
      uint64_t c = m_.instrCycles(in);
      pe.time += c;
      pe.busy += c;
      if (--pe.loopLeft[pe.loopDepth - 1] > 0) {
        pe.pc = match[pe.pc] + 1;
      } else {
        --pe.loopDepth;
        ++pe.pc;
      }
      break;
    }
    case Opcode::Send: {
      uint64_t t0 = std::max(pe.time + m_.dsdOverheadCycles, now_);
      if (t0 > now_) { // let the fabric catch up with this PE's clock
        pe.scheduled = true;
        schedule(t0, EvKind::RunPe, p);
        return Status::success();
      }
      uint32_t tree;
      Status st = sendTree(p, in.color, tree);
      if (!st.ok())
        return fail(st.message());
      uint32_t id = newMessage();
      Message &msg = msgs_[id];
      msg.tree = tree;
      msg.color = in.color;
      msg.sender = p;
      msg.data.resize(in.a.len);
      for (uint32_t i = 0; i < in.a.len; ++i)
        msg.data[i] = mem[int64_t(in.a.addr) + int64_t(i) * in.a.stride];
      msg.injectEnd = t0 + in.a.len; // the ramp takes one wavelet per cycle
      uint64_t c = m_.instrCycles(in);
      pe.busy += c;
      pe.time = t0 - m_.dsdOverheadCycles + c; // at least; back-pressure may add
      pe.status = PeStatus::WaitSend;
      inject(id, t0);
      return Status::success();
    }
    case Opcode::Recv: {
      if (pe.time > now_) {
        pe.scheduled = true;
        schedule(pe.time, EvKind::RunPe, p);
        return Status::success();
      }
      pe.recvStart = pe.time;
      pe.recvLast = 0;
      pe.recvGot = 0;
      pe.status = PeStatus::WaitRecv;
      if (!feedRecv(p))
        return Status::success(); // notifyPe resumes it when wavelets arrive
      break;
    }
    default: {
      // Charge before executing: one instruction can be hundreds of millions of cycles of
      // work (a gemv over a stride-0 matrix), which a runaway check after it would allow.
      uint64_t c = m_.instrCycles(in);
      if (pe.time + c > m_.maxCycles)
        return fail("simulated time passed the machine's max cycle count " +
                    std::to_string(m_.maxCycles) + " (runaway program?)");
      executeDsd(in, mem, m_.fp16);
      pe.time += c;
      pe.busy += c;
      flops_ += Machine::instrFlops(in);
      ++pe.pc;
      break;
    }
    }
  }
}

} // namespace accel::sim::wse
