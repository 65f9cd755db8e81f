import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('forgets entries after the ttl and drops the oldest past the size limit', () => {
    let now = 0;
    const cache = new TtlCache<number>(1000, 2, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(2);
    now = 999;
    expect(cache.get('c')).toBe(3);
    now = 1000;
    expect(cache.get('c')).toBeUndefined();
  });
});
