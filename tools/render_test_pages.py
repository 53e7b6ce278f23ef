#!/usr/bin/env python3
"""Renders real corpus text to page images for OCR tests and the OCR benchmark.

Scans are not in the corpus, so we make pages: horizontal simplified pages from
modern prose (../shared/corpus/modern/cpc_congress_reports.jsonl) and vertical
traditional pages, columns right to left, from Kanripo juan text
(../shared/corpus/bashu/<ID>/master/<ID>_NNN.txt). ImageMagick `convert` draws
each character at its own position with the Noto Serif CJK font (Debian
fonts-noto-cjk), at 300 dpi, then adds mild noise, blur and skew.

The local ImageMagick policy forbids reading text from @files, so every
character goes inline into one MVG -draw string; the text is Han characters
and CJK punctuation only, which need no quoting.

For each page N it writes OUT/<prefix>-N.png and OUT/<prefix>-N.gt.txt: the
rendered text in reading order, one printed line (or column) per line.

  render_test_pages.py --mode horizontal --pages 2 -o OUT
  render_test_pages.py --mode vertical --source ../shared/corpus/bashu/KR2i0003/master/KR2i0003_001.txt -o OUT
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, '..', '..', 'shared', 'corpus'))


def is_han(ch):
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x323AF
            or 0xF900 <= cp <= 0xFAFF)


# CJK punctuation we draw on horizontal pages (everything else is dropped).
H_PUNCT = set('，。、；：？！“”‘’（）《》—…·')


# Characters that tell a traditional-script text from a simplified one.
TRAD_MARKS = set('們這國會說對於時為發經個來開關義產黨與進權區體實現將幾應當處從並')
SIMP_MARKS = set('们这国会说对于时为发经个来开关义产党与进权区体实现将几应当处从并')


def horizontal_text(corpus, skip):
    """Modern prose: paragraph text of the congress reports, Han + CJK punctuation.
    Some early reports on Wikisource are in traditional script: only texts
    written in simplified characters are used (simplified pages are wanted)."""
    path = os.path.join(corpus, 'modern', 'cpc_congress_reports.jsonl')
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            content = json.loads(line)['content']
            trad = sum(c in TRAD_MARKS for c in content)
            simp = sum(c in SIMP_MARKS for c in content)
            if trad * 50 >= simp:
                continue
            out.append(''.join(c for c in content if is_han(c) or c in H_PUNCT))
    text = ''.join(out)
    return text[skip:]


def vertical_text(source, skip):
    """Kanripo juan text: markup lines and tags removed, Han characters only
    (the woodblock pages these imitate carry no punctuation)."""
    chars = []
    with open(source, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            line = re.sub(r'<[^>]*>', '', line)
            chars.extend(c for c in line if is_han(c))
    return ''.join(chars)[skip:]


def render(lines, mode, font, out_png, args, rng):
    size = args.font_px
    pitch = int(size * 1.08)   # character advance along the line
    gap = int(size * 1.9)      # line (column) pitch
    margin = args.margin
    if mode == 'horizontal':
        width = margin * 2 + pitch * args.chars
        height = margin * 2 + gap * len(lines)
    else:
        width = margin * 2 + gap * len(lines)
        height = margin * 2 + pitch * args.chars
    draws = []
    for li, line in enumerate(lines):
        for ci, ch in enumerate(line):
            if mode == 'horizontal':
                x = margin + ci * pitch
                y = margin + li * gap + size
            else:
                # columns from the right edge leftwards
                x = width - margin - (li + 1) * gap + (gap - size) // 2
                y = margin + ci * pitch + size
            draws.append("text %d,%d '%s'" % (x, y, ch))
    skew = rng.uniform(-args.skew, args.skew)
    cmd = ['convert', '-size', '%dx%d' % (width, height), 'xc:white', '-depth', '8', '-font', font, '-pointsize',
           str(size), '-fill', 'black', '-draw', ' '.join(draws),
           # ink is never perfectly even: a little blur, then noise, then skew
           # the noise follows --seed (and the page), so that a render is reproducible
           '-blur', '0x0.6', '-seed', str((args.seed * 7919 + zlib.crc32(os.path.basename(out_png).encode())) % (1 << 31)),
           '-attenuate', str(args.noise), '+noise', 'Gaussian',
           '-background', 'white', '-rotate', '%.2f' % skew,
           '-colorspace', 'Gray', '-depth', '8', '-units', 'PixelsPerInch', '-density', '300', out_png]
    subprocess.run(cmd, check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--mode', choices=['horizontal', 'vertical'], required=True)
    ap.add_argument('--source', help='vertical: a Kanripo juan file (default 華陽國志 卷1)')
    ap.add_argument('--corpus', default=DEFAULT_CORPUS)
    ap.add_argument('--pages', type=int, default=1)
    ap.add_argument('--skip', type=int, default=0, help='characters of the source to skip first')
    ap.add_argument('--chars', type=int, default=0, help='characters per line/column (default 34 h, 20 v)')
    ap.add_argument('--lines', type=int, default=0, help='lines/columns per page (default 26 h, 10 v)')
    ap.add_argument('--font-px', type=int, default=0, help='character size in px (default 46 h ≈ 11pt, 72 v)')
    ap.add_argument('--margin', type=int, default=150)
    ap.add_argument('--noise', type=float, default=0.4)
    ap.add_argument('--skew', type=float, default=0.6, help='max rotation in degrees')
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--prefix', default='')
    ap.add_argument('-o', '--out', required=True)
    args = ap.parse_args()
    h = args.mode == 'horizontal'
    args.chars = args.chars or (34 if h else 20)
    args.lines = args.lines or (26 if h else 10)
    args.font_px = args.font_px or (46 if h else 72)
    prefix = args.prefix or args.mode
    if h:
        text = horizontal_text(args.corpus, args.skip)
        font = 'Noto-Serif-CJK-SC'
    else:
        source = args.source or os.path.join(args.corpus, 'bashu', 'KR2i0003', 'master', 'KR2i0003_001.txt')
        text = vertical_text(source, args.skip)
        font = 'Noto-Serif-CJK-TC'
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    per_page = args.chars * args.lines
    if len(text) < per_page * args.pages:
        sys.exit('源文本不足 source text too short for %d pages' % args.pages)
    for p in range(args.pages):
        chunk = text[p * per_page:(p + 1) * per_page]
        lines = [chunk[i:i + args.chars] for i in range(0, len(chunk), args.chars)]
        stem = os.path.join(args.out, '%s-%d' % (prefix, p + 1))
        render(lines, args.mode, font, stem + '.png', args, rng)
        with open(stem + '.gt.txt', 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        print(stem + '.png')


if __name__ == '__main__':
    main()
