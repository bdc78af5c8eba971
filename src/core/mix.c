#include "mix.h"

#include <math.h>

int64_t mix_sample_at(int64_t ns)
{
	/* ns * 48000 / 1e9 = ns * 6 / 125000, exact for any routine's length. */
	return (ns * 6 + 62500) / 125000;
}

int64_t mix_clip_end(const struct mix_clip *c)
{
	int64_t end = c->start + c->len;
	if (c->stop != MIX_NEVER && c->stop + MIX_FADE < end)
		end = c->stop + MIX_FADE;
	return end;
}

void mix_add(float *out, size_t n, int64_t t0, const struct mix_clip *c)
{
	int64_t end = mix_clip_end(c);
	int64_t from = c->start > t0 ? c->start : t0;
	int64_t to = end < t0 + (int64_t)n ? end : t0 + (int64_t)n;
	for (int64_t t = from; t < to; t++) {
		float g = c->gain;
		if (t >= c->stop) /* fading: from 1 at the cut to 0 MIX_FADE later */
			g *= (float)(c->stop + MIX_FADE - t) / (float)MIX_FADE;
		out[t - t0] += g * c->pcm[t - c->start];
	}
}

size_t mix_limit(float *out, size_t n)
{
	size_t over = 0;
	for (size_t i = 0; i < n; i++) {
		if (out[i] > 1.0f)
			out[i] = 1.0f, over++;
		else if (out[i] < -1.0f)
			out[i] = -1.0f, over++;
	}
	return over;
}

void mix_downmix(const float *in, size_t frames, unsigned channels, float *out)
{
	for (size_t f = 0; f < frames; f++) {
		float sum = 0;
		for (unsigned c = 0; c < channels; c++)
			sum += in[f * channels + c];
		out[f] = sum / (float)channels;
	}
}

void mix_to_s16(const float *in, size_t n, int16_t *out)
{
	for (size_t i = 0; i < n; i++) {
		float v = in[i] * 32767.0f;
		v = v > 32767.0f ? 32767.0f : v < -32768.0f ? -32768.0f : v;
		out[i] = (int16_t)lrintf(v);
	}
}

double mix_dbfs(const float *in, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (double)in[i] * in[i];
	if (n == 0 || sum == 0)
		return -200.0;
	return 10.0 * log10(sum / (double)n);
}
