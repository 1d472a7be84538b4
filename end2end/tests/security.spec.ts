// Request-level protections, without a browser page: Playwright's HTTP client.
import { expect, test } from '@playwright/test';

test.describe('origin check', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'desktop', 'HTTP only: one project is enough'));

  test('a cross-site POST to a server function is refused', async ({ request, baseURL }) => {
    const form = { account: 'shenbao', password: 'Zhiping@2026' };
    const evil = await request.post('/api/login', { form, headers: { Origin: 'https://evil.example' }, maxRedirects: 0 });
    expect(evil.status()).toBe(403);
    expect(await evil.text()).toContain('CrossSite');
    const marked = await request.post('/api/logout', { headers: { 'Sec-Fetch-Site': 'cross-site' }, maxRedirects: 0 });
    expect(marked.status()).toBe(403);
    const same = await request.post('/api/login', { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(same.status()).toBeLessThan(400);
  });

  test('pages carry a nonce-based Content-Security-Policy and nosniff', async ({ request }) => {
    const res = await request.get('/');
    const csp = res.headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('the session cookie is HttpOnly and SameSite=Lax, and renewed at login', async ({ request }) => {
    const form = { account: 'danwei2', password: 'Zhiping@2026' };
    const first = await request.post('/api/login', { form, maxRedirects: 0 });
    const c1 = first.headers()['set-cookie'];
    expect(c1).toMatch(/zp_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax/);
    const second = await request.post('/api/login', { form, maxRedirects: 0 });
    const c2 = second.headers()['set-cookie'];
    expect(c2.match(/zp_session=([0-9a-f]+)/)![1]).not.toBe(c1.match(/zp_session=([0-9a-f]+)/)![1]);
  });

  test('the test clock route answers only because this server runs with ZP_TEST_CLOCK=1', async ({ request }) => {
    const res = await request.post('/__test/clock?ms=0');
    expect(res.status()).toBe(200);
  });
});
