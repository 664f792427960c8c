//===- Streams.cpp - Input and output streams of a layer's regions --------===//
//
// Input streams send their window's elements in order, messageLen wavelets per message,
// into the PE's router on their color as if arriving through port `side`; one message per
// stream is in flight at a time (the next goes when every destination accepted it). All
// input streams of a layer share one I/O channel of ioInWaveletsPerCycle: a message of L
// wavelets holds it L / rate cycles, and streams are served in event order (time, then
// sequence), i.e. round-robin among streams that are ready at the same time. Output streams
// collect wavelets leaving the region at their PE/side/color in window order through a
// shared channel of ioOutWaveletsPerCycle; padding elements are received and dropped.
//
//===----------------------------------------------------------------------===//
#include "LayerSim.h"

#include "Names.h"
#include "Window.h"

#include <algorithm>
#include <cmath>

namespace accel::sim::wse {

Status LayerSim::setupStreams() {
  std::vector<uint32_t> firstInst(layer_.regions.size(), 0);
  for (uint32_t i = insts_.size(); i-- > 0;)
    firstInst[insts_[i].regionIdx] = i;
  // Outputs first: route trees of the inputs look them up at region exits.
  for (size_t r = 0; r < layer_.regions.size(); ++r) {
    const Region &reg = layer_.regions[r];
    for (size_t k = 0; k < reg.outputs.size(); ++k) {
      const Stream &s = reg.outputs[k];
      std::string what = "region '" + reg.name + "' output stream #" + std::to_string(k);
      TensorView &v = tensors_[size_t(s.window.tensor)];
      if (!v.data || !v.writable)
        return Status::error(where() + " " + what + ": tensor " +
                             std::to_string(s.window.tensor) + " is not a writable view");
      OutStream o;
      o.s = &s;
      o.inst = firstInst[r] + uint32_t(s.instance);
      windowOffsets(s.window, v.shape, s.x, s.y, s.instance, o.offsets);
      o.tensor = v.data;
      std::vector<uint8_t> &w = written_[size_t(s.window.tensor)];
      if (w.empty()) {
        int64_t n = 1;
        for (int64_t d : v.shape)
          n *= d;
        w.assign(size_t(n), 0);
      }
      o.written = &w;
      outByKey_.emplace(outKey(o.inst, s.x, s.y, s.side, s.color), uint32_t(outs_.size()));
      outs_.push_back(std::move(o));
    }
  }
  for (size_t r = 0; r < layer_.regions.size(); ++r) {
    const Region &reg = layer_.regions[r];
    for (size_t k = 0; k < reg.inputs.size(); ++k) {
      const Stream &s = reg.inputs[k];
      std::string what = "region '" + reg.name + "' input stream #" + std::to_string(k);
      Status st;
      const float *src = tensorData(s.window.tensor, what, st);
      ACCEL_RETURN_IF_ERROR(st);
      InStream in;
      in.s = &s;
      in.inst = firstInst[r] + uint32_t(s.instance);
      in.pe = insts_[in.inst].peBase + uint32_t(s.y) * uint32_t(reg.width) + uint32_t(s.x);
      in.data.resize(size_t(s.window.numElements()));
      float *dst = in.data.data();
      WindowWalker(s.window, shapes_[size_t(s.window.tensor)], s.x, s.y, s.instance)
          .forEachRun([&](int64_t e0, int64_t flat0, int64_t stride, int64_t n) {
            for (int64_t i = 0; i < n; ++i)
              dst[e0 + i] = flat0 < 0 ? s.window.pad : src[flat0 + i * stride];
          });
      st = buildTree(in.inst, s.x, s.y, s.side, s.color, in.tree);
      if (!st.ok())
        return st.withContext(what);
      ins_.push_back(std::move(in));
    }
  }
  return Status::success();
}

Status LayerSim::onStreamInject(uint32_t idx) {
  InStream &in = ins_[idx];
  if (in.waiting || in.cursor >= in.data.size())
    return Status::success();
  uint64_t len = std::min<uint64_t>(in.s->messageLen, in.data.size() - in.cursor);
  if (!in.haveSlot) { // reserve the shared input channel
    double startT = std::max(double(now_), inFree_);
    inFree_ = startT + double(len) / m_.ioInWaveletsPerCycle;
    in.slot = static_cast<uint64_t>(std::ceil(startT));
    in.haveSlot = true;
    if (in.slot > now_) {
      schedule(in.slot, EvKind::StreamInject, idx);
      return Status::success();
    }
  }
  in.haveSlot = false;
  uint32_t id = newMessage();
  Message &msg = msgs_[id];
  msg.tree = in.tree;
  msg.color = in.s->color;
  msg.sender = -int64_t(idx) - 1;
  msg.data.assign(in.data.begin() + int64_t(in.cursor), in.data.begin() + int64_t(in.cursor + len));
  msg.injectEnd = now_ + len;
  in.cursor += len;
  in.waiting = true;
  inject(id, now_);
  return Status::success();
}

Status LayerSim::collectOutput(uint32_t stream, uint32_t id) {
  OutStream &o = outs_[stream];
  Message &msg = msgs_[id];
  uint64_t len = msg.data.size();
  double startT = std::max(double(now_), outFree_);
  outFree_ = startT + double(len) / m_.ioOutWaveletsPerCycle;
  uint64_t acc = static_cast<uint64_t>(std::ceil(startT));
  if (o.cursor + len > o.offsets.size())
    return Status::error(where() + ": region '" + insts_[o.inst].region->name + "' instance " +
                         std::to_string(insts_[o.inst].instance) + " output stream at PE (" +
                         std::to_string(o.s->x) + "," + std::to_string(o.s->y) + ") side " +
                         dirName(o.s->side) + " color " + std::to_string(o.s->color) +
                         " received more than its window's " +
                         std::to_string(o.offsets.size()) + " elements");
  for (uint64_t i = 0; i < len; ++i) {
    int64_t off = o.offsets[o.cursor++];
    if (off >= 0) {
      o.tensor[off] = msg.data[i];
      (*o.written)[size_t(off)] = 1;
    }
  }
  o.end = std::max<uint64_t>(o.end, static_cast<uint64_t>(std::ceil(outFree_)));
  lastTime_ = std::max(lastTime_, o.end);
  acceptedBy(id, acc - now_);
  release(id);
  return Status::success();
}

} // namespace accel::sim::wse
