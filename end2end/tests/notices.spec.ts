// 评审工作通知 and 评审条件 (issue 3, §1): the administrator writes and publishes; anyone reads.
import { expect, test } from '@playwright/test';
import { pdf } from './fixtures';
import { DEMO_PASSWORD, hydrated, keepScreenshot, login } from './support';

test('the administrator publishes a notice with a list and a link, and a visitor reads it', async ({ page, browser }, info) => {
  await login(page, info, 'admin', DEMO_PASSWORD);
  await page.getByRole('link', { name: '系统管理', exact: true }).click();
  await page.getByRole('link', { name: '通知管理' }).click();
  await page.getByRole('link', { name: '新建通知' }).click();
  await hydrated(page, info);
  const form = page.getByRole('form', { name: '新建通知' });
  const title = `关于开展职称评审工作的通知 ${info.project.name} ${Date.now()}`;
  await form.getByLabel('标题').fill(title);
  // a "site path" that a browser reads as another host is refused at the field (a link that
  // would run script is too: the domain's unit tests)
  await form.getByLabel('正文').fill('[本站评审条件](/\\evil.example/notices)');
  await form.getByLabel(/^发布/).check();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('链接只能是 http(s):// 网址或本站路径')).toBeVisible();

  await hydrated(page, info);
  const again = page.getByRole('form', { name: '新建通知' });
  await again.getByLabel('标题').fill(title);
  await again.getByLabel('正文').fill('各有关单位：\n现将有关事项通知如下。\n\n- 申报时间：6月1日至30日\n- 申报条件详见[评审条件](/notices)\n\n<script>alert(1)</script>');
  // saved as a draft first, published once its attachment is there: other tests walk the public
  // notices on this server meanwhile, and must not read it half made
  await again.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { name: '通知管理' })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();

  // an attachment, checked like any upload, offered as a download
  await page.getByRole('link', { name: title }).click();
  await page.getByLabel('添加附件').setInputFiles(pdf('评审工作通知.pdf'));
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.getByRole('link', { name: '评审工作通知.pdf' })).toBeVisible();
  const edit = page.getByRole('form', { name: '编辑' });
  await edit.getByLabel(/^发布/).check();
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { name: '通知管理' })).toBeVisible();

  // a visitor, not signed in
  const visitor = await browser.newPage({ ...(info.project.use as object) });
  await visitor.goto('/notices');
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByRole('listitem').filter({ hasText: '申报时间：6月1日至30日' })).toBeVisible();
  await expect(visitor.getByRole('link', { name: '评审条件' })).toHaveAttribute('href', '/notices');
  await expect(visitor.getByText('<script>alert(1)</script>')).toBeVisible(); // shown as text, never run
  await expect(visitor.getByRole('link', { name: '评审工作通知.pdf' })).toHaveAttribute('href', /^\/notice-file\//);
  await keepScreenshot(visitor, info, 'notice');
  await visitor.close();
});
