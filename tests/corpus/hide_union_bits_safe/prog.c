/* Shape of serializers that type-pun floats through a union (lua's and sqlite's varint/float
 * encoders, protocol buffers in C): a scratch array of unions is filled through the float member
 * and read through the integer member. SAFE: the union holds no pointer, so reading another
 * member exposes no arena address; only a checksum leaves. A tool that refuses every union
 * in arena memory is over-cautious. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

union bits {
	float f;
	uint32_t u;
};

static uint32_t encode_floats(const float *v, int n)
{
	union bits *tmp = malloc((size_t)n * sizeof *tmp);
	uint32_t sum = 0;
	for (int i = 0; i < n; i++)
		tmp[i].f = v[i] * 2.0f;
	for (int i = 0; i < n; i++)
		sum = sum * 31u + tmp[i].u;
	free(tmp);
	return sum;
}

int main(void)
{
	float v[] = {1.0f, -2.5f, 0.125f};
	printf("%08x\n", (unsigned)encode_floats(v, 3));
	return 0;
}
