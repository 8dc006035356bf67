/* Shape of allocators and packers that look at addresses as integers without keeping them
 * (zlib's and sqlite's alignment checks, ((uintptr_t)p & (ALIGN - 1)), and offsets computed as
 * pointer differences): records are packed into a scratch buffer, their alignment checked and
 * their offsets summed. SAFE: the integer values of arena addresses are only compared and
 * subtracted, never stored where they outlive pack_records or turned back into pointers; only
 * counts leave. A tool that refuses every pointer-to-integer conversion is over-cautious. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pack_records(const char *const *names, int n, size_t *span)
{
	char *buf = malloc(256);
	char *p = buf;
	int aligned = 0;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]) + 1;
		memcpy(p, names[i], len);
		if (((uintptr_t)p & 7u) == ((uintptr_t)buf & 7u))
			aligned++;
		p += (len + 7) & ~(size_t)7;
	}
	*span = (size_t)(p - buf);
	free(buf);
	return aligned;
}

int main(void)
{
	const char *names[] = {"a", "bcdefghij", "klm"};
	size_t span;
	int aligned = pack_records(names, 3, &span);
	printf("%d aligned, %zu bytes\n", aligned, span);
	return 0;
}
