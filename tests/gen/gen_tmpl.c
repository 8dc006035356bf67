/*
 * gen_tmpl: random numbers and template expansion for the program generator (gen_tmpl.h).
 */
#include "gen_tmpl.h"

#include <string.h>

/* The state starts at a hash of the seed: started at a multiple of the increment, seed s + 1's
 * stream was seed s's shifted by one draw, and where a draw is retried (a skipped module) the
 * two streams fell into step and neighbouring seeds wrote the same program. */
void gt_seed(struct gt_rng *r, uint64_t seed)
{
	r->state = seed * 0x9e3779b97f4a7c15ULL + 0x1234567ULL;
	r->state = gt_next(r);
}

uint64_t gt_next(struct gt_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int gt_range(struct gt_rng *r, int lo, int hi)
{
	return lo + (int)(gt_next(r) % (uint64_t)(hi - lo + 1));
}

int gt_chance(struct gt_rng *r, int pct)
{
	return gt_range(r, 0, 99) < pct;
}

int gt_flag(const struct gt_inst *in, char flag)
{
	return flag >= 'A' && flag <= 'Z' && (in->flags >> (flag - 'A')) & 1u;
}

/* Length of a "{X}" / "{!X}" line prefix at s, 0 if none; *keep says whether the line stays. */
static size_t cond_prefix(const char *s, const struct gt_inst *in, int *keep)
{
	*keep = 1;
	if (s[0] != '{')
		return 0;
	int neg = s[1] == '!';
	char f = s[1 + neg];
	if (f < 'A' || f > 'Z' || s[2 + neg] != '}')
		return 0;
	*keep = gt_flag(in, f) != neg;
	return (size_t)(3 + neg);
}

static void put_span(FILE *out, const char *s, size_t n, const struct gt_inst *in)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '@')
			fprintf(out, "%d", in->suffix);
		else if (s[i] == '$' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
			fprintf(out, "%d", in->param[s[++i] - '0']);
		else
			fputc(s[i], out);
	}
}

static size_t line_len(const char *s)
{
	const char *nl = strchr(s, '\n');
	return nl ? (size_t)(nl - s) + 1 : strlen(s);
}

static int is_include(const char *s)
{
	return strncmp(s, "#include", 8) == 0;
}

void gt_expand(FILE *out, const char *tmpl, const struct gt_inst *in)
{
	for (const char *s = tmpl; *s; s += line_len(s)) {
		int keep;
		size_t skip = cond_prefix(s, in, &keep);
		if (keep && !is_include(s))
			put_span(out, s + skip, line_len(s) - skip, in);
	}
}

void gt_includes(FILE *out, const char *tmpl)
{
	for (const char *s = tmpl; *s; s += line_len(s))
		if (is_include(s))
			fwrite(s, 1, line_len(s), out);
}

void gt_name(char *buf, size_t size, const char *tmpl, const struct gt_inst *in)
{
	size_t o = 0;
	for (const char *s = tmpl; *s && o + 12 < size; s++) {
		if (*s == '@')
			o += (size_t)snprintf(buf + o, size - o, "%d", in->suffix);
		else
			buf[o++] = *s;
	}
	buf[o] = '\0';
}
