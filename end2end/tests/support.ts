import { expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function checkChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}

/** A fresh valid resident ID (Ürümqi region code, a birth date in 1970–1999, random sequence). */
export function freshId(opts: { endingInX?: boolean } = {}): string {
  for (;;) {
    const y = 1970 + Math.floor(Math.random() * 30);
    const m = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
    const d = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
    const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
    const first17 = `650102${y}${m}${d}${seq}`;
    const c = checkChar(first17);
    if (!opts.endingInX || c === 'X') return first17 + c;
  }
}

/** The same ID with a wrong check character, and the right one. */
export function withWrongCheck(id: string): { wrong: string; expected: string } {
  const expected = id[17];
  const wrong = expected === '0' ? '1' : '0';
  return { wrong: id.slice(0, 17) + wrong, expected };
}

export function freshPhone(): string {
  return '139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

export const PASSWORD = '天山雪莲2026春';
export const DEMO_PASSWORD = 'Zhiping@2026';

export type Person = { name: string; id: string; phone: string; email: string; password: string };

export function freshPerson(opts: { endingInX?: boolean } = {}): Person {
  const id = freshId(opts);
  return { name: '阿依古丽·测试', id, phone: freshPhone(), email: `t${id.slice(-8)}@example.cn`, password: PASSWORD };
}

/** Waits until the WASM has taken over the page (no-op without JavaScript). */
export async function hydrated(page: Page, info: TestInfo) {
  if (info.project.use.javaScriptEnabled === false) return;
  await page.waitForFunction(() => (window as any).__zp_hydrated === true, null, { timeout: 20_000 });
}

export async function fillRegistration(page: Page, p: Person) {
  await page.getByLabel('姓名', { exact: true }).fill(p.name);
  await page.getByLabel('身份证号', { exact: true }).fill(p.id);
  await page.getByLabel('手机号', { exact: true }).fill(p.phone);
  await page.getByLabel('电子邮箱', { exact: true }).fill(p.email);
  await page.getByLabel('密码', { exact: true }).fill(p.password);
  await page.getByLabel('确认密码', { exact: true }).fill(p.password);
}

export async function register(page: Page, info: TestInfo, p: Person) {
  await page.goto('/register');
  await hydrated(page, info);
  await fillRegistration(page, p);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByRole('heading', { name: `${p.name}，您好` })).toBeVisible();
}

export async function login(page: Page, info: TestInfo, account: string, password: string) {
  await page.goto('/login');
  await hydrated(page, info);
  await page.getByLabel('身份证号或用户名').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Opens the header's 菜单 where it is folded (a phone); on a wide screen its links stand in the bar. */
export async function openMenu(page: Page) {
  const menu = page.locator('header details.menu');
  const summary = menu.locator('summary');
  if (await summary.isVisible() && !(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await summary.click();
  }
}

export async function logout(page: Page) {
  await openMenu(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByText('您已退出登录')).toBeVisible();
}

/** The unit starts the public notice: 开始公示 first says what becomes public, then 确认开始公示. */
export async function startNotice(unit: Page) {
  const form = unit.getByRole('form', { name: '开始公示' });
  await form.getByText('开始公示', { exact: true }).click();
  await expect(form.getByText(/将立即在“公示”页面向所有人公开/)).toBeVisible();
  await form.getByRole('button', { name: '确认开始公示' }).click();
}

/** Keeps a screenshot as a test artifact (and in test-results/screens for people to open). */
export async function keepScreenshot(page: Page, info: TestInfo, name: string) {
  const path = info.outputPath(`${info.project.name}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(`${info.project.name}-${name}`, { path, contentType: 'image/png' });
}

/**
 * What axe-core (its default rules: WCAG 2.x A and AA and best practices) finds wrong on the page
 * as it is now, one line per rule with the first elements it names; empty when nothing.
 */
export async function inaccessible(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
