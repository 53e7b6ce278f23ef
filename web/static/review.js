// The marking view of 质量抽查: selecting text inside a sample passage fills
// the marking form (passage and excerpt), and the form previews what the
// chosen error type would add. Everything works without this script: the
// form can be filled by hand.
(() => {
  const form = document.getElementById('mark-form');
  if (!form) return;
  const passage = document.getElementById('mark-passage');
  const excerpt = document.getElementById('mark-excerpt');
  const type = document.getElementById('mark-type');
  const preview = document.getElementById('mark-preview');
  const charsEl = document.getElementById('sample-chars-total');
  const errorsEl = document.getElementById('error-total');

  function updatePreview() {
    const opt = type.selectedOptions[0];
    if (!opt || !charsEl || !errorsEl) return;
    const chars = Number(charsEl.dataset.chars);
    const centi = Number(errorsEl.dataset.centi) + Number(opt.dataset.weight);
    if (!chars) return;
    // Without the caps on repeats, which the server applies.
    const rate = (centi / 100) / chars * 10000;
    preview.textContent = `计入后约 ${(centi / 100).toFixed(2).replace(/\.?0+$/, '')} 个差错，差错率约 ${rate.toFixed(2)}/10000（同一差错重复的上限由服务器计算）`;
  }

  document.addEventListener('mouseup', () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed) return;
    const text = sel.toString().trim();
    const node = sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement);
    const article = node && node.closest('.passage');
    if (!article || !text || text.length > 200) return;
    passage.value = article.dataset.key;
    excerpt.value = text;
    updatePreview();
    excerpt.focus();
  });
  type.addEventListener('change', updatePreview);
  updatePreview();
})();
