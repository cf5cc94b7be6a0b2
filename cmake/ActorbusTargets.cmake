# Per-target hygiene shared by every actorbus target: warnings (errors with
# ACTORBUS_WERROR=ON, as in CI) and the repository root as include root.

function(actorbus_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                         $<$<BOOL:${ACTORBUS_WERROR}>:-Werror>)
  get_target_property(kind ${target} TYPE)
  if(kind STREQUAL "EXECUTABLE")
    target_link_libraries(${target} PRIVATE ${ACTORBUS_JEMALLOC})
    # jemalloc's options (transparent huge pages), see the file.
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/runtime/malloc_conf.cpp)
  endif()
endfunction()

# Adds the CMakeLists.txt of every listed sub-folder that exists, so that each
# concept (log, broker, supervision, ...) keeps its build lines in its folder.
function(actorbus_add_areas)
  foreach(area IN LISTS ARGN)
    if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/${area}/CMakeLists.txt")
      add_subdirectory(${area})
    endif()
  endforeach()
endfunction()
