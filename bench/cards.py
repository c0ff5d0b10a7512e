"""Share cards: what a huge title costs, and how well Tesseract reads an Urdu card.

    PYTHONPATH=. .venv/bin/python bench/cards.py [--repeat 3]

1. Time to draw a share card (exporters/cards) for titles of 60 characters,
   5,000 characters of words, one 5,000-letter word, and 5,000 characters
   with a mark on every letter; fastest of --repeat each. Every title is
   shortened to what a card can show (text/shown.py) and fitted by a bounded
   search (epub/cover.py fit_lines), so the huge ones should cost about the
   short one.
2. Tesseract's character error rate on an Urdu title (tests/test_cards.py's
   measure) drawn in the theme's Nastaliq and, for comparison, in Naskh
   (Amiri), each read at several scales: what separates the model from the
   rendering size.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_cards import URDU_TITLE, card_of, character_error_rate  # noqa: E402

from convert.exporters.cards.card import CardLook, _drawn  # noqa: E402
from convert.exporters.cards.layout import CARD_SIZE, CardFaces, CardText, share_card_layout  # noqa: E402
from convert.exporters.epub.cover import CoverStyle  # noqa: E402
from convert.fonts import find_font  # noqa: E402

TITLES = {
    "60 characters": "ماذا يعني أن تكتب في زمن الحرب؟ دروس من 2024 مع Edward Said",
    "5,000 characters of words": " ".join(["كلمة", "طويلة", "جدا", "ومتكررة", "2024"] * 1000)[:5000],
    "one 5,000-letter word": "ش" * 5000,
    "5,000 characters, marked": "بَ" * 2500,
}


def time_titles(repeat: int) -> None:
    print("card drawing time (fastest of", repeat, "runs)")
    for name, title in TITLES.items():
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            card_of({"title": title, "author": "محمد الأحمد", "date": "2024-03-15"})
            best = min(best, time.perf_counter() - started)
        print(f"  {name:28} {best * 1000:7.0f} ms")


def urdu_card(family: str, leading: float) -> Image.Image:
    font = find_font(family)
    faces = CardFaces(font, font, leading, "ur", "raqm")
    style = CoverStyle("#7b1e1e", "#ffffff", "#f5f1ea", font, font)
    text = CardText(URDU_TITLE, "عائشہ خان", None, "2024-05-01")
    png = _drawn(lambda: share_card_layout(text, faces), CARD_SIZE, CardLook(style, faces), None)
    return Image.open(io.BytesIO(png))


def read_urdu(image: Image.Image, scale: float) -> float:
    page = ImageOps.invert(image.convert("L"))
    page = page.resize((int(page.width * scale), int(page.height * scale)), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    seen = subprocess.run(["tesseract", "stdin", "stdout", "-l", "urd", "--psm", "6"],
                          input=buffer.getvalue(), capture_output=True, check=True).stdout.decode("utf-8")
    return character_error_rate(URDU_TITLE, seen)


def urdu_ocr() -> None:
    if not shutil.which("tesseract"):
        print("no tesseract: Urdu OCR not measured")
        return
    print("Tesseract urd: character error rate of", URDU_TITLE)
    for family, leading in (("Noto Nastaliq Urdu", 2.8), ("Amiri", 1.55)):
        card = urdu_card(family, leading)
        rates = "  ".join(f"x{scale}: {read_urdu(card, scale):5.1%}" for scale in (0.5, 0.75, 1.0, 1.5, 2.0))
        print(f"  {family:20} {rates}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    time_titles(args.repeat)
    urdu_ocr()


if __name__ == "__main__":
    main()
