//===- NpyTest.cpp - .npy reading and writing -----------------------------===//
#include "KernelTestUtil.h"

#include "accel/Runtime/TensorIO.h"

#include <cstdio>
#include <cstring>
#include <fstream>

using namespace accel::test;

namespace {

std::string tempPath(const std::string &name) {
  return ::testing::TempDir() + "/accel_npy_" + name;
}

// Hand-built .npy image with the given version, header dict and payload.
std::string npyImage(int major, const std::string &dict, const std::string &payload) {
  std::string header = dict;
  size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  size_t len = header.size();
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>((len >> 8) & 0xff);
  if (major != 1) {
    out += static_cast<char>((len >> 16) & 0xff);
    out += static_cast<char>((len >> 24) & 0xff);
  }
  return out + header + payload;
}

std::string floats(std::initializer_list<float> v) {
  std::string s;
  for (float f : v)
    s.append(reinterpret_cast<const char *>(&f), 4);
  return s;
}

} // namespace

TEST(Npy, RoundTripEveryDType) {
  for (DType t : {DType::F32, DType::F64, DType::F16, DType::I8, DType::I16, DType::I32,
                  DType::I64, DType::U8, DType::Bool}) {
    Tensor a = makeTensor(t, {2, 3, 5});
    auto *bytes = a.data<uint8_t>();
    for (uint64_t i = 0; i < a.byteSize(); ++i)
      bytes[i] = t == DType::Bool ? (i % 3 == 0) : static_cast<uint8_t>(i * 7 + 1);
    std::string path = tempPath(std::string(dtypeName(t)) + ".npy");
    ASSERT_TRUE(writeNpy(path, a).ok());
    Tensor b;
    Status st = readNpy(path, b);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(b.dtype(), t);
    EXPECT_EQ(b.shape(), a.shape());
    ASSERT_EQ(b.byteSize(), a.byteSize());
    EXPECT_EQ(std::memcmp(a.raw(), b.raw(), a.byteSize()), 0) << dtypeName(t);
  }
}

TEST(Npy, ScalarsAndOneDimensional) {
  Tensor s = fromVector<float>(DType::F32, {}, {3.5f});
  std::string bytes;
  ASSERT_TRUE(encodeNpy(s, bytes).ok());
  EXPECT_NE(bytes.find("'shape': ()"), std::string::npos);
  EXPECT_EQ((bytes.size() - 4) % 64, 0u); // header padded so data is 64-aligned
  Tensor back;
  ASSERT_TRUE(parseNpy(bytes.data(), bytes.size(), "s", back).ok());
  EXPECT_TRUE(back.shape().empty());
  EXPECT_EQ(back.data<float>()[0], 3.5f);
  Tensor v = fromVector<int64_t>(DType::I64, {3}, {1, -2, 3});
  ASSERT_TRUE(encodeNpy(v, bytes).ok());
  EXPECT_NE(bytes.find("'shape': (3,)"), std::string::npos);
}

TEST(Npy, ReadsVersions2And3) {
  for (int major : {2, 3}) {
    std::string img = npyImage(major, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
                               floats({1.5f, -2.0f}));
    Tensor t;
    Status st = parseNpy(img.data(), img.size(), "v", t);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(t.shape(), (Shape{2}));
    EXPECT_EQ(t.data<float>()[1], -2.0f);
  }
}

TEST(Npy, RejectsMalformedFiles) {
  struct Case {
    std::string image;
    const char *expect;
  };
  std::string good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  std::vector<Case> cases = {
      {"not a numpy file at all", "bad magic"},
      {npyImage(1, good, floats({1.0f})), "truncated or damaged"},
      {npyImage(1, good, floats({1.0f, 2.0f, 3.0f})), "truncated or damaged"},
      {npyImage(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }",
                floats({1, 2})),
       "Fortran-order"},
      {npyImage(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
                floats({1, 2})),
       "big-endian"},
      {npyImage(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }",
                floats({1, 2})),
       "unsupported .npy dtype"},
      {npyImage(1, "{'fortran_order': False, 'shape': (2,), }", floats({1, 2})), "descr"},
      {npyImage(1, "{'descr': '<f4', 'fortran_order': False, }", floats({1, 2})), "shape"},
      {npyImage(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (a,), }",
                floats({1, 2})),
       "bad 'shape'"},
      {npyImage(4, good, floats({1, 2})), "format version"},
      {npyImage(1, "{'descr': '<f4', 'fortran_order': False, 'shape': "
                   "(99999999999, 99999999999, 99999999999), }",
                ""),
       "overflows"},
  };
  // Header length pointing past the end of the file.
  std::string cut = npyImage(1, good, floats({1, 2}));
  cases.push_back({cut.substr(0, 20), "truncated .npy header"});
  for (const Case &c : cases) {
    Tensor t;
    Status st = parseNpy(c.image.data(), c.image.size(), "bad.npy", t);
    ASSERT_FALSE(st.ok()) << c.expect;
    EXPECT_NE(st.message().find(c.expect), std::string::npos) << st.message();
    EXPECT_EQ(st.message().rfind("bad.npy", 0), 0u) << st.message();
  }
}

TEST(Npy, MissingFileIsAnError) {
  Tensor t;
  Status st = readNpy(tempPath("does_not_exist.npy"), t);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot open"), std::string::npos);
}

TEST(Npy, BoolValuesAreNormalised) {
  std::string img = npyImage(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                             std::string("\x00\x02\x01", 3));
  Tensor t;
  ASSERT_TRUE(parseNpy(img.data(), img.size(), "b", t).ok());
  EXPECT_EQ(t.data<uint8_t>()[0], 0);
  EXPECT_EQ(t.data<uint8_t>()[1], 1);
  EXPECT_EQ(t.data<uint8_t>()[2], 1);
}
