// Administration (issue 5 part 7): the administrator invites a colleague, who sets a password with
// the code from the invitation and signs in to the unit's queue; disabling the account ends that
// session at once. A new unit joins the tree, the issuer gets its seal, and a holiday is added to
// the calendar. With and without JavaScript, on a phone and on a desktop.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { registered } from './api';
import { DEMO_PASSWORD, freshPhone, hydrated, keepScreenshot, login, openMenu } from './support';

const NEW_PASSWORD = '天山南北2027春';

/** In a browser of the person's own, on 找回用户名和密码: a new password set with a one-time code. */
async function passwordSetWithCode(browser: Browser, info: TestInfo, account: string, code: string) {
  const context = await browser.newContext({ ...info.project.use, baseURL: info.project.use.baseURL });
  const page = await context.newPage();
  await page.goto('/recover');
  await hydrated(page, info);
  const reset = page.getByRole('form', { name: '第二步：设置新密码' });
  await reset.getByLabel('身份证号或用户名').fill(account);
  await reset.getByLabel('验证码').fill(code);
  await reset.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await reset.getByLabel('确认新密码').fill(NEW_PASSWORD);
  await reset.getByRole('button', { name: '重置密码' }).click();
  await expect(page.getByText('密码已重置，请用新密码登录。')).toBeVisible();
  return { context, page };
}

async function adminPage(page: Page, info: TestInfo, section: string) {
  await login(page, info, 'admin', DEMO_PASSWORD);
  await page.getByRole('link', { name: '系统管理', exact: true }).click();
  await page.getByRole('link', { name: section }).click();
  await hydrated(page, info);
}

test('an invited colleague sets a password, works in the unit, and is signed out when disabled', async ({ page, browser }, info) => {
  const username = `e2e${info.project.name.replace(/[^a-z]/g, '')}${Date.now() % 1e8}`;
  const phone = freshPhone();
  await adminPage(page, info, '账号与角色');
  const invite = page.getByRole('form', { name: '邀请工作人员' });

  // a user name that starts with a digit is refused at its field; what was typed stays
  await invite.getByLabel('姓名', { exact: true }).fill('王磊');
  await invite.getByLabel('用户名').fill('1wang');
  await invite.getByLabel('手机号').fill(phone);
  await invite.getByLabel('电子邮箱').fill(`${username}@example.cn`);
  await invite.getByLabel('角色').selectOption({ label: '基层单位审核人' });
  await invite.getByLabel('所属机构').selectOption('org-unit-xjnu');
  await invite.getByRole('button', { name: '发送邀请' }).click();
  await expect(invite.getByText('用户名为3至32位小写字母、数字或 . _ -，以字母开头')).toBeVisible();
  await expect(invite.getByLabel('手机号')).toHaveValue(phone);

  await invite.getByLabel('用户名').fill(username);
  // what was typed and chosen came back, also after a refused plain post without JavaScript
  await expect(invite.getByLabel('姓名', { exact: true })).toHaveValue('王磊');
  await expect(invite.getByLabel('所属机构')).toHaveValue('org-unit-xjnu');
  await expect(invite.getByLabel('角色').locator('option:checked')).toHaveText('基层单位审核人');
  await invite.getByRole('button', { name: '发送邀请' }).click();
  await expect(page.getByText(`已向 ${username} 发出邀请`)).toBeVisible();
  await keepScreenshot(page, info, 'admin-users');

  // the invitation, as the outbox recorded it
  await page.getByRole('link', { name: '消息发件箱' }).click();
  const row = page.getByRole('row').filter({ hasText: phone }).first();
  const code = (await row.textContent())?.match(/验证码 (\d{8})/)?.[1];
  expect(code).toMatch(/^\d{8}$/);

  // the colleague, on a phone of their own
  const { context: colleagueContext, page: colleague } = await passwordSetWithCode(browser, info, username, code!);
  await login(colleague, info, username, NEW_PASSWORD);
  await expect(colleague.getByRole('link', { name: '审核队列', exact: true })).toBeVisible();
  await expect(colleague.getByText('新疆师范大学').first()).toBeVisible();

  // disabled: the colleague's next page is a signed-out one
  await page.goto(`/admin/users?q=${username}`);
  await hydrated(page, info);
  const card = page.getByRole('listitem', { name: '王磊' });
  await card.getByRole('button', { name: '停用' }).click();
  await expect(card.getByText('已停用')).toBeVisible();
  await colleague.goto('/');
  await expect(colleague.getByRole('link', { name: '登录', exact: true })).toBeVisible();
  await login(colleague, info, username, NEW_PASSWORD);
  await expect(colleague.getByText('账号或密码不正确')).toBeVisible();
  await colleagueContext.close();
});

test('someone who lost both phone and e-mail is reset at the counter once their ID card is checked', async ({ page, browser }, info) => {
  const person = await registered(info.project.use.baseURL!);
  await adminPage(page, info, '账号与角色');
  await page.getByLabel('姓名、用户名、手机或邮箱').fill(person.phone);
  await page.getByRole('button', { name: '筛选' }).click();
  const card = page.getByRole('listitem', { name: person.name });
  await expect(card).toHaveCount(1);
  await card.getByText('现场核验重置密码').click();
  const form = card.getByRole('form', { name: new RegExp(`^现场核验重置密码 ${person.name}`) });

  // a card that is not the account's is refused at its field: no code
  const other = person.id.slice(0, 14) + (person.id.slice(14, 17) === '000' ? '001' : '000') + person.id.slice(17);
  await form.getByLabel('证件上的身份证号').fill(other);
  await form.getByRole('button', { name: '核验并生成重置码' }).click();
  await expect(card.getByText('与该账号登记的身份证号不一致，请核对证件')).toBeVisible();
  const shown = card.getByRole('status').filter({ hasText: '一次性重置码' });
  await expect(shown).toHaveCount(0);

  await form.getByLabel('证件上的身份证号').fill(person.id.toLowerCase());
  await form.getByRole('button', { name: '核验并生成重置码' }).click();
  await expect(shown).toBeVisible();
  await keepScreenshot(page, info, 'admin-reset-in-person');
  const code = (await shown.textContent())?.match(/一次性重置码 (\d{8})/)?.[1];
  expect(code).toMatch(/^\d{8}$/);

  // the person, at the counter's computer or on a new phone, sets a password with it
  const { context: counterContext, page: counter } = await passwordSetWithCode(browser, info, person.id, code!);
  await login(counter, info, person.id, NEW_PASSWORD);
  await expect(counter.getByRole('link', { name: '我的申报', exact: true })).toBeVisible();
  await counterContext.close();
});

test('a unit joins the tree under its authority and a holiday joins the calendar', async ({ page }, info) => {
  const name = `测试学院${info.project.name}${Date.now() % 1e6}`;
  await adminPage(page, info, '机构管理');
  const form = page.getByRole('form', { name: '新增机构' });
  await form.getByLabel('机构类型').selectOption({ label: '单位' });
  await form.getByLabel('机构名称').fill(name);
  await form.getByLabel('上级机构').selectOption({ label: '新疆维吾尔自治区' });
  await form.getByRole('button', { name: '新增' }).click();
  await expect(form.getByText('上级机构应为主管部门')).toBeVisible();
  if (info.project.use.javaScriptEnabled === false) {
    await form.getByLabel('机构类型').selectOption({ label: '单位' });
  }
  await form.getByLabel('机构名称').fill(name);
  await form.getByLabel('上级机构').selectOption({ label: '自治区教育厅（主管部门）' });
  await form.getByRole('button', { name: '新增' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: name }).first()).toBeVisible();
  await keepScreenshot(page, info, 'admin-orgs');

  // the issuer's seal (the server's checks are admin_api.rs's): uploaded, kept and shown
  const issuer = page.getByRole('listitem').filter({ hasText: '自治区教育厅（证书签发）' });
  await issuer.getByLabel('公章图片（透明背景PNG）').setInputFiles({ name: 'seal.png', mimeType: 'image/png', buffer: readFileSync('../assets/seal-demo.png') });
  await issuer.getByRole('button', { name: '上传公章' }).click();
  await expect(page.getByRole('img', { name: '当前公章 自治区教育厅（证书签发）' })).toBeVisible();

  // the calendar: a day of 2031 (a year nobody else touches in these tests) per project
  const day = { phone: '2031-03-03', 'phone-nojs': '2031-03-04', desktop: '2031-03-05' }[info.project.name] ?? '2031-03-06';
  await page.goto('/admin/calendar?year=2031');
  await hydrated(page, info);
  const set = page.getByRole('form', { name: '设置日期' });
  await set.getByLabel('日期').fill(day);
  await set.getByLabel('类型').selectOption({ label: '节假日（休息）' });
  await set.getByRole('button', { name: '保存' }).click();
  await expect(set.getByText('此项必填')).toBeVisible();
  await set.getByLabel('日期').fill(day);
  await set.getByLabel('类型').selectOption({ label: '节假日（休息）' });
  await set.getByLabel('说明').fill('测试假期');
  await set.getByRole('button', { name: '保存' }).click();
  const entry = page.getByRole('listitem').filter({ hasText: day });
  await expect(entry.getByText('测试假期')).toBeVisible();
  await keepScreenshot(page, info, 'admin-calendar');
  // restoring asks first, saying what it changes (a <details>: without JavaScript too)
  await expect(entry.getByRole('button', { name: `恢复 ${day}` })).toBeHidden();
  await entry.getByText('恢复', { exact: true }).click();
  await expect(entry.getByText(/恢复后，这一天按平常的工作日或周末计算/)).toBeVisible();
  await entry.getByRole('button', { name: `恢复 ${day}` }).click();
  await expect(page.getByRole('listitem').filter({ hasText: day })).toHaveCount(0);
});

test('a round is opened for a series in a region, with its window and its conditions', async ({ page }, info) => {
  // a year of its own per project: one round per series, region and year
  const year = { phone: 2031, 'phone-nojs': 2032, desktop: 2033 }[info.project.name] ?? 2034;
  await adminPage(page, info, '申报批次');
  const form = page.getByRole('form', { name: '新建批次' });
  const fill = async (submitBy: string) => {
    await form.getByLabel('评审系列').selectOption({ label: '高等学校实验技术' });
    await form.getByLabel('地区').selectOption({ label: '新疆生产建设兵团' });
    await form.getByLabel('评审年度').fill(String(year));
    await form.getByLabel('开始申报日期').fill(`${year}-11-01`);
    await form.getByLabel('截止提交日期').fill(submitBy);
    await form.getByLabel('条件计算截止日期').fill(`${year}-12-31`);
    const associate = form.getByRole('group', { name: '申报副高级' });
    await associate.getByLabel('须任现职称级别').selectOption({ label: '中级' });
    await associate.getByLabel('任现职最少年限（年）').fill('3');
    await form.getByLabel('计为合格的考核结果（用、分隔）').fill('优秀、合格、基本合格');
    await form.getByRole('button', { name: '保存批次' }).click();
  };
  await fill(`${year}-10-01`);
  await expect(form.getByText('截止提交日期不能早于开始申报日期')).toBeVisible();
  await fill(`${year + 1}-03-31`);
  const card = page.getByRole('listitem', { name: `${year}年度 · 高等学校实验技术 新疆生产建设兵团` });
  await expect(card.getByText(`${year}-11-01 开始申报`)).toBeVisible();
  await expect(card.getByText('申报副高级：须任中级职称满 3 年')).toBeVisible();
  await expect(card.getByText('年度考核：优秀、合格、基本合格')).toBeVisible();
  await keepScreenshot(page, info, 'admin-rounds');
});

test('a message the mail server refuses shows failed on the outbox, and may be sent again', async ({ page }, info) => {
  // the Playwright server delivers e-mail to a test SMTP server that refuses @refused.example.cn
  const username = `e2ebad${info.project.name.replace(/[^a-z]/g, '')}${Date.now() % 1e8}`;
  const address = `${username}@refused.example.cn`;
  await adminPage(page, info, '账号与角色');
  const invite = page.getByRole('form', { name: '邀请工作人员' });
  await invite.getByLabel('姓名', { exact: true }).fill('无此人');
  await invite.getByLabel('用户名').fill(username);
  await invite.getByLabel('手机号').fill(freshPhone());
  await invite.getByLabel('电子邮箱').fill(address);
  await invite.getByLabel('角色').selectOption({ label: '基层单位审核人' });
  await invite.getByLabel('所属机构').selectOption('org-unit-xjnu');
  await invite.getByRole('button', { name: '发送邀请' }).click();
  await expect(page.getByText(`已向 ${username} 发出邀请`)).toBeVisible();

  await page.getByRole('link', { name: '消息发件箱' }).click();
  const row = page.getByRole('row').filter({ hasText: address });
  // delivered in the background: the page shows where it stands when it is opened
  await expect(async () => {
    await page.reload();
    await expect(row.getByText('发送失败')).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(row.getByText(/最近一次错误：邮件服务器拒收.*550/)).toBeVisible();
  await expect(row.getByText('尝试次数：1')).toBeVisible();
  await keepScreenshot(page, info, 'outbox-failed');

  await row.getByRole('button', { name: '重新发送' }).click();
  await expect(page.getByText('已重新排队发送，结果见下表。')).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(row.getByText('发送失败')).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(row.getByText('尝试次数：1')).toBeVisible();
});

test('the evaluation office keeps its fee accounts and asks the payment provider about waiting orders', async ({ page }, info) => {
  await login(page, info, 'pingban', DEMO_PASSWORD);
  await expect(page.getByRole('heading', { name: '马丽，您好' })).toBeVisible();
  await openMenu(page);
  await page.getByRole('link', { name: '收费对账' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '评审费收费对账' })).toBeVisible();
  await hydrated(page, info);
  await expect(page.getByRole('region', { name: '待退款' })).toBeVisible();
  await expect(page.getByText('支付渠道：内置支付网关（单机版）')).toBeVisible();
  await page.getByRole('button', { name: '立即与支付平台核对' }).click();
  // the built-in gateway has nothing to report: every waiting order stays waiting
  await expect(page.getByText(/已向支付平台核对 \d+ 笔等待中的订单，其中 0 笔已付款并已记录。/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: '评审费收费对账' })).toBeVisible();
});
