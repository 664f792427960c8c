# Version identity shared by the compiler and the runtime. The schedule loader rejects any
# file whose format version, schema hash or compiler version differs from its own.
set(ACCEL_SCHEDULE_FORMAT_VERSION 1)
# The hash covers every schema file (Schedule.fbs and the per-target files it includes),
# in name order, so a change to any target's program table changes it.
file(GLOB ACCEL_SCHEMA_FILES ${CMAKE_CURRENT_SOURCE_DIR}/include/accel/Schedule/*.fbs)
list(SORT ACCEL_SCHEMA_FILES)
set(ACCEL_SCHEMA_TEXT "")
foreach(fbs ${ACCEL_SCHEMA_FILES})
  file(READ ${fbs} fbs_text)
  string(APPEND ACCEL_SCHEMA_TEXT "${fbs_text}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${fbs})
endforeach()
string(SHA256 ACCEL_SCHEMA_SHA256 "${ACCEL_SCHEMA_TEXT}")
string(SUBSTRING ${ACCEL_SCHEMA_SHA256} 0 16 ACCEL_SCHEDULE_SCHEMA_HASH)
set(ACCEL_VERSION_STRING "accel-${PROJECT_VERSION}")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/Version.h.in
               ${CMAKE_CURRENT_BINARY_DIR}/include/accel/Version.h @ONLY)
