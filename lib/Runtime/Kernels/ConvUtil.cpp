//===- ConvUtil.cpp - im2col / col2im and conv parameters -----------------===//
#include "ConvUtil.h"

namespace accel::runtime::detail {

void readConvParams(const Attributes &attrs, size_t spatial, ConvGeometry &g) {
  std::vector<int64_t> strides = spatialParam(attrs, "strides", spatial, 1);
  std::vector<int64_t> dils = spatialParam(attrs, "dilations", spatial, 1);
  std::vector<int64_t> pads = spatialParam(attrs, "pads", 2 * spatial, 0);
  size_t off = 3 - spatial;
  for (size_t i = 0; i < spatial; ++i) {
    if (strides[i] < 1 || dils[i] < 1)
      fail("strides and dilations must be positive");
    g.stride[off + i] = strides[i];
    g.dil[off + i] = dils[i];
    g.padBegin[off + i] = pads[i];
  }
}

void im2col(const float *img, int64_t channels, const ConvGeometry &g, float *col) {
  const int64_t ID = g.in[0], IH = g.in[1], IW = g.in[2];
  const int64_t OD = g.out[0], OH = g.out[1], OW = g.out[2];
  for (int64_t c = 0; c < channels; ++c) {
    const float *plane = img + c * g.inSize();
    for (int64_t kd = 0; kd < g.k[0]; ++kd)
      for (int64_t kh = 0; kh < g.k[1]; ++kh)
        for (int64_t kw = 0; kw < g.k[2]; ++kw) {
          const int64_t wOff = kw * g.dil[2] - g.padBegin[2];
          // Output columns whose input column is inside [0, IW): [owLo, owHi).
          int64_t owLo = 0, owHi = OW;
          while (owLo < OW && owLo * g.stride[2] + wOff < 0)
            ++owLo;
          while (owHi > owLo && (owHi - 1) * g.stride[2] + wOff >= IW)
            --owHi;
          for (int64_t od = 0; od < OD; ++od) {
            int64_t id = od * g.stride[0] + kd * g.dil[0] - g.padBegin[0];
            for (int64_t oh = 0; oh < OH; ++oh) {
              int64_t ih = oh * g.stride[1] + kh * g.dil[1] - g.padBegin[1];
              float *dst = col;
              col += OW;
              if (id < 0 || id >= ID || ih < 0 || ih >= IH) {
                std::memset(dst, 0, sizeof(float) * OW);
                continue;
              }
              const float *src = plane + (id * IH + ih) * IW;
              for (int64_t ow = 0; ow < owLo; ++ow)
                dst[ow] = 0.0f;
              if (g.stride[2] == 1) {
                if (owHi > owLo)
                  std::memcpy(dst + owLo, src + owLo + wOff, sizeof(float) * (owHi - owLo));
              } else {
                for (int64_t ow = owLo; ow < owHi; ++ow)
                  dst[ow] = src[ow * g.stride[2] + wOff];
              }
              for (int64_t ow = owHi; ow < OW; ++ow)
                dst[ow] = 0.0f;
            }
          }
        }
  }
}

void col2im(const float *col, int64_t channels, const ConvGeometry &g, float *img) {
  // Here g.in is the (small) input of conv_transpose and g.out the (large) result.
  const int64_t ID = g.in[0], IH = g.in[1], IW = g.in[2];
  const int64_t OD = g.out[0], OH = g.out[1], OW = g.out[2];
  for (int64_t c = 0; c < channels; ++c) {
    float *plane = img + c * g.outSize();
    for (int64_t kd = 0; kd < g.k[0]; ++kd)
      for (int64_t kh = 0; kh < g.k[1]; ++kh)
        for (int64_t kw = 0; kw < g.k[2]; ++kw)
          for (int64_t id = 0; id < ID; ++id) {
            int64_t od = id * g.stride[0] + kd * g.dil[0] - g.padBegin[0];
            for (int64_t ih = 0; ih < IH; ++ih) {
              int64_t oh = ih * g.stride[1] + kh * g.dil[1] - g.padBegin[1];
              const float *src = col;
              col += IW;
              if (od < 0 || od >= OD || oh < 0 || oh >= OH)
                continue;
              float *dst = plane + (od * OH + oh) * OW;
              for (int64_t iw = 0; iw < IW; ++iw) {
                int64_t ow = iw * g.stride[2] + kw * g.dil[2] - g.padBegin[2];
                if (ow >= 0 && ow < OW)
                  dst[ow] += src[iw];
              }
            }
          }
  }
}

} // namespace accel::runtime::detail
