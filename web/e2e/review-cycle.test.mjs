// The provincial review cycle in a real browser (Debian's Chromium through
// playwright-core), against the real `fangzhi serve`: a county compiler
// uploads v1 of 《示例县年鉴（2025）》 (no 附录, a 我县, a 布署, a 再接再励);
// the provincial reviewer's outline review shows the missing part, comments
// on a node (with the keyboard alone) and returns the outline; the compiler
// uploads v2 (附录 back, 我县 and 布署 fixed); the recheck shows what was
// fixed and where the comment went; the spot-check draws a seeded sample,
// marks an error from a text selection, accepts an automatic finding, and
// gives the rate and verdict; the quality report downloads as PDF; the
// reviewer approves and the compiler's dashboard says so. Screenshots go to
// $FANGZHI_ARTIFACTS.
//
// Run: FANGZHI_BINARY=build/…/fangzhi node --test web/e2e/review-cycle.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fangzhi, repo, serveAndBrowse, shot } from './support/server.mjs';

const PASSWORD = 'review-cycle-pw-2025';

const e2e = serveAndBrowse('fangzhi-review-e2e-', ({ work, data }) => {
  fangzhi(data, ['user', 'add', 'shen', '--role', 'reviewer', '--office', '51',
    '--office-name', '四川省地方志工作办公室', '--password-stdin'], PASSWORD + '\n');
  fangzhi(data, ['user', 'add', 'bian', '--role', 'compiler', '--office', '510104',
    '--office-name', '成都市锦江区地方志办公室', '--password-stdin'], PASSWORD + '\n');
  const { v1, v2 } = manuscripts();
  writeFileSync(join(work, 'shili-2025-v1.md'), v1);
  writeFileSync(join(work, 'shili-2025-v2.md'), v2);
});

function replaceOnce(text, from, to) {
  const at = text.indexOf(from);
  assert.notEqual(at, -1, `sample manuscript lacks ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// v1 and v2 from the sample yearbook of examples/.
function manuscripts() {
  const example = readFileSync(join(repo, 'examples', 'shili-county-yearbook-2025.md'), 'utf8');
  const appendix = example.indexOf('\n# 附录\n');
  const notes = example.indexOf('\n[^gdp]:');
  assert.ok(appendix > 0 && notes > appendix);
  // The table note was referenced from the 附录 only: an unreferenced note is refused.
  let v1 = (example.slice(0, appendix) + '\n' + example.slice(notes)).replace(/\n\[\^tab\]:[^\n]*/, '');
  v1 = replaceOnce(v1, '2024年，示例县粮食播种面积', '2024年，我县粮食播种面积');
  v1 = replaceOnce(v1, '农业生产保持稳定。', '农业生产保持稳定。县委对全年农业工作作出布署。全县干部群众再接再励。');
  const v2 = replaceOnce(example, '农业生产保持稳定。', '农业生产保持稳定。县委对全年农业工作作出部署。全县干部群众再接再励。');
  return { v1, v2 };
}

async function login(page, name) {
  await page.goto(e2e.base + '/login');
  await page.fill('#login-name', name);
  await page.fill('#login-password', PASSWORD);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('form[action="/login"] button[type="submit"]')]);
}

// Submits the form around `selector` by clicking it and waits for the page
// the POST redirects to.
async function submit(page, selector, urlPattern) {
  await Promise.all([page.waitForURL(urlPattern), page.click(selector)]);
}

async function text(page, selector) {
  return (await page.textContent(selector)).trim();
}

test('upload v1 → outline returned → v2 → recheck → spot-check → approved', async () => {
  const viewport = { width: 1280, height: 900 };
  const compilerCtx = await e2e.browser.newContext({ viewport });
  const reviewerCtx = await e2e.browser.newContext({ viewport, acceptDownloads: true });
  const compiler = await compilerCtx.newPage();
  const reviewer = await reviewerCtx.newPage();
  const errors = [];
  for (const p of [compiler, reviewer]) p.on('pageerror', (e) => errors.push(e.message));

  // --- the county compiler uploads v1.
  await login(compiler, 'bian');
  await compiler.click('a[href="/manuscripts/new"]');
  await compiler.fill('#up-title', '示例县年鉴（2025）');
  await compiler.fill('#up-year', '2025');
  await compiler.selectOption('#up-kind', '年鉴');
  await compiler.setInputFiles('#up-file', join(e2e.work, 'shili-2025-v1.md'));
  await submit(compiler, 'form[action="/manuscripts"] button[type="submit"]', /\/manuscripts\/\d+\?done=upload/);
  const id = new URL(compiler.url()).pathname.split('/')[2];
  const ms = `${e2e.base}/manuscripts/${id}`;

  // --- 篇目审查 by the province: the missing 附录 is reported.
  await login(reviewer, 'shen');
  assert.ok(await reviewer.isVisible(`a[href="/manuscripts/${id}"]`), 'the reviewer sees the county manuscript');
  await reviewer.goto(`${ms}/versions/1/outline`);
  assert.match(await reviewer.title(), /篇目审查/);
  const book = await text(reviewer, '.book-findings');
  assert.match(book, /OUT-MISSING/);
  assert.match(book, /附录/);
  assert.ok(Number(await text(reviewer, '#check-count')) > 0);
  assert.match(await text(reviewer, '#n-1-1-1 .check-count'), /检查发现 \d+/);

  // A comment on the 综述 entry with the keyboard alone: open the
  // disclosure, tab through its fields, submit with Enter.
  await reviewer.focus('#n-1-1-1 details.add-comment summary');
  await reviewer.keyboard.press('Enter');
  await reviewer.keyboard.press('Tab');
  await reviewer.keyboard.type('地区生产总值216.48亿元');
  await reviewer.keyboard.press('Tab');
  await reviewer.keyboard.type('请注明数据出处；全书不用第一人称');
  await reviewer.keyboard.press('Tab');
  await Promise.all([reviewer.waitForURL(/done=comment/), reviewer.keyboard.press('Enter')]);
  assert.match(await text(reviewer, '#n-1-1-1 .comments'), /请注明数据出处；全书不用第一人称/);
  assert.match(await text(reviewer, '#n-1-1-1 .comments'), /地区生产总值216.48亿元/);
  await shot(reviewer, 'review-1-outline');

  await reviewer.fill('#decision-note', '缺少必备部分“附录”，请补齐后重新报送；并按意见修改。');
  await submit(reviewer, 'button[name="to"][value="returned"]', /done=status/);
  assert.equal(await text(reviewer, '#review-status'), '已退回');

  // --- the compiler reads the comment (read-only) and uploads v2.
  await compiler.goto(`${ms}/versions/1/outline`);
  assert.match(await text(compiler, '#n-1-1-1 .comments'), /请注明数据出处/);
  assert.equal(await compiler.$('details.add-comment'), null, 'no comment form for the compiler');
  assert.equal(await compiler.$('button[name="to"]'), null, 'no decision for the compiler');
  await compiler.goto(ms);
  await compiler.setInputFiles('#v-file', join(e2e.work, 'shili-2025-v2.md'));
  await submit(compiler, `form[action="/manuscripts/${id}/versions"] button[type="submit"]`, /done=v2/);
  assert.equal(await text(compiler, '#manuscript-status'), '已重新提交');

  // --- 复核: v1 → v2.
  await reviewer.goto(`${ms}/versions/2/recheck`);
  assert.ok(Number(await text(reviewer, '#fixed-count')) >= 3, 'missing part, 我县 and 布署 fixed');
  assert.ok(Number(await text(reviewer, '#still-count')) >= 1, '再接再励 still there');
  const fixed = await text(reviewer, 'table.fixed');
  assert.match(fixed, /OUT-MISSING/);
  assert.match(fixed, /我县/);
  assert.match(fixed, /布署/);
  assert.match(await text(reviewer, 'table.still'), /再接再励/);
  assert.match(await text(reviewer, 'table.carried'), /请注明数据出处/);
  assert.match(await text(reviewer, 'table.carried'), /示例县经济社会发展综述/);
  const dels = await reviewer.$$eval('.node-diff del', (els) => els.map((e) => e.textContent));
  assert.ok(dels.includes('布'), 'the diff marks 布 of 布署 as removed');
  const diffText = await reviewer.$$eval('.node-diff', (els) => els.map((e) => e.textContent).join('\n'));
  assert.match(diffText, /附录/);
  assert.ok(await reviewer.$('.node-diff ins'));
  await shot(reviewer, 'review-2-recheck');
  await submit(reviewer, 'button[name="to"][value="under_review"]', /done=status/);
  assert.equal(await text(reviewer, '#review-status'), '审读中');

  // --- 质量抽查: a seeded sample, a mark from a text selection, an
  // automatic finding accepted with one click.
  await Promise.all([reviewer.waitForURL(/spot-check$/), reviewer.click('.review-tabs a:has-text("质量抽查")')]);
  await reviewer.fill('#sample-seed', '20251126');
  await submit(reviewer, '.draw button[type="submit"]', /done=sample/);
  assert.equal(await text(reviewer, '#sample-seed-shown'), '20251126');
  assert.equal(await text(reviewer, '#verdict'), '合格');

  // Select 农业生产保持稳定。 in its passage as a reader would with the mouse.
  const key = await reviewer.evaluate(() => {
    for (const div of document.querySelectorAll('.passage-text')) {
      const node = [...div.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes('农业生产保持稳定。'));
      if (!node) continue;
      const at = node.textContent.indexOf('农业生产保持稳定。');
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + '农业生产保持稳定。'.length);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      div.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return div.closest('.passage').dataset.key;
    }
    return null;
  });
  assert.ok(key, 'the passage is in the sample');
  assert.equal(await reviewer.inputValue('#mark-excerpt'), '农业生产保持稳定。');
  assert.equal(await reviewer.inputValue('#mark-passage'), key);
  await reviewer.selectOption('#mark-type', 'punctuation');
  assert.match(await text(reviewer, '#mark-preview'), /差错率约/);
  await reviewer.fill('#mark-correction', '农业生产保持稳定，');
  await submit(reviewer, '#mark-form button[type="submit"]', /done=mark/);
  assert.equal(await text(reviewer, '#error-total'), '0.1');

  const accept = 'form.accept:has(input[name="rule"][value="TYPO-IDIOM"]) button';
  assert.match(await text(reviewer, accept), /计入差错/);
  await submit(reviewer, accept, /done=accepted/);
  assert.equal(await text(reviewer, '#error-total'), '1.1');
  const rate = Number(await text(reviewer, '#error-rate'));
  assert.ok(rate > 0 && rate <= 1, `rate ${rate} per 10000`);
  assert.equal(await text(reviewer, '#verdict'), '合格');
  assert.match(await text(reviewer, 'table.marks-table'), /再接再励/);
  await shot(reviewer, 'review-3-spot-check-marks');
  await reviewer.evaluate(() => document.getElementById('rate').scrollIntoView());
  await shot(reviewer, 'review-3-spot-check-rate');

  // The quality report: as a page, and as a PDF download.
  const report = await reviewerCtx.newPage();
  await report.goto(`${ms}/versions/2/spot-check/report.html`);
  const reportText = await report.textContent('body');
  assert.match(reportText, /再接再励/);
  assert.match(reportText, /合格/);
  assert.match(reportText, /20251126/);
  await shot(report, 'review-4-report');
  await report.close();
  const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.click('#report-pdf')]);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

  // --- approval.
  await reviewer.fill('#decision-note', '编校质量合格，同意出版。');
  await submit(reviewer, 'button[name="to"][value="approved"]', /done=status/);
  assert.equal(await text(reviewer, '#review-status'), '已通过');
  assert.equal(await reviewer.$('#mark-form'), null, 'nothing to mark after approval');
  await shot(reviewer, 'review-5-approved');

  // --- the compiler's dashboard.
  await compiler.goto(e2e.base + '/dashboard');
  const row = compiler.locator(`tr:has(a[href="/manuscripts/${id}"])`);
  assert.equal(await row.getAttribute('data-status'), 'approved');
  assert.match(await row.textContent(), /已通过/);
  assert.match(await row.textContent(), /合格/);
  await shot(compiler, 'review-6-compiler-dashboard');

  assert.deepEqual(errors, []);
  await compilerCtx.close();
  await reviewerCtx.close();
});
