# cJSON: allocation through a global table of hook pointers (global_hooks.allocate,
# .deallocate, .reallocate), settable by the program (cJSON_InitHooks); the printer is a
# realloc-grown string builder (ensure); the parsed document is a tree with its own teardown
# (cJSON_Delete).
RW_PKG=cjson
RW_STYLE="hook table (cJSON_InitHooks), realloc string builder, tree teardown"
RW_CMAKE="-DBUILD_SHARED_LIBS=OFF -DENABLE_CJSON_TEST=ON -DENABLE_CUSTOM_COMPILER_FLAGS=OFF"
RW_SOURCES="cJSON.c"
RW_BENCH="tests/inputs/test1 tests/inputs/test2 tests/inputs/test3 tests/inputs/test4
	tests/inputs/test5 tests/inputs/test6 tests/inputs/test7 tests/inputs/test8 tests/inputs/test9
	tests/inputs/test10 tests/inputs/test11"
RW_BENCH_N=3000

rw_wire() {
	cat <<'CM'
# arena-rewrite real-world suite: our driver
add_executable(arena_driver arena_driver/driver.c)
target_link_libraries(arena_driver "${CJSON_LIB}")
target_include_directories(arena_driver PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
CM
}

rw_inputs() {
	ls "$w"/orig/tests/inputs/test* | grep -v '\.expected$'
}
