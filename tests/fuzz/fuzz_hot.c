/*
 * libFuzzer target: the hotspot-list reader (JSON and plain text) must accept or reject any
 * bytes with an error, never crash, leak or read out of bounds.
 */
#include "err.h"
#include "hot.h"
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct hotlist hl = {0};
	struct err e = ERR_INIT;
	if (hot_parse(&hl, text, "fuzz", &e) == 0) {
		for (size_t i = 0; i < hl.n; i++)
			(void)hot_file_matches(hl.v[i].file ? hl.v[i].file : "x", "/a/b/x.c");
	}
	err_clear(&e);
	hot_free(&hl);
	free(text);
	return 0;
}
