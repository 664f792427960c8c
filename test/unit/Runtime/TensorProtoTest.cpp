//===- TensorProtoTest.cpp - ONNX TensorProto (.pb) reading ---------------===//
#include "KernelTestUtil.h"

#include "accel/Runtime/TensorIO.h"

#include <onnx/onnx_pb.h>

using namespace accel::test;

namespace {

std::string serialize(const onnx::TensorProto &p) {
  std::string s;
  EXPECT_TRUE(p.SerializeToString(&s));
  return s;
}

} // namespace

TEST(TensorProto, RawData) {
  onnx::TensorProto p;
  p.set_name("input_0");
  p.set_data_type(onnx::TensorProto::FLOAT);
  p.add_dims(2);
  p.add_dims(2);
  float v[4] = {1, -2, 3.5f, 4};
  p.set_raw_data(v, sizeof(v));
  std::string bytes = serialize(p);
  Tensor t;
  std::string name;
  Status st = parseTensorProto(bytes.data(), bytes.size(), "t.pb", t, &name);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(name, "input_0");
  EXPECT_EQ(t.shape(), (Shape{2, 2}));
  expectClose(t, {1, -2, 3.5f, 4});
}

TEST(TensorProto, TypedFields) {
  onnx::TensorProto f;
  f.set_data_type(onnx::TensorProto::FLOAT);
  f.add_dims(3);
  for (float x : {0.5f, 1.5f, -1.0f})
    f.add_float_data(x);
  std::string bytes = serialize(f);
  Tensor t;
  ASSERT_TRUE(parseTensorProto(bytes.data(), bytes.size(), "f", t).ok());
  expectClose(t, {0.5f, 1.5f, -1.0f});

  onnx::TensorProto i;
  i.set_data_type(onnx::TensorProto::INT64);
  i.add_dims(2);
  i.add_int64_data(-7);
  i.add_int64_data(int64_t(1) << 40);
  bytes = serialize(i);
  ASSERT_TRUE(parseTensorProto(bytes.data(), bytes.size(), "i", t).ok());
  EXPECT_EQ(t.dtype(), DType::I64);
  EXPECT_EQ(t.data<int64_t>()[1], int64_t(1) << 40);

  onnx::TensorProto b;
  b.set_data_type(onnx::TensorProto::BOOL);
  b.add_dims(3);
  b.add_int32_data(1);
  b.add_int32_data(0);
  b.add_int32_data(5);
  bytes = serialize(b);
  ASSERT_TRUE(parseTensorProto(bytes.data(), bytes.size(), "b", t).ok());
  EXPECT_EQ(t.dtype(), DType::Bool);
  EXPECT_EQ(t.data<uint8_t>()[2], 1);

  onnx::TensorProto d;
  d.set_data_type(onnx::TensorProto::DOUBLE);
  d.add_double_data(2.25);
  bytes = serialize(d);
  ASSERT_TRUE(parseTensorProto(bytes.data(), bytes.size(), "d", t).ok());
  EXPECT_TRUE(t.shape().empty());
  EXPECT_EQ(t.data<double>()[0], 2.25);
}

TEST(TensorProto, Rejections) {
  onnx::TensorProto p;
  p.set_data_type(onnx::TensorProto::FLOAT);
  p.add_dims(4);
  p.add_float_data(1.0f);
  std::string bytes = serialize(p);
  Tensor t;
  Status st = parseTensorProto(bytes.data(), bytes.size(), "short.pb", t);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("float_data holds 1 values"), std::string::npos) << st.message();

  p.clear_float_data();
  p.set_raw_data(std::string(12, '\0'));
  bytes = serialize(p);
  st = parseTensorProto(bytes.data(), bytes.size(), "raw.pb", t);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("raw_data is 12 bytes"), std::string::npos);

  onnx::TensorProto s;
  s.set_data_type(onnx::TensorProto::STRING);
  bytes = serialize(s);
  st = parseTensorProto(bytes.data(), bytes.size(), "str.pb", t);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unsupported TensorProto data_type"), std::string::npos);

  std::string garbage = "\xff\xff\xff\xff garbage";
  st = parseTensorProto(garbage.data(), garbage.size(), "junk.pb", t);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not a valid ONNX TensorProto"), std::string::npos);
}

TEST(TensorProto, WriteThenReadByExtension) {
  Tensor a = fromVector<int32_t>(DType::I32, {2, 2}, {1, 2, 3, -4});
  std::string path = ::testing::TempDir() + "/accel_tp_roundtrip.pb";
  ASSERT_TRUE(writeTensorProto(path, a, "x").ok());
  Tensor b;
  Status st = readTensorFile(path, b);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(b.dtype(), DType::I32);
  EXPECT_EQ(b.data<int32_t>()[3], -4);
  std::string npyPath = ::testing::TempDir() + "/accel_tp_roundtrip.npy";
  ASSERT_TRUE(writeNpy(npyPath, a).ok());
  ASSERT_TRUE(readTensorFile(npyPath, b).ok());
  EXPECT_EQ(b.data<int32_t>()[0], 1);
}
