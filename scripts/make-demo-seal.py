"""Draws the demo issuer's seal (assets/seal-demo.png) once; the PNG is committed.

A real deployment replaces it with the issuer's own seal image. Run with Pillow installed:
    python3 scripts/make-demo-seal.py
"""
import math
from PIL import Image, ImageDraw, ImageFont

SIZE = 600
RED = (200, 16, 32, 235)
FONT = "assets/fonts/DroidSansFallbackFull.ttf"

img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
c = SIZE / 2
d.ellipse([14, 14, SIZE - 14, SIZE - 14], outline=RED, width=18)

# The five-pointed star in the middle.
r_out, r_in = 92, 36
pts = []
for i in range(10):
    r = r_out if i % 2 == 0 else r_in
    a = -math.pi / 2 + i * math.pi / 5
    pts.append((c + r * math.cos(a), c + r * math.sin(a)))
d.polygon(pts, fill=RED)

# The issuing body along the upper arc, each character turned to face the centre.
text = "新疆维吾尔自治区教育厅"
font = ImageFont.truetype(FONT, 62)
radius = 205
span = math.radians(250)
for i, ch in enumerate(text):
    a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(text)
    glyph = Image.new("RGBA", (90, 90), (0, 0, 0, 0))
    ImageDraw.Draw(glyph).text((45, 45), ch, font=font, fill=RED, anchor="mm")
    glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
    x = c + radius * math.cos(a) - 45
    y = c + radius * math.sin(a) - 45
    img.alpha_composite(glyph, (int(x), int(y)))

# The seal's purpose under the star.
small = ImageFont.truetype(FONT, 44)
d.text((c, c + 150), "职称证书专用章", font=small, fill=RED, anchor="mm")
img.save("assets/seal-demo.png", optimize=True)
