//===- ShapeRules.cpp - ONNX shape semantics shared by folder and ops -----===//

#include "ShapeRules.h"
#include "TensorUtils.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace accel::onnx_import {

static std::string shapeStr(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

std::optional<Shape> broadcastShape(llvm::ArrayRef<int64_t> a,
                                    llvm::ArrayRef<int64_t> b,
                                    std::string &error) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) {
      error = "shapes " + shapeStr(a) + " and " + shapeStr(b) +
              " do not broadcast";
      return std::nullopt;
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

std::optional<Shape> reshapeShape(llvm::ArrayRef<int64_t> in,
                                  llvm::ArrayRef<int64_t> spec, bool allowZero,
                                  std::string &error) {
  Shape out(spec.begin(), spec.end());
  int inferred = -1;
  int64_t known = 1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 0 && !allowZero) {
      if (i >= in.size()) {
        error = "shape " + shapeStr(spec) + " copies dimension " +
                std::to_string(i) + " of a rank-" + std::to_string(in.size()) +
                " input";
        return std::nullopt;
      }
      out[i] = in[i];
    }
    if (out[i] == -1) {
      if (inferred >= 0) {
        error = "shape " + shapeStr(spec) + " has more than one -1";
        return std::nullopt;
      }
      inferred = int(i);
      continue;
    }
    if (out[i] < 0) {
      error = "shape " + shapeStr(spec) + " has a negative dimension";
      return std::nullopt;
    }
    known *= out[i];
  }
  int64_t total = numElements(in);
  if (inferred >= 0) {
    if (known == 0 || total % known != 0) {
      error = "cannot reshape " + shapeStr(in) + " to " + shapeStr(spec);
      return std::nullopt;
    }
    out[inferred] = total / known;
  } else if (known != total) {
    error = "cannot reshape " + shapeStr(in) + " to " + shapeStr(spec);
    return std::nullopt;
  }
  return out;
}

std::optional<Shape> squeezeShape(llvm::ArrayRef<int64_t> in,
                                  llvm::ArrayRef<int64_t> axes,
                                  std::string &error) {
  int64_t rank = in.size();
  llvm::SmallVector<bool> drop(rank, false);
  if (axes.empty()) {
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = in[i] == 1;
  }
  for (int64_t a : axes) {
    std::optional<int64_t> axis = normalizeAxis(a, rank);
    if (!axis) {
      error = "axis " + std::to_string(a) + " is out of range for rank " +
              std::to_string(rank);
      return std::nullopt;
    }
    if (in[*axis] != 1) {
      error = "cannot squeeze dimension " + std::to_string(*axis) + " of size " +
              std::to_string(in[*axis]);
      return std::nullopt;
    }
    drop[*axis] = true;
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      out.push_back(in[i]);
  return out;
}

std::optional<Shape> unsqueezeShape(llvm::ArrayRef<int64_t> in,
                                    llvm::ArrayRef<int64_t> axes,
                                    std::string &error) {
  int64_t rank = in.size() + axes.size();
  llvm::SmallVector<bool> inserted(rank, false);
  for (int64_t a : axes) {
    std::optional<int64_t> axis = normalizeAxis(a, rank);
    if (!axis || inserted[*axis]) {
      error = "axis " + std::to_string(a) + " is out of range or repeated";
      return std::nullopt;
    }
    inserted[*axis] = true;
  }
  Shape out;
  size_t next = 0;
  for (int64_t i = 0; i < rank; ++i)
    out.push_back(inserted[i] ? 1 : in[next++]);
  return out;
}

std::optional<SliceParams> sliceParams(llvm::ArrayRef<int64_t> in,
                                       llvm::ArrayRef<int64_t> starts,
                                       llvm::ArrayRef<int64_t> ends,
                                       llvm::ArrayRef<int64_t> axes,
                                       llvm::ArrayRef<int64_t> steps,
                                       std::string &error) {
  int64_t rank = in.size();
  if (starts.size() != ends.size() ||
      (!axes.empty() && axes.size() != starts.size()) ||
      (!steps.empty() && steps.size() != starts.size())) {
    error = "starts, ends, axes and steps must have the same length";
    return std::nullopt;
  }
  SliceParams p;
  p.starts.assign(rank, 0);
  p.steps.assign(rank, 1);
  p.shape.assign(in.begin(), in.end());
  llvm::SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t a = axes.empty() ? int64_t(i) : axes[i];
    std::optional<int64_t> axis = normalizeAxis(a, rank);
    if (!axis || seen[*axis]) {
      error = "slice axis " + std::to_string(a) + " is out of range or repeated";
      return std::nullopt;
    }
    seen[*axis] = true;
    int64_t dim = in[*axis];
    int64_t step = steps.empty() ? 1 : steps[i];
    if (step == 0) {
      error = "slice step is 0";
      return std::nullopt;
    }
    int64_t start = starts[i], end = ends[i];
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    int64_t len;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      len = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      len = start > end ? (start - end - step - 1) / -step : 0;
    }
    // An empty slice keeps a valid start so the op's attributes stay in range.
    p.starts[*axis] = std::max<int64_t>(0, std::min(start, dim - 1));
    p.steps[*axis] = step;
    p.shape[*axis] = len;
  }
  return p;
}

Shape stridesOf(llvm::ArrayRef<int64_t> shape) {
  Shape strides(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

} // namespace accel::onnx_import
