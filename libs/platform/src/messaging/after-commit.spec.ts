import { afterCommit, collectAfterCommit, runAfterCommit } from './after-commit';

describe('afterCommit', () => {
  it('runs at once outside a consumer transaction (an HTTP request, a command)', () => {
    const calls: string[] = [];
    afterCommit(() => calls.push('now'));
    expect(calls).toEqual(['now']);
  });

  it('keeps the callbacks of a collecting scope, across awaits, until they are run', async () => {
    const calls: string[] = [];
    const kept: (() => void)[] = [];
    const result = await collectAfterCommit(kept, async () => {
      afterCommit(() => calls.push('first'));
      await new Promise((resolve) => setTimeout(resolve, 1));
      afterCommit(() => calls.push('second'));
      return 42;
    });
    expect(result).toBe(42);
    expect(calls).toEqual([]);
    expect(kept).toHaveLength(2);
    runAfterCommit(kept, () => undefined);
    expect(calls).toEqual(['first', 'second']);
  });

  it('runs every callback even if one throws, and reports the error', () => {
    const calls: string[] = [];
    const errors: unknown[] = [];
    runAfterCommit(
      [
        () => calls.push('a'),
        () => {
          throw new Error('cache gone');
        },
        () => calls.push('c'),
      ],
      (error) => errors.push(error),
    );
    expect(calls).toEqual(['a', 'c']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('cache gone');
  });
});
