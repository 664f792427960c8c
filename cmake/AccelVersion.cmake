# Version identity shared by the compiler and the runtime. The schedule loader rejects any
# file whose format version, schema hash or compiler version differs from its own.
set(ACCEL_SCHEDULE_FORMAT_VERSION 1)
file(SHA256 ${CMAKE_CURRENT_SOURCE_DIR}/include/accel/Schedule/Schedule.fbs ACCEL_SCHEMA_SHA256)
string(SUBSTRING ${ACCEL_SCHEMA_SHA256} 0 16 ACCEL_SCHEDULE_SCHEMA_HASH)
set(ACCEL_VERSION_STRING "accel-${PROJECT_VERSION}")
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/Version.h.in
               ${CMAKE_CURRENT_BINARY_DIR}/include/accel/Version.h @ONLY)
