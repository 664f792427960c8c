//===- GenerateTasks.cpp - The per-PE program of every region -------------===//
//
// One local task per region, run by every PE (SPMD); instructions only some PEs run carry
// a `pes` guard. The program follows the region's plan (Route.cpp describes the colors):
//
//   gemm, per activation row:         elementwise, per message:
//     recv   act        <- color 0      recv in0 (, in1)  <- colors 0 (, 1)
//     gemv   psum = act x weights       compute out (DSD ops on PE memory)
//     recv   psum_in    <- north        send out          -> last color
//     add    psum += psum_in
//     add    psum += bias  (last row)
//     send   psum       -> south
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Wavelet/Transforms/Passes.h"
#include "accel/Dialect/Wavelet/Transforms/Plan.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <cmath>

namespace accel::wavelet {
#define GEN_PASS_DEF_WSEGENERATETASKS
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"
} // namespace accel::wavelet

using namespace mlir;
using namespace accel::wavelet;

namespace {

class TaskBuilder {
public:
  TaskBuilder(RegionOp region) : region(region), b(region.getContext()), loc(region.getLoc()) {
    for (BufferOp buffer : region.getBody().front().getOps<BufferOp>())
      buffers[buffer.getName()] = buffer.getResult();
  }

  Value buf(StringRef name) { return buffers.lookup(name); }
  /// Hand-written or damaged IR may lack a buffer the plan needs: a diagnostic, not a
  /// null operand.
  LogicalResult need(ArrayRef<StringRef> names) {
    for (StringRef name : names)
      if (!buffers.count(name))
        return region.emitError("region '")
               << region.getSymName() << "' has no wavelet.buffer \"" << name
               << "\", which its plan needs";
    return success();
  }
  DenseI64ArrayAttr dsd(int64_t offset, int64_t len, int64_t stride = 1) {
    return b.getDenseI64ArrayAttr({offset, len, stride});
  }
  PeSetAttr pes(int32_t y0, int32_t yMod = 1, int32_t yRem = 0) {
    return PeSetAttr::get(b.getContext(), 0, 1 << 30, y0, 1 << 30, 1, 0, yMod, yRem);
  }
  int64_t color(int64_t channel) { return plan::colorOf(region, channel); }

  LogicalResult build() {
    Block &body = region.getBody().front();
    b.setInsertionPointToEnd(&body);
    auto task = TaskOp::create(b, loc, "main", TaskKind::Local, IntegerAttr());
    b.setInsertionPointToEnd(&task.getBody().emplaceBlock());
    std::string kind = plan::getString(region, plan::kKind);
    if (kind == "gemm")
      return buildGemm();
    if (kind == "elementwise")
      return buildElementwise();
    if (kind == "rowwise")
      return buildRowwise();
    if (kind == "depthwise")
      return buildDepthwise();
    return region.emitError("region '") << region.getSymName() << "' has no plan";
  }

private:
  /// Creates a loop of `count` iterations and moves the builder into it.
  void loop(int64_t count) {
    auto l = LoopOp::create(b, loc, count, PeSetAttr());
    b.setInsertionPointToEnd(&l.getBody().emplaceBlock());
  }

  LogicalResult buildGemm() {
    int64_t rows = plan::getInt(region, plan::kRows), kb = plan::getInt(region, plan::kKb),
            nb = plan::getInt(region, plan::kNb), pk = plan::getInt(region, plan::kPk);
    bool bias = plan::getInt(region, plan::kBias);
    if (failed(need({"act", "psum", "weights"})) || (pk > 1 && failed(need({"psum_in"}))) ||
        (bias && failed(need({"bias"}))))
      return failure();
    int64_t act = color(plan::kGemmAct), even = color(plan::kGemmPsumEven),
            odd = color(plan::kGemmPsumOdd);
    Value actBuf = buf("act"), psum = buf("psum"), weights = buf("weights");
    // Activation weights (attention) arrive once, before the rows.
    if (plan::getInt(region, plan::kStreamWeights))
      RecvOp::create(b, loc, color(plan::kGemmWeights), weights, dsd(0, kb * nb), PeSetAttr());
    loop(rows);
    RecvOp::create(b, loc, act, actBuf, dsd(0, kb), PeSetAttr());
    GemvOp::create(b, loc, psum, dsd(0, nb), actBuf, dsd(0, kb), weights, 0, nb, false,
                   PeSetAttr());
    if (pk > 1) {
      Value in = buf("psum_in");
      RecvOp::create(b, loc, even, in, dsd(0, nb), pes(0, 2, 1));
      if (pk > 2)
        RecvOp::create(b, loc, odd, in, dsd(0, nb), pes(2, 2, 0));
      BinaryOp::create(b, loc, BinaryKind::Add, psum, dsd(0, nb), psum, dsd(0, nb), in,
                       dsd(0, nb), pes(1));
    }
    if (bias)
      BinaryOp::create(b, loc, BinaryKind::Add, psum, dsd(0, nb), psum, dsd(0, nb),
                       buf("bias"), dsd(0, nb),
                       pk > 1 ? pes(static_cast<int32_t>(pk - 1)) : PeSetAttr());
    SendOp::create(b, loc, even, psum, dsd(0, nb), pk > 1 ? pes(0, 2, 0) : PeSetAttr());
    if (pk > 1)
      SendOp::create(b, loc, odd, psum, dsd(0, nb), pes(0, 2, 1));
    return success();
  }

  void binary(BinaryKind kind, Value dst, Value a, DenseI64ArrayAttr aDsd, Value c,
              DenseI64ArrayAttr cDsd) {
    BinaryOp::create(b, loc, kind, dst, dsd(0, n), a, aDsd, c, cDsd, PeSetAttr());
  }
  void unary(UnaryFn fn, Value dst, Value a) {
    UnaryOp::create(b, loc, fn, dst, dsd(0, n), a, dsd(0, n), PeSetAttr());
  }
  DenseI64ArrayAttr vec() { return dsd(0, n); }
  /// The k-th scalar of `consts`, broadcast over a message.
  DenseI64ArrayAttr scalar(int64_t k) { return dsd(k, n, 0); }

  LogicalResult buildElementwise() {
    std::string op = plan::getString(region, plan::kOp);
    int64_t inputs = plan::getInt(region, plan::kInputs);
    n = plan::getInt(region, plan::kMessage);
    if (failed(need({"in0", "out", "tmp", "consts"})) || (inputs > 1 && failed(need({"in1"}))))
      return failure();
    float alpha = static_cast<float>(plan::getFloat(region, plan::kAlpha));
    float beta = static_cast<float>(plan::getFloat(region, plan::kBeta));
    Value in0 = buf("in0"), in1 = inputs > 1 ? buf("in1") : Value(), out = buf("out"),
          tmp = buf("tmp"), consts = buf("consts");
    SmallVector<float> values;
    if (op == "unary.gelu")
      values = {static_cast<float>(M_SQRT1_2), 1.0f, 0.5f};
    else if (op == "unary.leaky_relu")
      values = {alpha};
    else if (op == "unary.hard_sigmoid")
      values = {alpha, beta, 0.0f, 1.0f};
    else if (op == "unary.hard_swish")
      values = {1.0f / 6.0f, 0.5f, 0.0f, 1.0f};
    else if (op == "unary.softplus")
      values = {1.0f};
    else if (op == "clamp")
      values = {alpha, beta};
    for (auto [k, v] : llvm::enumerate(values))
      FillOp::create(b, loc, consts, dsd(k, 1), b.getF32FloatAttr(v).getValue(), PeSetAttr());

    loop(plan::getInt(region, plan::kRows));
    RecvOp::create(b, loc, color(0), in0, vec(), PeSetAttr());
    if (in1)
      RecvOp::create(b, loc, color(1), in1, vec(), PeSetAttr());

    static const llvm::StringMap<UnaryFn> direct = {
        {"unary.relu", UnaryFn::Relu},   {"unary.sigmoid", UnaryFn::Sigmoid},
        {"unary.tanh", UnaryFn::Tanh},   {"unary.exp", UnaryFn::Exp},
        {"unary.log", UnaryFn::Log},     {"unary.sqrt", UnaryFn::Sqrt},
        {"unary.reciprocal", UnaryFn::Recip}, {"unary.abs", UnaryFn::Abs},
        {"unary.neg", UnaryFn::Neg},     {"unary.floor", UnaryFn::Floor},
        {"unary.ceil", UnaryFn::Ceil},   {"unary.erf", UnaryFn::Erf}};
    static const llvm::StringMap<BinaryKind> binaries = {
        {"binary.add", BinaryKind::Add}, {"binary.sub", BinaryKind::Sub},
        {"binary.mul", BinaryKind::Mul}, {"binary.div", BinaryKind::Div},
        {"binary.max", BinaryKind::Max}, {"binary.min", BinaryKind::Min}};
    if (auto it = direct.find(op); it != direct.end()) {
      unary(it->second, out, in0);
    } else if (auto it = binaries.find(op); it != binaries.end()) {
      binary(it->second, out, in0, vec(), in1, vec());
    } else if (op == "unary.identity") {
      MovOp::create(b, loc, out, vec(), in0, vec(), PeSetAttr());
    } else if (op == "unary.gelu") {
      // 0.5 * x * (1 + erf(x / sqrt(2)))
      binary(BinaryKind::Mul, tmp, in0, vec(), consts, scalar(0));
      unary(UnaryFn::Erf, tmp, tmp);
      binary(BinaryKind::Add, tmp, tmp, vec(), consts, scalar(1));
      binary(BinaryKind::Mul, tmp, tmp, vec(), in0, vec());
      binary(BinaryKind::Mul, out, tmp, vec(), consts, scalar(2));
    } else if (op == "unary.leaky_relu") {
      // alpha <= 1: max(x, alpha x); alpha > 1: min(x, alpha x).
      binary(BinaryKind::Mul, tmp, in0, vec(), consts, scalar(0));
      binary(alpha <= 1 ? BinaryKind::Max : BinaryKind::Min, out, in0, vec(), tmp, vec());
    } else if (op == "unary.hard_sigmoid" || op == "unary.hard_swish") {
      // max(0, min(1, alpha x + beta)), times x for hard_swish.
      Value hs = op == "unary.hard_swish" ? tmp : out;
      binary(BinaryKind::Mul, hs, in0, vec(), consts, scalar(0));
      binary(BinaryKind::Add, hs, hs, vec(), consts, scalar(1));
      binary(BinaryKind::Min, hs, hs, vec(), consts, scalar(3));
      binary(BinaryKind::Max, hs, hs, vec(), consts, scalar(2));
      if (op == "unary.hard_swish")
        binary(BinaryKind::Mul, out, hs, vec(), in0, vec());
    } else if (op == "unary.softplus") {
      unary(UnaryFn::Exp, tmp, in0);
      binary(BinaryKind::Add, tmp, tmp, vec(), consts, scalar(0));
      unary(UnaryFn::Log, out, tmp);
    } else if (op == "clamp") {
      binary(BinaryKind::Max, tmp, in0, vec(), consts, scalar(0));
      binary(BinaryKind::Min, out, tmp, vec(), consts, scalar(1));
    } else {
      return region.emitError("region '")
             << region.getSymName() << "': no PE program for '" << op << "'";
    }
    SendOp::create(b, loc, color(inputs), out, vec(), PeSetAttr());
    return success();
  }

  void reduce(ReduceKind kind, Value dst, DenseI64ArrayAttr dstDsd, Value a,
              DenseI64ArrayAttr aDsd, int64_t segment) {
    ReduceOp::create(b, loc, kind, dst, dstDsd, a, aDsd, segment, PeSetAttr());
  }
  void binaryDsd(BinaryKind kind, Value dst, DenseI64ArrayAttr dstDsd, Value a,
                 DenseI64ArrayAttr aDsd, Value c, DenseI64ArrayAttr cDsd) {
    BinaryOp::create(b, loc, kind, dst, dstDsd, a, aDsd, c, cDsd, PeSetAttr());
  }

  /// Reductions, softmax, layer norm and pooling: one message is `rows` input rows of
  /// `segment`-element segments; statistics live in `stats`, scalars in `consts`.
  LogicalResult buildRowwise() {
    std::string op = plan::getString(region, plan::kOp);
    int64_t msg = plan::getInt(region, plan::kMessage);
    int64_t outMsg = plan::getInt(region, plan::kOutMessage);
    int64_t seg = plan::getInt(region, plan::kSegment);
    float scale = static_cast<float>(plan::getFloat(region, plan::kAlpha));
    float eps = static_cast<float>(plan::getFloat(region, plan::kBeta));
    bool log = plan::getInt(region, plan::kLog);
    int64_t params = plan::getInt(region, plan::kParams);
    if (failed(need({"in0", "out", "tmp", "consts", "stats"})) ||
        (op == "layer_norm" && params > 0 && failed(need({"param0"}))) ||
        (op == "layer_norm" && params > 1 && failed(need({"param1"}))))
      return failure();
    Value in = buf("in0"), out = buf("out"), tmp = buf("tmp"), consts = buf("consts"),
          stats = buf("stats");
    FillOp::create(b, loc, consts, dsd(0, 1), b.getF32FloatAttr(scale).getValue(), PeSetAttr());
    FillOp::create(b, loc, consts, dsd(1, 1), b.getF32FloatAttr(eps).getValue(), PeSetAttr());
    loop(plan::getInt(region, plan::kRows));
    RecvOp::create(b, loc, color(0), in, dsd(0, msg), PeSetAttr());
    auto all = [&](int64_t len) { return dsd(0, len); };
    auto bcast = [&](int64_t k, int64_t len) { return dsd(k, len, 0); };
    if (op == "reduce.sum") {
      reduce(ReduceKind::Add, out, all(outMsg), in, all(msg), seg);
    } else if (op == "reduce.mean" || op == "pool.avg") {
      // Scale before summing: in fp16 a sum of large activations overflows where their
      // mean does not.
      binaryDsd(BinaryKind::Mul, tmp, all(msg), in, all(msg), consts, bcast(0, msg));
      reduce(ReduceKind::Add, out, all(outMsg), tmp, all(msg), seg);
    } else if (op == "reduce.max" || op == "pool.max") {
      reduce(ReduceKind::Max, out, all(outMsg), in, all(msg), seg);
    } else if (op == "reduce.min") {
      // min = -max(-x): the PE's reductions are add and max.
      UnaryOp::create(b, loc, UnaryFn::Neg, tmp, all(msg), in, all(msg), PeSetAttr());
      reduce(ReduceKind::Max, out, all(outMsg), tmp, all(msg), seg);
      UnaryOp::create(b, loc, UnaryFn::Neg, out, all(outMsg), out, all(outMsg), PeSetAttr());
    } else if (op == "softmax") {
      // max, x - max, exp, sum, then * 1/sum (softmax) or - log(sum) (log-softmax).
      reduce(ReduceKind::Max, stats, dsd(0, 1), in, all(msg), msg);
      binaryDsd(BinaryKind::Sub, tmp, all(msg), in, all(msg), stats, bcast(0, msg));
      UnaryOp::create(b, loc, UnaryFn::Exp, out, all(msg), tmp, all(msg), PeSetAttr());
      reduce(ReduceKind::Add, stats, dsd(1, 1), out, all(msg), msg);
      if (log) {
        UnaryOp::create(b, loc, UnaryFn::Log, stats, dsd(1, 1), stats, dsd(1, 1), PeSetAttr());
        binaryDsd(BinaryKind::Sub, out, all(msg), tmp, all(msg), stats, bcast(1, msg));
      } else {
        UnaryOp::create(b, loc, UnaryFn::Recip, stats, dsd(1, 1), stats, dsd(1, 1), PeSetAttr());
        binaryDsd(BinaryKind::Mul, out, all(msg), out, all(msg), stats, bcast(1, msg));
      }
    } else if (op == "layer_norm") {
      // mean, x - mean, mean of squares, 1/sqrt(var + eps), scale, shift.
      reduce(ReduceKind::Add, stats, dsd(0, 1), in, all(msg), msg);
      binaryDsd(BinaryKind::Mul, stats, dsd(0, 1), stats, dsd(0, 1), consts, dsd(0, 1));
      binaryDsd(BinaryKind::Sub, tmp, all(msg), in, all(msg), stats, bcast(0, msg));
      binaryDsd(BinaryKind::Mul, out, all(msg), tmp, all(msg), tmp, all(msg));
      reduce(ReduceKind::Add, stats, dsd(1, 1), out, all(msg), msg);
      binaryDsd(BinaryKind::Mul, stats, dsd(1, 1), stats, dsd(1, 1), consts, dsd(0, 1));
      binaryDsd(BinaryKind::Add, stats, dsd(1, 1), stats, dsd(1, 1), consts, dsd(1, 1));
      UnaryOp::create(b, loc, UnaryFn::Rsqrt, stats, dsd(1, 1), stats, dsd(1, 1), PeSetAttr());
      binaryDsd(BinaryKind::Mul, tmp, all(msg), tmp, all(msg), stats, bcast(1, msg));
      Value scaleRow = params > 0 ? buf("param0") : Value();
      if (scaleRow)
        binaryDsd(BinaryKind::Mul, tmp, all(msg), tmp, all(msg), scaleRow, all(msg));
      if (params > 1)
        binaryDsd(BinaryKind::Add, out, all(msg), tmp, all(msg), buf("param1"), all(msg));
      else
        MovOp::create(b, loc, out, all(msg), tmp, all(msg), PeSetAttr());
    } else {
      return region.emitError("region '")
             << region.getSymName() << "': no PE program for '" << op << "'";
    }
    SendOp::create(b, loc, color(1), out, dsd(0, outMsg), PeSetAttr());
    return success();
  }

  /// One channel per PE: out[ow] = sum_j weights[j] * in[j * OW + ow] (+ bias).
  LogicalResult buildDepthwise() {
    int64_t msg = plan::getInt(region, plan::kMessage), ow = plan::getInt(region, plan::kOutMessage);
    int64_t kk = plan::getInt(region, plan::kSegment);
    bool bias = plan::getInt(region, plan::kBias);
    if (failed(need({"in0", "out", "weights"})) || (bias && failed(need({"bias"}))))
      return failure();
    Value in = buf("in0"), out = buf("out"), weights = buf("weights");
    loop(plan::getInt(region, plan::kRows));
    RecvOp::create(b, loc, color(0), in, dsd(0, msg), PeSetAttr());
    GemvOp::create(b, loc, out, dsd(0, ow), weights, dsd(0, kk), in, 0, ow, false, PeSetAttr());
    if (bias)
      BinaryOp::create(b, loc, BinaryKind::Add, out, dsd(0, ow), out, dsd(0, ow), buf("bias"),
                       dsd(0, ow, 0), PeSetAttr());
    SendOp::create(b, loc, color(1), out, dsd(0, ow), PeSetAttr());
    return success();
  }

  RegionOp region;
  OpBuilder b;
  Location loc;
  llvm::StringMap<Value> buffers;
  int64_t n = 0;
};

struct WSEGenerateTasksPass : accel::wavelet::impl::WSEGenerateTasksBase<WSEGenerateTasksPass> {
  void runOnOperation() override {
    for (FabricOp fabric : getOperation().getOps<FabricOp>()) {
      WalkResult result = fabric.walk([&](RegionOp region) {
        if (!region.getBody().front().getOps<TaskOp>().empty())
          return WalkResult::advance();
        return failed(TaskBuilder(region).build()) ? WalkResult::interrupt()
                                                   : WalkResult::advance();
      });
      if (result.wasInterrupted())
        return signalPassFailure();
    }
  }
};

} // namespace
