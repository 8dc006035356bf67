/* Shape of Lua's string interning (lstring.c: luaS_newlstr puts every short string into the
 * global table G(L)->strt, which lives as long as the state): strings are created while a chunk
 * is compiled, and the intern table belongs to the whole run. new_string is a hotspot in two
 * scopes, the run (run_script) and each chunk's compilation (compile_chunk). UNSAFE: a string
 * first interned while compiling a chunk is allocated in compile_chunk's arena but kept in the
 * run's table, reached through the state; it is released when the chunk is compiled and found
 * again by the next chunk. compile_chunk must be refused; run_script alone is SAFE (every string
 * then comes from its arena). A wrong acceptance reads freed arena memory in the lookup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tstring {
	struct tstring *next;
	size_t len;
	char s[];
};

struct stringtable {
	struct tstring *hash[8];
	int nuse;
};

struct state {
	struct stringtable *strt;
};

static unsigned hash_str(const char *s, size_t len)
{
	unsigned h = 5381;
	while (len--)
		h = h * 33u + (unsigned char)*s++;
	return h & 7u;
}

static struct tstring *new_string(struct stringtable *tb, const char *s, size_t len)
{
	unsigned h = hash_str(s, len);
	for (struct tstring *ts = tb->hash[h]; ts; ts = ts->next)
		if (ts->len == len && memcmp(ts->s, s, len) == 0)
			return ts;
	struct tstring *ts = malloc(sizeof *ts + len + 1);
	ts->len = len;
	memcpy(ts->s, s, len);
	ts->s[len] = '\0';
	ts->next = tb->hash[h];
	tb->hash[h] = ts;
	tb->nuse++;
	return ts;
}

static struct stringtable *state_strt(struct state *L)
{
	return L->strt;
}

static int compile_chunk(struct state *L, const char *src)
{
	int tokens = 0;
	while (*src) {
		size_t n = strcspn(src, " ");
		if (n) {
			new_string(state_strt(L), src, n);
			tokens++;
		}
		src += n;
		src += strspn(src, " ");
	}
	return tokens;
}

static int run_script(const char *const *chunks, int n)
{
	struct state L;
	L.strt = calloc(1, sizeof *L.strt);
	new_string(L.strt, "local", 5);
	int tokens = 0;
	for (int i = 0; i < n; i++)
		tokens += compile_chunk(&L, chunks[i]);
	int nuse = L.strt->nuse;
	for (int h = 0; h < 8; h++)
		while (L.strt->hash[h]) {
			struct tstring *next = L.strt->hash[h]->next;
			free(L.strt->hash[h]);
			L.strt->hash[h] = next;
		}
	free(L.strt);
	printf("%d tokens, %d strings\n", tokens, nuse);
	return nuse;
}

int main(void)
{
	const char *chunks[] = {"local x = 1", "local y = x", "return x + y"};
	return run_script(chunks, 3) > 0 ? 0 : 1;
}
