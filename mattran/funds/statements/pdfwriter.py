"""A small streaming PDF writer with embedded TrueType fonts, for generating large test statements.

Pages are written to the file as they are made, so a 12,000-page statement needs no more memory than
one page plus the cross-reference offsets. Fonts are embedded whole as CIDFontType2 with Identity-H
encoding and a ToUnicode map, so Vietnamese text renders and extracts exactly.
"""

from __future__ import annotations

import bisect
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
# Latin, Vietnamese letters and common punctuation; enough for statements and keeps ToUnicode small.
_RANGES = ((0x20, 0x7E), (0xA0, 0x1B0), (0x300, 0x323), (0x1EA0, 0x1EF9), (0x2010, 0x2044), (0x20AB, 0x20AC))


def _escape_name(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "" for ch in name)


@dataclass(slots=True)
class TrueTypeFont:
    """The parts of a TrueType font a PDF needs: glyph ids, advances and metrics."""

    name: str
    data: bytes
    units_per_em: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    glyphs: dict[int, int]
    advances: list[int]

    @classmethod
    def load(cls, path: str | Path) -> TrueTypeFont:
        """Read the cmap, hmtx and metrics of a TrueType file."""
        data = Path(path).read_bytes()
        num_tables = struct.unpack_from(">H", data, 4)[0]
        tables: dict[str, tuple[int, int]] = {}
        for index in range(num_tables):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
            tables[tag.decode("latin-1")] = (offset, length)
        head = tables["head"][0]
        units_per_em = struct.unpack_from(">H", data, head + 18)[0]
        bbox = struct.unpack_from(">hhhh", data, head + 36)
        hhea = tables["hhea"][0]
        ascent, descent = struct.unpack_from(">hh", data, hhea + 4)
        metric_count = struct.unpack_from(">H", data, hhea + 34)[0]
        glyph_count = struct.unpack_from(">H", data, tables["maxp"][0] + 4)[0]
        hmtx = tables["hmtx"][0]
        advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(metric_count)]
        advances.extend([advances[-1]] * (glyph_count - metric_count))
        cap_height = ascent
        if "OS/2" in tables:
            os2, length = tables["OS/2"]
            if length >= 90:
                cap_height = struct.unpack_from(">h", data, os2 + 88)[0]
        return cls(
            name=_escape_name(Path(path).stem),
            data=data,
            units_per_em=units_per_em,
            bbox=(bbox[0], bbox[1], bbox[2], bbox[3]),
            ascent=ascent,
            descent=descent,
            cap_height=cap_height,
            glyphs=_read_cmap(data, tables["cmap"][0]),
            advances=advances,
        )

    def scaled(self, value: int) -> int:
        """Convert font units to PDF glyph-space thousandths."""
        return round(value * 1000 / self.units_per_em)


def _read_cmap(data: bytes, cmap: int) -> dict[int, int]:
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    best: int | None = None
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        if (platform, encoding) in ((3, 1), (0, 3)):
            best = cmap + offset
    if best is None or struct.unpack_from(">H", data, best)[0] != 4:
        raise ValueError("font has no Unicode BMP cmap (format 4)")
    segments = struct.unpack_from(">H", data, best + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, best + 14)
    starts = struct.unpack_from(f">{segments}H", data, best + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, best + 16 + 4 * segments)
    range_base = best + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", data, range_base)
    glyphs: dict[int, int] = {}
    for low, high in _RANGES:
        for code in range(low, high + 1):
            seg = bisect.bisect_left(ends, code)
            if seg >= segments or starts[seg] > code:
                continue
            if range_offsets[seg] == 0:
                glyph = (code + deltas[seg]) & 0xFFFF
            else:
                address = range_base + 2 * seg + range_offsets[seg] + 2 * (code - starts[seg])
                glyph = struct.unpack_from(">H", data, address)[0]
                if glyph:
                    glyph = (glyph + deltas[seg]) & 0xFFFF
            if glyph:
                glyphs[code] = glyph
    return glyphs


class PdfFont:
    """A font ready to use on pages: encodes text to glyph ids and measures it."""

    def __init__(self, font: TrueTypeFont, resource: str) -> None:
        self.font = font
        self.resource = resource
        self.glyph_hex = {code: f"{glyph:04X}" for code, glyph in font.glyphs.items()}
        self.widths = {
            chr(code): font.advances[glyph] / font.units_per_em for code, glyph in font.glyphs.items()
        }
        self._fallback = self.glyph_hex[ord("?")]
        self.object_number = 0

    def supports(self, text: str) -> bool:
        """Return whether every character of ``text`` has a glyph."""
        return all(ord(char) in self.glyph_hex for char in text)

    def encode(self, text: str) -> str:
        """Return ``text`` as hex glyph ids for a Tj operator."""
        return text.translate(self.glyph_hex) if self.supports(text) else self._encode_slow(text)

    def _encode_slow(self, text: str) -> str:
        return "".join(self.glyph_hex.get(ord(char), self._fallback) for char in text)

    def width(self, text: str, size: float) -> float:
        """Return the advance width of ``text`` at ``size`` points."""
        widths = self.widths
        return sum(widths.get(char, 0.5) for char in text) * size


class PdfWriter:
    """Write PDF objects straight to a binary file and finish with the cross-reference table."""

    def __init__(self, handle: BinaryIO, *, compress_level: int = 6) -> None:
        self._handle = handle
        self._offsets: dict[int, int] = {}
        self._next = 1
        self._position = 0
        self._compress_level = compress_level
        self._page_numbers: list[int] = []
        self._fonts: list[PdfFont] = []
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.catalog = self.reserve()
        self.pages = self.reserve()
        self.resources = self.reserve()

    def _write(self, data: bytes) -> None:
        self._handle.write(data)
        self._position += len(data)

    def reserve(self) -> int:
        """Return a new object number to write later."""
        number = self._next
        self._next += 1
        return number

    def write_object(self, number: int, body: str | bytes) -> None:
        """Write object ``number`` with a dictionary or other body."""
        self._offsets[number] = self._position
        payload = body.encode("latin-1") if isinstance(body, str) else body
        self._write(b"%d 0 obj\n" % number + payload + b"\nendobj\n")

    def write_stream(self, number: int, data: bytes, extra: str = "", *, compress: bool = True) -> None:
        """Write a stream object, Flate-compressed unless told otherwise."""
        if compress:
            data = zlib.compress(data, self._compress_level)
            extra = f"/Filter /FlateDecode {extra}"
        self._offsets[number] = self._position
        head = f"{number} 0 obj\n<< /Length {len(data)} {extra} >>\nstream\n".encode("latin-1")
        self._write(head + data + b"\nendstream\nendobj\n")

    def add_font(self, path: str | Path) -> PdfFont:
        """Embed a TrueType font and return it for use on pages."""
        font = TrueTypeFont.load(path)
        pdf_font = PdfFont(font, f"F{len(self._fonts) + 1}")
        type0, cid, descriptor, file_number, to_unicode = (self.reserve() for _ in range(5))
        pdf_font.object_number = type0
        self.write_stream(file_number, font.data, f"/Length1 {len(font.data)}")
        bbox = " ".join(str(font.scaled(v)) for v in font.bbox)
        self.write_object(
            descriptor,
            f"<< /Type /FontDescriptor /FontName /{font.name} /Flags 32 /FontBBox [{bbox}] /ItalicAngle 0 "
            f"/Ascent {font.scaled(font.ascent)} /Descent {font.scaled(font.descent)} "
            f"/CapHeight {font.scaled(font.cap_height)} /StemV 80 /FontFile2 {file_number} 0 R >>",
        )
        used = sorted(set(font.glyphs.values()))
        widths = " ".join(f"{glyph} [{font.scaled(font.advances[glyph])}]" for glyph in used)
        self.write_object(
            cid,
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{font.name} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /DW 0 /W [{widths}] /CIDToGIDMap /Identity >>",
        )
        self.write_stream(to_unicode, _to_unicode_cmap(font.glyphs).encode("ascii"))
        self.write_object(
            type0,
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{font.name} /Encoding /Identity-H "
            f"/DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R >>",
        )
        self._fonts.append(pdf_font)
        return pdf_font

    def add_page(self, content: bytes, width: float, height: float) -> None:
        """Write one page with its content stream."""
        content_number = self.reserve()
        page_number = self.reserve()
        self.write_stream(content_number, content)
        self.write_object(
            page_number,
            f"<< /Type /Page /Parent {self.pages} 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
            f"/Resources {self.resources} 0 R /Contents {content_number} 0 R >>",
        )
        self._page_numbers.append(page_number)

    def finish(self, *, title: str = "", producer: str = "mattran") -> None:
        """Write the page tree, catalog, info and cross-reference table."""
        fonts = " ".join(f"/{font.resource} {font.object_number} 0 R" for font in self._fonts)
        self.write_object(self.resources, f"<< /Font << {fonts} >> /ProcSet [/PDF /Text] >>")
        kids = " ".join(f"{number} 0 R" for number in self._page_numbers)
        self.write_object(self.pages, f"<< /Type /Pages /Count {len(self._page_numbers)} /Kids [{kids}] >>")
        self.write_object(self.catalog, f"<< /Type /Catalog /Pages {self.pages} 0 R >>")
        info = self.reserve()
        self.write_object(info, f"<< /Title <{_utf16_hex(title)}> /Producer ({producer}) >>")
        xref = self._position
        size = self._next
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        rows.extend(b"%010d 00000 n \n" % self._offsets[number] for number in range(1, size))
        self._write(b"".join(rows))
        trailer = f"trailer\n<< /Size {size} /Root {self.catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        self._write(trailer.encode("latin-1"))


def _utf16_hex(text: str) -> str:
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(glyphs: dict[int, int]) -> str:
    by_glyph: dict[int, int] = {}
    for code, glyph in sorted(glyphs.items()):
        by_glyph.setdefault(glyph, code)
    entries = sorted(by_glyph.items())
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        body = "\n".join(f"<{glyph:04X}> <{code:04X}>" for glyph, code in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{body}\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(blocks) + "\nendcmap\n"
        "CMapName currentdefinedresource pop\nend\nend\n"
    )
