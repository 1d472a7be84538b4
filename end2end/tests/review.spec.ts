// The review chain with four people in four browsers (issue 4): the applicant on a phone, the
// unit, the competent authority and the evaluation office at desks. A public notice started the
// Friday before a holiday week closes exactly when the working-day calendar says; a wrong pledge
// is refused; the office returns with one complete list; the applicant sees the live countdown,
// fixes and resubmits; a second return runs out its 48 hours with nobody acting. Queues update
// live. A second application is driven to its 3rd submission: there is no 4th.
//
// These tests move their own server's clock (project `review`), so they run one after another.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { advanceClock, beijingDate, completeApplication, DAY, decide, form, HOUR, signedIn, submit, unitFile } from './api';
import { pdf, photo } from './fixtures';
import { DEMO_PASSWORD, hydrated, keepScreenshot, login, startNotice } from './support';

test.describe.configure({ mode: 'serial' });

const desk = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

/** A reviewer at a desk, signed in, on the queue. */
async function reviewer(browser: Browser, info: TestInfo, account: string, opts: { js?: boolean } = {}): Promise<Page> {
  const ctx = await browser.newContext({ ...desk, baseURL: info.project.use.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: opts.js ?? true });
  const page = await ctx.newPage();
  await signIn(page, info, account, DEMO_PASSWORD, opts.js ?? true);
  await page.goto('/review');
  if (opts.js ?? true) await hydrated(page, info);
  return page;
}

async function signIn(page: Page, info: TestInfo, account: string, password: string, js = true) {
  if (js) {
    await login(page, info, account, password);
  } else {
    await page.goto('/login');
    await page.getByLabel('身份证号或用户名').fill(account);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }
  await expect(page.getByRole('button', { name: '退出登录', includeHidden: true })).toBeAttached(); // in 菜单 on a phone
}

/** Opens the application from the queue and waits for its page to be live. */
async function open(page: Page, info: TestInfo, name: string) {
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
  await hydrated(page, info);
}

test('the chain across four people: holiday week, pledge, one complete return list, 48 hours', async ({ browser, page }, info) => {
  test.setTimeout(300_000);
  const base = info.project.use.baseURL!;

  // the server's clock to a Friday 10:00 Beijing time; the week after it a holiday week with a
  // make-up working Saturday (调休), as the administrator enters them
  // (both tests stay inside one calendar year: a new year adds a year to the continuing-education
  // and assessment lists, which would make the applications incomplete half-way)
  let now = await advanceClock(base, 0);
  const today = new Date(now + 8 * HOUR);
  if (today.getUTCMonth() >= 9) now = await advanceClock(base, Date.UTC(today.getUTCFullYear() + 1, 0, 10) - now);
  const bj = new Date(now + 8 * HOUR);
  const toFriday = (5 - bj.getUTCDay() + 7) % 7 || 7;
  const friday = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate() + toFriday, 2, 0);
  await advanceClock(base, friday - now);
  const admin = await signedIn(base, 'admin');
  for (let d = 3; d <= 7; d++) {
    const r = await admin.post('/api/save_calendar_day', { form: { day: beijingDate(friday, d), kind: 'holiday', note: '测试假期' } });
    expect(r.status(), await r.text()).toBe(200);
  }
  await admin.post('/api/save_calendar_day', { form: { day: beijingDate(friday, 8), kind: 'workday', note: '测试调休' } });
  // Fri = day 1, the holiday week off, Sat (make-up) = 2, Mon–Wed = 3–5: closes Thursday 00:00
  const closes = friday - 10 * HOUR + 13 * DAY;

  // the unit's queue is open when the applicant submits: the application appears by itself
  const { person, c: applicantApi, app } = await completeApplication(base);
  let unit = await reviewer(browser, info, 'danwei');
  await expect(unit.getByRole('link', { name: person.name })).toHaveCount(0);
  await submit(applicantApi, app, 'first-submission');
  await expect(unit.getByRole('link', { name: person.name })).toBeVisible({ timeout: 2_000 });
  await keepScreenshot(unit, info, 'unit-queue');

  await open(unit, info, person.name);
  await startNotice(unit);
  await expect(unit.getByText(`${beijingDate(closes)} 00:00 后方可结束`)).toBeVisible();

  // anyone reads the notice (no ID number on it) and lodges an objection; the unit sees it live
  const publicCtx = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
  const visitor = await publicCtx.newPage();
  await visitor.goto('/gongshi');
  await visitor.getByRole('link', { name: person.name }).click();
  await expect(visitor.getByText('拥护党的路线方针政策')).toBeVisible();
  await expect(visitor.getByText(person.id)).toHaveCount(0);
  await hydrated(visitor, info);
  await visitor.getByLabel('您的姓名').fill('李四');
  await visitor.getByLabel('联系方式').fill('13800000000');
  await visitor.getByRole('button', { name: '提交异议' }).click();
  await expect(visitor.getByText('此项必填')).toBeVisible();
  await visitor.getByLabel('异议内容').fill('论文发表时间与检索证明不一致');
  await visitor.getByRole('button', { name: '提交异议' }).click();
  await expect(visitor.getByText('异议已提交')).toBeVisible();
  await expect(unit.getByText('论文发表时间与检索证明不一致')).toBeVisible({ timeout: 2_000 });

  // one minute before the calendar's moment the notice cannot close; at the moment it can
  await advanceClock(base, closes - 60_000 - friday);
  unit = await reviewer(browser, info, 'danwei'); // days passed: everyone signs in again
  await open(unit, info, person.name);
  for (const label of ['公示材料（加盖单位公章）', '公示结果（加盖单位公章）']) {
    await unit.getByLabel(label).and(unit.locator('input[type=file]')).setInputFiles(pdf(`${label}.pdf`));
    await expect(unit.getByText(`已上传：${label}.pdf`)).toBeVisible();
  }
  const recommend = unit.getByRole('form', { name: '同意推荐' });
  const pledge = `经审核，本单位已对${person.name}提供的申报材料逐一审核，真实准确，同意推荐。`;
  await recommend.getByLabel('审核意见').fill(pledge);
  await recommend.getByRole('button', { name: '同意推荐' }).click();
  await expect(recommend.getByText(`公示期未满5个工作日，${beijingDate(closes)} 00:00 之后才能结束公示`)).toBeVisible();
  await advanceClock(base, 60_000);
  // the objection must have a recorded handling before the recommendation is taken
  await recommend.getByLabel('审核意见').fill(pledge);
  await recommend.getByRole('button', { name: '同意推荐' }).click();
  await expect(recommend.getByText('公示期间有 1 条异议尚未处理')).toBeVisible();
  const objections = unit.getByRole('region', { name: '公示异议' });
  await expect(objections.getByText('李四（13800000000）')).toBeVisible();
  const handling = objections.getByRole('form', { name: '记录处理情况' });
  await handling.getByLabel('核实情况').fill('经核实，论文录用日期早于检索证明日期，材料真实');
  await handling.getByRole('button', { name: '记录处理情况' }).click();
  await expect(handling.getByText('此项必填')).toBeVisible();
  await expect(handling.getByLabel('核实情况')).toHaveValue('经核实，论文录用日期早于检索证明日期，材料真实');
  await handling.getByLabel('处理结果').fill('异议不成立，已电话告知异议人');
  await handling.getByRole('button', { name: '记录处理情况' }).click();
  await expect(objections.getByText('异议不成立，已电话告知异议人')).toBeVisible();
  await expect(objections.getByRole('form', { name: '记录处理情况' })).toHaveCount(0);
  await expect(recommend.getByText('公示期间有 1 条异议尚未处理')).toHaveCount(0);
  await keepScreenshot(unit, info, 'unit-objection-handled');
  await recommend.getByLabel('审核意见').fill('同意推荐');
  await recommend.getByRole('button', { name: '同意推荐' }).click();
  await expect(recommend.getByText(`推荐意见须包含“本单位已对${person.name}提供的申报材料逐一审核，真实准确，同意推荐”`)).toBeVisible();
  await keepScreenshot(unit, info, 'unit-wrong-pledge');
  await recommend.getByLabel('审核意见').fill(pledge);
  await recommend.getByRole('button', { name: '同意推荐' }).click();
  await expect(unit.getByText('主管单位审核中').first()).toBeVisible();

  // the office's queue is open when the authority recommends: it shows up without a reload
  const office = await reviewer(browser, info, 'pingban');
  await expect(office.getByRole('link', { name: person.name })).toHaveCount(0);
  const authority = await reviewer(browser, info, 'zhuguan');
  await open(authority, info, person.name);
  const onward = authority.getByRole('form', { name: '同意推荐' });
  await onward.getByLabel('审核意见').fill('经审核，同意推荐。');
  await onward.getByRole('button', { name: '同意推荐' }).click();
  await expect(authority.getByText('评审办事机构审核中').first()).toBeVisible();
  await expect(office.getByRole('link', { name: person.name })).toBeVisible({ timeout: 2_000 });

  // the office returns with two items, each pointing at its field
  await open(office, info, person.name);
  const back = office.getByRole('form', { name: '退回修改' });
  await back.getByLabel('位置').nth(0).selectOption('basic/photo');
  await back.getByLabel('修改要求').nth(0).fill('照片背景不符合要求，请上传近期免冠彩色一寸照片');
  await back.getByLabel('位置').nth(1).selectOption('publications/similarity_report-0');
  await back.getByLabel('修改要求').nth(1).fill('论文相似性检测报告不清晰，请重新上传');
  await back.getByRole('button', { name: '退回修改' }).click();
  await expect(office.getByText(/剩余 1 天 23 小时 \d+ 分/)).toBeVisible();
  await keepScreenshot(office, info, 'office-returned');

  // the applicant, on a phone: the countdown and the list beside the form; fixes and resubmits
  await signIn(page, info, person.id, person.password);
  await page.goto(`/applications/${app}`);
  await hydrated(page, info);
  const returned = page.getByRole('region', { name: '评审办事机构退回修改' });
  await expect(returned.getByText(/剩余 1 天 23 小时 \d+ 分 \d+ 秒/)).toBeVisible();
  const first = await returned.getByText(/剩余 1 天 23 小时 \d+ 分 \d+ 秒/).textContent();
  await expect(returned.getByText(/剩余 1 天 23 小时 \d+ 分 \d+ 秒/)).not.toHaveText(first!, { timeout: 3_000 }); // it ticks
  await expect(returned.getByText('照片背景不符合要求')).toBeVisible();
  await expect(returned.getByText('论文相似性检测报告不清晰')).toBeVisible();
  await keepScreenshot(page, info, 'applicant-returned');
  await page.getByRole('link', { name: '基本信息 · 一寸近期免冠彩色照片' }).click();
  await expect(page.getByRole('region', { name: '评审办事机构退回修改' }).getByText('照片背景不符合要求')).toBeVisible(); // the list beside the form
  await hydrated(page, info);
  await page.getByLabel('一寸近期免冠彩色照片').and(page.locator('input[type=file]')).setInputFiles(photo('新照片.png'));
  await expect(page.getByText('已上传：新照片.png')).toBeVisible();
  await page.goto(`/applications/${app}/submit`);
  await hydrated(page, info);
  await expect(page.getByText('共3次，剩余2次')).toBeVisible();
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('共3次，剩余1次')).toBeVisible();

  // the office's page follows by itself; it returns once more, and then nobody acts for 48 hours
  await expect(office.getByText('评审办事机构审核中').first()).toBeVisible({ timeout: 2_000 });
  await expect(office.getByText('共3次，剩余1次')).toBeVisible();
  const again = office.getByRole('form', { name: '退回修改' });
  await again.getByLabel('位置').nth(0).selectOption('assessment');
  await again.getByLabel('修改要求').nth(0).fill('请补充考核表背面');
  await again.getByRole('button', { name: '退回修改' }).click();
  await expect(office.getByText(/剩余 1 天 23 小时/)).toBeVisible();
  await advanceClock(base, 48 * HOUR);
  await signIn(page, info, person.id, person.password);
  await page.goto(`/applications/${app}`);
  await expect(page.getByText('视为放弃申报').first()).toBeVisible();
  await keepScreenshot(page, info, 'applicant-withdrawn');

  // a withdrawal spends the round: no fresh application with three new submissions in it
  await page.getByRole('link', { name: '我的申报', exact: true }).click();
  await hydrated(page, info);
  const restart = page.getByRole('form', { name: '开始申报' });
  await restart.getByLabel('申报级别').selectOption({ label: '副高级' });
  await restart.getByLabel('专业').fill('高等教育管理');
  await restart.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await restart.getByRole('button', { name: '开始申报' }).click();
  await expect(restart.getByLabel('评审系列')).toHaveAccessibleDescription(/每人每年度只能申报一次/);
});

test('after the third submission there is no fourth; reviewers without JavaScript decide too', async ({ browser, page }, info) => {
  test.setTimeout(240_000);
  const base = info.project.use.baseURL!;
  const { person, c, app } = await completeApplication(base);
  await submit(c, app, 'sub-1');

  // the unit starts the notice from a browser without JavaScript
  let unit = await reviewer(browser, info, 'danwei', { js: false });
  await unit.getByRole('link', { name: person.name }).click();
  await startNotice(unit);
  await expect(unit.getByText('单位公示中').first()).toBeVisible();

  await advanceClock(base, 8 * DAY);
  const unitApi = await signedIn(base, 'danwei');
  await unitFile(unitApi, app, 'unit_notice_materials');
  await unitFile(unitApi, app, 'unit_notice_result');
  await decide(unitApi, app, 'unit_recommend', `本单位已对${person.name}提供的申报材料逐一审核，真实准确，同意推荐`);
  await decide(await signedIn(base, 'zhuguan'), app, 'authority_recommend', '同意推荐');

  // the office returns without JavaScript: a list item without its note is refused at the row
  const office = await reviewer(browser, info, 'pingban', { js: false });
  await office.getByRole('link', { name: person.name }).click();
  const back = office.getByRole('form', { name: '退回修改' });
  await back.getByLabel('位置').nth(0).selectOption('basic/photo');
  await back.getByRole('button', { name: '退回修改' }).click();
  await expect(office.getByText('请写明修改要求')).toBeVisible();
  await office.getByRole('form', { name: '退回修改' }).getByLabel('位置').nth(0).selectOption('basic/photo');
  await office.getByRole('form', { name: '退回修改' }).getByLabel('修改要求').nth(0).fill('照片不清晰');
  await office.getByRole('form', { name: '退回修改' }).getByRole('button', { name: '退回修改' }).click();
  await expect(office.getByText('已退回，请修改').first()).toBeVisible();

  const applicant = await signedIn(base, person.id, person.password);
  const officeApi = await signedIn(base, 'pingban');
  for (const n of [2, 3]) {
    await submit(applicant, app, `sub-${n}`);
    await decide(officeApi, app, 'office_return', '', [['basic', `第${n}次退回`]]);
  }
  expect((await form(applicant, app)).submissions_left).toBe(0);
  const fourth = await applicant.post('/api/submit_application', { form: { id: app, key: 'sub-4'.padEnd(20, '0') } });
  expect(await fourth.text()).toContain('SubmitNoneLeft');

  await signIn(page, info, person.id, person.password);
  await page.goto(`/applications/${app}`);
  await expect(page.getByRole('region', { name: '评审办事机构退回修改' }).getByText('已提交3次，不能再提交')).toBeVisible();
  await page.goto(`/applications/${app}/submit`);
  await expect(page.getByText('共3次，剩余0次')).toBeVisible();
  await expect(page.getByText('已提交3次，不能再提交')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交' })).toHaveCount(0);
  await keepScreenshot(page, info, 'no-fourth-submission');
});

test('an aid applicant is reviewed by the dispatching unit, not by their own', async ({ browser }, info) => {
  const base = info.project.use.baseURL!;
  const own = await reviewer(browser, info, 'danwei');
  const dispatching = await reviewer(browser, info, 'paichu');
  const { person, c, app } = await completeApplication(base, { aidUnit: 'org-dispatch-bnu' });
  await submit(c, app, 'aid-staff-submission');
  const theirs = (page: Page) => page.getByRole('link', { name: person.name }).and(page.locator(`[href="/review/${app}"]`));
  await expect(theirs(dispatching)).toBeVisible({ timeout: 5_000 });
  await theirs(dispatching).click();
  await expect(dispatching.getByRole('heading', { level: 1, name: new RegExp(person.name) })).toBeVisible();
  const facts = dispatching.locator('dl.facts').first();
  await expect(facts).toContainText('新疆大学');
  await expect(facts).toContainText('援疆派出单位北京师范大学');
  await hydrated(dispatching, info);
  await startNotice(dispatching);
  await expect(dispatching.getByText('公示中').first()).toBeVisible();
  await keepScreenshot(dispatching, info, 'dispatching-unit-review');
  // the applicant's own unit never had it
  await own.reload();
  await hydrated(own, info);
  await expect(theirs(own)).toHaveCount(0);
});
