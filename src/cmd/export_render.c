#include "export_render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mix.h"
#include "util.h"

#define BLOCK 4096

struct playing {
	struct mix_clip clip;
	float *owned; /* an utterance's samples, freed when it has ended */
	bool speech;
};

int export_render(struct render *rd, char *why, size_t len)
{
	const struct export_plan *p = rd->plan;
	struct playing *on = NULL;
	size_t non = 0, cap = 0, next_say = 0, next_sound = 0;
	float block[BLOCK];
	int64_t t = 0, end = mix_sample_at(p->end), final = -1;
	int rc = 0;

	rd->samples = 0;
	rd->cut = 0;
	rd->peak = 0;
	for (;;) {
		/* Everything that starts in this block joins the mix. */
		for (;;) {
			int64_t say_at = next_say < p->nsays ? mix_sample_at(p->says[next_say].at)
							    : MIX_NEVER;
			int64_t sound_at = next_sound < p->nsounds
						   ? mix_sample_at(p->sounds[next_sound].at)
						   : MIX_NEVER;
			int64_t at = say_at < sound_at ? say_at : sound_at;
			if (at >= t + BLOCK)
				break;
			if (non == cap) {
				cap = cap ? cap * 2 : 16;
				on = xreallocarray(on, cap, sizeof(*on));
			}
			struct playing *n = &on[non];
			memset(n, 0, sizeof(*n));
			if (say_at <= sound_at) {
				float *pcm;
				size_t count;
				if (next_say == 0 && rd->first) {
					pcm = rd->first, count = rd->first_len;
					rd->first = NULL;
				} else if (rd->synth->get(rd->synth, next_say, &pcm, &count, why, len) < 0) {
					rd->voice_failed = true;
					rc = -1;
					goto out;
				}
				/* New words cut off the ones still being said. */
				for (size_t i = 0; i < non; i++)
					if (on[i].speech && mix_clip_end(&on[i].clip) > at) {
						on[i].clip.stop = at;
						rd->cut++;
					}
				n->clip = (struct mix_clip){pcm, (int64_t)count, at, MIX_NEVER,
							    RENDER_SPEECH_GAIN};
				n->owned = pcm;
				n->speech = true;
				next_say++;
			} else {
				enum sound_event e = p->sounds[next_sound].event;
				next_sound++;
				if (rd->sound[e] == NULL)
					continue;
				n->clip = (struct mix_clip){rd->sound[e], (int64_t)rd->sound_len[e], at,
							    MIX_NEVER, RENDER_SOUND_GAIN};
			}
			non++;
		}
		/* Once everything has started, the end is known: the routine's,
		 * or the last sound's, and a moment of quiet. */
		if (final < 0 && next_say == p->nsays && next_sound == p->nsounds) {
			final = end;
			for (size_t i = 0; i < non; i++)
				if (mix_clip_end(&on[i].clip) > final)
					final = mix_clip_end(&on[i].clip);
			final += mix_sample_at(RENDER_TAIL_NS);
		}
		size_t n = BLOCK;
		if (final >= 0 && final - t < BLOCK)
			n = final > t ? (size_t)(final - t) : 0;
		if (n == 0)
			break;
		memset(block, 0, sizeof(block));
		for (size_t i = 0; i < non; i++)
			mix_add(block, n, t, &on[i].clip);
		for (size_t i = 0; i < n; i++)
			if (fabsf(block[i]) > rd->peak)
				rd->peak = fabsf(block[i]);
		mix_limit(block, n);
		if (audio_out_write(rd->out, block, n, why, len) < 0) {
			rc = -1;
			goto out;
		}
		t += (int64_t)n;
		/* What has ended leaves. */
		for (size_t i = 0; i < non;) {
			if (mix_clip_end(&on[i].clip) <= t) {
				free(on[i].owned);
				on[i] = on[--non];
			} else {
				i++;
			}
		}
		if (rd->progress && rd->progress(rd->ctx, (size_t)t, (size_t)(final >= 0 ? final : end))) {
			rc = 1;
			goto out;
		}
	}
out:
	for (size_t i = 0; i < non; i++)
		free(on[i].owned);
	free(on);
	free(rd->first);
	rd->first = NULL;
	rd->samples = t;
	return rc;
}
