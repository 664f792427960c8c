//===- StorageTypesTest.cpp - u16/u32/u64/bf16, f16/bf16 rounding, cast ---===//
//
// The element types that only appear at the graph boundary and around casts
// (docs/dialect.md, "Storage types vs compute types").
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtil.h"
#include "TestScheduleBuilder.h"

#include "accel/Runtime/Executor.h"
#include "accel/Runtime/TensorIO.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <limits>

using namespace accel::test;

namespace {

const DType kAllTypes[] = {DType::F32, DType::F64, DType::F16, DType::BF16, DType::I8,
                           DType::I16, DType::I32, DType::I64, DType::U8,   DType::U16,
                           DType::U32, DType::U64, DType::Bool};

float bitsToFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

template <typename S, typename D>
std::vector<D> castValues(DType src, DType dst, const std::vector<S> &values) {
  Tensor in = fromVector<S>(src, {static_cast<int64_t>(values.size())}, values);
  Tensor out = makeTensor(dst, in.shape());
  Status st = run("cast", {&in}, out, Attributes());
  EXPECT_TRUE(st.ok()) << st.message();
  return std::vector<D>(out.data<D>(), out.data<D>() + values.size());
}

} // namespace

TEST(StorageTypes, SizesNamesAndValues) {
  EXPECT_EQ(dtypeSize(DType::U16), 2u);
  EXPECT_EQ(dtypeSize(DType::U32), 4u);
  EXPECT_EQ(dtypeSize(DType::U64), 8u);
  EXPECT_EQ(dtypeSize(DType::BF16), 2u);
  EXPECT_EQ(dtypeName(DType::BF16), "bf16");
  EXPECT_EQ(dtypeName(DType::U64), "u64");
  EXPECT_TRUE(isFloatDType(DType::BF16));
  EXPECT_FALSE(isFloatDType(DType::U16));
  // The schedule's enum values, appended after Bool.
  EXPECT_EQ(*dtypeFromInt(9), DType::U16);
  EXPECT_EQ(*dtypeFromInt(12), DType::BF16);
  EXPECT_FALSE(dtypeFromInt(13).has_value());
}

// Rounding from double must be one step: a double just above a tie must not be
// rounded onto the tie by an f32 step first.
TEST(StorageTypes, HalfFromDoubleRoundsOnce) {
  EXPECT_EQ(doubleToHalf(1.0 + 0x1p-11), 0x3c00);         // tie -> even
  EXPECT_EQ(doubleToHalf(1.0 + 0x1p-11 + 0x1p-40), 0x3c01); // above the tie
  EXPECT_EQ(floatToHalf(static_cast<float>(1.0 + 0x1p-11 + 0x1p-40)), 0x3c00);
  EXPECT_EQ(doubleToHalf(1.0 + 3 * 0x1p-11), 0x3c02);     // tie -> even (up)
  EXPECT_EQ(doubleToHalf(0x1p-24), 0x0001);               // smallest subnormal
  EXPECT_EQ(doubleToHalf(0x1p-25), 0x0000);               // tie -> even zero
  EXPECT_EQ(doubleToHalf(0x1p-25 + 0x1p-40), 0x0001);
  EXPECT_EQ(doubleToHalf(0x1p-14 - 0x1p-25), 0x0400);     // rounds up into normals
  EXPECT_EQ(doubleToHalf(65504.0), 0x7bff);
  EXPECT_EQ(doubleToHalf(65519.0), 0x7bff);
  EXPECT_EQ(doubleToHalf(65520.0), 0x7c00);               // tie -> even is inf
  EXPECT_EQ(doubleToHalf(-1e300), 0xfc00);
  EXPECT_EQ(doubleToHalf(-0.0), 0x8000);
  uint16_t nan = doubleToHalf(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(nan & 0x7c00, 0x7c00);
  EXPECT_NE(nan & 0x03ff, 0);
}

TEST(StorageTypes, BFloat16RoundsToNearestEven) {
  EXPECT_EQ(floatToBFloat16(1.0f), 0x3f80);
  EXPECT_EQ(floatToBFloat16(1.0f + 0x1p-8f), 0x3f80);      // tie -> even
  EXPECT_EQ(floatToBFloat16(1.0f + 3 * 0x1p-8f), 0x3f82);  // tie -> even (up)
  EXPECT_EQ(floatToBFloat16(1.0f + 0x1p-8f + 0x1p-20f), 0x3f81);
  EXPECT_EQ(floatToBFloat16(-1.5f), 0xbfc0);
  EXPECT_EQ(floatToBFloat16(std::numeric_limits<float>::max()), 0x7f80);
  EXPECT_EQ(floatToBFloat16(std::numeric_limits<float>::infinity()), 0x7f80);
  uint16_t nan = floatToBFloat16(std::numeric_limits<float>::quiet_NaN());
  EXPECT_TRUE(std::isnan(bfloat16ToFloat(nan)));
  EXPECT_EQ(doubleToBFloat16(1.0 + 0x1p-8 + 0x1p-40), 0x3f81);
  EXPECT_EQ(floatToBFloat16(static_cast<float>(1.0 + 0x1p-8 + 0x1p-40)), 0x3f80);
  EXPECT_EQ(doubleToBFloat16(1e39), 0x7f80);
  EXPECT_EQ(bfloat16ToFloat(0xc040), -3.0f);
}

// The double path and the bit-level f32 paths agree on every float they share.
TEST(StorageTypes, DoubleAndFloatRoundingAgree) {
  std::mt19937 gen(7);
  for (int i = 0; i < 200000; ++i) {
    uint32_t bits = gen();
    float f = bitsToFloat(bits);
    if (std::isnan(f))
      continue;
    ASSERT_EQ(doubleToHalf(f), floatToHalf(f)) << std::hex << bits;
    ASSERT_EQ(doubleToBFloat16(f), floatToBFloat16(f)) << std::hex << bits;
  }
  // Every half converts to f32 and back unchanged.
  for (uint32_t h = 0; h < 0x10000; ++h) {
    float f = halfToFloat(static_cast<uint16_t>(h));
    if (!std::isnan(f))
      ASSERT_EQ(floatToHalf(f), h) << h;
  }
}

TEST(StorageTypes, CastRules) {
  // Integer to integer wraps; unsigned sources zero-extend.
  EXPECT_EQ((castValues<int32_t, uint8_t>(DType::I32, DType::U8, {300, -1, 255})),
            (std::vector<uint8_t>{44, 255, 255}));
  EXPECT_EQ((castValues<int32_t, uint16_t>(DType::I32, DType::U16, {-1, 65536})),
            (std::vector<uint16_t>{65535, 0}));
  EXPECT_EQ((castValues<int8_t, uint8_t>(DType::I8, DType::U8, {-128, 5})),
            (std::vector<uint8_t>{128, 5}));
  EXPECT_EQ((castValues<uint32_t, int64_t>(DType::U32, DType::I64, {4294967295u, 1})),
            (std::vector<int64_t>{4294967295, 1}));
  EXPECT_EQ((castValues<uint64_t, int64_t>(DType::U64, DType::I64, {~uint64_t(0), 7})),
            (std::vector<int64_t>{-1, 7}));
  EXPECT_EQ((castValues<int64_t, uint64_t>(DType::I64, DType::U64, {-1, 7})),
            (std::vector<uint64_t>{~uint64_t(0), 7}));
  // Unsigned 64-bit values from 2^63 convert to floats as unsigned.
  EXPECT_EQ((castValues<uint64_t, double>(DType::U64, DType::F64, {~uint64_t(0)})),
            (std::vector<double>{18446744073709551616.0}));
  // Float to integer truncates toward zero and saturates; NaN is 0.
  EXPECT_EQ((castValues<float, uint8_t>(DType::F32, DType::U8, {300.0f, -3.0f, 2.9f, NAN})),
            (std::vector<uint8_t>{255, 0, 2, 0}));
  EXPECT_EQ((castValues<uint16_t, int8_t>(DType::F16, DType::I8,
                                          {floatToHalf(-2.75f), floatToHalf(1000.0f)})),
            (std::vector<int8_t>{-2, 127}));
  EXPECT_EQ((castValues<double, uint32_t>(DType::F64, DType::U32, {4294967295.9, -1.0})),
            (std::vector<uint32_t>{4294967295u, 0}));
  // Float narrowing rounds once to nearest even, also from double.
  EXPECT_EQ((castValues<double, uint16_t>(DType::F64, DType::F16, {1.0 + 0x1p-11 + 0x1p-40})),
            (std::vector<uint16_t>{0x3c01}));
  EXPECT_EQ((castValues<float, uint16_t>(DType::F32, DType::BF16, {1.0f + 3 * 0x1p-8f})),
            (std::vector<uint16_t>{0x3f82}));
  EXPECT_EQ((castValues<uint16_t, float>(DType::BF16, DType::F32, {0x3fc0})),
            (std::vector<float>{1.5f}));
  EXPECT_EQ((castValues<uint16_t, uint16_t>(DType::F16, DType::BF16, {0x3e00})),
            (std::vector<uint16_t>{0x3fc0})); // 1.5 in both
  // Bool: `!= 0` one way, 0/1 the other.
  EXPECT_EQ((castValues<uint16_t, uint8_t>(DType::BF16, DType::Bool, {0x8000, 0x3f80})),
            (std::vector<uint8_t>{0, 1}));
  EXPECT_EQ((castValues<uint8_t, uint16_t>(DType::Bool, DType::BF16, {1, 0})),
            (std::vector<uint16_t>{0x3f80, 0}));
}

TEST(StorageTypes, CastEveryPairKeepsSmallIntegers) {
  for (DType s : kAllTypes)
    for (DType d : kAllTypes) {
      SCOPED_TRACE(std::string(dtypeName(s)) + "->" + std::string(dtypeName(d)));
      Tensor values = fromVector<float>(DType::F32, {2}, {0.0f, 1.0f});
      Tensor src = makeTensor(s, {2});
      ASSERT_TRUE(run("cast", {&values}, src, Attributes()).ok());
      Tensor dst = makeTensor(d, {2});
      ASSERT_TRUE(run("cast", {&src}, dst, Attributes()).ok());
      Tensor back = makeTensor(DType::F32, {2});
      ASSERT_TRUE(run("cast", {&dst}, back, Attributes()).ok());
      expectClose(back, {0.0f, 1.0f}, 0.0f);
    }
}

TEST(StorageTypes, TensorProtoTypedFieldsAndRoundTrip) {
  onnx::TensorProto u;
  u.set_data_type(onnx::TensorProto::UINT64);
  u.add_dims(2);
  u.add_uint64_data(~uint64_t(0));
  u.add_uint64_data(3);
  std::string bytes;
  ASSERT_TRUE(u.SerializeToString(&bytes));
  Tensor t;
  Status st = parseTensorProto(bytes.data(), bytes.size(), "u64", t);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.dtype(), DType::U64);
  EXPECT_EQ(t.data<uint64_t>()[0], ~uint64_t(0));

  onnx::TensorProto u32; // UINT32 also lives in uint64_data
  u32.set_data_type(onnx::TensorProto::UINT32);
  u32.add_uint64_data(4294967295u);
  ASSERT_TRUE(u32.SerializeToString(&bytes));
  ASSERT_TRUE(parseTensorProto(bytes.data(), bytes.size(), "u32", t).ok());
  EXPECT_EQ(t.dtype(), DType::U32);
  EXPECT_EQ(t.data<uint32_t>()[0], 4294967295u);

  onnx::TensorProto b; // BFLOAT16 and UINT16 keep their bits in int32_data
  b.set_data_type(onnx::TensorProto::BFLOAT16);
  b.add_dims(2);
  b.add_int32_data(0x3fc0);
  b.add_int32_data(0xc040);
  ASSERT_TRUE(b.SerializeToString(&bytes));
  ASSERT_TRUE(parseTensorProto(bytes.data(), bytes.size(), "bf16", t).ok());
  EXPECT_EQ(t.dtype(), DType::BF16);
  EXPECT_EQ(bfloat16ToFloat(t.data<uint16_t>()[1]), -3.0f);

  for (DType type : kAllTypes) {
    SCOPED_TRACE(std::string(dtypeName(type)));
    Tensor a = makeTensor(type, {3});
    for (uint64_t i = 0; i < a.byteSize(); ++i)
      a.data<uint8_t>()[i] = type == DType::Bool ? i % 2 : static_cast<uint8_t>(i * 37 + 3);
    std::string path = ::testing::TempDir() + "/accel_storage_" +
                       std::string(dtypeName(type)) + ".pb";
    ASSERT_TRUE(writeTensorProto(path, a, "x").ok());
    Tensor r;
    st = readTensorFile(path, r);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(r.dtype(), type);
    EXPECT_EQ(std::memcmp(a.raw(), r.raw(), a.byteSize()), 0);
  }
}

TEST(StorageTypes, NpyUnsignedRoundTripAndBFloat16AsF32) {
  for (DType type : {DType::U16, DType::U32, DType::U64}) {
    SCOPED_TRACE(std::string(dtypeName(type)));
    Tensor a = makeTensor(type, {2, 2});
    for (uint64_t i = 0; i < a.byteSize(); ++i)
      a.data<uint8_t>()[i] = static_cast<uint8_t>(255 - i);
    std::string path = ::testing::TempDir() + "/accel_storage_" +
                       std::string(dtypeName(type)) + ".npy";
    ASSERT_TRUE(writeNpy(path, a).ok());
    Tensor r;
    Status st = readNpy(path, r);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(r.dtype(), type);
    EXPECT_EQ(std::memcmp(a.raw(), r.raw(), a.byteSize()), 0);
  }
  // numpy has no bfloat16: the values are written as f32.
  Tensor bf = fromVector<uint16_t>(DType::BF16, {2}, {0x3fc0, 0xc040});
  std::string path = ::testing::TempDir() + "/accel_storage_bf16.npy";
  ASSERT_TRUE(writeNpy(path, bf).ok());
  Tensor r;
  Status st = readNpy(path, r);
  ASSERT_TRUE(st.ok()) << st.message();
  expectClose(r, {1.5f, -3.0f}, 0.0f);
}

// A bf16 input takes a bf16 tensor, f32 values (rounded to nearest even) or uint16
// bits; other types are still rejected.
TEST(StorageTypes, BFloat16InputBinding) {
  TestScheduleBuilder b;
  int32_t x = b.addInput("x", DType::BF16, {2});
  int32_t y = b.addOutput("y", DType::F32, {2});
  b.addInstruction("cast", {x}, {y}, "c");
  std::unique_ptr<LoadedSchedule> s;
  Status st = loadBytes(b.finish(), s);
  ASSERT_TRUE(st.ok()) << st.message();
  Executor ex(*s);
  auto runWith = [&](Tensor in, RunResult &r) {
    std::vector<NamedTensor> inputs;
    inputs.emplace_back("x", std::move(in));
    return ex.run(std::move(inputs), r);
  };
  RunResult r;
  st = runWith(fromVector<float>(DType::F32, {2}, {1.0f + 3 * 0x1p-8f, -3.0f}), r);
  ASSERT_TRUE(st.ok()) << st.message();
  expectClose(r.outputs[0].second, {1.0f + 0x1p-6f, -3.0f}, 0.0f);
  st = runWith(fromVector<uint16_t>(DType::U16, {2}, {0x3fc0, 0x4000}), r);
  ASSERT_TRUE(st.ok()) << st.message();
  expectClose(r.outputs[0].second, {1.5f, 2.0f}, 0.0f);
  st = runWith(fromVector<uint16_t>(DType::BF16, {2}, {0x3f80, 0}), r);
  ASSERT_TRUE(st.ok()) << st.message();
  expectClose(r.outputs[0].second, {1.0f, 0.0f}, 0.0f);
  st = runWith(fromVector<int16_t>(DType::I16, {2}, {1, 2}), r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("expected element type bf16, got i16"), std::string::npos)
      << st.message();
}
