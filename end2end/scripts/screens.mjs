// Screenshots of pages as a person sees them, for looking at before calling a screen done:
//   node end2end/scripts/screens.mjs http://127.0.0.1:3000 out-dir [account path ...]
// Each `account path` pair (account `-` for a visitor) is shot at 360×740, 390×844 and 1280×800.
// The demo password is used; the server must run with ZP_DEMO=1 (make run).
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const [base, out, ...pairs] = process.argv.slice(2);
if (!base || !out || pairs.length % 2) {
  console.error('usage: node screens.mjs BASE_URL OUT_DIR [account path]...');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const sizes = [[360, 740], [390, 844], [1280, 800]];
for (let i = 0; i < pairs.length; i += 2) {
  const [account, path] = [pairs[i], pairs[i + 1]];
  for (const [width, height] of sizes) {
    const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: width < 800, hasTouch: width < 800, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    if (account !== '-') {
      const res = await page.request.post(`${base}/api/login`, { form: { account, password: process.env.ZP_PASSWORD ?? 'Zhiping@2026' }, headers: { Accept: 'application/json' } });
      if (res.status() !== 200) throw new Error(`login ${account}: ${res.status()} ${await res.text()}`);
    }
    await page.goto(base + path);
    await page.waitForFunction(() => window.__zp_hydrated === true, null, { timeout: 20000 }).catch(() => {});
    const name = `${out}/${account.replace(/\W/g, '_')}${path.replace(/\W/g, '_')}-${width}.png`;
    await page.screenshot({ path: name, fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(`${name}  title="${await page.title()}" scrollWidth=${wide}`);
    await ctx.close();
  }
}
await browser.close();
