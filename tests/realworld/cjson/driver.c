/*
 * Our own driver for the real-world cJSON run: each document is parsed, walked, printed and
 * deleted inside handle_doc, the arena's scope; main also builds a document outside any scope,
 * whose allocations must keep coming from the heap.
 *
 * usage: arena_driver [-n N] FILE...   (each FILE handled N times, one line printed per FILE)
 * -DHAND_ARENA: the hand-written arena variant, a bump allocator installed with cJSON_InitHooks
 * and reset where the scope ends, instead of cJSON_Delete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "driver_common.h"
#ifdef HAND_ARENA
#include "hand_arena.h"
#endif

static double sum_numbers(const cJSON *item)
{
	double s = 0;
	for (; item; item = item->next) {
		if (cJSON_IsNumber(item))
			s += item->valuedouble;
		if (item->string)
			s += (double)strlen(item->string);
		s += sum_numbers(item->child);
	}
	return s;
}

static double handle_doc(const char *text, char *out, size_t cap)
{
	cJSON *root = cJSON_Parse(text);
	if (!root)
		return -1;
	double s = sum_numbers(root);
	char *printed = cJSON_PrintUnformatted(root);
	snprintf(out, cap, "%.60s", printed ? printed : "");
#ifdef HAND_ARENA
	ha_reset();
#else
	cJSON_free(printed);
	cJSON_Delete(root);
#endif
	return s;
}

int main(int argc, char **argv)
{
	char out[64];
	int i, reps = rw_reps(argc, argv, &i);
#ifdef HAND_ARENA
	cJSON_Hooks hooks = {ha_malloc, ha_free};
	cJSON_InitHooks(&hooks);
#endif
	for (; i < argc; i++) {
		char *text = rw_slurp(argv[i], NULL);
		if (!text)
			continue;
		double s = 0;
		for (int r = 0; r < reps; r++)
			s = handle_doc(text, out, sizeof(out));
		printf("%s %.3f %s\n", rw_base(argv[i]), s, out);
		free(text);
	}
	cJSON *lone = cJSON_CreateObject();
	cJSON_AddNumberToObject(lone, "outside", 42);
	char *p = cJSON_PrintUnformatted(lone);
	printf("%s\n", p);
	cJSON_free(p);
	cJSON_Delete(lone);
#ifdef HAND_ARENA
	ha_release();
#endif
	return 0;
}
