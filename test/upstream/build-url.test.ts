// The URL is the stored base URL + a plain path + an encoded query, nothing else.
import { buildRequestTarget, isContextPath, parseBaseUrl } from '../../src/upstream/build-url';

describe('parseBaseUrl', () => {
  it.each([
    ['https://api.bunq.com/v1', 'https://api.bunq.com/v1'],
    ['https://api.bunq.com/v1/', 'https://api.bunq.com/v1'],
    ['https://public-api.sandbox.bunq.com/v1/', 'https://public-api.sandbox.bunq.com/v1'],
    ['http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1'],
    ['http://localhost:8080/v1', 'http://localhost:8080/v1'],
    ['http://[::1]:8080/v1', 'http://[::1]:8080/v1'],
  ])('when the base URL is %s, then it is accepted as %s', (raw, href) => {
    expect(parseBaseUrl(raw).href).toBe(href);
  });

  it.each([
    ['http://api.bunq.com/v1'],
    ['ftp://127.0.0.1/v1'],
    ['https://user:pw@api.bunq.com/v1'],
    ['https://api.bunq.com/v1?x=1'],
    ['https://api.bunq.com/v1#x'],
    ['https://api.bunq.com/v%31'],
    ['not a url'],
  ])('when the base URL is %s, then it is refused', (raw) => {
    expect(() => parseBaseUrl(raw)).toThrow(TypeError);
  });
});

describe('buildRequestTarget', () => {
  const base = parseBaseUrl('https://api.bunq.com/v1');

  it('when given a path and query, then the target is prefix + path + encoded query', () => {
    expect(buildRequestTarget(base, '/user/1/event', { count: 200, status: 'AWAITING_REPLY' })).toBe(
      '/v1/user/1/event?count=200&status=AWAITING_REPLY',
    );
  });

  it('when a query value is not finite, then it is refused', () => {
    expect(() => buildRequestTarget(base, '/user', { count: Number.NaN })).toThrow(/finite/);
  });

  it('when the path names a context endpoint, then isContextPath says so', () => {
    expect(isContextPath('/session-server')).toBe(true);
    expect(isContextPath('/session/0')).toBe(true);
    expect(isContextPath('/user/1/session')).toBe(false);
  });
});
