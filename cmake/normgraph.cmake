# Shared compile settings for normgraph's own targets.
set(NORMGRAPH_WARNINGS -Wall -Wextra -Werror -Wno-error=deprecated-declarations)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # -Wrestrict: GCC 12 reports false positives inside std::string at -O3 (GCC bug 105651).
  list(APPEND NORMGRAPH_WARNINGS -Wno-restrict)
endif()

if(NORMGRAPH_FUZZ)
  # Coverage instrumentation for libFuzzer in every library, plus the sanitizers.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fsanitize-ignorelist=${CMAKE_SOURCE_DIR}/fuzz/ubsan-ignorelist.txt)
  add_link_options(-fsanitize=address,undefined)
endif()

if(NORMGRAPH_SANITIZE)
  # Under -fsanitize GCC 12 reports false maybe-uninitialized warnings inside libstdc++
  # (std::regex, std::function; GCC bug 105562).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    list(APPEND NORMGRAPH_WARNINGS -Wno-maybe-uninitialized)
  endif()
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# normgraph_module(NAME SOURCES... [DEPENDS targets...]): a module library with a public
# include/ folder and our warning flags.
function(normgraph_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_compile_options(${name} PRIVATE ${NORMGRAPH_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPENDS} PRIVATE ${ARG_PRIVATE_DEPENDS})
endfunction()
