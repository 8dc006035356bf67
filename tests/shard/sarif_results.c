/*
 * sarif_results: prints every result of the SARIF files named on the command line, one
 * unformatted JSON object a line, so that the shards' reports can be merged with sort and
 * compared with one run's (tests/shard/run.sh). Exit 2 on a file that is not SARIF.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *text = slurp(argv[i]);
		cJSON *doc = text ? cJSON_Parse(text) : NULL;
		free(text);
		const cJSON *runs = cJSON_GetObjectItemCaseSensitive(doc, "runs"), *run;
		if (!cJSON_IsArray(runs)) {
			fprintf(stderr, "%s: not SARIF\n", argv[i]);
			return 2;
		}
		cJSON_ArrayForEach(run, runs)
		{
			const cJSON *res = cJSON_GetObjectItemCaseSensitive(run, "results"), *r;
			cJSON_ArrayForEach(r, res)
			{
				char *line = cJSON_PrintUnformatted(r);
				puts(line);
				free(line);
			}
		}
		cJSON_Delete(doc);
	}
	return 0;
}
