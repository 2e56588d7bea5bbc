"""Render Markdown files as GitHub does (cmark-gfm with GitHub's extensions)
and print, one JSON line per file, what a reader of the page would see:
the elements used, links, headings, paragraphs, tables (rows of cell texts, a
<br> read as a line break) and code blocks (language and text).

Used by tests/markdown_real.rs; cmarkgfm is installed into tests/py/site
by scripts/install-test-tools.sh.
"""

import json
import os
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "site"))
import cmarkgfm  # noqa: E402
from cmarkgfm.cmark import Options  # noqa: E402


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = set()
        self.comments = 0
        self.headings, self.paragraphs, self.tables, self.code = [], [], [], []
        self.links = []
        self.pre_lang = ""
        self.stack = []
        self.text = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("h1", "h2", "h3", "p", "th", "td", "code", "a"):
            self.stack.append((tag, dict(attrs), self.text))
            self.text = ""
        elif tag == "pre":
            # GitHub's renderer names a fence's language on <pre lang=…>.
            self.pre_lang = dict(attrs).get("lang", "")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "br" and self.text is not None:
            self.text += "\n"

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            return
        _, attrs, outer = self.stack.pop()
        text, self.text = self.text, outer
        if tag in ("th", "td"):
            self.tables[-1][-1].append(text.strip())
        elif tag == "code" and outer is None:
            lang = self.pre_lang or attrs.get("class", "").removeprefix("language-")
            self.code.append({"lang": lang, "text": text})
        elif tag == "a":
            self.links.append({"href": attrs.get("href", ""), "text": text})
        elif tag == "p":
            self.paragraphs.append(text.strip())
        elif tag.startswith("h"):
            self.headings.append(text.strip())
        if self.text is not None:
            self.text += text

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_comment(self, data):
        self.comments += 1


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        source = f.read()
    # Raw HTML kept (GitHub keeps what its sanitiser allows, such as <br>),
    # so any element the data smuggled in shows up in `tags`.
    html = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
    page = Page()
    page.feed(html)
    print(json.dumps({
        "file": path,
        "tags": sorted(page.tags),
        "comments": page.comments,
        "headings": page.headings,
        "paragraphs": page.paragraphs,
        "tables": page.tables,
        "code": page.code,
        "links": page.links,
    }, ensure_ascii=False))
