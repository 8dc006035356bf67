#include <stdio.h>
#include <stdlib.h>

/* Two-space indentation: inserted lines must use two spaces too. */
static int fib_table(int n)
{
  int *t = malloc(sizeof(int) * (size_t)(n + 2));
  if (!t)
    return -1;
  t[0] = 0;
  t[1] = 1;
  for (int i = 2; i <= n; i++)
    {
      t[i] = t[i - 1] + t[i - 2];
    }
  if (n > 30)
    return t[30];
  int r = t[n];
  free(t);
  return r;
}

int main(void)
{
  printf("%d %d\n", fib_table(20), fib_table(40));
  return 0;
}
