// 我的申报: starting an application and seeing what each section still lacks (issue 3, first slice).
import { expect, test } from '@playwright/test';
import { freshPerson, hydrated, keepScreenshot, register } from './support';

test('an applicant starts an application and sees its status, submissions and what is missing', async ({ page }, info) => {
  const p = freshPerson();
  await register(page, info, p);
  await page.getByRole('link', { name: '我的申报' }).click();
  await expect(page.getByRole('heading', { name: '我的申报' })).toBeVisible();
  await expect(page.getByText('您还没有申报。')).toBeVisible();
  await hydrated(page, info);

  const form = page.getByRole('form', { name: '开始申报' });
  // the level is required: refused at its field (live with JS, by the server without)
  await form.getByLabel('专业').fill('高等教育管理');
  await form.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await form.getByRole('button', { name: '开始申报' }).click();
  await expect(form.getByLabel('申报级别')).toHaveAccessibleDescription('此项必填');

  // the round's conditions, told at once: 副高级 asks for 中级 five years by the reference date
  await form.getByLabel('申报级别').selectOption({ label: '副高级' });
  await form.getByLabel('现任职称级别').selectOption({ label: '中级' });
  await form.getByLabel('任职资格取得时间').fill('2024-03-01');
  await form.getByLabel('专业').fill('高等教育管理');
  await form.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  if (info.project.use.javaScriptEnabled === false) await form.getByRole('button', { name: '开始申报' }).click();
  await expect(form.getByLabel('任职资格取得时间')).toHaveAccessibleDescription(/须任中级职称满5年（计算至 \d{4}-12-31）：按取得时间，2029-03-01 起方可申报/);
  await expect(page.getByText('您还没有申报。')).toBeVisible();
  await keepScreenshot(page, info, 'start-unmet');
  await form.getByLabel('申报级别').selectOption({ label: '副高级' });
  await form.getByLabel('现任职称级别').selectOption({ label: '中级' });
  await form.getByLabel('任职资格取得时间').fill('2020-03-01');
  await form.getByLabel('专业').fill('高等教育管理');
  await form.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await form.getByRole('button', { name: '开始申报' }).click();

  const card = page.getByRole('region', { name: /\d{4} · 副高级 · 高等教育管理/ });
  await expect(card).toBeVisible();
  await expect(card.getByText('草稿（未提交）')).toBeVisible();
  await expect(card.getByText('共3次，剩余3次')).toBeVisible();
  await expect(card.getByRole('listitem').filter({ hasText: '基本信息' })).toContainText('缺 3 项'); // 工作单位 and 申报专业 come from the start form
  await expect(card.getByRole('listitem').filter({ hasText: '个人承诺书' })).toContainText('缺 1 项');
  // 2023–2025, the last three years to the round's reference date: result and both sides each
  await expect(card.getByRole('listitem').filter({ hasText: '考核情况' })).toContainText('缺 9 项');
  // one open application per year: no second start form
  await expect(page.getByRole('form', { name: '开始申报' })).toHaveCount(0);
  await keepScreenshot(page, info, 'applications');
});

test('aid staff name their dispatching unit at the start, and the 援疆 section asks for the posting', async ({ page }, info) => {
  const p = freshPerson();
  await register(page, info, p);
  await page.getByRole('link', { name: '我的申报' }).click();
  await hydrated(page, info);
  const form = page.getByRole('form', { name: '开始申报' });
  await form.getByLabel('申报级别').selectOption({ label: '副高级' });
  await form.getByLabel('现任职称级别').selectOption({ label: '中级' });
  await form.getByLabel('任职资格取得时间').fill('2020-03-01');
  await form.getByLabel('专业').fill('高等教育管理');
  await form.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await expect(form.getByLabel('援疆派出单位')).toHaveValue('');
  await form.getByLabel('援疆派出单位').selectOption({ label: '北京师范大学' });
  await form.getByRole('button', { name: '开始申报' }).click();

  const card = page.getByRole('region', { name: /\d{4} · 副高级 · 高等教育管理/ });
  await expect(card).toBeVisible();
  // the unit is the applicant's own; the dispatching unit reviews, and 援疆 asks start date,
  // whether still on the posting, and the unit's approval
  await expect(card.getByText('新疆大学')).toBeVisible();
  await expect(card.getByRole('listitem').filter({ hasText: '援疆' })).toContainText('缺 3 项');
});

test('the rounds: the open one with its days left, and a series whose round has not opened says when it does', async ({ page }, info) => {
  await register(page, info, freshPerson());
  await page.getByRole('link', { name: '我的申报' }).click();
  const rounds = page.getByRole('region', { name: '申报批次' });
  await expect(rounds.getByRole('listitem', { name: /年度 · 高等学校教育管理研究 新疆维吾尔自治区/ })).toContainText(/申报中：\d{4}-\d{2}-\d{2} 截止，还剩 \d+ 天/);
  const lab = rounds.getByRole('listitem', { name: /年度 · 高等学校实验技术 新疆维吾尔自治区/ });
  const opens = (await lab.getByText(/\d{4}-\d{2}-\d{2} 开始申报/).textContent())!.slice(0, 10);
  await hydrated(page, info);

  // outside its window: refused at 评审系列 with the day it opens, and nothing is started
  const form = page.getByRole('form', { name: '开始申报' });
  await form.getByLabel('申报级别').selectOption({ label: '中级' });
  await form.getByLabel('评审系列').selectOption({ label: '高等学校实验技术' });
  await form.getByLabel('专业').fill('实验教学');
  await form.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await form.getByRole('button', { name: '开始申报' }).click();
  await expect(form.getByLabel('评审系列')).toHaveAccessibleDescription(`本系列本年度的申报将于 ${opens} 开始，届时即可新建申报`);
  await expect(page.getByText('您还没有申报。')).toBeVisible();
  await keepScreenshot(page, info, 'round-not-open');

  // the seed's series is open: started in its round's year
  await form.getByLabel('申报级别').selectOption({ label: '中级' });
  await form.getByLabel('现任职称级别').selectOption({ label: '初级' });
  await form.getByLabel('任职资格取得时间').fill('2020-03-01');
  await form.getByLabel('评审系列').selectOption({ label: '高等学校教育管理研究' });
  await form.getByLabel('专业').fill('高等教育管理');
  await form.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await form.getByRole('button', { name: '开始申报' }).click();
  const year = (await rounds.getByRole('listitem', { name: /年度 · 高等学校教育管理研究 新疆维吾尔自治区/ }).getAttribute('aria-label'))!.slice(0, 4);
  await expect(page.getByRole('region', { name: `${year} · 中级 · 高等教育管理` })).toBeVisible();
});
