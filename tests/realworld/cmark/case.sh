# cmark (CommonMark): every allocation goes through a cmark_mem table of function pointers,
# { xcalloc, xrealloc, free }; the text buffers are realloc-grown string builders (cmark_strbuf);
# the document is a tree with its own teardown (cmark_node_free).
RW_PKG=cmark
RW_STYLE="allocator struct (cmark_mem), realloc string builder, tree teardown"
RW_CMAKE="-DCMARK_SHARED=OFF -DCMARK_STATIC=ON -DCMARK_TESTS=ON"
RW_SOURCES="src/cmark.c src/blocks.c src/buffer.c src/inlines.c src/iterator.c src/node.c
	src/references.c src/render.c src/html.c src/utf8.c src/houdini_html_e.c
	src/houdini_html_u.c src/houdini_href_e.c src/commonmark.c src/man.c src/latex.c src/xml.c
	src/cmark_ctype.c src/scanners.c"
RW_BENCH="test/spec.txt README.md"
RW_BENCH_N=40
RW_CTEST="-E spectest_executable"
RW_TARGETS="arena_driver api_test cmark_exe"

rw_wire() {
	cat <<'CM'
# arena-rewrite real-world suite: our driver. The project's -std=c99 -pedantic is kept:
# arena_rt.h compiles there through gcc's and clang's __thread and __alignof__.
add_executable(arena_driver arena_driver/driver.c)
target_link_libraries(arena_driver cmark_static)
target_compile_definitions(arena_driver PRIVATE CMARK_STATIC_DEFINE)
CM
}

rw_inputs() {
	echo "$w/orig/test/spec.txt" "$w/orig/test/regression.txt" "$w/orig/test/smart_punct.txt" \
		"$w/orig/README.md" "$w/orig/changelog.txt"
}
