#!/usr/bin/python3
"""Writes 05-fyra-parter.pdf from 05-fyra-parter.txt: A4 pages with a text
layer, a running header and "Sida N av M" at the foot, paragraphs wrapped
to the margin (Debian: python3-reportlab). Run: /usr/bin/python3 make-pdf.py"""
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

SOURCE, TARGET = "05-fyra-parter.txt", "05-fyra-parter.pdf"
HEADER = "Överenskommelse om feriearbete, Norra Dalen"
FONT, SIZE, LEAD = "Helvetica", 11, 15
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 70, WIDTH - 70, HEIGHT - 90, 90


def wrapped(paragraph):
    lines, line = [], ""
    for word in paragraph.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, FONT, SIZE) > RIGHT - LEFT and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def pages(text):
    out, page, y = [], [], TOP
    for block in text.split("\n\n"):
        # Lines of a block stay lines when short (names, signatures), prose wraps.
        rows = block.splitlines()
        lines = [l for r in rows for l in (wrapped(r) if len(r) > 80 else [r])]
        if y - LEAD * len(lines) < BOTTOM and page:
            out.append(page)
            page, y = [], TOP
        for l in lines:
            page.append((y, l))
            y -= LEAD
        y -= LEAD
    out.append(page)
    return out


def main():
    text = open(SOURCE, encoding="utf-8").read()
    all_pages = pages(text)
    c = canvas.Canvas(TARGET, pagesize=A4, invariant=1)
    c.setTitle("Överenskommelse om feriearbete")
    for n, page in enumerate(all_pages, 1):
        c.setFont(FONT, 9)
        c.drawString(LEFT, HEIGHT - 50, HEADER)
        c.drawCentredString(WIDTH / 2, 50, f"Sida {n} av {len(all_pages)}")
        c.setFont(FONT, SIZE)
        for y, line in page:
            c.drawString(LEFT, y, line)
        c.showPage()
    c.save()


main()
