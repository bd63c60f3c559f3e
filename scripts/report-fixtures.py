#!/usr/bin/env python3
"""Writes the reader's .docx and .pdf fixtures from two public-domain reports in
tests/fixtures/reports/ (U.S. Department of State releases: works of the US federal government,
public domain in the US, 17 U.S.C. § 105), with the standard library only:

- 2022-03-25_state_rfj_russian_cyber_actor.docx: the WordprocessingML parts Word writes for a
  plain memo ([Content_Types].xml, _rels/.rels, docProps/core.xml, word/document.xml,
  word/styles.xml, word/_rels/document.xml.rels, a page header and a footnote), one paragraph
  a line of the .txt, the title in bold, a name split across two runs (as Word does after an
  edit), and a footnote and a running header that the reader drops;
- 2022-06-30_state_cuba_harsh_sentencing.pdf: US Letter pages in Helvetica 11 pt (WinAnsi, so
  ’ and – are kept), each paragraph wrapped at the margin, a running footer on every page.

Both are written byte for byte the same on every run (fixed zip dates, no PDF timestamps), so
`git diff` after running it shows nothing unless this script changed.

    python3 scripts/report-fixtures.py            # from the checkout's top folder
"""

import pathlib
import zipfile
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "reports"
DOCX_FROM = "2022-03-25_state_rfj_russian_cyber_actor"
PDF_FROM = "2022-06-30_state_cuba_harsh_sentencing"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def paragraphs(name):
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n") if p.strip()]


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def docx_body(paras):
    out = []
    for i, p in enumerate(paras):
        if i == 1:  # the title
            out.append(f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{run(p, bold=True)}</w:p>')
        elif "Gladkikh" in p and "Evgeny" in p:
            # Word splits a run where it was edited: the reader must join them.
            head, tail = p.split("Gladkikh", 1)
            out.append(f"<w:p>{run(head + 'Glad')}{run('kikh' + tail)}"
                       '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                       '<w:footnoteReference w:id="1"/></w:r></w:p>')
        else:
            out.append(f"<w:p>{run(p)}</w:p>")
    return "".join(out)


def write_docx():
    paras = paragraphs(DOCX_FROM)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>"
        ),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(paras[1])}</dc:title><dc:creator>Office of the Spokesperson</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2022-03-25T14:00:00Z</dcterms:created>'
            "</cp:coreProperties>"
        ),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
            "</Relationships>"
        ),
        "word/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:styles xmlns:w="{W}">'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>'
            '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
            "</w:styles>"
        ),
        "word/header1.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:hdr xmlns:w="{W}"><w:p>{run("U.S. Department of State – Media Note")}</w:p></w:hdr>'
        ),
        "word/footnotes.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p>'
            f'{run("Indicted by a federal grand jury in June 2021; the indictment was unsealed on March 24, 2022.")}'
            "</w:p></w:footnote></w:footnotes>"
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{docx_body(paras)}'
            '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/>'
            '<w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>'
        ),
    }
    path = HERE / f"{DOCX_FROM}.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2022, 3, 25, 14, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print(f"wrote {path} ({path.stat().st_size} bytes, {len(paras)} paragraphs)")


# Helvetica's advance widths (per 1000 units of the font size), from Adobe's AFM, for the
# WinAnsi characters these texts use; anything else counts as 556.
HELVETICA = {" ": 278, ",": 278, ".": 278, "-": 333, "’": 222, "–": 556, "(": 333, ")": 333,
             ":": 278, ";": 278, "i": 222, "j": 222, "l": 222, "f": 278, "t": 278, "r": 333,
             "I": 278, "m": 833, "w": 722, "M": 833, "W": 944, "A": 667, "B": 667, "C": 722,
             "D": 722, "H": 722, "N": 722, "U": 722, "O": 778, "Q": 778, "G": 778, "0": 556}
FONT_PT = 11
LEADING_PT = 14
PARAGRAPH_GAP_PT = 10  # more than half a line: pdf-extract starts a paragraph after 1.5 em
PAGE_W, PAGE_H, MARGIN = 612, 792, 72


def width_pt(text):
    return sum(HELVETICA.get(c, 500 if c.islower() else 667) for c in text) * FONT_PT / 1000


def wrap(paragraph):
    lines, line = [], ""
    for word in paragraph.split(" "):
        trial = f"{line} {word}" if line else word
        if width_pt(trial) > PAGE_W - 2 * MARGIN and line:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    return lines


def pdf_string(text):
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_pdf():
    pages, ops, y = [], [], PAGE_H - MARGIN
    for p in paragraphs(PDF_FROM):
        lines = wrap(p)
        if y - LEADING_PT * len(lines) < MARGIN + 30:
            pages.append(ops)
            ops, y = [], PAGE_H - MARGIN
        for line in lines:
            ops.append(b"BT /F1 %d Tf %d %d Td (" % (FONT_PT, MARGIN, y) + pdf_string(line) + b") Tj ET")
            y -= LEADING_PT
        y -= PARAGRAPH_GAP_PT
    pages.append(ops)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for n, page_ops in enumerate(pages, start=1):
        footer = b"BT /F1 8 Tf %d 40 Td (" % MARGIN + pdf_string(
            f"state.gov – Office of the Spokesperson – page {n} of {len(pages)}") + b") Tj ET"
        stream = b"\n".join(page_ops + [footer])
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                       % (PAGE_W, PAGE_H, content))
        kids.append(len(objects))
    objects[1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                  + b"] /Count %d >>" % len(kids))
    objects.append(b"<< /Title (" + pdf_string("The Harsh Sentencing of Human Rights Defenders in Cuba")
                   + b") /Producer (scripts/report-fixtures.py) >>")
    info = len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, info, xref)
    path = HERE / f"{PDF_FROM}.pdf"
    path.write_bytes(bytes(out))
    print(f"wrote {path} ({len(out)} bytes, {len(pages)} pages)")


if __name__ == "__main__":
    write_docx()
    write_pdf()
