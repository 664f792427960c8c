//===- LayerSim.cpp - Setting up one layer: images, inits, task tables ----===//
#include "LayerSim.h"

#include "accel/Sim/Common/Fp16.h"
#include "Names.h"
#include "Window.h"

#include <algorithm>

namespace accel::sim::wse {

std::string LayerSim::where() const {
  return "layer '" + layer_.name + "' (#" + std::to_string(layerIdx_) + ")";
}

std::string LayerSim::peName(uint32_t p) const {
  const PeState &pe = pes_[p];
  const RegionInst &ri = insts_[pe.inst];
  return "region '" + ri.region->name + "' instance " + std::to_string(ri.instance) +
         " PE (" + std::to_string(pe.x) + "," + std::to_string(pe.y) + ") [fabric (" +
         std::to_string(ri.fx + pe.x) + "," + std::to_string(ri.fy + pe.y) + ")]";
}

const float *LayerSim::tensorData(int32_t t, const std::string &what, Status &st) const {
  const TensorView &v = tensors_[static_cast<size_t>(t)];
  if (!v.data)
    st = Status::error(where() + " " + what + ": tensor " + std::to_string(t) +
                       " has no data (the runtime gave no view of it)");
  return v.data;
}

Status LayerSim::setup() {
  shapes_.reserve(tensors_.size());
  for (const TensorView &v : tensors_)
    shapes_.push_back(v.shape);

  uint64_t pes = 0;
  infos_.resize(layer_.regions.size());
  for (size_t r = 0; r < layer_.regions.size(); ++r) {
    const Region &reg = layer_.regions[r];
    RegionInfo &info = infos_[r];
    info.dataTask.assign(m_.colors, -1);
    info.match.resize(reg.tasks.size());
    for (size_t t = 0; t < reg.tasks.size(); ++t) {
      const Task &task = reg.tasks[t];
      if (task.kind == TaskKind::Local) {
        info.localTasks.push_back(static_cast<uint32_t>(t));
      } else if (task.color < m_.colors) {
        info.dataTask[task.color] = static_cast<int32_t>(t);
      }
      // Loop <-> EndLoop matching (validated as balanced).
      std::vector<uint32_t> &match = info.match[t];
      match.assign(task.body.size(), 0);
      std::vector<uint32_t> open;
      for (size_t i = 0; i < task.body.size(); ++i) {
        if (task.body[i].op == Opcode::Loop) {
          open.push_back(static_cast<uint32_t>(i));
        } else if (task.body[i].op == Opcode::EndLoop && !open.empty()) {
          match[i] = open.back();
          match[open.back()] = static_cast<uint32_t>(i);
          open.pop_back();
        }
      }
    }
    for (uint32_t c = 0; c < m_.colors; ++c)
      if (info.dataTask[c] >= 0)
        info.dataColors.push_back(static_cast<uint8_t>(c));
    for (int32_t i = 0; i < reg.instances; ++i) {
      RegionInst ri;
      ri.region = &reg;
      ri.regionIdx = static_cast<uint32_t>(r);
      ri.instance = i;
      ri.peBase = static_cast<uint32_t>(pes);
      ri.fx = reg.x + i * reg.width;
      ri.fy = reg.y;
      pes += uint64_t(reg.width) * uint64_t(reg.height);
      insts_.push_back(std::move(ri));
    }
  }
  if (pes > UINT32_MAX / 8)
    return Status::error(where() + ": too many PEs");

  pes_.resize(pes);
  for (uint32_t i = 0; i < insts_.size(); ++i) {
    const RegionInst &ri = insts_[i];
    const Region &reg = *ri.region;
    for (int32_t y = 0; y < reg.height; ++y)
      for (int32_t x = 0; x < reg.width; ++x) {
        PeState &pe = pes_[ri.peBase + uint32_t(y) * uint32_t(reg.width) + uint32_t(x)];
        pe.time = start_;
        pe.inst = i;
        pe.x = x;
        pe.y = y;
      }
  }
  queueIdx_.assign(pes * m_.colors, -1);
  linkFree_.assign(pes * 4, 0);
  visit_.assign(pes, 0);

  // Memory images and buffer inits (weights resident on the wafer, loaded with the program).
  for (RegionInst &ri : insts_) {
    const Region &reg = *ri.region;
    uint64_t npes = uint64_t(reg.width) * uint64_t(reg.height);
    ri.mem.assign(npes * reg.memoryWords, 0.0f);
    for (size_t b = 0; b < reg.inits.size(); ++b) {
      const BufferInit &bi = reg.inits[b];
      Status st;
      const float *src = tensorData(bi.window.tensor,
                                    "region '" + reg.name + "' buffer init #" + std::to_string(b), st);
      ACCEL_RETURN_IF_ERROR(st);
      const std::vector<int64_t> &shape = shapes_[static_cast<size_t>(bi.window.tensor)];
      for (int32_t y = 0; y < reg.height; ++y)
        for (int32_t x = 0; x < reg.width; ++x) {
          if (!bi.pes.contains(x, y))
            continue;
          float *dst = ri.mem.data() +
                       (uint64_t(y) * uint64_t(reg.width) + uint64_t(x)) * reg.memoryWords +
                       bi.addr;
          float pad = m_.fp16 ? roundToFp16(bi.window.pad) : bi.window.pad;
          bool fp16 = m_.fp16;
          WindowWalker(bi.window, shape, x, y, ri.instance)
              .forEachRun([&](int64_t e0, int64_t flat0, int64_t stride, int64_t n) {
                float *d = dst + e0;
                if (flat0 < 0) {
                  std::fill(d, d + n, pad);
                } else if (fp16) {
                  for (int64_t i = 0; i < n; ++i)
                    d[i] = roundToFp16(src[flat0 + i * stride]);
                } else if (stride == 1) {
                  std::copy(src + flat0, src + flat0 + n, d);
                } else {
                  for (int64_t i = 0; i < n; ++i)
                    d[i] = src[flat0 + i * stride];
                }
              });
        }
    }
  }
  return setupStreams();
}

} // namespace accel::sim::wse
