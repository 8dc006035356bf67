# json-c: direct malloc/calloc/realloc/strdup; the serialiser is a realloc-grown string builder
# (printbuf_extend), arrays grow with realloc (array_list_expand_internal); objects form a
# reference-counted tree torn down by json_object_put. Our driver runs four threads at once.
RW_PKG=json-c
RW_STYLE="realloc string builder, refcounted tree teardown, four threads"
RW_CMAKE="-DBUILD_SHARED_LIBS=OFF -DBUILD_STATIC_LIBS=ON -DBUILD_TESTING=ON -DBUILD_APPS=OFF"
RW_SOURCES="arraylist.c debug.c json_c_version.c json_object.c json_object_iterator.c
	json_pointer.c json_tokener.c json_util.c json_visit.c linkhash.c printbuf.c random_seed.c
	strerror_override.c"
RW_BENCH="arena_driver/bench.json tests/valid_nested.json"
RW_BENCH_N=40
# A part of json-c's 23 test programs: those on parsing, printing and the containers (six
# sanitizer builds of all of them take most of an hour on a small shared machine).
RW_TARGETS="json-c arena_driver test1 test1Formatted test2 test2Formatted test4 test_parse
	test_printbuf test_deep_copy test_object_iterator test_set_serializer"
RW_CTEST="-R ^(test1|test2|test4|test_parse|test_printbuf|test_deep_copy|test_object_iterator|test_set_serializer)$"
# json-c's test script runs each test under valgrind when valgrind is installed (the suite's
# profile step needs it); under ASan that cannot work ("ASan runtime does not come first").
export USE_VALGRIND=0
RW_HAND="json-c has no allocator hook; a hand arena means editing every allocation call"

rw_wire() {
	cat <<'CM'
# arena-rewrite real-world suite: our driver
add_executable(arena_driver arena_driver/driver.c)
target_link_libraries(arena_driver json-c)
CM
}

# A larger document for the timed workload: 400 records with nested arrays and strings.
rw_gen() {
	{
		printf '{"records": ['
		for i in $(seq 400); do
			[ "$i" -gt 1 ] && printf ','
			printf '{"id": %d, "name": "record number %d", "tags": ["a%d", "b", "c"],' "$i" "$i" "$i"
			printf ' "pos": {"x": %d.5, "y": -%d.25}, "samples": [1, 2, 3, 4, 5, 6, 7, %d]}' "$i" "$i" "$i"
		done
		printf ']}\n'
	} > "$1/bench.json"
}

rw_inputs() {
	echo "$w/orig/tests/valid.json" "$w/orig/tests/valid_nested.json" "$w/orig/arena_driver/bench.json"
}
