import { describe, expect, it } from 'vitest';
import { loginDigest, loginOf, sameLogin } from '../../src/store/login-digest.ts';

/** What a run stores of a feed URL's login (a salted digest) and how it tells that the pipeline file's login changed. */
describe('login digests', () => {
  it('match the login they were made of, and no other', async () => {
    const digest = await loginDigest('reader:secret');
    expect(digest).not.toContain('secret');
    expect(await sameLogin('reader:secret', digest)).toBe(true);
    expect(await sameLogin('reader:Secret', digest)).toBe(false);
    expect(await sameLogin(null, digest)).toBe(false);
    expect(await sameLogin('reader:secret', null)).toBe(false);
    expect(await sameLogin(null, null)).toBe(true);
  });

  it('refuse, at once, a stored digest asking for far more work than pausewatch writes', async () => {
    // N = 2^20, r = 32, p = 16 took minutes to check; it matches nothing
    const costly = `scrypt:1048576:32:16:AAAA:${Buffer.alloc(32).toString('base64')}`;
    expect(await sameLogin('reader:secret', costly)).toBe(false);
    expect(await sameLogin('reader:secret', 'not a digest')).toBe(false);
  });

  it('read the login of an http(s) URL as written', () => {
    expect(loginOf('https://reader:s%40cret@news.example.org/feed')).toBe('reader:s%40cret');
    expect(loginOf('https://news.example.org/feed')).toBeNull();
    expect(loginOf('file:///tmp/a@b')).toBeNull();
  });
});
