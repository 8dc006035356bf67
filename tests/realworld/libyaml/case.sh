# libyaml: allocation wrappers (yaml_malloc, yaml_realloc, yaml_strdup) over libc; token
# strings, stacks and queues grow through out-parameters (yaml_string_extend(&start, &pointer,
# &end)); the loaded document is a tree with its own teardown (yaml_document_delete).
RW_PKG=libyaml
RW_STYLE="out-parameter growing buffers, wrappers, tree teardown"
RW_CMAKE="-DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=ON"
RW_SOURCES="src/api.c src/reader.c src/scanner.c src/parser.c src/loader.c src/writer.c
	src/emitter.c src/dumper.c"
RW_BENCH="examples/anchors.yaml examples/json.yaml examples/mapping.yaml examples/numbers.yaml
	examples/strings.yaml examples/tags.yaml examples/global-tag.yaml"
RW_BENCH_N=3000
RW_TARGETS="arena_driver test-version test-reader"
# test-reader never calls yaml_parser_delete: 2.8 MB leaked in the original build already.
# Its own tests run without leak detection; the driver keeps it.
RW_TESTS_ASAN=detect_leaks=0
RW_HAND="libyaml has no allocator hook; a hand arena means editing its yaml_malloc family"

rw_wire() {
	cat <<'CM'
# arena-rewrite real-world suite: our driver
add_executable(arena_driver arena_driver/driver.c)
target_link_libraries(arena_driver yaml)
CM
}

rw_inputs() {
	ls "$w"/orig/examples/*.yaml
}
