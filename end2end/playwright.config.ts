import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The release server, started by Playwright on its own port with a fresh SQLite database.
// `make test` picks a free port and passes it in E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'zhiping-e2e-'));
// The review chain moves the server's clock by days, which ends every session on that server:
// it gets a server of its own, and its tests run one after another.
const reviewPort = Number(process.env.E2E_REVIEW_PORT ?? port + 1);
const reviewURL = `http://127.0.0.1:${reviewPort}`;
const reviewDataDir = mkdtempSync(join(tmpdir(), 'zhiping-e2e-review-'));
// From the fee to the certificate: it moves its clock too (five working days of public results
// before filing), so it has a third server.
const certPort = Number(process.env.E2E_CERT_PORT ?? port + 2);
const certURL = `http://127.0.0.1:${certPort}`;
const certDataDir = mkdtempSync(join(tmpdir(), 'zhiping-e2e-cert-'));

// The test SMTP server the first server delivers e-mail to (aiosmtpd from PyPI, installed into
// target/py by scripts/install-tools.sh; its handler refuses @refused.example.cn with 550).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 3);
const mailDir = mkdtempSync(join(tmpdir(), 'zhiping-e2e-mail-'));

// The server binary (and, through ZP_SITE_ROOT, the site it serves): the release build unless
// E2E_SERVER names another, such as the whole-app build (`make e2e-whole-app`).
const server = process.env.E2E_SERVER ?? './target/release/zhiping';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // CI (`.ci/run`) gives a test that timed out one more try on a loaded 2-core machine, and the
  // summary names it "flaky"; a test that fails twice fails the run. Locally: no second try.
  retries: Number(process.env.E2E_RETRIES ?? 0),
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    launchOptions: chromium,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'phone', testIgnore: /(review|certificate)\.spec/, use: { ...devices['Pixel 7'], launchOptions: chromium } },
    { name: 'phone-nojs', testIgnore: /(review|certificate)\.spec/, use: { ...devices['Pixel 7'], javaScriptEnabled: false, launchOptions: chromium } },
    { name: 'desktop', testIgnore: /(review|certificate)\.spec/, use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
    // the applicant on a phone; reviewers open desktop contexts of their own inside the tests
    { name: 'review', testMatch: /review\.spec/, use: { ...devices['Pixel 7'], baseURL: reviewURL, launchOptions: chromium } },
    { name: 'certificate', testMatch: /certificate\.spec/, use: { ...devices['Pixel 7'], baseURL: certURL, launchOptions: chromium } },
  ],
  webServer: [{
    command: `python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c test_smtp.Maildrop ${join(mailDir, 'box')}`,
    cwd: '..',
    port: smtpPort,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { PYTHONPATH: 'target/py:server/tests/smtp' },
  }, {
    command: server,
    cwd: '..',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ZP_ADDR: `127.0.0.1:${port}`,
      ZP_DATA_DIR: dataDir,
      DATABASE_URL: '',
      ZP_DEMO: '1',
      ZP_TEST_CLOCK: '1',
      RUST_LOG: 'warn',
      ZP_SMTP_HOST: '127.0.0.1',
      ZP_SMTP_PORT: String(smtpPort),
      ZP_SMTP_SECURITY: 'none',
      ZP_SMTP_FROM: 'noreply@zhiping.example.cn',
    },
  }, {
    command: server,
    cwd: '..',
    url: `${reviewURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ZP_ADDR: `127.0.0.1:${reviewPort}`,
      ZP_DATA_DIR: reviewDataDir,
      DATABASE_URL: '',
      ZP_DEMO: '1',
      ZP_TEST_CLOCK: '1',
      RUST_LOG: 'warn',
    },
  }, {
    command: server,
    cwd: '..',
    url: `${certURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ZP_ADDR: `127.0.0.1:${certPort}`,
      ZP_DATA_DIR: certDataDir,
      DATABASE_URL: '',
      ZP_DEMO: '1',
      ZP_TEST_CLOCK: '1',
      RUST_LOG: 'warn',
    },
  }],
});
