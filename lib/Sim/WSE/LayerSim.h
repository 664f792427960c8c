//===- LayerSim.h - Simulation state of one layer ---------------*- C++ -*-===//
//
// Everything here lives for one layer: PE states, memory images and queues are sized by
// the PEs of the layer's region instances (never by the fabric) and freed when it ends.
// The member functions are split by concern:
//   LayerSim.cpp    setup (memory images, buffer inits, task tables)
//   Fabric.cpp      route lookup, route trees, link timing, delivery and back-pressure
//   PeExecutor.cpp  the per-PE instruction interpreter (control flow, Recv/Send)
//   Dsd.cpp         DSD arithmetic semantics (what Add/Fmac/Gemv... compute)
//   Streams.cpp     input and output streams
//   Simulator.cpp   the event loop, deadlock diagnostics, statistics, simulate()
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_SIM_WSE_LAYERSIM_H
#define ACCEL_LIB_SIM_WSE_LAYERSIM_H

#include "accel/Sim/WSE/Simulator.h"

#include <queue>
#include <unordered_map>

namespace accel::sim::wse {

using runtime::Status;

constexpr size_t kLoopStackDepth = 8; // Validate.cpp rejects deeper nesting

/// One instance of one region: its PEs are [peBase, peBase + width * height), row-major.
struct RegionInst {
  const Region *region = nullptr;
  uint32_t regionIdx = 0; // in the layer
  int32_t instance = 0;
  uint32_t peBase = 0;
  int32_t fx = 0, fy = 0;  // fabric origin
  std::vector<float> mem;  // width * height images of memoryWords words
};

/// Per-region tables shared by its instances.
struct RegionInfo {
  std::vector<std::vector<uint32_t>> match; // per task, per instruction: matching Loop/EndLoop
  std::vector<uint32_t> localTasks;         // in program order
  std::vector<int32_t> dataTask;            // per color: Data task index or -1
  std::vector<uint8_t> dataColors;          // colors that have a Data task, ascending
};

enum class PeStatus : uint8_t { Running, WaitRecv, WaitSend, Idle };

struct PeState {
  uint64_t time = 0;      // local clock: the PE has executed everything before it
  uint64_t busy = 0;      // cycles spent executing instructions
  uint64_t recvStart = 0; // current Recv: when it started
  uint64_t recvLast = 0;  // current Recv: latest availability of a wavelet it took
  uint32_t inst = 0;      // region instance
  int32_t x = 0, y = 0;   // region-local
  int32_t task = -1;      // running task, -1 when between tasks
  uint32_t nextLocal = 0; // next Local task to start
  uint32_t pc = 0;
  uint32_t recvGot = 0;   // current Recv: wavelets stored so far
  uint32_t loopLeft[kLoopStackDepth] = {};
  uint8_t loopDepth = 0;
  PeStatus status = PeStatus::Running;
  bool consumed = false;  // the running Data task took a wavelet of its color
  bool scheduled = false; // a RunPe event is pending
};

/// A message in flight or in queues; the payload is shared by all its destinations.
struct Message {
  std::vector<float> data;
  uint32_t tree = 0;
  uint32_t refs = 0;        // destinations still holding unconsumed wavelets of it
  uint32_t outstanding = 0; // destinations that have not accepted it yet
  int64_t sender = 0;       // PE index, or -(input stream + 1)
  uint64_t injectEnd = 0;   // when its tail left the sender (without back-pressure)
  uint64_t maxStall = 0;    // longest wait of a destination for queue space
  uint8_t color = 0;
};

struct QEntry {
  uint32_t msg, off, end; // wavelets [off, end) of the message are still queued
  uint64_t avail;         // when they were all there
};
struct Pending {
  uint32_t msg;
  uint64_t arrival;
};
/// Input queue of one color at one PE, created on first use.
struct ColorQueue {
  std::vector<QEntry> entries;
  size_t head = 0;
  std::vector<Pending> pending; // arrived but not accepted (no room): back-pressure
  size_t pendHead = 0;
  uint64_t wavelets = 0;        // queued, not yet taken by a Recv
  uint32_t pe = 0;              // owner, for diagnostics
  uint8_t color = 0;
};

/// The static multicast tree of one (source router, entry port, color). Its links, deliveries
/// and exits are ranges of LayerSim's flat pools (one allocation for all trees). Links are
/// listed parents first; `parent` / `via` are indices into the tree's own link range: the
/// link that brought the wavelets to a router (-1: the root).
struct TreeLink {
  uint32_t id; // pe * 4 + direction
  int32_t parent;
};
struct TreeDest {
  uint32_t pe;
  int32_t via;
};
struct TreeExit {
  uint32_t stream; // output stream index
  int32_t via;     // the link leaving the region
};
struct Tree {
  uint32_t link0 = 0, nLinks = 0, dest0 = 0, nDests = 0, exit0 = 0, nExits = 0;
};

struct InStream {
  const Stream *s = nullptr;
  uint32_t inst = 0, pe = 0, tree = 0;
  std::vector<float> data; // the window's values (padding = pad)
  uint64_t cursor = 0;     // next element to send
  uint64_t slot = 0;       // reserved I/O start time of the next message
  bool haveSlot = false;
  bool waiting = false;    // a message is not accepted yet
};

struct OutStream {
  const Stream *s = nullptr;
  uint32_t inst = 0;
  std::vector<int64_t> offsets; // tensor offset of each window element, -1 = padding
  uint64_t cursor = 0;
  float *tensor = nullptr;
  std::vector<uint8_t> *written = nullptr;
  uint64_t end = 0;
};

enum class EvKind : uint8_t { RunPe, Arrive, StreamInject };
struct Event {
  uint64_t time, seq;
  EvKind kind;
  uint32_t a, b;
  bool operator>(const Event &o) const {
    return time != o.time ? time > o.time : seq > o.seq;
  }
};

class LayerSim {
public:
  LayerSim(const Machine &m, const Layer &layer, uint32_t layerIdx,
           std::vector<TensorView> &tensors, std::vector<std::vector<uint8_t>> &written,
           uint64_t start)
      : m_(m), layer_(layer), layerIdx_(layerIdx), tensors_(tensors), written_(written),
        start_(start), now_(start), lastTime_(start) {}

  Status run(LayerStats &ls, std::vector<RegionStats> &rs);

private:
  // LayerSim.cpp
  Status setup();
  std::string where() const;
  std::string peName(uint32_t pe) const;
  const float *tensorData(int32_t t, const std::string &what, Status &st) const;
  // Fabric.cpp
  const RouteRule *ruleAt(const Region &r, int32_t x, int32_t y, uint8_t color) const;
  Status buildTree(uint32_t inst, int32_t x, int32_t y, Dir entry, uint8_t color,
                   uint32_t &tree);
  Status sendTree(uint32_t pe, uint8_t color, uint32_t &tree);
  uint32_t newMessage();
  void inject(uint32_t msg, uint64_t t0);
  Status onArrive(uint32_t msg, uint32_t idx);
  ColorQueue &queue(uint32_t pe, uint8_t color);
  ColorQueue *findQueue(uint32_t pe, uint8_t color);
  void pushEntry(ColorQueue &q, uint32_t msg, uint64_t avail);
  void acceptPending(ColorQueue &q);
  void acceptedBy(uint32_t msg, uint64_t stall);
  void release(uint32_t msg);
  // PeExecutor.cpp
  Status runPe(uint32_t pe);
  bool feedRecv(uint32_t pe);
  void notifyPe(uint32_t pe, uint8_t color);
  bool startDataTask(uint32_t pe);
  // Streams.cpp
  Status setupStreams();
  Status onStreamInject(uint32_t s);
  Status collectOutput(uint32_t stream, uint32_t msg);
  // Simulator.cpp
  void schedule(uint64_t t, EvKind k, uint32_t a, uint32_t b = 0);
  Status checkEnd();

  const Machine &m_;
  const Layer &layer_;
  uint32_t layerIdx_;
  std::vector<TensorView> &tensors_;
  std::vector<std::vector<uint8_t>> &written_;
  uint64_t start_, now_, lastTime_;

  std::vector<RegionInst> insts_;
  std::vector<RegionInfo> infos_;
  std::vector<PeState> pes_;
  std::vector<int32_t> queueIdx_; // pes * colors
  std::vector<ColorQueue> queues_;
  std::vector<uint64_t> linkFree_; // pes * 4 directed links
  std::vector<uint32_t> visit_;    // per PE: stamp of the tree walk that visited it
  uint32_t visitStamp_ = 0;
  std::vector<Tree> trees_;
  std::vector<TreeLink> treeLinks_;
  std::vector<TreeDest> treeDests_;
  std::vector<TreeExit> treeExits_;
  std::unordered_map<uint64_t, uint32_t> sendTrees_; // (pe, color) -> tree
  std::vector<Message> msgs_;
  std::vector<uint32_t> freeMsgs_;
  std::vector<InStream> ins_;
  std::vector<OutStream> outs_;
  std::unordered_map<uint64_t, uint32_t> outByKey_; // (inst, pe-local, side, color)
  std::vector<uint64_t> linkScratch_;
  double inFree_ = 0, outFree_ = 0; // aggregate I/O channels: next free time
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  uint64_t seq_ = 0;
  std::vector<std::vector<int64_t>> shapes_;

  // statistics
  uint64_t flops_ = 0, messages_ = 0, wavelets_ = 0, linkCycles_ = 0, hops_ = 0;
};

/// Dsd.cpp: executes one arithmetic instruction on a PE's memory image (validated ranges).
void executeDsd(const Instr &in, float *mem, bool fp16);

uint64_t outKey(uint32_t inst, int32_t x, int32_t y, Dir side, uint8_t color);

} // namespace accel::sim::wse

#endif
