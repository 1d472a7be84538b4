// Accounts (seed §2, SPEC rules 1–2) on a phone with and without JavaScript, and on a desktop.
import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD, fillRegistration, freshPerson, hydrated, keepScreenshot, login, logout, openMenu, register, withWrongCheck,
} from './support';

const nojs = (info: { project: { use: { javaScriptEnabled?: boolean } } }) => info.project.use.javaScriptEnabled === false;

test('register, log out, log in again with the ID number', async ({ page }, info) => {
  const p = freshPerson();
  await register(page, info, p);
  await expect(page.getByText('注册成功')).toBeVisible();
  await expect(page.getByText('申报人', { exact: true })).toBeVisible();
  await keepScreenshot(page, info, 'dashboard');
  await logout(page);
  await login(page, info, p.id.toLowerCase(), p.password);
  await expect(page.getByRole('heading', { name: `${p.name}，您好` })).toBeVisible();
});

test('a wrong check character is refused at the field, with the reason', async ({ page }, info) => {
  const p = freshPerson();
  const { wrong, expected } = withWrongCheck(p.id);
  const posts: string[] = [];
  page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });

  await page.goto('/register');
  await hydrated(page, info);
  await fillRegistration(page, { ...p, id: wrong });
  const idField = page.getByLabel('身份证号', { exact: true });
  const reason = new RegExp(`校验位不正确.*最后一位应为 ${expected}`);
  if (nojs(info)) {
    // Without JavaScript the server is the one to say it, at the same field.
    await page.getByRole('button', { name: '注册' }).click();
    await expect(idField).toHaveAccessibleDescription(reason);
    // what was typed is still there to correct (passwords excepted)
    await expect(idField).toHaveValue(wrong);
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(p.name);
    await expect(page.getByLabel('手机号', { exact: true })).toHaveValue(p.phone);
    await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
  } else {
    // In the browser, before anything is sent.
    await expect(idField).toHaveAccessibleDescription(reason);
    await expect(idField).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: '注册' }).click();
    await expect(idField).toHaveAccessibleDescription(reason);
    expect(posts.filter((u) => u.includes('/api/register'))).toEqual([]);
  }
  await keepScreenshot(page, info, 'register-wrong-check');
});

test('a second registration with the same ID (x or X) is refused with the recovery link', async ({ page }, info) => {
  const p = freshPerson({ endingInX: true });
  await register(page, info, p);
  await logout(page);

  await page.goto('/register');
  await hydrated(page, info);
  await fillRegistration(page, { ...freshPerson(), id: p.id.toLowerCase() });
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByLabel('身份证号', { exact: true })).toHaveAccessibleDescription(/该身份证号已注册/);
  const recover = page.getByRole('link', { name: '找回用户名和密码' }).last();
  await expect(recover).toBeVisible();
  await recover.click();
  await expect(page.getByRole('heading', { name: '找回用户名和密码' })).toBeVisible();
});

test('a forgotten password is reset with a code from the outbox', async ({ page, browser }, info) => {
  const p = freshPerson();
  await register(page, info, p);
  await logout(page);

  await page.goto('/recover');
  await hydrated(page, info);
  const step1 = page.getByRole('form', { name: '第一步：获取验证码' });
  await step1.getByLabel('身份证号或用户名').fill(p.id);
  await step1.getByLabel('手机短信').check();
  await step1.getByRole('button', { name: '发送验证码' }).click();
  await expect(page.getByText(/验证码已发送到其登记的手机短信/)).toBeVisible();

  // The administrator reads the outbox (demo mode) in a browser of their own.
  const admin = await browser.newContext({ ...info.project.use, baseURL: info.project.use.baseURL });
  const adminPage = await admin.newPage();
  await login(adminPage, info, 'admin', DEMO_PASSWORD);
  await adminPage.getByRole('link', { name: '消息发件箱' }).click();
  const row = adminPage.getByRole('row').filter({ hasText: p.phone }).first();
  await expect(row).toBeVisible();
  const code = (await row.textContent())?.match(/验证码是 (\d{8})/)?.[1];
  expect(code).toMatch(/^\d{8}$/);
  await admin.close();

  const step2 = page.getByRole('form', { name: '第二步：设置新密码' });
  await step2.getByLabel('身份证号或用户名').fill(p.id);
  await step2.getByLabel('验证码').fill(code!);
  await step2.getByLabel('新密码', { exact: true }).fill('昆仑山2027新密码');
  await step2.getByLabel('确认新密码').fill('昆仑山2027新密码');
  await step2.getByRole('button', { name: '重置密码' }).click();
  await expect(page.getByText('密码已重置，请用新密码登录。')).toBeVisible();

  await login(page, info, p.id, p.password);
  await expect(page.getByText('账号或密码不正确')).toBeVisible();
  await login(page, info, p.id, '昆仑山2027新密码');
  await expect(page.getByRole('heading', { name: `${p.name}，您好` })).toBeVisible();
});

test('a signed-in person changes their password from the menu', async ({ page }, info) => {
  const p = freshPerson();
  await register(page, info, p);
  await openMenu(page);
  await page.getByRole('link', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
  await hydrated(page, info);
  await page.getByLabel('当前密码').fill('not-my-password-1');
  await page.getByLabel('新密码', { exact: true }).fill('昆仑山2027新密码');
  await page.getByLabel('确认新密码').fill('昆仑山2027新密码');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByLabel('当前密码')).toHaveAccessibleDescription(/当前密码不正确/);
  await page.getByLabel('当前密码').fill(p.password);
  await page.getByLabel('新密码', { exact: true }).fill('昆仑山2027新密码');
  await page.getByLabel('确认新密码').fill('昆仑山2027新密码');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码已修改，其他设备上的登录已退出。')).toBeVisible();
  await keepScreenshot(page, info, 'password-changed');
  await logout(page);
  await login(page, info, p.id, '昆仑山2027新密码');
  await expect(page.getByRole('heading', { name: `${p.name}，您好` })).toBeVisible();
});

test('every demo role logs in to its own home', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'one project is enough for the role list');
  const roles: [string, string][] = [
    ['shenbao', '申报人'], ['danwei', '基层单位审核人'], ['zhuguan', '主管单位审核人'], ['pingban', '职称评审办事机构'],
    ['pingwei', '评审委员会委员'], ['renshe', '人社厅备案'], ['qianfa', '证书签发（教育厅）'], ['admin', '系统管理员'],
  ];
  for (const [user, role] of roles) {
    await login(page, info, user, DEMO_PASSWORD);
    await expect(page.getByText(role, { exact: true })).toBeVisible();
    await logout(page);
  }
});

test('the pages read well on the device', async ({ page }, info) => {
  for (const path of ['/', '/register', '/login', '/recover']) {
    await page.goto(path);
    await hydrated(page, info);
    // nothing wider than the screen: no sideways scrolling on a phone
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    await keepScreenshot(page, info, `page${path.replace(/\//g, '-') || '-home'}`);
  }
});

test('English is one switch away and stays', async ({ page }, info) => {
  await page.goto('/login');
  await hydrated(page, info);
  await page.getByRole('link', { name: '切换语言' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.goto('/register');
  await expect(page.getByRole('heading', { name: 'Register an account' })).toBeVisible();
  await page.getByRole('link', { name: 'Switch language' }).click();
  await expect(page.getByRole('heading', { name: '注册个人账号' })).toBeVisible();
});

test.describe('on a 390 × 844 screen', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a person registers, and nothing scrolls sideways', async ({ page }, info) => {
    test.skip(info.project.name === 'desktop', 'phone projects only');
    await page.goto('/register');
    await hydrated(page, info);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // every control is big enough for a finger (44 px)
    for (const label of ['姓名', '身份证号', '手机号', '电子邮箱', '密码', '确认密码']) {
      const box = await page.getByLabel(label, { exact: true }).boundingBox();
      expect(box!.height, label).toBeGreaterThanOrEqual(44);
    }
    const p = freshPerson();
    await fillRegistration(page, p);
    await keepScreenshot(page, info, 'register-390');
    await page.getByRole('button', { name: '注册' }).click();
    await expect(page.getByRole('heading', { name: `${p.name}，您好` })).toBeVisible();
  });
});
