"""PDF page snapshots: a page rendered with pypdfium2, cropped around a finding, as a data: URI.

Outlines are not painted into the pixels: the page places them over the image as boxes in percent
of its size (:meth:`Snapshot.place`), so they stay sharp at any zoom, can be told apart by colour
and can be checked in a browser against the image they belong to.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

from msgspec import Struct

from checker.model import BBox

SCALE = 2.0  # pixels per PDF point for crops (144 dpi: small print stays readable)
PAGE_SCALE = 1.25  # the whole page behind a click (90 dpi)
MARGIN = 30.0  # points above and below the outlined boxes
MAX_HEIGHT = 360.0  # points: a crop grows to show its table's column heads only up to this
PAGES_KEPT = 4  # rendered pages kept in memory while one file's findings are drawn


class Snapshot(Struct, frozen=True):
    """An image of a region of a page: where it is on the page, and the image itself."""

    page: int
    region: BBox  # PDF points, top-left origin, as the extractor gives boxes
    uri: str
    width: int
    height: int

    def place(self, bbox: BBox, pad: float = 0.0) -> tuple[float, float, float, float] | None:
        """A box (PDF points) as left, top, width, height in percent of the image; None when it
        lies outside. Padding widens it so the outline goes round the text, clamped to the image."""
        x0, top, x1, bottom = self.region
        bx0, btop = max(bbox[0] - pad, x0), max(bbox[1] - pad, top)
        bx1, bbottom = min(bbox[2] + pad, x1), min(bbox[3] + pad, bottom)
        if bx1 <= bx0 or bbottom <= btop:
            return None
        w, h = x1 - x0, bottom - top
        return (100 * (bx0 - x0) / w, 100 * (btop - top) / h, 100 * (bx1 - bx0) / w, 100 * (bbottom - btop) / h)


def encode(image: Any) -> str:
    """A data: URI, WebP (lossy, tuned for text on white) or, without WebP support, palette PNG."""
    from PIL import features

    out = io.BytesIO()
    if features.check("webp"):
        image.save(out, "WEBP", quality=72, method=1)  # method 4 is 3x slower for 25% less
        mime = "image/webp"
    else:
        image.convert("L").convert("P", palette=0, colors=32).save(out, "PNG", optimize=True)
        mime = "image/png"
    return f"data:{mime};base64,{base64.b64encode(out.getvalue()).decode('ascii')}"


class PageRenderer:
    """Renders pages of one PDF on demand; a few are cached while its findings are drawn."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: Any = None
        self._pages: dict[int, Any] = {}
        self.wholes: dict[int, Snapshot] = {}

    def close(self) -> None:
        self._pages.clear()
        if self._pdf is not None:
            self._pdf.close()

    def _render(self, number: int) -> tuple[Any, float, float]:
        """The page (1-based) as a PIL image at :data:`SCALE`, as shown (its /Rotate applied), and
        its width and height in points as shown."""
        import pypdfium2 as pdfium

        if number not in self._pages:
            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(str(self.path))
            page = self._pdf[number - 1]
            try:
                image = page.render(scale=SCALE).to_pil().convert("RGB")
                width, height = page.get_size()
                if (image.width > image.height) != (width > height):  # the size as shown, /Rotate applied
                    width, height = height, width
                self._pages[number] = (image, width, height)
            finally:
                page.close()
            while len(self._pages) > PAGES_KEPT:
                self._pages.pop(next(iter(self._pages)))
        return self._pages[number]

    def crop(self, number: int, boxes: list[BBox], heads: list[BBox] | None = None) -> Snapshot:
        """The page's full width, from a margin above the highest box to one below the lowest;
        the whole page when there is no box. ``heads`` (a table's column heads) are taken in too
        when that keeps the crop within :data:`MAX_HEIGHT`."""
        if not boxes:
            return self.whole(number)
        image, width, height = self._render(number)
        lowest = max(b[3] for b in boxes)
        if heads and lowest - min(b[1] for b in heads) <= MAX_HEIGHT:
            boxes = [*boxes, *heads]
        top = max(0.0, min(b[1] for b in boxes) - MARGIN)
        bottom = min(height, max(b[3] for b in boxes) + MARGIN)
        scale = image.height / height  # SCALE, up to pdfium's rounding to whole pixels
        piece = image.crop((0, round(top * scale), image.width, round(bottom * scale)))
        return Snapshot(number, (0.0, top, width, bottom), encode(piece), piece.width, piece.height)

    def whole(self, number: int) -> Snapshot:
        """The whole page, smaller (what a click on a finding opens); made once per page."""
        if number not in self.wholes:
            image, width, height = self._render(number)
            small = image.resize((round(width * PAGE_SCALE), round(height * PAGE_SCALE)))
            self.wholes[number] = Snapshot(number, (0.0, 0.0, width, height), encode(small), small.width, small.height)
        return self.wholes[number]


def render_errors() -> tuple[type[BaseException], ...]:
    """What pypdfium2 raises for a PDF it cannot open or render: damaged input, not our bug."""
    import pypdfium2 as pdfium

    return (pdfium.PdfiumError,)
