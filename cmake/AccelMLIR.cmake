# Helpers for Accel's MLIR-based libraries.
#
# Everything links the shared libMLIR.so / libLLVM.so from Debian's packages (one copy of
# MLIR's global registries, fast links) instead of MLIR's static component libraries.

# accel_mlir_library(<name> <sources>... [DEPENDS <tablegen targets>...] [LINK_LIBS <libs>...])
function(accel_mlir_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;LINK_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_UNPARSED_ARGUMENTS})
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  target_link_libraries(${name} PUBLIC ${ARG_LINK_LIBS} MLIR LLVM)
endfunction()

# accel_mlir_tool(<name> <sources>... [LINK_LIBS <libs>...])
function(accel_mlir_tool name)
  cmake_parse_arguments(ARG "" "" "LINK_LIBS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_LINK_LIBS} MLIR LLVM)
endfunction()
