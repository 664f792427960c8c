//===- Fabric.cpp - Routes, route trees, links, delivery, back-pressure ---===//
//
// A message (a vector of wavelets) is the unit of events. Its route tree is static, so it
// is walked once per (region instance, source PE, color) and cached. Timing per message:
// each directed link carries linkWaveletsPerCycle wavelets per cycle, so a message of L
// wavelets occupies every link of its tree for occ = ceil(L / rate) cycles; the head crosses
// a link at s = max(head arrival at the link's router, link free time) and reaches the next
// router hopLatencyCycles later; a destination has the whole message occ cycles after its
// head arrived (cut-through). Destinations accept a message only when it fits in their
// per-color queue (an empty queue takes any message); the sender's Send completes when every
// destination accepted it (back-pressure).
//
//===----------------------------------------------------------------------===//
#include "LayerSim.h"

#include "Names.h"

#include <algorithm>
#include <cmath>

namespace accel::sim::wse {

uint64_t outKey(uint32_t inst, int32_t x, int32_t y, Dir side, uint8_t color) {
  return (uint64_t(inst) << 40) ^ (uint64_t(uint32_t(y)) << 24) ^ (uint64_t(uint32_t(x)) << 11) ^
         (uint64_t(side) << 8) ^ color;
}

const RouteRule *LayerSim::ruleAt(const Region &r, int32_t x, int32_t y, uint8_t color) const {
  // Later rules override earlier ones for the same PE and color.
  for (size_t i = r.routes.size(); i-- > 0;) {
    const RouteRule &rr = r.routes[i];
    if (rr.color == color && rr.pes.contains(x, y))
      return &rr;
  }
  return nullptr;
}

Status LayerSim::buildTree(uint32_t inst, int32_t x0, int32_t y0, Dir entry, uint8_t color,
                           uint32_t &treeOut) {
  const RegionInst &ri = insts_[inst];
  const Region &reg = *ri.region;
  Tree tree;
  tree.link0 = uint32_t(treeLinks_.size());
  tree.dest0 = uint32_t(treeDests_.size());
  tree.exit0 = uint32_t(treeExits_.size());
  // On error the partial tree stays in the pools: harmless, the simulation stops.
  ++visitStamp_;
  auto err = [&](uint32_t pe, const std::string &what) {
    return Status::error(where() + ": routing error on color " + std::to_string(color) +
                         " at " + peName(pe) + ": " + what);
  };
  struct Item {
    int32_t x, y;
    Dir in;
    int32_t via;
  };
  std::vector<Item> stack{{x0, y0, entry, -1}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    uint32_t pe = ri.peBase + uint32_t(it.y) * uint32_t(reg.width) + uint32_t(it.x);
    if (visit_[pe] == visitStamp_)
      return err(pe, "the message reaches this router twice (a routing loop or converging "
                     "multicast paths)");
    visit_[pe] = visitStamp_;
    const RouteRule *rule = ruleAt(reg, it.x, it.y, color);
    if (!rule)
      return err(pe, std::string("no route rule for the color; a wavelet arrives from the ") +
                         dirName(it.in) + " port");
    if (!(rule->rx & dirBit(it.in)))
      return err(pe, std::string("the route does not accept wavelets from the ") +
                         dirName(it.in) + " port (rx lacks it)");
    if (!(rule->tx & 0x1f))
      return err(pe, "the route's tx is empty: wavelets would be dropped");
    if (rule->tx & dirBit(Dir::Ramp))
      treeDests_.push_back({pe, it.via});
    // Visit in a fixed port order so the tree (and all timing) is deterministic.
    for (Dir d : {Dir::North, Dir::South, Dir::East, Dir::West}) {
      if (!(rule->tx & dirBit(d)))
        continue;
      int32_t nx = it.x + (d == Dir::East) - (d == Dir::West);
      int32_t ny = it.y + (d == Dir::South) - (d == Dir::North);
      int32_t link = static_cast<int32_t>(treeLinks_.size() - tree.link0);
      treeLinks_.push_back({pe * 4 + uint32_t(d), it.via});
      if (nx < 0 || ny < 0 || nx >= reg.width || ny >= reg.height) {
        auto found = outByKey_.find(outKey(inst, it.x, it.y, d, color));
        if (found == outByKey_.end())
          return err(pe, std::string("wavelets leave the region through the ") + dirName(d) +
                             " edge but no output stream collects them there");
        treeExits_.push_back({found->second, link});
        continue;
      }
      stack.push_back({nx, ny, opposite(d), link});
    }
  }
  // Links were appended while walking depth-first; a child link's parent always precedes it.
  tree.nLinks = uint32_t(treeLinks_.size()) - tree.link0;
  tree.nDests = uint32_t(treeDests_.size()) - tree.dest0;
  tree.nExits = uint32_t(treeExits_.size()) - tree.exit0;
  treeOut = static_cast<uint32_t>(trees_.size());
  trees_.push_back(tree);
  return Status::success();
}

Status LayerSim::sendTree(uint32_t pe, uint8_t color, uint32_t &tree) {
  uint64_t key = uint64_t(pe) * 256 + color;
  auto it = sendTrees_.find(key);
  if (it != sendTrees_.end()) {
    tree = it->second;
    return Status::success();
  }
  const PeState &ps = pes_[pe];
  ACCEL_RETURN_IF_ERROR(buildTree(ps.inst, ps.x, ps.y, Dir::Ramp, color, tree));
  sendTrees_.emplace(key, tree);
  return Status::success();
}

uint32_t LayerSim::newMessage() {
  if (!freeMsgs_.empty()) {
    uint32_t id = freeMsgs_.back();
    freeMsgs_.pop_back();
    return id;
  }
  msgs_.emplace_back();
  return static_cast<uint32_t>(msgs_.size() - 1);
}

void LayerSim::inject(uint32_t id, uint64_t t0) {
  Message &msg = msgs_[id];
  const Tree &tree = trees_[msg.tree];
  const TreeLink *links = treeLinks_.data() + tree.link0;
  const TreeDest *dests = treeDests_.data() + tree.dest0;
  const TreeExit *exits = treeExits_.data() + tree.exit0;
  uint64_t len = msg.data.size();
  uint64_t occ = static_cast<uint64_t>(std::ceil(double(len) / m_.linkWaveletsPerCycle));
  linkScratch_.resize(tree.nLinks);
  for (size_t i = 0; i < tree.nLinks; ++i) {
    const TreeLink &l = links[i];
    uint64_t head = l.parent < 0 ? t0 : linkScratch_[size_t(l.parent)] + m_.hopLatencyCycles;
    uint64_t s = std::max(head, linkFree_[l.id]);
    linkFree_[l.id] = s + occ;
    linkScratch_[i] = s;
  }
  msg.refs = msg.outstanding = tree.nDests + tree.nExits;
  msg.maxStall = 0;
  for (size_t i = 0; i < tree.nDests; ++i) {
    int32_t via = dests[i].via;
    uint64_t head = via < 0 ? t0 : linkScratch_[size_t(via)] + m_.hopLatencyCycles;
    schedule(head + occ, EvKind::Arrive, id, uint32_t(i));
  }
  for (size_t i = 0; i < tree.nExits; ++i) {
    uint64_t head = linkScratch_[size_t(exits[i].via)] + m_.hopLatencyCycles;
    schedule(head + occ, EvKind::Arrive, id, uint32_t(tree.nDests + i));
  }
  ++messages_;
  wavelets_ += len;
  hops_ += tree.nLinks;
  linkCycles_ += occ * tree.nLinks;
}

ColorQueue *LayerSim::findQueue(uint32_t pe, uint8_t color) {
  int32_t qi = queueIdx_[size_t(pe) * m_.colors + color];
  return qi < 0 ? nullptr : &queues_[size_t(qi)];
}

ColorQueue &LayerSim::queue(uint32_t pe, uint8_t color) {
  int32_t &qi = queueIdx_[size_t(pe) * m_.colors + color];
  if (qi < 0) {
    qi = static_cast<int32_t>(queues_.size());
    queues_.emplace_back();
    queues_.back().pe = pe;
    queues_.back().color = color;
  }
  return queues_[size_t(qi)];
}

void LayerSim::pushEntry(ColorQueue &q, uint32_t msg, uint64_t avail) {
  if (q.head == q.entries.size()) { // reuse storage instead of growing forever
    q.entries.clear();
    q.head = 0;
  } else if (q.head > 64 && q.head * 2 > q.entries.size()) {
    q.entries.erase(q.entries.begin(), q.entries.begin() + int64_t(q.head));
    q.head = 0;
  }
  uint32_t len = static_cast<uint32_t>(msgs_[msg].data.size());
  q.entries.push_back({msg, 0, len, avail});
  q.wavelets += len;
}

void LayerSim::acceptPending(ColorQueue &q) {
  while (q.pendHead < q.pending.size()) {
    Pending p = q.pending[q.pendHead];
    uint64_t len = msgs_[p.msg].data.size();
    if (q.wavelets != 0 && q.wavelets + len > m_.queueDepthWavelets)
      break;
    ++q.pendHead;
    pushEntry(q, p.msg, now_);
    acceptedBy(p.msg, now_ - p.arrival);
  }
  if (q.pendHead == q.pending.size()) {
    q.pending.clear();
    q.pendHead = 0;
  }
}

void LayerSim::acceptedBy(uint32_t id, uint64_t stall) {
  Message &msg = msgs_[id];
  msg.maxStall = std::max(msg.maxStall, stall);
  if (--msg.outstanding != 0)
    return;
  uint64_t done = msg.injectEnd + msg.maxStall;
  if (msg.sender >= 0) { // the PE's Send completes
    PeState &pe = pes_[size_t(msg.sender)];
    pe.time = std::max(pe.time, done);
    pe.status = PeStatus::Running;
    ++pe.pc;
    pe.scheduled = true;
    schedule(pe.time, EvKind::RunPe, uint32_t(msg.sender));
  } else {
    InStream &s = ins_[size_t(-msg.sender - 1)];
    s.waiting = false;
    if (s.cursor < s.data.size())
      schedule(std::max(done, now_), EvKind::StreamInject, uint32_t(-msg.sender - 1));
  }
}

void LayerSim::release(uint32_t id) {
  Message &msg = msgs_[id];
  if (--msg.refs == 0 && msg.outstanding == 0) {
    msg.data.clear();
    freeMsgs_.push_back(id);
  }
}

Status LayerSim::onArrive(uint32_t id, uint32_t idx) {
  const Tree &tree = trees_[msgs_[id].tree];
  if (idx >= tree.nDests)
    return collectOutput(treeExits_[tree.exit0 + idx - tree.nDests].stream, id);
  uint32_t pe = treeDests_[tree.dest0 + idx].pe;
  uint8_t color = msgs_[id].color;
  ColorQueue &q = queue(pe, color);
  uint64_t len = msgs_[id].data.size();
  if (q.pendHead == q.pending.size() &&
      (q.wavelets == 0 || q.wavelets + len <= m_.queueDepthWavelets)) {
    pushEntry(q, id, now_);
    acceptedBy(id, 0);
  } else {
    q.pending.push_back({id, now_});
  }
  notifyPe(pe, color);
  return Status::success();
}

} // namespace accel::sim::wse
