import { GroupCommit } from './group-commit';

/** A writer whose writes finish when the test says so; it records each batch it was given. */
function controlledWriter(failOn?: string) {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: string[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve, reject) =>
      pending.push(() =>
        failOn && items.includes(failOn)
          ? reject(new Error(`cannot write ${failOn}`))
          : resolve(items.map((item) => item.toUpperCase())),
      ),
    );
  };
  /** Finishes the oldest write in flight and lets its callers and the next write run. */
  const finishOne = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, pending, write, finishOne };
}

describe('GroupCommit', () => {
  it('writes an item at once when nothing is in flight', async () => {
    const writer = controlledWriter();
    const commit = new GroupCommit(writer.write, { maxBatch: 10, maxConcurrent: 1 });
    const result = commit.submit('a');
    expect(writer.batches).toEqual([['a']]);
    await writer.finishOne();
    await expect(result).resolves.toBe('A');
  });

  it('groups what arrives during a write into the next one, at most maxBatch items each', async () => {
    const writer = controlledWriter();
    const commit = new GroupCommit(writer.write, { maxBatch: 2, maxConcurrent: 1 });
    const results = ['a', 'b', 'c', 'd'].map((item) => commit.submit(item));
    expect(writer.batches).toEqual([['a']]);
    await writer.finishOne();
    expect(writer.batches).toEqual([['a'], ['b', 'c']]);
    await writer.finishOne();
    await writer.finishOne();
    expect(writer.batches).toEqual([['a'], ['b', 'c'], ['d']]);
    await expect(Promise.all(results)).resolves.toEqual(['A', 'B', 'C', 'D']);
  });

  it('keeps up to maxConcurrent writes in flight', () => {
    const writer = controlledWriter();
    const commit = new GroupCommit(writer.write, { maxBatch: 10, maxConcurrent: 2 });
    for (const item of ['a', 'b', 'c', 'd']) void commit.submit(item);
    expect(writer.batches).toEqual([['a'], ['b']]);
  });

  it('fails only the item that cannot be written: a failed batch is written again one item per write', async () => {
    const writer = controlledWriter('bad');
    const commit = new GroupCommit(writer.write, { maxBatch: 10, maxConcurrent: 1 });
    const first = commit.submit('first');
    const results = ['x', 'bad', 'y'].map((item) => commit.submit(item).catch((e: Error) => e.message));
    await writer.finishOne(); // 'first'
    await writer.finishOne(); // ['x', 'bad', 'y'] fails
    expect(writer.pending).toHaveLength(3);
    while (writer.pending.length > 0) await writer.finishOne();
    expect(writer.batches).toEqual([['first'], ['x', 'bad', 'y'], ['x'], ['bad'], ['y']]);
    await expect(first).resolves.toBe('FIRST');
    await expect(Promise.all(results)).resolves.toEqual(['X', 'cannot write bad', 'Y']);
  });
});
