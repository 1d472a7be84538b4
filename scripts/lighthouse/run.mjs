// Lighthouse in mobile mode (its default: a Moto G Power's screen, 4× CPU slowdown, slow 4G) on the
// pages an applicant and the public open, signed in where the page needs it; prints the four scores
// and the total blocking time per page. Prints; asserts nothing.
//
//   node scripts/lighthouse/run.mjs http://127.0.0.1:3017     (make lighthouse starts the server)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';

/** The login session cookie of a demo account, as the login form would get it. */
async function signIn(account) {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ account, password: 'Zhiping@2026' }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('zp_session='));
  if (!res.ok || !cookie) throw new Error(`login ${account}: ${res.status}`);
  return cookie.split(';')[0];
}

/** The applicant's application, started through the start form's API when there is none yet. */
async function firstApplication(cookie) {
  const headers = { Accept: 'application/json', Cookie: cookie };
  const list = await (await fetch(`${base}/api/my_applications`, { method: 'POST', headers })).json();
  if (list.length) return list[0].id;
  const res = await fetch(`${base}/api/start_application`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      level: 'associate_senior', series: '高等学校教育管理研究', specialty: '高等教育管理', unit_id: 'org-unit-xju',
      current_level: 'intermediate', obtained_on: '2020-03-01',
    }),
  });
  if (!res.ok) throw new Error(`start_application: ${res.status} ${await res.text()}`);
  return await res.json();
}

const applicant = await signIn('shenbao');
const app = await firstApplication(applicant);
const reviewer = await signIn('danwei');
const pages = [
  ['首页', '/', null],
  ['登录', '/login', null],
  ['注册', '/register', null],
  ['公示', '/gongshi', null],
  ['证书查验', '/verify', null],
  ['我的申报', '/applications', applicant],
  ['申报概览', `/applications/${app}`, applicant],
  ['基本信息', `/applications/${app}/basic`, applicant],
  ['提交', `/applications/${app}/submit`, applicant],
  ['单位审核队列', '/review', reviewer],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
console.log(`| page | path | ${categories.join(' | ')} | TBT ms | LCP ms |`);
console.log(`|---|---|${categories.map(() => '---|').join('')}---|---|`);
try {
  for (const [name, path, cookie] of pages) {
    const { lhr } = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: categories,
      extraHeaders: cookie ? { Cookie: cookie } : undefined,
    });
    const scores = categories.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
    const tbt = Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0);
    const lcp = Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0);
    const shown = path.replace(app, '{id}');
    console.log(`| ${name} | ${shown} | ${scores.join(' | ')} | ${tbt} | ${lcp} |`);
    const failing = Object.values(lhr.audits).filter(
      (a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary' && !['performance'].includes(a.id),
    );
    if (failing.length) console.log(`|   | failing: ${failing.map((a) => a.id).join(', ')} |`);
  }
} finally {
  await chrome.kill();
}
