#!/usr/bin/env bash
# The project kill.sh and race.sh write over and over (sourced): one unit, main.c, including
# $nfiles headers, each defining a hotspot, so that every header is edited by one -i run. With
# $folders 2 every other header is in src/inc, and each set spans two folders. Makes
# pristine/ and hot.json in the current folder; reset copies pristine/ to src/, sums prints a
# checksum of every header there.
mkdir -p pristine/inc
hdr() { if [ "${folders:-1}" = 2 ] && [ $(($1 % 2)) = 1 ]; then echo "inc/h$1.h"; else echo "h$1.h"; fi; }
{
	echo '#include <stdlib.h>'
	for i in $(seq 0 $((nfiles - 1))); do echo "#include \"$(hdr "$i")\""; done
	echo 'int main(void) { return 0; }'
} > pristine/main.c
hot='{"hotspots": ['
for i in $(seq 0 $((nfiles - 1))); do
	printf '#include <stdlib.h>\nstatic inline int f%d(int n)\n{\n\tint *p = malloc(sizeof(int) * (size_t)n);\n\tfree(p);\n\treturn n;\n}\n' "$i" > "pristine/$(hdr "$i")"
	hot="$hot{\"function\": \"f$i\"}"
	[ "$i" -lt $((nfiles - 1)) ] && hot="$hot, "
done
echo "$hot]}" > hot.json

sums() { (cd src && cat h*.h inc/*.h 2> /dev/null | md5sum | cut -d' ' -f1); }
reset() { rm -rf src && cp -r pristine src; }
