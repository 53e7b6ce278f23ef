// End to end in a real browser: Debian's Chromium driven by playwright-core.
// A fresh library with 華陽國志 (three editions) is served by the real
// `fangzhi serve` on a free loopback port; a reader searches it for 巴,
// sorts by the right context, opens a hit, lands on the highlighted
// paragraph, switches edition, exports the result as CSV and checks its
// rows, and does the same walk with the keyboard alone. Screenshots are
// written to $FANGZHI_ARTIFACTS (CTest sets it under the build dir).
//
// Run: FANGZHI_BINARY=build/…/fangzhi FANGZHI_CORPUS=../shared/corpus/bashu node --test web/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpus, fangzhi, serveAndBrowse, shot } from './support/server.mjs';

const e2e = serveAndBrowse('fangzhi-e2e-', ({ data }) => {
  fangzhi(data, ['import', join(corpus, 'KR2i0003'), join(corpus, 'KR2k0109')]);
});

async function api(path) {
  const r = await fetch(e2e.base + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

// The KWIC rows as shown: left, match, right, link.
async function kwicRows(page) {
  return page.$$eval('table.kwic tbody tr', (rows) => rows.map((tr) => ({
    left: tr.querySelector('td.left').textContent,
    match: tr.querySelector('td.match').textContent,
    right: tr.querySelector('td.right').textContent,
    href: tr.querySelector('td.match a').getAttribute('href'),
  })));
}

// RFC 4180 rows.
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows[rows.length - 1].push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { rows[rows.length - 1].push(field); field = ''; rows.push([]); i++; }
    else field += c;
  }
  if (rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

test('search 華陽國志 for 巴, sort by right context, open a hit, switch edition, export CSV', async () => {
  const context = await e2e.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // From the work page, "search in this work".
  await page.goto(e2e.base + '/works/KR2i0003');
  assert.match(await page.title(), /華陽國志/);
  await page.click('a[href="/works/KR2i0003/001"]');
  await page.fill('#within-q', '巴');
  await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#within-q', 'Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('q'), '巴 work:KR2i0003');
  const expected = await api('/api/v1/search?q=' + encodeURIComponent('巴 work:KR2i0003') + '&limit=1');
  const total = expected.total_occurrences;
  assert.ok(total > 50, 'more hits than one page');
  assert.equal(await page.textContent('#total-occ'), total.toLocaleString('en-US'));
  // The charts are drawn by ECharts served from our own URL.
  await page.waitForSelector('#chart-work svg', { timeout: 10000 });
  await shot(page, '01-search');

  // Sort by the right context: the state goes into the URL, and the rows
  // come in the searcher's right-context order.
  await Promise.all([page.waitForURL(/sort=right/), page.click('#sort-right')]);
  const byRight = await api('/api/v1/search?q=' + encodeURIComponent('巴 work:KR2i0003') + '&sort=right&limit=50');
  const rows = await kwicRows(page);
  assert.equal(rows.length, 50);
  assert.deepEqual(rows.map((r) => r.right), byRight.hits.map((h) => h.right));
  assert.equal(await page.getAttribute('th.right', 'aria-sort'), 'ascending');
  await shot(page, '02-sorted-right');

  // Open the first hit: the reading view, scrolled to the paragraph, the
  // hit marked.
  const hit = byRight.hits[0];
  await Promise.all([page.waitForURL(/\/works\/KR2i0003\//), page.click('table.kwic tbody tr:first-child td.match a')]);
  const url = new URL(page.url());
  assert.equal(url.hash, '#p' + hit.paragraph);
  const para = page.locator('#p' + hit.paragraph);
  assert.match(await para.getAttribute('class'), /\bhit\b/);
  const marks = await para.locator('mark').allTextContents();
  assert.ok(marks.join('').includes('巴'), 'the hit is marked: ' + marks.join('|'));
  assert.ok(await para.isVisible());
  const box = await para.boundingBox();
  assert.ok(box.y < 900 && box.y + box.height > 0, 'the paragraph is on screen');
  await shot(page, '03-reading-hit');

  // Switch to the SBCK edition of the same juan.
  await Promise.all([page.waitForURL(/ed=SBCK/), page.click('.editions-switch a:has-text("四部叢刊")')]);
  assert.equal(await page.getAttribute('.editions-switch a[aria-current="page"]', 'href'),
    '/works/KR2i0003/' + hit.node_path + '?ed=SBCK');
  assert.ok((await page.locator('article.reader .para').count()) > 3);
  await shot(page, '04-edition-sbck');

  // Back to the result; export the whole result as CSV.
  await page.goto(e2e.base + '/search?q=' + encodeURIComponent('巴 work:KR2i0003') + '&sort=right');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const file = join(e2e.work, 'result.csv');
  await download.saveAs(file);
  let text = readFileSync(file, 'utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'BOM for Excel');
  text = text.slice(1);
  const csv = parseCsv(text);
  assert.equal(csv[0][0], '序号');
  assert.equal(csv.length, total + 1, 'one row per hit, every hit');
  csv.slice(1).forEach((row, i) => {
    assert.equal(row.length, 13);
    assert.equal(row[0], String(i + 1));
    assert.equal(row[2], '巴');
    assert.equal(row[5], 'KR2i0003');
  });
  assert.deepEqual(csv.slice(1, 51).map((r) => r[3]), byRight.hits.map((h) => h.right));
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: skip link, search, open a hit', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(e2e.base + '/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '跳到正文');
  await shot(page, '05-keyboard-skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // The first field inside the main content is the big search box.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'home-q');
  await page.keyboard.type('巴郡');
  await Promise.all([page.waitForURL(/\/search\?q=/), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('q'), '巴郡');
  // Tab through the page until a hit's link has the focus, then open it.
  let onHit = false;
  for (let i = 0; i < 120 && !onHit; i++) {
    await page.keyboard.press('Tab');
    onHit = await page.evaluate(() => !!document.activeElement.closest('td.match'));
  }
  assert.ok(onHit, 'a hit link is reachable with Tab');
  const focused = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && s.outlineWidth !== '0px';
  });
  assert.ok(focused, 'the focused link shows a focus ring');
  await shot(page, '06-keyboard-hit-focused');
  await Promise.all([page.waitForURL(/\/works\//), page.keyboard.press('Enter')]);
  assert.match(new URL(page.url()).hash, /^#p\d+$/);
  assert.ok((await page.locator('.para.hit mark').count()) > 0);
  await shot(page, '07-keyboard-reading');
  await page.close();
});
