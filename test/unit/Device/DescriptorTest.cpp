//===- DescriptorTest.cpp - Device presets, overrides and their errors ----===//
#include "accel/Device/Descriptor.h"

#include <gtest/gtest.h>

using namespace accel::device;

namespace {

TEST(DescriptorTest, DefaultPresetIsTheRealChip) {
  Descriptor d;
  std::string error;
  ASSERT_TRUE(makeDescriptor("wse", "", d, error)) << error;
  EXPECT_EQ(d.preset(), "wse2");
  EXPECT_EQ(d.getInt("width"), 757);
  EXPECT_EQ(d.getInt("height"), 996);
  EXPECT_EQ(d.getInt("memory_bytes"), 48 * 1024);
  EXPECT_EQ(d.getInt("colors"), 24);
  EXPECT_EQ(d.summary(), "wse2");
  EXPECT_TRUE(validateStored(d, error)) << error;
}

TEST(DescriptorTest, GridOverrideFromSpecAndPairs) {
  Descriptor a, b;
  std::string error;
  ASSERT_TRUE(makeDescriptor("wse", "wse2:grid=32x24", a, error)) << error;
  EXPECT_EQ(a.getInt("width"), 32);
  EXPECT_EQ(a.getInt("height"), 24);
  EXPECT_EQ(a.summary(), "wse2:width=32,height=24");
  ASSERT_TRUE(makeDescriptor("wse", "wse3", {{"grid", "8x4"}, {"queue_wavelets", "8"}}, b,
                             error))
      << error;
  EXPECT_EQ(b.preset(), "wse3");
  EXPECT_EQ(b.getInt("width"), 8);
  EXPECT_EQ(b.getInt("queue_wavelets"), 8);
}

TEST(DescriptorTest, ErrorsListWhatIsValid) {
  Descriptor d;
  std::string error;
  EXPECT_FALSE(makeDescriptor("wse", "wse9", d, error));
  EXPECT_NE(error.find("valid presets: wse2"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("wse", "wse2:bogus=1", d, error));
  EXPECT_NE(error.find("unknown device key 'bogus'"), std::string::npos) << error;
  EXPECT_NE(error.find("valid keys: width"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("wse", "wse2:grid=760x10", d, error));
  EXPECT_NE(error.find("larger than the wse2 chip's 757"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("wse", "wse2:memory_bytes=0", d, error));
  EXPECT_NE(error.find("out of range"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("wse", "wse2:grid=32by24", d, error));
  EXPECT_NE(error.find("expected WIDTHxHEIGHT"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("wse", "wse2:grid", d, error));
  EXPECT_NE(error.find("expected PRESET:key=value"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("wse", "wse2:colors=2.5", d, error));
  EXPECT_NE(error.find("must be an integer"), std::string::npos) << error;
}

TEST(DescriptorTest, StoredDescriptorsAreChecked) {
  std::string error;
  Descriptor bad = Descriptor::fromStored("wse", "wse2", Precision::FP32, {{"width", 4}});
  EXPECT_FALSE(validateStored(bad, error));
  EXPECT_NE(error.find("is missing"), std::string::npos) << error;
  Descriptor ok;
  ASSERT_TRUE(makeDescriptor("wse", "", ok, error));
  std::vector<Field> fields = ok.fields();
  fields.push_back({"warp_drive", 1});
  EXPECT_FALSE(validateStored(Descriptor::fromStored("wse", "wse2", Precision::FP32, fields),
                              error));
  EXPECT_NE(error.find("not a wse field"), std::string::npos) << error;
}

TEST(DescriptorTest, Precision) {
  Precision p;
  EXPECT_TRUE(parsePrecision("fp16", p));
  EXPECT_EQ(p, Precision::FP16);
  EXPECT_TRUE(parsePrecision("", p));
  EXPECT_EQ(p, Precision::FP32);
  EXPECT_FALSE(parsePrecision("int4", p));
  EXPECT_STREQ(precisionName(Precision::FP16), "fp16");
}

TEST(DescriptorTest, HostHasOnePreset) {
  Descriptor d;
  std::string error;
  ASSERT_TRUE(makeDescriptor("host", "", d, error)) << error;
  EXPECT_EQ(d.preset(), "cpu");
  EXPECT_FALSE(makeDescriptor("rdu", "", d, error));
}

TEST(DescriptorTest, IpuPresetsAndTileOverrides) {
  Descriptor d;
  std::string error;
  ASSERT_TRUE(makeDescriptor("ipu", "", d, error)) << error;
  EXPECT_EQ(d.preset(), "gc200");
  EXPECT_EQ(d.getInt("tiles"), 1472);
  EXPECT_EQ(d.getInt("memory_bytes"), 624 * 1024);
  EXPECT_EQ(d.getInt("workers"), 6);
  EXPECT_DOUBLE_EQ(d.get("clock_hz"), 1.33e9);
  ASSERT_TRUE(makeDescriptor("ipu", "bow:tiles=64,ipus=2", d, error)) << error;
  EXPECT_DOUBLE_EQ(d.get("clock_hz"), 1.85e9);
  EXPECT_EQ(d.getInt("tiles"), 64);
  EXPECT_EQ(d.getInt("ipus"), 2);
  EXPECT_FALSE(makeDescriptor("ipu", "gc200:tiles=0", d, error));
  EXPECT_NE(error.find("out of range"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("ipu", "gc200:tiles=1473", d, error));
  EXPECT_FALSE(makeDescriptor("ipu", "gc200:code_bytes_per_tile=700000", d, error));
  EXPECT_NE(error.find("must be less than 'memory_bytes'"), std::string::npos) << error;
  EXPECT_FALSE(makeDescriptor("ipu", "mk1", d, error));
  EXPECT_NE(error.find("valid presets: gc200"), std::string::npos) << error;
}

} // namespace
