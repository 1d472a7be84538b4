// The application form on a phone, from empty to submitted (issue 3): every section, real files
// made by the test, bad files refused with their reason, a vague word, a date before the post, a
// conditional requirement, a reload mid-form, the handwritten pledge and a double click on 提交.
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { blurred, executableAsPdf, pdf, photo, pixelBomb, scan, truncatedPdf, type Fixture } from './fixtures';
import { freshPerson, hydrated, keepScreenshot, register } from './support';

const noJs = (info: TestInfo) => info.project.use.javaScriptEnabled === false;

/** A new applicant starts an application at `level` in 新疆大学 and opens it. */
async function startApplication(page: Page, info: TestInfo, level: string) {
  await register(page, info, freshPerson());
  await page.goto('/applications');
  await hydrated(page, info);
  const start = page.getByRole('form', { name: '开始申报' });
  await start.getByLabel('申报级别').selectOption({ label: level });
  // the title below it, held since 2020: five years or more by the round's reference date
  await start.getByLabel('现任职称级别').selectOption({ label: level === '副高级' ? '中级' : '初级' });
  await start.getByLabel('任职资格取得时间').fill('2020-03-01');
  await start.getByLabel('专业').fill('高等教育管理');
  await start.getByLabel('所在单位').selectOption({ label: '新疆大学' });
  await start.getByRole('button', { name: '开始申报' }).click();
  await page.getByRole('link', { name: '继续填写' }).click();
}

/** The file input of a field (its label) inside `scope`. */
function fileInput(page: Page, scope: Locator, label: string): Locator {
  return scope.getByLabel(label).and(page.locator('input[type=file]'));
}

/** Uploads `file` at the field labelled `label` and waits until the page shows it. */
async function upload(page: Page, info: TestInfo, scope: Locator, label: string, file: Fixture) {
  await fileInput(page, scope, label).setInputFiles(file);
  if (noJs(info)) await scope.getByRole('button', { name: `上传 ${label}` }).click();
  await expect(page.getByText(`已上传：${file.name}`)).toBeVisible();
}

/** Uploads a bad file and expects the field to say why. */
async function refused(page: Page, info: TestInfo, label: string, file: Fixture, reason: RegExp) {
  const form = page.getByRole('form');
  await fileInput(page, form, label).setInputFiles(file);
  if (noJs(info)) await form.getByRole('button', { name: `上传 ${label}` }).click();
  await expect(page.getByText(reason)).toBeVisible();
}

/** Saves the section (with JavaScript it also saves itself as one types). */
async function save(page: Page, info: TestInfo) {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  if (!noJs(info)) await expect(page.getByRole('status').filter({ hasText: /^已保存$/ })).toBeVisible();
  else await page.waitForLoadState();
}

async function next(page: Page, info: TestInfo, section: string) {
  await page.getByRole('button', { name: '保存并继续' }).click();
  await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
  await hydrated(page, info);
}

test('an applicant fills every section on a phone and submits once', async ({ page }, info) => {
  test.skip(info.project.name === 'desktop', 'the phone projects cover this flow');
  test.setTimeout(300_000);
  const js = !noJs(info);
  await startApplication(page, info, '副高级');
  await expect(page.getByText('共3次，剩余3次')).toBeVisible();
  await page.getByRole('link', { name: '继续填写' }).click();

  // 基本信息: a vague word is flagged with the word; bad files are refused with their reason
  await expect(page.getByRole('heading', { level: 1, name: '基本信息' })).toBeVisible();
  await hydrated(page, info);
  let form = page.getByRole('form', { name: '基本信息' });
  await form.getByLabel('工作单位').fill('新疆大学');
  await form.getByLabel('从事专业').fill('高等教育管理');
  await form.getByLabel('思想政治条件').fill('思想表现基本上良好');
  if (!js) await save(page, info);
  await expect(form.getByLabel('思想政治条件')).toHaveAccessibleDescription(/含有含糊词语“基本上”/);
  await form.getByLabel('思想政治条件').fill('拥护党的路线方针政策，遵纪守法，师德良好。');
  await save(page, info);
  await expect(form.getByLabel('思想政治条件')).not.toHaveAccessibleDescription(/含糊/);
  await refused(page, info, '身份证扫描件', executableAsPdf(), /只接受 PDF、JPEG 或 PNG 文件/);
  await refused(page, info, '身份证扫描件', truncatedPdf(), /PDF 文件无法打开或没有页面/);
  await refused(page, info, '身份证扫描件', blurred(), /图片模糊，无法看清/);
  await refused(page, info, '身份证扫描件', pixelBomb(), /图片尺寸过大（30000×30000 像素）/);
  await upload(page, info, form, '身份证扫描件', pdf('身份证.pdf'));
  await upload(page, info, form, '一寸近期免冠彩色照片', photo('一寸照片.png'));
  await keepScreenshot(page, info, 'section-basic');
  await next(page, info, '学历学位');

  // 学历学位: a repeating item; with JavaScript a reload right after typing loses nothing
  form = page.getByRole('form', { name: '学历学位' });
  await form.getByRole('button', { name: '添加学历' }).click();
  const degree = form.getByRole('group', { name: '第 1 项' });
  await expect(degree).toBeVisible();
  await hydrated(page, info);
  await degree.getByLabel('毕业院校').fill('新疆大学');
  await degree.getByLabel('所学专业').fill('教育学');
  await degree.getByLabel('毕业时间').fill('2010-06-30');
  if (js) {
    await page.reload();
    await hydrated(page, info);
    await expect(degree.getByLabel('所学专业')).toHaveValue('教育学');
    await expect(degree.getByLabel('毕业时间')).toHaveValue('2010-06-30');
  } else {
    await save(page, info);
  }
  await upload(page, info, degree, '学历证书', pdf('毕业证书.pdf'));
  await upload(page, info, degree, '学位证书', pdf('学位证书.pdf'));
  await upload(page, info, degree, '学信网查询验证报告', pdf('学信网报告.pdf'));
  await keepScreenshot(page, info, 'section-education');
  await next(page, info, '专业技术资格');

  // 专业技术资格: the 评审表 is asked for only when the title was obtained outside Xinjiang
  form = page.getByRole('form', { name: '专业技术资格' });
  await form.getByLabel('现专业技术职务任职资格').fill('助理研究员');
  await expect(form.getByLabel('现任职称级别')).toHaveValue('intermediate'); // as the start form said
  await expect(form.getByLabel('任职资格取得时间')).toHaveValue('2020-03-01');
  await form.getByLabel('从事本专业技术工作年限（年）').fill('12');
  await form.getByRole('radiogroup', { name: '任职资格是否在新疆取得' }).getByLabel('是').check();
  if (!js) await save(page, info);
  await expect(fileInput(page, form, '专业技术职务任职资格评审表')).toHaveCount(0);
  await form.getByRole('radiogroup', { name: '任职资格是否在新疆取得' }).getByLabel('否').check();
  if (!js) await save(page, info);
  await expect(fileInput(page, form, '专业技术职务任职资格评审表')).toBeVisible();
  await upload(page, info, form, '所在单位出具的从事现任专业工作年限书面证明', pdf('年限证明.pdf'));
  await upload(page, info, form, '职称证书', pdf('职称证书.pdf'));
  await upload(page, info, form, '专业技术职务任职资格评审表', pdf('评审表.pdf'));
  await keepScreenshot(page, info, 'section-qualification');
  await next(page, info, '工作简历');

  // 工作简历: an achievement dated before the current post is refused with both dates
  form = page.getByRole('form', { name: '工作简历' });
  // 制约 holds 约 but says nothing approximate: no complaint
  await form.getByLabel('实践能力').fill('负责学院教学管理工作，针对制约教学质量的因素制定并实施监控方案。');
  await form.getByRole('button', { name: '添加业绩成果' }).click();
  const achievement = form.getByRole('group', { name: '第 1 项' });
  await expect(achievement).toBeVisible();
  await hydrated(page, info);
  await achievement.getByLabel('成果名称').fill('教学管理改革项目');
  await achievement.getByLabel('成果简介').fill('主持完成校级教改项目一项，形成制度文件三份。');
  await achievement.getByLabel('取得时间').fill('2019-12-31');
  if (!js) await save(page, info);
  await expect(achievement.getByLabel('取得时间')).toHaveAccessibleDescription(/2019-12-31 早于取得现资格的时间 2020-03-01/);
  await achievement.getByLabel('取得时间').fill('2024-06-01');
  await save(page, info);
  await expect(achievement.getByLabel('取得时间')).not.toHaveAccessibleDescription(/早于/);
  await expect(form.getByLabel('实践能力')).not.toHaveAccessibleDescription(/含糊|请确认/);
  await upload(page, info, achievement, '佐证材料', pdf('佐证材料.pdf'));
  await keepScreenshot(page, info, 'section-work');
  await next(page, info, '著作论文');

  // 著作论文: a paper needs the similarity report at 副高级; a work plan the unit's certification
  form = page.getByRole('form', { name: '著作论文' });
  await form.getByRole('button', { name: '添加著作论文' }).click();
  const paper = form.getByRole('group', { name: '第 1 项' });
  await expect(paper).toBeVisible();
  await hydrated(page, info);
  await paper.getByLabel('类别').selectOption({ label: '工作方案' });
  if (!js) await save(page, info);
  await expect(fileInput(page, paper, '所在单位出具并盖章的证明')).toBeVisible();
  await expect(fileInput(page, paper, '论文相似性检测报告')).toHaveCount(0);
  await paper.getByLabel('类别').selectOption({ label: '论文' });
  if (!js) await save(page, info); // without JavaScript the paper's own fields appear after saving
  // a published title may hold 相关 as a field of study: a warning to check it, not a refusal
  // (the application is submitted with it below)
  await paper.getByLabel('题目').fill('高校教学管理信息化相关研究');
  await paper.getByLabel('发表（形成）时间').fill('2025-01-15');
  await paper.getByRole('radiogroup', { name: '是否第一作者' }).getByLabel('是').check();
  await save(page, info);
  await expect(paper.getByLabel('题目')).toHaveAccessibleDescription(/请确认“相关”是否确切.*不影响提交/);
  await expect(fileInput(page, paper, '所在单位出具并盖章的证明')).toHaveCount(0);
  for (const label of ['封面', '目录', '正文', '检测机构出具的图书、论文认定表', '论文相似性检测报告']) {
    await upload(page, info, paper, label, pdf(`${label}.pdf`));
  }
  await keepScreenshot(page, info, 'section-publications');
  await next(page, info, '继续教育');

  // 继续教育: one record per year since the post, listed by the form itself
  form = page.getByRole('form', { name: '继续教育' });
  const years = form.getByRole('group', { name: /\d{4} 年度/ });
  const count = await years.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) {
    const year = years.nth(i);
    await year.getByLabel('专业科目学时').fill('60');
    await year.getByLabel('公需科目学时').fill('30');
  }
  await save(page, info);
  for (let i = 0; i < count; i++) {
    await upload(page, info, years.nth(i), '专业课继续教育证', pdf(`继续教育证书${i}.pdf`));
  }
  await upload(page, info, form, '继续教育公需科目远程教育合格证书', pdf('公需科目.pdf'));
  await keepScreenshot(page, info, 'section-training');
  await next(page, info, '考核情况');

  // 考核情况: both sides of the form for each required year
  form = page.getByRole('form', { name: '考核情况' });
  const assessed = form.getByRole('group', { name: /\d{4} 年度/ });
  const n = await assessed.count();
  for (let i = 0; i < n; i++) await assessed.nth(i).getByLabel('考核结果').fill('合格');
  await save(page, info);
  for (let i = 0; i < n; i++) {
    await upload(page, info, assessed.nth(i), '考核表（正面）', pdf(`考核表正面${i}.pdf`));
    await upload(page, info, assessed.nth(i), '考核表（反面）', pdf(`考核表反面${i}.pdf`));
  }
  await keepScreenshot(page, info, 'section-assessment');
  await next(page, info, '其他材料');

  form = page.getByRole('form', { name: '其他材料' });
  await upload(page, info, form, '公示材料', pdf('公示材料.pdf'));
  await upload(page, info, form, '公示结果', pdf('公示结果.pdf'));
  await keepScreenshot(page, info, 'section-other');
  await next(page, info, '个人承诺书');

  // 个人承诺书: written by hand on the screen (a token scribble is refused), or on paper without JS
  form = page.getByRole('form', { name: '个人承诺书' });
  await expect(page.getByText('本人承诺：所提供的个人信息和证明材料真实准确')).toBeVisible();
  if (js) {
    const pad = page.getByRole('img', { name: '手写承诺书书写区' });
    // clicking buttons scrolls the page: measure the pad where it is now, in the middle of the screen
    const place = async () => {
      await pad.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      return (await pad.boundingBox())!;
    };
    let box = await place();
    const stroke = async (x0: number, y0: number, points: [number, number][]) => {
      await page.mouse.move(box.x + x0, box.y + y0);
      await page.mouse.down();
      for (const [dx, dy] of points) await page.mouse.move(box.x + x0 + dx, box.y + y0 + dy, { steps: 2 });
      await page.mouse.up();
    };
    await stroke(20, 20, [[10, 5]]);
    await page.getByRole('button', { name: '确认签署' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /笔画太少|笔迹太少/ })).toBeVisible();
    await page.getByRole('button', { name: '清除' }).click();
    box = await place();
    const w = box.width;
    for (let i = 0; i < 12; i++) {
      const x = 10 + (i * (w - 40)) / 12;
      await stroke(x, box.height * 0.2, [[8, 20], [2, 40], [14, 60], [4, 80], [16, box.height * 0.55]]);
    }
    await page.getByRole('button', { name: '确认签署' }).click();
  } else {
    await expect(page.getByText('也可以将承诺书手写在纸上，拍照后上传：')).toBeVisible();
    await fileInput(page, form, '手写承诺书').setInputFiles(scan('手写承诺书.png'));
    await form.getByRole('button', { name: '上传 手写承诺书' }).click();
  }
  await expect(page.getByText('承诺书已签署')).toBeVisible();
  await keepScreenshot(page, info, 'section-pledge');

  // 检查并提交: complete, 共3次剩余3次 before; a double click spends one submission
  await page.getByRole('link', { name: '检查并提交' }).click();
  await expect(page.getByText('材料已齐全，可以提交。提交后不能修改。')).toBeVisible();
  await expect(page.getByText('共3次，剩余3次')).toBeVisible();
  await hydrated(page, info);
  await keepScreenshot(page, info, 'submit');
  const submit = page.getByRole('button', { name: '提交', exact: true });
  if (js) {
    await submit.dblclick();
    await expect(page.getByText('已提交（第 1 次提交）')).toBeVisible();
    await page.getByRole('link', { name: '查看申报' }).last().click();
  } else {
    await submit.click();
  }
  await expect(page.getByText('基层单位审核中')).toBeVisible();
  await expect(page.getByText('共3次，剩余2次')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '第 1 次提交' })).toHaveCount(1);
  await keepScreenshot(page, info, 'submitted');

  // read-only now: no inputs to change, no upload
  await page.goto(page.url().replace(/\/?$/, '/basic'));
  await expect(page.getByText('申报已提交，以下内容只能查看')).toBeVisible();
  await expect(page.getByLabel('工作单位')).toBeDisabled();
  await expect(page.locator('input[type=file]')).toHaveCount(0);
});

test('typing while the connection is down loses nothing: kept on the device, saved when it returns', async ({ page, context }, info) => {
  test.skip(noJs(info) || info.project.name === 'desktop', 'needs the live page; the phone covers it');
  await startApplication(page, info, '中级');
  await page.getByRole('link', { name: '继续填写' }).click();
  await hydrated(page, info);
  const form = page.getByRole('form', { name: '基本信息' });

  await context.setOffline(true);
  await form.getByLabel('工作单位').fill('新疆师范大学');
  await expect(page.getByRole('status').filter({ hasText: '网络中断，内容已保存在本机' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: /^已保存$/ })).toBeVisible({ timeout: 15_000 });

  // the server has it: a fresh page (its own storage emptied) shows it
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('form', { name: '基本信息' }).getByLabel('工作单位')).toHaveValue('新疆师范大学');
});

test('a list’s 添加 tapped while the autosave is still on its way is not lost', async ({ page }, info) => {
  test.skip(noJs(info) || info.project.name === 'desktop', 'the autosave needs the live page; the phone covers it');
  await startApplication(page, info, '中级');
  await page.getByRole('link', { name: '继续填写' }).click();
  await hydrated(page, info);
  await page.getByRole('navigation', { name: '申报材料' }).getByRole('link', { name: /工作简历/ }).click();
  const form = page.getByRole('form', { name: '工作简历' });
  await expect(form).toBeVisible();
  await hydrated(page, info);
  // a slow network: every save takes a second and a half to come back
  await page.route('**/api/save_section', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await form.getByLabel('实践能力').fill('负责学院教学管理工作。');
  // the autosave leaves after 0.7 s of quiet; the tap comes while it is out
  await page.waitForRequest('**/api/save_section');
  await form.getByRole('button', { name: '添加业绩成果' }).click();
  await expect(form.getByRole('group', { name: '第 1 项' })).toBeVisible({ timeout: 15_000 });
  await expect(form.getByLabel('实践能力')).toHaveValue('负责学院教学管理工作。');
});
