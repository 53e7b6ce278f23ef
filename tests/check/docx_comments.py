#!/usr/bin/python3
"""Opens a .docx with python-docx (Debian python3-docx) and prints, as JSON,
what a reader of the document sees of Fangzhi's comments: how many there
are, their authors and texts, and the document text each one is anchored to.
Used by tests/check/docx_test.cc to prove that a real tool reads our output."""
import json
import sys

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def main(path):
    document = docx.Document(path)
    comments = []
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS:
            root = etree.fromstring(rel.target_part.blob)
            for c in root.iter("{%s}comment" % W):
                comments.append({
                    "id": c.get("{%s}id" % W),
                    "author": c.get("{%s}author" % W),
                    "text": "".join(t.text or "" for t in c.iter("{%s}t" % W)),
                })
    # The text inside each comment's range, in document order.
    anchored = {}
    open_ids = []
    for el in document.element.body.iter():
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if tag == "commentRangeStart":
            open_ids.append(el.get("{%s}id" % W))
            anchored.setdefault(open_ids[-1], "")
        elif tag == "commentRangeEnd":
            cid = el.get("{%s}id" % W)
            if cid in open_ids:
                open_ids.remove(cid)
        elif tag == "t":
            for cid in open_ids:
                anchored[cid] += el.text or ""
    print(json.dumps({
        "paragraphs": len(document.paragraphs),
        "headings": [p.text for p in document.paragraphs if p.style.name.lower().startswith("heading")],
        "comments": comments,
        "anchored": anchored,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
