# One interface target carries every project-wide flag (qBittorrent's CommonConfig pattern), so a
# library or test only has to link lethean_common to be built the way the whole project is.
add_library(lethean_common INTERFACE)
target_compile_features(lethean_common INTERFACE cxx_std_20)
target_compile_options(lethean_common INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(lethean_common INTERFACE
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    LETHEAN_VERSION="${PROJECT_VERSION}")

if(LETHEAN_SANITIZE)
    string(REPLACE ";" "," _lethean_san "${LETHEAN_SANITIZE}")
    # Applied globally so every object file, Qt's moc output included, is instrumented alike.
    add_compile_options(-fsanitize=${_lethean_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${_lethean_san})
endif()

if(LETHEAN_BUILD_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "LETHEAN_BUILD_FUZZ needs clang (libFuzzer): use the 'fuzz' preset")
    endif()
    # Libraries get coverage instrumentation; each fuzz target links libFuzzer's main itself.
    # UB halts the run (a fuzz finding), as in the asan preset.
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()
