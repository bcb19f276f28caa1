"""Scans the OCR set's clean pages as an office would, into PDFs of images.

    python3 benches/ocr/degrade.py CLEAN_DIR OUT_DIR [--seed N] [--only NAME ...]

CLEAN_DIR holds `render.mjs`'s pages (<page>.png at 300 dpi, <page>.txt).
Writes OUT_DIR/<condition>/<page>.pdf (one page, one image at the
condition's resolution, as a scanner's PDF holds it) and <page>.txt, the
true text. Needs Pillow and numpy (`python3 -m venv`, `pip install pillow
numpy`). The same seed gives the same files, byte for byte.

A scan is made in this order, as paper meets a scanner: the page is
turned by the skew, its ink and paper brought closer (low contrast), the
scanner's optics soften it and sample it at the condition's resolution,
sensor noise is added, and the office's software stores it as JPEG.
"""

import argparse
import io
import sys
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

# name: (dpi, skew in degrees, (ink, paper) grey levels or None,
#        noise sigma in grey levels, JPEG quality or None)
CONDITIONS = {
    "300-clean": (300, 0.0, None, 0.0, None),
    "300-noise-skew": (300, 0.8, None, 14.0, None),
    "200-noise-skew": (200, 0.5, None, 12.0, None),
    "200-contrast-jpeg": (200, 0.0, (105, 195), 4.0, 40),
    "150-plain": (150, 0.0, None, 6.0, None),
    "150-skew-jpeg": (150, 1.5, None, 8.0, 50),
    "200-all": (200, 2.0, (95, 205), 10.0, 45),
}
# The clean page is not among the degraded ones the target is measured on.
DEGRADED = [name for name in CONDITIONS if name != "300-clean"]


def scan(page, condition, rng):
    dpi, skew, contrast, noise, quality = CONDITIONS[condition]
    image = page.convert("L")
    if skew:
        image = image.rotate(
            skew, resample=Image.BICUBIC, expand=False, fillcolor=255
        )
    pixels = np.asarray(image, dtype=np.float32)
    if contrast:
        ink, paper = contrast
        pixels = ink + pixels * (paper - ink) / 255.0
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    if dpi != 300:
        size = (round(image.width * dpi / 300), round(image.height * dpi / 300))
        image = image.resize(size, Image.BOX)
    pixels = np.asarray(image, dtype=np.float32)
    if noise:
        pixels = pixels + rng.normal(0.0, noise, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).round().astype(np.uint8))
    if quality:
        data = io.BytesIO()
        image.save(data, "JPEG", quality=quality, optimize=False)
        return image.size, dpi, "DCTDecode", data.getvalue()
    return image.size, dpi, "FlateDecode", zlib.compress(image.tobytes(), 9)


def pdf_of_image(size, dpi, codec, data):
    """A one-page PDF showing one grey image at `dpi`."""
    width, height = size
    w_pt, h_pt = width * 72 / dpi, height * 72 / dpi
    content = f"q {w_pt:.2f} 0 0 {h_pt:.2f} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.2f} {h_pt:.2f}] "
        f"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} "
        f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /{codec} "
        f"/Length {len(data)} >>\nstream\n".encode()
        + data
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("clean", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=27)
    parser.add_argument("--only", nargs="*", help="conditions to make")
    parser.add_argument("--pages", nargs="*", help="pages to make")
    args = parser.parse_args()
    pages = sorted(p.stem for p in args.clean.glob("*.png"))
    if args.pages:
        pages = [p for p in pages if p in args.pages]
    if not pages:
        sys.exit(f"no pages in {args.clean}")
    for c_index, condition in enumerate(CONDITIONS):
        if args.only and condition not in args.only:
            continue
        folder = args.out / condition
        folder.mkdir(parents=True, exist_ok=True)
        for p_index, name in enumerate(pages):
            # One stream per page and condition: making a subset gives the
            # same files as making the whole set.
            rng = np.random.default_rng([args.seed, c_index, p_index])
            page = Image.open(args.clean / f"{name}.png")
            (folder / f"{name}.pdf").write_bytes(
                pdf_of_image(*scan(page, condition, rng))
            )
            (folder / f"{name}.txt").write_text(
                (args.clean / f"{name}.txt").read_text(encoding="utf-8"),
                encoding="utf-8",
            )
        print(condition, len(pages), "pages")


if __name__ == "__main__":
    main()
