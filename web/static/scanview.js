// The scans beside the text (reading view of OCR'd works): OpenSeadragon
// shows the node's pages from our IIIF Image API; every OCR line of the
// text (.ocr-line, with data-page and data-box in image pixels) has a box
// over the image. Clicking a line marks its box (turning to its page and
// panning to it); clicking a box marks the line and scrolls it into view.
// A search hit (<mark> inside a line) opens with its line selected.
(function () {
  'use strict';
  const dataEl = document.getElementById('scan-data');
  const host = document.getElementById('scan-viewer');
  const status = document.getElementById('scan-status');
  if (!dataEl || !host) return;
  const pages = JSON.parse(dataEl.textContent);
  if (typeof OpenSeadragon === 'undefined') {
    host.hidden = true;
    status.textContent = '图像查看器未能加载（OpenSeadragon 缺失：在 web/ 中运行 npm ci）。';
    return;
  }
  const lines = Array.from(document.querySelectorAll('.ocr-line[data-page]'));
  const byPage = new Map();
  for (const el of lines) {
    const p = Number(el.dataset.page);
    if (!byPage.has(p)) byPage.set(p, []);
    byPage.get(p).push(el);
  }
  const hitMark = document.querySelector('.ocr-line mark');
  const hitLine = hitMark ? hitMark.closest('.ocr-line') : null;
  let current = hitLine ? Number(hitLine.dataset.page) : 0;
  let pending = hitLine ? { seq: hitLine.dataset.seq, from: 'hit' } : null;
  const boxes = new Map();

  const viewer = OpenSeadragon({
    element: host,
    prefixUrl: '/static/vendor/openseadragon/images/',
    tileSources: pages.map((p) => p.info),
    sequenceMode: pages.length > 1,
    initialPage: current,
    showNavigator: false,
    gestureSettingsMouse: { clickToZoom: false },
    visibilityRatio: 0.5,
  });

  function boxRect(el) {
    const [x, y, w, h] = el.dataset.box.split(',').map(Number);
    return viewer.world.getItemAt(0).imageToViewportRectangle(x, y, w, h);
  }

  function say(el) {
    const page = pages[Number(el.dataset.page)];
    status.textContent = '第 ' + (page.label || Number(el.dataset.page) + 1) + ' 页：' + el.textContent.trim();
  }

  function select(seq, from) {
    const el = document.getElementById('l' + seq);
    if (!el) return;
    const page = Number(el.dataset.page);
    if (page !== current || host.dataset.ready !== '1') {
      pending = { seq, from };
      if (page !== current) viewer.goToPage(page);
      return;
    }
    for (const x of document.querySelectorAll('.ocr-line.active, .line-box.active')) x.classList.remove('active');
    el.classList.add('active');
    const box = boxes.get(String(seq));
    if (box) {
      box.classList.add('active');
      if (from !== 'image') viewer.viewport.panTo(boxRect(el).getCenter());
    }
    if (from !== 'text') el.scrollIntoView({ block: 'center' });
    say(el);
  }

  viewer.addHandler('page', (e) => {
    current = e.page;
    host.dataset.ready = '0';
  });
  viewer.addHandler('open', () => {
    boxes.clear();
    for (const el of byPage.get(current) || []) {
      const box = document.createElement('div');
      box.className = 'line-box';
      box.dataset.seq = el.dataset.seq;
      box.title = el.textContent.trim();
      viewer.addOverlay({ element: box, location: boxRect(el) });
      // OpenSeadragon takes the pointer events of its overlays; its own
      // tracker tells us about the click.
      new OpenSeadragon.MouseTracker({
        element: box,
        clickHandler: (e) => { if (e.quick) select(box.dataset.seq, 'image'); },
      });
      boxes.set(el.dataset.seq, box);
    }
    host.dataset.page = String(current);
    host.dataset.ready = '1';
    if (pending) {
      const p = pending;
      pending = null;
      select(p.seq, p.from);
    }
  });
  viewer.addHandler('open-failed', (e) => {
    status.textContent = '页面图像无法打开：' + (e.message || '');
  });

  for (const el of lines) {
    el.addEventListener('click', (e) => {
      if (e.target.closest('a')) return;
      select(el.dataset.seq, 'text');
    });
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(el.dataset.seq, 'text');
      }
    });
  }
})();
