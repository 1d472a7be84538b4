// Setting the scene through the server functions, as the pages call them: a complete submitted
// application, and reviewers' decisions that are not what a test is about. The screens under
// test are driven through the browser; this only saves minutes of clicking the same way again.
import { expect, request, type APIRequestContext } from '@playwright/test';
import { pdf, photo } from './fixtures';
import { DEMO_PASSWORD, freshPerson, type Person } from './support';

export async function signedIn(baseURL: string, account: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const c = await request.newContext({ baseURL, extraHTTPHeaders: { Accept: 'application/json' } });
  const res = await c.post('/api/login', { form: { account, password } });
  expect(res.status(), await res.text()).toBe(200);
  return c;
}

async function ok(res: Promise<import('@playwright/test').APIResponse>, what: string) {
  const r = await res;
  expect(r.status(), `${what}: ${await r.text()}`).toBe(200);
  return r;
}

export async function form(c: APIRequestContext, app: string): Promise<any> {
  return (await ok(c.post('/api/application_form', { form: { id: app } }), 'form')).json();
}

async function save(c: APIRequestContext, app: string, section: string, values: Record<string, string>, op?: string) {
  const { version } = await form(c, app);
  const f: Record<string, string> = { id: app, section, version: String(version) };
  for (const [k, v] of Object.entries(values)) f[`v[${k}]`] = v;
  if (op) f.op = op;
  await ok(c.post('/api/save_section', { form: f }), `save ${section}`);
}

async function upload(c: APIRequestContext, app: string, field: string, file = pdf()) {
  await ok(c.post(`/upload/${app}/${field}`, { multipart: { file } }), `upload ${field}`);
}

/** Strokes of a pledge written out across the pad (≥ 6 strokes, wide ink). */
function writtenStrokes(n = 12): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => Array.from({ length: 20 }, (_, k) => [20 + i * (900 / n) + (k % 2) * 30, 50 + k * 15])),
  );
}

/** A fresh person, registered (no application yet). */
export async function registered(baseURL: string): Promise<Person> {
  const person = freshPerson();
  const anon = await request.newContext({ baseURL, extraHTTPHeaders: { Accept: 'application/json' } });
  await ok(
    anon.post('/api/register', {
      form: { name: person.name, id_number: person.id, phone: person.phone, email: person.email, password: person.password, password2: person.password },
    }),
    'register',
  );
  return person;
}

/**
 * A fresh applicant of 新疆大学 with a complete 副高级 application; returns them and its id.
 * `aidUnit`: aid staff (援疆) of that dispatching unit, a year on the posting and still on it.
 */
export async function completeApplication(baseURL: string, opts: { aidUnit?: string } = {}): Promise<{ person: Person; c: APIRequestContext; app: string }> {
  const person = await registered(baseURL);
  const c = await signedIn(baseURL, person.id, person.password);
  // 中级 since 2020: the five years 副高级 asks by the round's reference date
  const choice = {
    level: 'associate_senior', series: '高等学校教育管理研究', specialty: '高等教育管理', unit_id: 'org-unit-xju', aid_unit_id: opts.aidUnit ?? '',
    current_level: 'intermediate', obtained_on: '2020-03-01',
  };
  const started = await ok(c.post('/api/start_application', { form: choice }), 'start');
  const app: string = await started.json();
  await save(c, app, 'basic', { unit: '新疆大学', specialty: '高等教育管理', political_conduct: '拥护党的路线方针政策，遵纪守法，师德良好。' });
  await save(c, app, 'education', {}, 'education:add');
  await save(c, app, 'work', {}, 'achievements:add');
  await save(c, app, 'publications', {}, 'publications:add');
  await save(c, app, 'education', { 'school-0': '新疆大学', 'major-0': '教育学', 'graduated_on-0': '2010-06-30' });
  await save(c, app, 'qualification', { current_title: '助理研究员', obtained_on: '2020-03-01', obtained_in_xinjiang: 'no', years_in_profession: '12' });
  await save(c, app, 'work', {
    practice: '负责学院教学管理工作，制定并实施教学质量监控方案。',
    'achievement_title-0': '教学管理改革项目',
    'achieved_on-0': '2024-06-01',
    'achievement_description-0': '主持完成校级教改项目一项，形成制度文件三份。',
  });
  await save(c, app, 'publications', { 'kind-0': 'paper', 'publication_title-0': '高校教学管理信息化研究', 'published_on-0': '2025-01-15', 'first_author-0': 'yes' });
  await save(c, app, 'training', { exempt: 'no' });
  const m = (await form(c, app)).materials;
  const years: number = m.training.years.length;
  const assessed: number = m.assessments.length;
  await save(c, app, 'training', Object.fromEntries(Array.from({ length: years }, (_, i) => [[`hours-${i}`, '90'], [`public_hours-${i}`, '30']]).flat()));
  await save(c, app, 'assessment', Object.fromEntries(Array.from({ length: assessed }, (_, i) => [`assessment_result-${i}`, '合格'])));
  await upload(c, app, 'photo', photo());
  const docs = [
    'id_card_scan', 'diploma?item=0', 'degree_certificate?item=0', 'chsi_report?item=0', 'years_proof', 'title_certificate', 'evaluation_form',
    'evidence?item=0', 'cover?item=0', 'contents?item=0', 'body?item=0', 'identification_form?item=0', 'similarity_report?item=0',
    'public_course_certificates', 'notice_materials', 'notice_result',
    ...Array.from({ length: years }, (_, i) => `training_certificate?item=${i}`),
    ...Array.from({ length: assessed }, (_, i) => [`form_front?item=${i}`, `form_back?item=${i}`]).flat(),
  ];
  if (opts.aidUnit) {
    await save(c, app, 'aid', { aid_since: '2024-09-01', aid_still_serving: 'yes' });
    docs.push('approval_proof');
  }
  for (const d of docs) await upload(c, app, d);
  await ok(c.post('/api/sign_pledge', { form: { id: app, strokes: writtenStrokes() } }), 'pledge');
  expect((await form(c, app)).missing).toEqual([]);
  return { person, c, app };
}

export async function submit(c: APIRequestContext, app: string, key: string) {
  await ok(c.post('/api/submit_application', { form: { id: app, key: key.padEnd(20, '0') } }), 'submit');
}

/** A reviewer's decision on the current version. */
export async function decide(c: APIRequestContext, app: string, action: string, opinion = '', items: [string, string][] = []) {
  const { version } = await form(c, app);
  const f: Record<string, string> = { id: app, version: String(version), action, opinion };
  items.forEach(([at, note], i) => {
    f[`at[i${i}]`] = at;
    f[`note[i${i}]`] = note;
  });
  await ok(c.post('/api/decide', { form: f }), `decide ${action}`);
}

export async function unitFile(c: APIRequestContext, app: string, field: string) {
  await ok(c.post(`/review-upload/${app}/${field}`, { multipart: { file: pdf('公示.pdf') } }), `unit file ${field}`);
}

/** Moves the server's clock forward by `ms`; returns the server's new time (UTC ms). */
export async function advanceClock(baseURL: string, ms: number): Promise<number> {
  const c = await request.newContext({ baseURL });
  const res = await ok(c.post(`/__test/clock?ms=${ms}`), 'clock');
  return Number(await res.text());
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** Beijing's calendar date of a UTC instant, as YYYY-MM-DD, `plusDays` later. */
export function beijingDate(ms: number, plusDays = 0): string {
  return new Date(ms + 8 * HOUR + plusDays * DAY).toISOString().slice(0, 10);
}
