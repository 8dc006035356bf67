/* Shape of jansson's jsonp_strndup (memory.c: copies exactly len bytes with memcpy and adds a
 * NUL, so json_stringn values and object keys may hold NUL bytes) under a rules file that names
 * it with kind strndup. make_blob is a hotspot with its own arena. UNSAFE: strndup stops at the
 * first NUL, jsonp_strndup does not; arena_strndup copies "ab" of "ab\0cd" and the bytes after
 * the NUL are whatever the arena held, so the value changes (both builds print other bytes, and
 * ASan may report reading past the copy). The wrapper's body is in the sources: a tool can see
 * that the kind does not match and refuse (or offer a memdup kind). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *jsonp_strndup(const char *str, size_t len)
{
	char *s = malloc(len + 1);
	if (!s)
		return NULL;
	memcpy(s, str, len);
	s[len] = '\0';
	return s;
}

static unsigned make_blob(const char *data, size_t len)
{
	char *copy = jsonp_strndup(data, len);
	unsigned sum = 0;
	for (size_t i = 0; i < len; i++)
		sum = sum * 31u + (unsigned char)copy[i];
	printf("%zu bytes:", len);
	for (size_t i = 0; i < len; i++)
		printf(" %02x", (unsigned char)copy[i]);
	printf("\n");
	free(copy);
	return sum;
}

int main(void)
{
	static const char blob[] = {'a', 'b', '\0', 'c', 'd'};
	unsigned s = make_blob(blob, sizeof blob);
	s ^= make_blob("plain", 5);
	printf("%08x\n", s);
	return 0;
}
