#!/usr/bin/env python3
"""Draws the app icons of the default theme from nothing but geometry: three
palm-leaf manuscript leaves (សាស្ត្រា) strung on a cord, on the theme's accent
colour. Writes themes/default/static/icons/{icon.svg, icon-192.png,
icon-512.png, maskable-512.png}. Standard library only; run it again after
changing a shape or colour:  python3 scripts/draw-icons.py
"""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "themes/default/static/icons"
ACCENT = (0x8A, 0x2A, 0x0A)
LEAF = (0xFB, 0xEE, 0xE6)
CORD = (0x3A, 0x24, 0x18)

# In a 100 × 100 box: leaves as (x0, x1, y centre, half height).
LEAVES = [(14, 80, 32, 7), (20, 86, 50, 7), (14, 80, 68, 7)]
HOLES_X = (30, 64)
HOLE_R = 2.2
CORD_W = 1.4


def leaf_distance(x, y, leaf, scale=1.0, cx=50, cy=50):
    x0, x1, yc, h = leaf
    # A capsule: a leaf with rounded ends.
    px = (x - cx) / scale + cx
    py = (y - cy) / scale + cy
    qx = min(max(px, x0 + h), x1 - h)
    return (math.hypot(px - qx, py - yc) - h) * scale


def colour_at(x, y, maskable):
    """The colour at (x, y) of the 100 × 100 icon; None is transparent."""
    scale = 0.78 if maskable else 1.0
    if not maskable:
        # A rounded square.
        r = 18
        qx = min(max(x, r), 100 - r)
        qy = min(max(y, r), 100 - r)
        if math.hypot(x - qx, y - qy) > r:
            return None
    colour = ACCENT
    for leaf in LEAVES:
        if leaf_distance(x, y, leaf, scale) <= 0:
            colour = LEAF
    for hx in HOLES_X:
        sx = (hx - 50) * scale + 50
        top = (LEAVES[0][2] - LEAVES[0][3] - 3 - 50) * scale + 50
        bottom = (LEAVES[-1][2] + LEAVES[-1][3] + 3 - 50) * scale + 50
        if abs(x - sx) <= CORD_W / 2 * scale and top <= y <= bottom:
            colour = CORD
        for leaf in LEAVES:
            sy = (leaf[2] - 50) * scale + 50
            if math.hypot(x - sx, y - sy) <= HOLE_R * scale:
                colour = CORD
    return colour


def png(size, maskable):
    n = 4  # samples per side of a pixel
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(n):
                for si in range(n):
                    x = (i + (si + 0.5) / n) * 100 / size
                    y = (j + (sj + 0.5) / n) * 100 / size
                    c = colour_at(x, y, maskable)
                    if c:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 255
            covered = acc[3] / 255
            if covered:
                row += bytes([round(acc[0] / covered), round(acc[1] / covered), round(acc[2] / covered), round(acc[3] / (n * n))])
            else:
                row += bytes(4)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


def svg():
    hexc = lambda c: "#%02x%02x%02x" % c
    parts = [f'<rect width="100" height="100" rx="18" fill="{hexc(ACCENT)}"/>']
    for x0, x1, yc, h in LEAVES:
        parts.append(f'<rect x="{x0}" y="{yc - h}" width="{x1 - x0}" height="{2 * h}" rx="{h}" fill="{hexc(LEAF)}"/>')
    top = LEAVES[0][2] - LEAVES[0][3] - 3
    bottom = LEAVES[-1][2] + LEAVES[-1][3] + 3
    for hx in HOLES_X:
        parts.append(f'<rect x="{hx - CORD_W / 2}" y="{top}" width="{CORD_W}" height="{bottom - top}" fill="{hexc(CORD)}"/>')
        for leaf in LEAVES:
            parts.append(f'<circle cx="{hx}" cy="{leaf[2]}" r="{HOLE_R}" fill="{hexc(CORD)}"/>')
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">' + "".join(parts) + "</svg>\n"


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(svg())
    (OUT / "icon-192.png").write_bytes(png(192, False))
    (OUT / "icon-512.png").write_bytes(png(512, False))
    (OUT / "maskable-512.png").write_bytes(png(512, True))
