// Scans beside the text, end to end: a two-page vertical "OCR'd" work whose
// page images are rendered here with ImageMagick and Noto CJK, imported in
// Fangzhi's JSON form (the store convention of formats/alto_importer.h),
// served by the real `fangzhi serve`. The manifest is read by @iiif/parser;
// in Debian's Chromium a reader clicks a line (its box lights up on the
// image), clicks a box (its line lights up), turns the page through a line
// of page 2, and opens a search hit (its box is lit from the start).
// Screenshots go to $FANGZHI_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalize } from '@iiif/parser';
import { fangzhi, serveAndBrowse, shot } from './support/server.mjs';

const FONT = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
const WORK = 'scan-e2e';
const W = 1200, H = 1600, CELL = 110;

// Columns right to left (華陽國志 卷一 opening, as a vertical page reads).
const PAGES = [
  ['蜀之爲國肇於人皇', '與巴同囿至黃帝', '爲其子昌意娶蜀山氏之女'],
  ['生子高陽是爲帝嚳', '封其支庶於蜀', '世爲侯伯'],
];
// What the "OCR" read: one character wrong (常 for 帝), for the proofreader.
const OCR = PAGES.map((lines, p) => lines.map((t, k) => (p === 0 && k === 1 ? '與巴同囿至黃常' : t)));
const PASSWORD = 'e2e-digitizer-password';
const box = (k, text) => ({ x: 1000 - k * 200, y: 100, w: 120, h: [...text].length * CELL });

function renderPage(file, lines) {
  const args = ['-size', `${W}x${H}`, 'xc:white', '-font', FONT, '-pointsize', '92', '-fill', 'black'];
  lines.forEach((text, k) => {
    const b = box(k, text);
    [...text].forEach((ch, i) => args.push('-draw', `text ${b.x + 14},${b.y + i * CELL + 92} '${ch}'`));
  });
  // Clean pages: noise and skew matter for OCR accuracy (the ocr tests),
  // not for showing boxes, and cost seconds per page.
  args.push(file);
  execFileSync('convert', args);
}

function fixtureJson() {
  const blocks = [];
  PAGES.forEach((lines, p) => {
    const n = String(p + 1);
    blocks.push({ kind: 'page', para: p + 1, text: '',
      attrs: { page: n, image: `images/${WORK}/p${n}.png`, width: String(W), height: String(H), alto: `p${n}.xml` } });
    OCR[p].forEach((text, k) => {
      const b = box(k, text);
      // The second line's last character was read with low confidence.
      const conf = [...text].map((_, i) => (p === 0 && k === 1 && i === [...text].length - 1 ? '3' : '9')).join('');
      blocks.push({ kind: 'text', para: p + 1, text,
        attrs: { line: `p${n}_l${k + 1}`, box: `${b.x},${b.y},${b.w},${b.h}`, conf, dir: 'ttb' } });
    });
  });
  return {
    format: 'fangzhi-work', format_version: 1,
    work: { id: WORK, title: '掃描測試志', kind: '志书', region_code: '51', place_name: '蜀', period: '', year: '',
      dynasty: '晉', compilers: ['常璩'], source: '测试用合成页面', licence: 'CC0-1.0', extra: {} },
    editions: [{ id: 'ocr', label: 'OCR', base: true, nodes: [{ key: '1', level: '卷', title: '卷一', blocks }] }],
    sources: [],
  };
}

const e2e = serveAndBrowse('fangzhi-iiif-e2e-', ({ work, data }) => {
  const json = join(work, 'scan-e2e.json');
  writeFileSync(json, JSON.stringify(fixtureJson()));
  fangzhi(data, ['import', json]);
  fangzhi(data, ['user', 'add', 'digi', '--role', 'digitizer', '--office', '51',
    '--office-name', '四川省地方志工作办公室', '--password-stdin'], PASSWORD + '\n');
  mkdirSync(join(data, 'images', WORK), { recursive: true });
  PAGES.forEach((lines, p) => renderPage(join(data, 'images', WORK, `p${p + 1}.png`), lines));
});

test('the manifest, as @iiif/parser reads it', async () => {
  const r = await fetch(e2e.base + '/iiif/3/manifest/' + WORK);
  assert.equal(r.status, 200);
  const json = await r.json();
  const n = normalize(json);
  const manifest = n.entities.Manifest[n.resource.id];
  assert.ok(manifest, 'a Manifest entity');
  assert.equal(manifest.viewingDirection, 'right-to-left');
  assert.deepEqual(manifest.behavior, ['paged']);
  assert.equal(manifest.items.length, 2);
  manifest.items.forEach((ref, p) => {
    const canvas = n.entities.Canvas[ref.id];
    assert.equal(canvas.width, W);
    assert.equal(canvas.height, H);
    assert.deepEqual(canvas.label, { zh: [`第 ${p + 1} 页`] });
    const painting = n.entities.Annotation[n.entities.AnnotationPage[canvas.items[0].id].items[0].id];
    assert.deepEqual(painting.motivation, ['painting']);
    const lines = n.entities.AnnotationPage[canvas.annotations[0].id].items.map((a) => n.entities.Annotation[a.id]);
    assert.equal(lines.length, 3);
    lines.forEach((a, k) => {
      assert.deepEqual(a.motivation, ['supplementing']);
      const b = box(k, PAGES[p][k]);
      assert.ok(JSON.stringify(a.target).includes(`xywh=${b.x},${b.y},${b.w},${b.h}`), JSON.stringify(a.target));
      const body = n.entities.ContentResource[a.body[0].id];
      assert.equal(body.value, OCR[p][k]);
    });
  });
  // The image service of the first canvas answers with the page's size.
  const info = await (await fetch(e2e.base + '/iiif/3/' + encodeURIComponent(`${WORK}/p1.png`) + '/info.json')).json();
  assert.equal(info.width, W);
  assert.equal(info.type, 'ImageService3');
});

test('click a line: its box on the scan; click a box: its line; a search hit opens lit', async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 950 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const tile = page.waitForResponse((r) => r.url().includes('/iiif/3/') && r.url().endsWith('.jpg') && r.status() === 200);
  await page.goto(e2e.base + `/works/${WORK}/1`);
  await page.waitForSelector('#scan-viewer[data-ready="1"]');
  await tile;
  assert.equal(await page.locator('.line-box').count(), 3, 'one box per line of page 1');
  assert.equal(await page.locator('.ocr-line .lc').count(), 1, 'the low-confidence character is marked');

  // Text → image.
  await page.click('#l2');
  await page.waitForSelector('.line-box[data-seq="2"].active');
  assert.ok(await page.locator('#l2').evaluate((el) => el.classList.contains('active')));
  const lit = await page.locator('.line-box[data-seq="2"]').boundingBox();
  assert.ok(lit && lit.width > 5 && lit.height > lit.width, 'a tall, narrow box for a vertical line: ' + JSON.stringify(lit));
  await shot(page, 'iiif-line-to-box');

  // Image → text.
  await page.locator('.line-box[data-seq="3"]').click();
  await page.waitForSelector('#l3.active');
  assert.equal(await page.locator('.line-box.active').getAttribute('data-seq'), '3');
  assert.equal(await page.locator('.ocr-line.active').count(), 1);
  await shot(page, 'iiif-box-to-line');

  // A line of page 2 turns the page.
  await page.click('#l6');
  await page.waitForSelector('#scan-viewer[data-page="1"][data-ready="1"]');
  await page.waitForSelector('.line-box[data-seq="6"].active');

  // A search hit opened in the reading view: its line and box lit.
  await page.goto(e2e.base + '/search?q=' + encodeURIComponent('封其'));
  await Promise.all([page.waitForURL(/hl=/), page.locator('table.kwic td.match a').first().click()]);
  await page.waitForSelector('#scan-viewer[data-page="1"][data-ready="1"]');
  await page.waitForSelector('#l6.active');
  await page.waitForSelector('.line-box[data-seq="6"].active');
  assert.ok(await page.locator('#l6 mark').count() >= 1);
  await shot(page, 'iiif-search-hit');
  assert.deepEqual(errors, []);
  await context.close();
});

async function occurrences(q) {
  const r = await fetch(e2e.base + '/api/v1/search?q=' + encodeURIComponent(q));
  return (await r.json()).total_occurrences;
}

test('a digitizer corrects a line beside its crop; the text and the search follow', async () => {
  assert.equal(await occurrences('黃常'), 1);
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 950 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(e2e.base + '/login?next=' + encodeURIComponent(`/works/${WORK}/1`));
  await page.fill('#login-name', 'digi');
  await page.fill('#login-password', PASSWORD);
  await Promise.all([page.waitForURL(new RegExp(`/works/${WORK}/1$`)), page.click('form[action="/login"] button')]);
  // The line's proofreading link.
  await Promise.all([page.waitForURL(/\/proofread\//), page.click('#l2 + a.pf')]);
  const crop = page.locator('figure.crop img');
  await crop.waitFor();
  await page.waitForFunction(() => document.querySelector('figure.crop img').naturalWidth > 0);
  const size = await crop.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  assert.deepEqual(size, [120, 7 * CELL], 'the crop is the line\'s box');
  assert.equal(await page.locator('.ocr-text .lc').textContent(), '常');
  await shot(page, 'iiif-proofread');
  await page.fill('#pf-text', '與巴同囿至黃帝');
  await Promise.all([page.waitForURL(new RegExp(`/works/${WORK}/1#l2$`)), page.click('form.stacked button[type=submit]')]);
  assert.equal((await page.locator('#l2').textContent()).trim(), '與巴同囿至黃帝');
  assert.equal(await page.locator('#l2 .lc').count(), 0, 'a proofread line has no low-confidence marks');
  // The server's index catches up with the change log within seconds.
  let after = -1;
  for (let i = 0; i < 40 && after !== 0; i++) {
    after = await occurrences('黃常');
    if (after !== 0) await new Promise((ok) => setTimeout(ok, 250));
  }
  assert.equal(after, 0);
  assert.equal(await occurrences('至黃帝'), 1);
  // The form now shows the history.
  await page.goto(e2e.base + `/proofread/${WORK}/1?seq=2`);
  assert.match(await page.locator('.history').textContent(), /digi[\s\S]*與巴同囿至黃常[\s\S]*與巴同囿至黃帝/);
  assert.deepEqual(errors, []);
  await context.close();
});
