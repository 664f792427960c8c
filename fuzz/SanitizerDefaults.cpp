//===- SanitizerDefaults.cpp - ASan defaults for the fuzz targets ---------===//
//
// LLVM's BumpPtrAllocator poisons slab memory from its inline (header) code when the
// including file is built with ASan, but Debian's libMLIR/libLLVM allocate from the
// same slabs with uninstrumented copies that never unpoison. Manual poisoning would
// therefore report false use-after-poison errors, so it is switched off; every
// other ASan check stays on. ASAN_OPTIONS still overrides these.
//
//===----------------------------------------------------------------------===//

extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0:detect_leaks=1";
}
