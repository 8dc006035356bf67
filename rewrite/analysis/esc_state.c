/*
 * esc_state: values (struct taint) and the map from locations to values (struct state): merge,
 * join, lookup and update; and the walk's interned field paths. Internals in esc_int.h.
 */
#include "esc_int.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>

/* Union of two values that are both present (pointer arithmetic, initialisers). */
struct taint taint_merge(struct taint a, struct taint b)
{
	struct taint r = a;
	if (b.kind > a.kind || (b.kind == a.kind && b.level > a.level)) {
		r.kind = b.kind;
		r.site = b.site;
		r.arena = b.arena;
		r.rel = b.rel;
		r.sname = b.sname;
	}
	r.level = a.level > b.level ? a.level : b.level;
	r.stale = a.stale > b.stale ? a.stale : b.stale;
	r.glob = a.glob | b.glob;
	r.under = a.under | b.under;
	r.moved = a.moved | b.moved;
	/* a number stays one when merged with nothing (x + 1) */
	int an = a.num || taint_empty(&a), bn = b.num || taint_empty(&b);
	r.num = an && bn && (a.num || b.num);
	r.unk = a.unk | b.unk;
	r.usite = !a.unk ? b.usite : !b.unk || a.usite == b.usite ? a.usite : -2;
	r.pder = a.pder | b.pder;
	r.preach = a.preach | b.preach;
	if (r.local < 0)
		r.local = b.local;
	if (r.rel < 0)
		r.rel = b.rel;
	return r;
}

static unsigned char lv_join(unsigned char a, unsigned char b)
{
	if (a == b)
		return a;
	return (a || b) ? L_MAYBE : L_NONE;
}

/* Join of the values of two paths (if/else, ?:): "definite" only when both are. */
struct taint taint_join(struct taint a, struct taint b)
{
	struct taint r = taint_merge(a, b);
	r.hid = a.hid | b.hid; /* a local holding a pointer made a number on one path */
	r.level = lv_join(a.level, b.level);
	r.stale = lv_join(a.level ? a.stale : b.stale, b.level ? b.stale : a.stale);
	if (!r.level)
		r.stale = L_NONE;
	return r;
}

void state_free(struct state *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

struct state state_copy(const struct state *s)
{
	struct state r = {NULL, s->n, s->n, s->dead, s->freed, s->hfreed, s->freed_deep};
	if (s->n) {
		r.v = xmalloc(s->n * sizeof(*r.v));
		memcpy(r.v, s->v, s->n * sizeof(*r.v));
	}
	return r;
}

struct ent *state_find(const struct state *s, int decl, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].decl == decl && s->v[i].path == path)
			return &s->v[i];
	return NULL;
}

/* Whether `pre` is `path` or a path prefix of it ("s.f" of "s.f.g" and "s.f[]", not "s.fg"). */
int state_path_prefix(const char *pre, const char *path)
{
	size_t n = strlen(pre);
	return !strncmp(pre, path, n) && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

/* The joined value of location (decl, path): entries for it and its enclosing objects, and,
 * when `whole` (a struct or array used as one value), the entries inside it. */
struct taint state_get(const struct state *s, int decl, const char *path, int whole)
{
	struct taint r = taint_clean;
	for (size_t i = 0; i < s->n; i++) {
		const struct ent *e = &s->v[i];
		if (e->decl != decl)
			continue;
		if (state_path_prefix(e->path, path) ||
		    (whole && state_path_prefix(path, e->path))) {
			r = taint_merge(r, e->t);
			/* `uintptr_t v = (uintptr_t)p;` read back as v, or inside a whole read (a
			 * struct whose number member hides one, written out as bytes), or an
			 * element of an array whose bytes hide one (`c[i]` after memcpy(c, &p, 8));
			 * not a field of a struct whose bytes were copied whole (which bytes a
			 * number field holds is not known) */
			if (!strcmp(e->path, path) || (whole && state_path_prefix(path, e->path)) ||
			    !strcmp(path + strlen(e->path),
			            "[]")) /* an element of bytes hiding one */
				r.hid |= e->t.hid;
		}
	}
	return r;
}

void state_put(struct state *s, int decl, const char *path, struct taint t)
{
	struct ent *e = state_find(s, decl, path);
	if (e) {
		e->t = t;
		return;
	}
	GROW(s->v, s->n, s->cap);
	s->v[s->n++] = (struct ent){decl, path, t};
}

/* Drops the entries at and inside (decl, path). */
void state_kill(struct state *s, int decl, const char *path)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].decl == decl && state_path_prefix(path, s->v[i].path))
			continue;
		s->v[k++] = s->v[i];
	}
	s->n = k;
}

/* Joins b into a (path join); a dead side contributes nothing. */
void state_join(struct state *a, const struct state *b)
{
	if (b->dead)
		return;
	if (a->dead) {
		state_free(a);
		*a = state_copy(b);
		return;
	}
	a->freed &= b->freed;
	a->hfreed &= b->hfreed;
	a->freed_deep &= b->freed_deep;
	size_t na = a->n;
	for (size_t i = 0; i < na; i++) {
		struct ent *e = &a->v[i];
		const struct ent *o = state_find(b, e->decl, e->path);
		e->t = taint_join(e->t, o ? o->t : taint_clean);
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct ent *o = &b->v[i];
		int found = 0;
		for (size_t k = 0; k < na && !found; k++)
			found = a->v[k].decl == o->decl && a->v[k].path == o->path;
		if (!found) {
			GROW(a->v, a->n, a->cap);
			a->v[a->n++] =
			    (struct ent){o->decl, o->path, taint_join(taint_clean, o->t)};
		}
	}
}

const char *fa_intern(struct fa *f, const char *s)
{
	if (!*s)
		return "";
	for (size_t i = 0; i < f->npaths; i++)
		if (!strcmp(f->paths[i], s))
			return f->paths[i];
	GROW(f->paths, f->npaths, f->paths_cap);
	f->paths[f->npaths] = xstrdup(s);
	return f->paths[f->npaths++];
}

const char *fa_path_add(struct fa *f, const char *base, const char *field)
{
	char buf[512];
	if (field)
		snprintf(buf, sizeof(buf), "%s.%s", base, field);
	else
		snprintf(buf, sizeof(buf), "%s[]", base);
	return fa_intern(f, buf);
}
