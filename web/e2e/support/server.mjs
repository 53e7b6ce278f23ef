// What the end-to-end tests share: where the binary, corpus, web/ and the
// screenshots are (CTest sets them, see tests/CMakeLists.txt web_e2e), a
// fresh library served by the real `fangzhi serve` on a free loopback port,
// and Debian's Chromium driven by playwright-core.
//
// Not a test itself: node's runner only picks *.test.mjs and the like.
import { before, after } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const binary = process.env.FANGZHI_BINARY || join(repo, 'build', 'ci', 'src', 'cli', 'fangzhi');
export const corpus = process.env.FANGZHI_CORPUS || resolve(repo, '..', 'shared', 'corpus', 'bashu');
export const webDir = process.env.FANGZHI_WEB || join(repo, 'web');
export const artifacts = process.env.FANGZHI_ARTIFACTS || join(repo, 'build', 'e2e-artifacts');
// The flags this machine needs: no sandbox as root, no GPU, and nothing that
// reaches for the network on start.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// `fangzhi --data DATA ARGS`; `input`, when given, is its stdin. Its stdout is dropped.
export function fangzhi(dataDir, args, input) {
  execFileSync(binary, ['--data', dataDir, ...args],
    { input, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'inherit'] });
}

// `fangzhi serve` over `dataDir` on a free port; resolves once it says where.
export async function startServer(dataDir) {
  const child = spawn(binary, ['--data', dataDir, 'serve', '--host', '127.0.0.1', '--port', '0', '--web', webDir],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('server did not start: ' + out)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); ok(`http://127.0.0.1:${m[1]}`); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error('server exited with ' + code + ': ' + out)); });
  });
  return { child, url };
}

// A screenshot of what is on screen, as $FANGZHI_ARTIFACTS/<name>.png.
export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, name + '.png'), fullPage: false });
}

// Registers the test file's before and after hooks: a scratch folder named
// from `prefix`, `prepare({ work, data })` to fill the library at work/data,
// the server over it and Chromium. The returned object's work, data, base (the
// server's URL) and browser are set once `before` has run.
export function serveAndBrowse(prefix, prepare) {
  const e2e = { work: null, data: null, base: null, browser: null };
  let server;
  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    e2e.work = mkdtempSync(join(tmpdir(), prefix));
    e2e.data = join(e2e.work, 'data');
    await prepare(e2e);
    const s = await startServer(e2e.data);
    server = s.child;
    e2e.base = s.url;
    e2e.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    if (e2e.browser) await e2e.browser.close();
    if (server) {
      const exited = new Promise((ok) => server.on('exit', ok));
      server.kill('SIGTERM');
      await exited;
    }
    if (e2e.work) rmSync(e2e.work, { recursive: true, force: true });
  });
  return e2e;
}
