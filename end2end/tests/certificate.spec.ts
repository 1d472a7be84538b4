// From 通过形式 to a certificate (issue 5), with seven people in their own browsers: the applicant
// pays on a phone through the built-in gateway; the office creates a session and assigns the
// application; the committee member from the applicant's own unit does not see it; two others vote;
// the office closes and publishes; the results are public; the HR department files after five
// working days; the issuer issues; the applicant downloads the signed PDF, whose own signed data
// names the verify page, which says valid — and revoked after the issuer revokes. Then a fraud
// finding: the applicant cannot start again, the unit cannot recommend, and its staff cannot apply.
//
// The test moves its server's clock (project `certificate`, a server of its own).
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { advanceClock, completeApplication, DAY, decide, form, HOUR, registered, signedIn, submit, unitFile } from './api';
import { DEMO_PASSWORD, hydrated, keepScreenshot, login, openMenu, startNotice } from './support';

test.describe.configure({ mode: 'serial' });

const desk = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

async function person(browser: Browser, info: TestInfo, account: string, password = DEMO_PASSWORD, phone = false): Promise<Page> {
  const ctx = await browser.newContext({
    ...(phone ? {} : desk),
    baseURL: info.project.use.baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await ctx.newPage();
  await login(page, info, account, password);
  await expect(page.getByRole('button', { name: '退出登录', includeHidden: true })).toBeAttached(); // in 菜单 on a phone
  return page;
}

/** An application driven through the review chain by the API, to 通过形式. */
async function formallyPassed(base: string) {
  const { person: p, c, app } = await completeApplication(base);
  await submit(c, app, `cert-${app}`);
  let unit = await signedIn(base, 'danwei');
  await decide(unit, app, 'start_notice');
  await advanceClock(base, 8 * DAY);
  unit = await signedIn(base, 'danwei');
  await unitFile(unit, app, 'unit_notice_materials');
  await unitFile(unit, app, 'unit_notice_result');
  await decide(unit, app, 'unit_recommend', `本单位已对${p.name}提供的申报材料逐一审核，真实准确，同意推荐`);
  await decide(await signedIn(base, 'zhuguan'), app, 'authority_recommend', '符合申报条件，同意推荐');
  await decide(await signedIn(base, 'pingban'), app, 'office_pass', '材料齐全，通过形式审查');
  return { p, app };
}

test('fee, session, vote, results, filing, certificate, verify, revoke', async ({ browser }, info) => {
  test.setTimeout(300_000);
  const base = info.project.use.baseURL!;
  // stay inside one calendar year (a new year would add a required training year)
  const now = await advanceClock(base, 0);
  const today = new Date(now + 8 * HOUR);
  if (today.getUTCMonth() >= 9) await advanceClock(base, Date.UTC(today.getUTCFullYear() + 1, 0, 10, 2) - now);
  const { p, app } = await formallyPassed(base);

  // the applicant pays on the phone — and, in a second tab opened before the first one paid, pays
  // again: the second payment is owed back
  const applicant = await person(browser, info, p.id, p.password, true);
  await applicant.goto(`/applications/${app}/fee`);
  await hydrated(applicant, info);
  await expect(applicant.getByText('¥300.00')).toBeVisible();
  await applicant.getByRole('button', { name: '缴纳评审费' }).click();
  await expect(applicant.getByRole('heading', { name: '内置支付网关' })).toBeVisible();
  const tab = await applicant.context().newPage();
  await tab.goto(`/applications/${app}/fee`);
  await hydrated(tab, info);
  await tab.getByRole('button', { name: '缴纳评审费' }).click();
  await expect(tab.getByRole('heading', { name: '内置支付网关' })).toBeVisible();
  await applicant.getByRole('button', { name: '确认支付' }).click();
  await expect(applicant.getByText('支付成功，申报已进入评审环节。')).toBeVisible();
  await expect(applicant.getByRole('link', { name: '下载收据（PDF）' })).toBeVisible();
  await keepScreenshot(applicant, info, 'fee-paid');
  await tab.getByRole('button', { name: '确认支付' }).click();
  await expect(tab.getByText('另有一笔 ¥300.00 为重复缴纳（或在申报终止后到账），评审办公室将经原支付渠道全额退还。')).toBeVisible();
  await tab.close();

  // 收费对账: the office sees the second payment owed back and refunds it the way it came
  const office = await person(browser, info, 'pingban');
  await openMenu(office);
  await office.getByRole('link', { name: '收费对账' }).click();
  const due = office.getByRole('region', { name: '待退款' });
  await expect(due.getByRole('link', { name: p.name })).toBeVisible();
  await due.getByRole('button', { name: '原路退款 ¥300.00' }).click();
  await expect(office.getByText(/^已原路退还订单 ZP\w+ 的费用。$/)).toBeVisible();
  await expect(office.getByText('没有待退款的费用。')).toBeVisible();
  await expect(office.getByRole('region', { name: '已退款（近90天）' }).getByRole('link', { name: p.name })).toBeVisible();
  await keepScreenshot(office, info, 'fee-refunded');
  await applicant.reload();
  await expect(applicant.getByText(/^¥300\.00 已于 .+ 经原支付渠道退还。$/)).toBeVisible();

  // the office: a session with three members, and the application assigned to it
  await office.getByRole('link', { name: '评审组织', exact: true }).click();
  await hydrated(office, info);
  await expect(office.getByText(/已缴费待分配 1 人/)).toBeVisible();
  await office.getByLabel('评审会名称').fill('高教管理研究副高评审会');
  // today by the real calendar: this server's clock already stands days ahead (the public notice
  // above), so the session has met and its voting may be closed below
  await office.getByLabel('评审日期').fill(new Date().toISOString().slice(0, 10));
  await office.getByLabel('时间', { exact: true }).fill('09:30');
  await office.getByLabel('地点').fill('自治区人才大厦 301 会议室');
  await office.getByRole('button', { name: '创建评审会' }).click();
  await expect(office.getByText('请至少选择一位评审委员')).toBeVisible();
  for (const name of ['陈明', '努尔兰·托合提', '周静']) await office.getByLabel(new RegExp(name)).check();
  // the form is HTML (no island): the new session's own page comes next, where it is filled
  await office.getByRole('button', { name: '创建评审会' }).click();
  await expect(office.getByRole('heading', { level: 1, name: '高教管理研究副高评审会' })).toBeVisible();
  await hydrated(office, info);
  await office.getByLabel(new RegExp(p.name)).check();
  await office.getByRole('button', { name: '分配并通知申报人' }).click();
  await expect(office.getByRole('cell', { name: new RegExp(p.name) })).toBeVisible();
  const session = office.url().split('/').pop()!;

  // 努尔兰·托合提 works at 新疆大学, the applicant's unit: the application is not there for him
  const ownUnit = await person(browser, info, 'pingwei2');
  await ownUnit.goto(`/committee/${session}`);
  await expect(ownUnit.getByText('与您同单位的申报人不在此列（回避）。')).toBeVisible();
  await expect(ownUnit.getByText(p.name)).toHaveCount(0);
  await expect(ownUnit.getByRole('button', { name: '提交表决' })).toHaveCount(0);
  const api = await signedIn(base, 'pingwei2');
  const refused = await api.post('/api/cast_vote', { form: { session, application: app, vote: 'pass' } });
  expect(refused.status()).not.toBe(200);

  // the two others vote pass (one in the browser, with a fail refused without a reason first)
  const member = await person(browser, info, 'pingwei');
  await member.goto(`/committee/${session}`);
  await hydrated(member, info);
  const card = member.getByRole('region', { name: p.name });
  await card.getByRole('radio', { name: '不通过' }).check();
  await card.getByRole('button', { name: '提交表决' }).click();
  await expect(member.getByText('投“不通过”时请填写理由')).toBeVisible();
  await card.getByRole('radio', { name: '通过', exact: true }).check();
  await card.getByRole('button', { name: '提交表决' }).click();
  await expect(card.getByText('您的表决：通过')).toBeVisible();
  const other = await signedIn(base, 'pingwei3');
  expect((await other.post('/api/cast_vote', { form: { session, application: app, vote: 'pass', comment: '同意' } })).status()).toBe(200);

  // close and publish; the office's page shows the count and the outcome
  await office.reload();
  await hydrated(office, info);
  await office.getByRole('button', { name: '结束投票并计算结果' }).click();
  await expect(office.getByRole('cell', { name: '赞成 2 / 已投 2' })).toBeVisible();
  await office.getByRole('button', { name: '公示评审结果' }).click();
  await expect(office.getByText(/结果公示至/)).toBeVisible();

  // anyone reads the results
  const publicPage = await (await browser.newContext({ baseURL: base, locale: 'zh-CN' })).newPage();
  await publicPage.goto('/results');
  await expect(publicPage.getByRole('row', { name: new RegExp(`${p.name}.*通过`) })).toBeVisible();

  // filing after five working days of public results
  await advanceClock(base, 9 * DAY);
  const hr = await person(browser, info, 'renshe');
  await hr.goto('/filing');
  await hydrated(hr, info);
  await hr.getByRole('button', { name: '全部备案' }).click();
  await expect(hr.getByText('已备案。')).toBeVisible();

  // the 兵团's issuer, another region, sees none of it (M1)
  const issuer2 = await person(browser, info, 'qianfa2');
  await issuer2.goto('/issuing');
  await expect(issuer2.getByText('暂无待签发的证书')).toBeVisible();
  await expect(issuer2.getByText('本地区尚未签发证书')).toBeVisible();
  await expect(issuer2.getByText(p.name)).toHaveCount(0);
  await issuer2.context().close();

  // issuance
  const issuer = await person(browser, info, 'qianfa');
  await issuer.goto('/issuing');
  await hydrated(issuer, info);
  await expect(issuer.getByText(p.name)).toBeVisible();
  await issuer.getByRole('button', { name: '全部签发' }).click();
  await expect(issuer.getByText('已签发 1 份证书。')).toBeVisible();

  // the holder downloads the PDF; its signed data names the verify page
  const holder = await person(browser, info, p.id, p.password, true);
  await holder.goto('/certificates');
  await expect(holder.getByRole('heading', { name: '副研究员' })).toBeVisible();
  await keepScreenshot(holder, info, 'my-certificates');
  const [download] = await Promise.all([holder.waitForEvent('download'), holder.getByRole('link', { name: '下载 PDF' }).click()]);
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const data = JSON.parse(Buffer.from(/%ZP-DATA (\S+)/.exec(bytes.toString('latin1'))![1], 'base64').toString('utf8'));
  expect(data.holder_name).toBe(p.name);
  const verifyUrl = `/verify/${data.number}`;
  expect(bytes.toString('latin1')).not.toContain(p.id); // the ID number is in the signed data only as base64, never in plain text

  const checker = await (await browser.newContext({ baseURL: base, locale: 'zh-CN', ...desk })).newPage();
  await checker.goto(verifyUrl);
  await expect(checker.getByRole('status').filter({ hasText: '有效证书' })).toBeVisible();
  await expect(checker.getByText(p.name)).toHaveCount(0); // the name is masked
  await expect(checker.getByText('新疆大学')).toBeVisible(); // the unit of a self-registered applicant
  await keepScreenshot(checker, info, 'verify-valid');

  // the issuer revokes; the same page now says revoked
  await issuer.reload();
  await hydrated(issuer, info);
  await issuer.getByText('撤销…').click();
  await issuer.getByLabel('撤销原因').fill('经核查，业绩材料不实，撤销任职资格');
  await issuer.getByRole('button', { name: '撤销证书' }).click();
  await expect(issuer.getByText('证书已撤销')).toBeVisible();
  await checker.reload();
  await expect(checker.getByRole('status').filter({ hasText: '证书已撤销' })).toBeVisible();
  await expect(checker.getByText('经核查，业绩材料不实，撤销任职资格')).toBeVisible();
  await keepScreenshot(checker, info, 'verify-revoked');
});

test('a fraud finding bars the applicant for 3 years and the unit for 2', async ({ browser }, info) => {
  test.setTimeout(240_000);
  const base = info.project.use.baseURL!;
  // two applicants of 新疆大学: one at the office, one waiting for the unit
  const { p, app } = await formallyPassed(base);
  const second = await completeApplication(base);
  await submit(second.c, second.app, `cert2-${second.app}`);
  // and a third whose complete application is not submitted yet
  const third = await completeApplication(base);

  const office = await person(browser, info, 'pingban');
  await office.goto(`/review/${app}`);
  await hydrated(office, info);
  await office.getByText('查实弄虚作假').click();
  await office.getByLabel('查实的事实和证据').fill('学历证书系伪造，经学信网核实无此学历记录');
  await office.getByLabel(/申报人（三年内不得申报/).check();
  await office.getByLabel(/推荐单位（两年内不得推荐/).check();
  await office.getByRole('button', { name: '记录并通报' }).click();
  await expect(office.getByText('已记录并通报：该申报已关闭，处理期限已生效。')).toBeVisible();
  await expect(office).toHaveURL(/\/review\?done=find_fraud/);

  // the public notice of findings
  const publicPage = await (await browser.newContext({ baseURL: base, locale: 'zh-CN' })).newPage();
  await publicPage.goto('/tongbao');
  await expect(publicPage.getByText(p.name)).toBeVisible();
  await expect(publicPage.getByText(/推荐单位（取消两年推荐资格/)).toBeVisible();

  // the office's credit record (诚信档案, in the menu) keeps both
  await openMenu(office);
  await office.getByRole('link', { name: '诚信档案' }).click();
  await expect(office.getByRole('heading', { level: 1, name: '诚信档案' })).toBeVisible();
  const entry = office.getByRole('listitem').filter({ hasText: p.name });
  await expect(entry.getByText('学历证书系伪造，经学信网核实无此学历记录')).toBeVisible();
  await expect(office.getByRole('listitem').filter({ hasText: /推荐单位（取消两年推荐资格/ }).first()).toBeVisible();

  // the applicant, signed in again, cannot start an application: told until when
  const applicant = await person(browser, info, p.id, p.password, true);
  await applicant.goto('/applications');
  await hydrated(applicant, info);
  await applicant.getByLabel('申报级别').selectOption({ label: '副高级' });
  await applicant.getByLabel('专业', { exact: true }).fill('高等教育管理');
  await applicant.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await applicant.getByRole('button', { name: '开始申报' }).click();
  await expect(applicant.getByText(/因提供虚假材料被取消申报资格，\d{4}-\d{2}-\d{2} 前不得申报职称评审/)).toBeVisible();

  // the unit cannot start a notice (the road to a recommendation) for the second applicant
  const unit = await person(browser, info, 'danwei');
  await unit.goto(`/review/${second.app}`);
  await hydrated(unit, info);
  await startNotice(unit);
  await expect(unit.getByText(/本单位因协助弄虚作假被取消推荐资格，\d{4}-\d{2}-\d{2} 前不得推荐/)).toBeVisible();
  expect((await form(second.c, second.app)).status).toBe('UnitReview');

  // nor may its staff apply (they would wait at a review that cannot recommend): the complete
  // draft cannot be submitted, and no new application can name the unit; both say until when
  const barred = /所在单位“新疆大学”因协助弄虚作假被取消推荐资格，\d{4}-\d{2}-\d{2} 前本单位人员不能申报或提交/;
  const staff = await person(browser, info, third.person.id, third.person.password, true);
  await staff.goto('/applications');
  await staff.getByRole('link', { name: '继续填写' }).click();
  await staff.getByRole('link', { name: '检查并提交' }).click();
  await hydrated(staff, info);
  await staff.getByRole('button', { name: '提交', exact: true }).click();
  await expect(staff.getByText(barred)).toBeVisible();
  await expect(staff.getByText('共3次，剩余3次')).toBeVisible();
  // a colleague without an application yet is told at the start form, at 所在单位
  const colleague = await registered(base);
  const newcomer = await person(browser, info, colleague.id, colleague.password, true);
  await openMenu(newcomer);
  await newcomer.getByRole('link', { name: '我的申报' }).first().click();
  await hydrated(newcomer, info);
  await newcomer.getByLabel('申报级别').selectOption({ label: '中级' });
  await newcomer.getByLabel('专业', { exact: true }).fill('高等教育管理');
  await newcomer.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await newcomer.getByRole('button', { name: '开始申报' }).click();
  await expect(newcomer.getByLabel('所在单位')).toHaveAccessibleDescription(barred);

  // the unit itself finds fraud during its review (the second applicant): against the applicant
  // only, it is not offered to name itself
  await unit.getByText('查实弄虚作假').click();
  await expect(unit.getByLabel(/推荐单位（两年内不得推荐/)).toHaveCount(0);
  await unit.getByLabel('查实的事实和证据').fill('论文系抄袭，经查重复制比为百分之六十二');
  await unit.getByLabel(/申报人（三年内不得申报/).check();
  await unit.getByRole('button', { name: '记录并通报' }).click();
  await expect(unit.getByText('已记录并通报：该申报已关闭，处理期限已生效。')).toBeVisible();
  await expect(unit).toHaveURL(/\/review\?done=find_fraud/);
});
