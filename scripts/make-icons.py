"""Draws the Alliance Lens icon (a lens over a highlighted line) as PNGs, with no dependencies."""
import struct, zlib, math, sys, os

def png(size, pixel):
    rows = b''.join(b'\x00' + b''.join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')

def pixel(x, y, s):
    u, v = (x + .5) / s, (y + .5) / s
    r = .22
    # rounded square background
    dx, dy = max(abs(u - .5) - (.5 - r), 0), max(abs(v - .5) - (.5 - r), 0)
    if math.hypot(dx, dy) > r: return (0, 0, 0, 0)
    bg = (22, 52, 96, 255)
    d = math.hypot(u - .44, v - .44)
    if .2 < d < .29: return (255, 255, 255, 255)           # lens ring
    if d <= .2: return (255, 214, 64, 255) if .38 < v < .5 else (48, 92, 150, 255)  # highlighted line inside
    hx, hy = u - .44, v - .44
    if hx > 0 and hy > 0 and abs(hx - hy) < .07 and .27 < math.hypot(hx, hy) < .5: return (255, 255, 255, 255)  # handle
    return bg

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for s in (16, 32, 48, 96, 128):
    open(os.path.join(out, f'{s}.png'), 'wb').write(png(s, pixel))
