# Generates the FlatBuffers C++ header for the schedule schema (Schedule.fbs and every
# per-target schema it includes, in one header) into
# ${ACCEL_BINARY_DIR}/include/accel/Schedule/Schedule_generated.h.
set(ACCEL_SCHEDULE_FBS ${ACCEL_SOURCE_DIR}/include/accel/Schedule/Schedule.fbs)
file(GLOB ACCEL_SCHEDULE_ALL_FBS CONFIGURE_DEPENDS ${ACCEL_SOURCE_DIR}/include/accel/Schedule/*.fbs)
set(ACCEL_SCHEDULE_GEN_DIR ${ACCEL_BINARY_DIR}/include/accel/Schedule)
add_custom_command(
  OUTPUT ${ACCEL_SCHEDULE_GEN_DIR}/Schedule_generated.h
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ACCEL_SCHEDULE_GEN_DIR}
  COMMAND ${FLATC} --cpp --scoped-enums --gen-all -o ${ACCEL_SCHEDULE_GEN_DIR} ${ACCEL_SCHEDULE_FBS}
  DEPENDS ${ACCEL_SCHEDULE_ALL_FBS}
  COMMENT "Generating the schedule FlatBuffers header")
add_custom_target(AccelScheduleSchemaGen DEPENDS ${ACCEL_SCHEDULE_GEN_DIR}/Schedule_generated.h)

# Header-only interface target: anything that reads or writes schedules links this.
add_library(AccelScheduleSchema INTERFACE)
add_dependencies(AccelScheduleSchema AccelScheduleSchemaGen)
target_include_directories(AccelScheduleSchema INTERFACE ${ACCEL_BINARY_DIR}/include ${FLATBUFFERS_INCLUDE_DIR})
