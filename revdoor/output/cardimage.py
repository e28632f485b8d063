"""Social cards: a page's `og:image`, a 1200x630 PNG drawn with Pillow from what the card shows (`pages.Card`).

Made by the build, not a browser, in the process that renders the card's page (cards are pages: they spread
over the workers, and a warm build draws again only the cards whose digest changed: `fingerprints`). The
same inputs give the same bytes: Pillow and the font are pinned (requirements.txt, `card_font` in site.toml),
and the PNG carries no clock.

Fast, because a site has a card per person, lab and article (5,150 on corpus M, where the whole cold build
may spend a tenth of its time on them, about half a millisecond a card), and a straightforward card (draw
in RGB, save as PNG) costs 7 ms: three quarters of it deflating 750 KB of pixels, the rest FreeType drawing
glyphs. So:
- 4 colours, 2 bits a pixel: index 0 is the background, 1..INK the background blended with the ink (text
  is drawn antialiased straight in those values: Pillow blends a glyph's coverage with its fill, so the
  edges get the two blends between); muted text is drawn with a lower fill, so it is lighter. (4 bits and
  an accent colour cost a third more: twice the bytes to deflate and to write.)
- Glyphs are drawn once per process and size (`_glyph`), then stamped (no kerning: the same on every card).
- Only the rows that hold a card's own text are deflated: every other band of rows is the background's,
  deflated once per process (`_band`) and joined as is (deflate blocks ended with a full flush are
  independent; the zlib checksum is combined: `_adler_combine`). The image is 1204 px wide, its first four
  pixels kept 0, so that each packed row starts with PNG's filter byte "none".
"""

from __future__ import annotations

import functools
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..site.pages import Card

WIDTH, HEIGHT = 1200, 630
PAD = 4  # pixels left of each row, always 0: the packed row's first byte is PNG's filter type (none)
MARGIN = 80
INK = 3  # full ink; 0 is the background
MUTED = 2  # secondary text: two thirds of the ink
BACKGROUND = (253, 253, 252)  # style.css --bg and --fg (light theme)
FOREGROUND = (27, 29, 33)
TOP = 170  # rows above are the background's (the accent band and the site's name); so are those from BOTTOM
BOTTOM = 512
ROW = WIDTH // 4 + 1  # bytes of a packed row, the filter byte included
HEADROOM = 6  # rows above a font's ascent, for the accents of capitals


def _palette() -> bytes:
    out = bytearray()
    for i in range(INK + 1):
        out += bytes(round(b + (f - b) * i / INK) for b, f in zip(BACKGROUND, FOREGROUND, strict=True))
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


HEAD = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 2, 3, 0, 0, 0))
        + _chunk(b"PLTE", _palette()))
END = _chunk(b"IEND", b"")


@functools.cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own layout, never libraqm (which Pillow uses when the system has it): the same glyphs on every
    # machine, and no raqm_layout() failure on a lone control character.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@functools.cache
def _glyph(path: str, size: int, char: str) -> tuple[object, int, int, int, float]:
    """A character drawn once: its coverage mask, its offset from the pen on the baseline, its height, its
    advance."""
    font = _font(path, size)
    mask, (dx, dy) = font.getmask2(char, "L", anchor="ls")
    return mask, dx, dy, mask.size[1], font.getlength(char)


class _Advances(dict[str, float]):
    """Each character's advance in one font and size, looked up by the character."""

    def __init__(self, path: str, size: int) -> None:
        super().__init__()
        self.path, self.size = path, size

    def __missing__(self, char: str) -> float:
        advance = self[char] = _glyph(self.path, self.size, char)[4]
        return advance

    def width(self, text: str) -> float:
        return sum(map(self.__getitem__, text))


@functools.cache
def _advances(path: str, size: int) -> _Advances:
    return _Advances(path, size)


def _width(path: str, size: int, text: str) -> float:
    return _advances(path, size).width(text)


def _stamp(draw: ImageDraw.ImageDraw, path: str, size: int, x: float, baseline: int, text: str, fill: int) -> None:
    bitmap = draw.draw.draw_bitmap
    for char in text:
        mask, dx, dy, _, advance = _glyph(path, size, char)
        if char != " ":
            bitmap((round(x) + dx + PAD, baseline + dy), mask, fill)
        x += advance


def _fit(path: str, size: int, text: str, width: int) -> str:
    """`text` cut with an ellipsis to fit `width` pixels."""
    advances = _advances(path, size)
    if advances.width(text) <= width:
        return text
    room, end = width - advances["…"], 0
    for end, char in enumerate(text):  # noqa: B007 (the loop's last index is wanted)
        room -= advances[char]
        if room < 0:
            break
    return text[:end].rstrip() + "…"


def _lines(path: str, size: int, text: str, width: int, most: int) -> list[str]:
    """`text` wrapped at spaces into at most `most` lines of `width` pixels, the last cut to fit."""
    advances = _advances(path, size)
    space = advances[" "]
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        used = advances.width(line)
        while words and used + space + (next_width := advances.width(words[0])) <= width:
            line, used = f"{line} {words.pop(0)}", used + space + next_width
        lines.append(line)
    if words:
        lines[-1] = f"{lines[-1]} {' '.join(words)}"
    return [_fit(path, size, line, width) for line in lines]


@functools.cache
def _background(path: str, site: str, where: str) -> Image.Image:
    """What every card of a site shares: the accent band, the site's name and address."""
    image = Image.new("L", (WIDTH + PAD, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((PAD, 0, WIDTH + PAD - 1, 15), fill=INK)
    draw.rectangle((MARGIN + PAD, MARGIN - 6, MARGIN + PAD + 14, MARGIN + 34), fill=INK)
    _stamp(draw, path, 34, MARGIN + 34, MARGIN + 28, site, INK)
    _stamp(draw, path, 28, MARGIN, HEIGHT - MARGIN, where, MUTED)
    return image


def _packed(image: Image.Image, top: int, bottom: int) -> bytes:
    """Rows top..bottom as PNG scanlines: 2 bits a pixel, each row led by its filter byte (the PAD pixels)."""
    band = image.crop((0, top, WIDTH + PAD, bottom))
    band.putpalette(b"\0" * 12)  # "L" to "P" without touching a pixel, for the 2-bit packer
    return band.tobytes("raw", "P;2")


@functools.cache
def _band(path: str, site: str, where: str, top: int, bottom: int) -> tuple[bytes, int, int]:
    """The background's rows top..bottom, deflated on their own, their checksum and their number."""
    return (*_deflate(_packed(_background(path, site, where), top, bottom)), bottom - top)


_COMPRESSOR: list[zlib._Compress] = []


def _compressor() -> zlib._Compress:
    """The card's compressor (a new one costs a tenth of a card: its 300 KB are allocated and zeroed), fresh
    for each card, so a card's bytes never depend on the cards drawn before it in the process."""
    if not _COMPRESSOR:
        _COMPRESSOR.append(zlib.compressobj(1, zlib.DEFLATED, -15, 9, zlib.Z_RLE))
    return _COMPRESSOR[0]


def _deflate(raw: bytes) -> tuple[bytes, int]:
    return _compressor().compress(raw) + _compressor().flush(zlib.Z_FULL_FLUSH), zlib.adler32(raw)


def _adler_combine(first: int, second: int, length: int) -> int:
    """The Adler-32 of two pieces of data joined, from each one's and the second's length (zlib's
    adler32_combine, which Python's zlib does not offer)."""
    base = 65521
    rem = length % base
    a = (first & 0xFFFF) + (second & 0xFFFF) + base - 1
    b = (rem * (first & 0xFFFF)) % base + (first >> 16) + (second >> 16) + base - rem
    return (a % base) | ((b % base) << 16)


@functools.cache
def _blank(rows: int) -> tuple[bytes, int, int]:
    return (*_deflate(bytes(rows * ROW)), rows)


def _printable(text: str) -> str:
    """`text` on one line: control characters (a title may hold a tab or a line break) as spaces."""
    if not text.isprintable():  # rare: the test is C's, the character-by-character pass Python's
        text = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(text.split())


def draw(card: Card, font: Path) -> bytes:
    """The card as PNG bytes: the background's top band, blank rows, the rows the card's text inks (the only
    ones deflated for this card), blank rows, the background's bottom band."""
    card = Card(*(_printable(t) for t in (card.title, card.subtitle, card.summary, card.site, card.where)))
    path = str(font)
    _COMPRESSOR.clear()
    width = WIDTH - 2 * MARGIN
    size = 80 if _width(path, 80, card.title) <= 2 * width else 60
    titled = _lines(path, size, card.title, width, 2)
    # (size, text, fill, baseline): each line's pitch, the title's larger, then a gap before the subtitle
    lines, y = [], TOP + HEADROOM
    for line in titled:
        lines.append((size, line, INK, y + round(size * 0.93)))
        y += round(size * 1.2)
    y += 20
    if card.subtitle:
        lines.append((44, _fit(path, 44, card.subtitle, width), INK, y + 41))
        y += 64
    for line in _lines(path, 34, card.summary, width, 3 - len(titled)):  # two lines under a title of one
        lines.append((34, line, MUTED, y + 32))
        y += 46
    inked = [(baseline + g[2], baseline + g[2] + g[3]) for size, text, _, baseline in lines
             for g in map(functools.partial(_glyph, path, size), text.replace(" ", ""))]
    top = max(TOP, min((a for a, _ in inked), default=TOP))
    bottom = min(BOTTOM, max((b for _, b in inked), default=top))
    image = Image.new("L", (WIDTH + PAD, bottom - top), 0)
    pen = ImageDraw.Draw(image)
    for size, text, fill, baseline in lines:
        _stamp(pen, path, size, MARGIN, baseline - top, text, fill)
    bands = [_band(path, card.site, card.where, 0, TOP), _blank(top - TOP),
             (*_deflate(_packed(image, 0, bottom - top)), bottom - top), _blank(BOTTOM - bottom),
             _band(path, card.site, card.where, BOTTOM, HEIGHT)]
    data, adler = bands[0][0], bands[0][1]
    for chunk, check, rows in bands[1:]:
        if rows:
            data += chunk
            adler = _adler_combine(adler, check, rows * ROW)
    stream = b"\x78\x01" + data + b"\x03\x00" + struct.pack(">I", adler)  # \x03\x00: an empty final block
    return HEAD + _chunk(b"IDAT", stream) + END
