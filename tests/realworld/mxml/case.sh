# Mini-XML (mxml): an autotools project (compile database made with bear); per-thread settings
# in pthread keys; character data read into a buffer grown through pointers to it
# (mxml_add_char(ch, &bufptr, &buffer, &bufsize) reallocs *buffer); element names, attributes
# and text strdup'ed; the document is a tree with its own teardown (mxmlDelete).
RW_PKG=mxml
RW_STYLE="autotools + bear; buffer grown through pointers (&buffer), strdup, tree teardown, threads"
RW_SOURCES="mxml-attr.c mxml-entity.c mxml-file.c mxml-get.c mxml-index.c mxml-node.c
	mxml-search.c mxml-set.c mxml-private.c mxml-string.c"
RW_BENCH="test.xml arena_driver/bench.xml"
RW_BENCH_N=100
RW_DRIVER=arena_driver/arena_driver
RW_HAND="Mini-XML has no allocator hook; a hand arena means editing every allocation call"

rw_wire() { :; }

rw_gen() {
	{
		printf '<?xml version="1.0" encoding="utf-8"?>\n<records>\n'
		for i in $(seq 300); do
			printf '  <record id="%d" kind="k%d"><name>record number %d</name>' "$i" $((i % 7)) "$i"
			printf '<pos x="%d.5" y="-%d.25"/><note>text &amp; more text %d</note></record>\n' "$i" "$i" "$i"
		done
		printf '</records>\n'
	} > "$1/bench.xml"
}

# rw_make DIR CFLAGS LDFLAGS LIBS: configure and make in DIR, under $RW_BEAR when set.
rw_make() {
	(cd "$1" && CFLAGS="$2" LDFLAGS="$3" LIBS="$4" ./configure --disable-shared &&
		${RW_BEAR:+$RW_BEAR --} make -j2 libmxml.a testmxml &&
		${RW_BEAR:+$RW_BEAR --append --} ${CC:-cc} $2 -I. -c arena_driver/driver.c -o arena_driver/driver.o &&
		${CC:-cc} $3 -o arena_driver/arena_driver arena_driver/driver.o libmxml.a $4) \
		> "$1.log" 2>&1 || { tail -n 40 "$1.log"; fail "$lib: build $(basename "$1")"; }
}

# The database comes from a build in the tree that is rewritten (its paths must be those
# sources), cleaned afterwards (config.h kept) so that later builds compile every file with
# their own flags.
rw_db() {
	mkdir -p "$w/src/build-db"
	RW_BEAR="bear --output $w/src/build-db/compile_commands.json" rw_make "$w/src" "-g" "" "-lpthread"
	(cd "$w/src" && make clean && rm -f arena_driver/driver.o arena_driver/arena_driver arena_driver) > /dev/null 2>&1
}

# rw_build SRC BUILD CFLAGS LDFLAGS RUNTIME [TARGET]: in a copy of SRC (autotools builds in tree).
rw_build() {
	local libs="-lpthread"
	[ -n "$5" ] && libs="$w/lib$5.a -lpthread"
	rm -rf "$2"
	cp -r "$1" "$2"
	rw_make "$2" "$3" "$4" "$libs"
}

# Mini-XML's own test: `make test` (load, save to file and string, compare; file descriptors).
rw_own_tests() {
	(cd "$w/$1" && make test > "../$1.test" 2>&1) || { tail -n 20 "$w/$1.test"; fail "$lib: make test in $1"; }
	RW_T=$(grep -c 'passed!' "$w/$1.test")
}

rw_inputs() {
	echo "$w/orig/test.xml" "$w/orig/arena_driver/bench.xml"
}
