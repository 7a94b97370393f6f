# ctest tst_translations_sync: translations/lethean_de.ts lists exactly the strings the GUI sources have.
# Runs lupdate over the sources into a copy of the .ts and fails when it finds a new string (add it with
# the update_translations target, then translate it) or drops a vanished one.
# -D LUPDATE=<lupdate> -D SOURCE_DIR=<repo> -D WORK_DIR=<scratch folder>
file(GLOB sources "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/ui/*.h")
# The profile validator's messages appear next to the editor's fields.
list(APPEND sources "${SOURCE_DIR}/app/desktop_main.cpp" "${SOURCE_DIR}/app/desktop_session.cpp"
     "${SOURCE_DIR}/node/mining_profile.cpp")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(COPY_FILE "${SOURCE_DIR}/translations/lethean_de.ts" "${WORK_DIR}/lethean_de.ts")
execute_process(
    COMMAND "${LUPDATE}" ${sources} -I "${SOURCE_DIR}" -no-obsolete -locations none -ts "${WORK_DIR}/lethean_de.ts"
    OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE status)
message("${output}")
if(NOT status EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${status})")
endif()
if(NOT output MATCHES "\\(0 new and")
    message(FATAL_ERROR "translations/lethean_de.ts lacks strings: run the update_translations target and translate them")
endif()
if(output MATCHES "Removed [1-9]")
    message(FATAL_ERROR "translations/lethean_de.ts has strings the sources no longer use: run update_translations")
endif()
