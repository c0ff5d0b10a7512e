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
3. The same measure for every title tests/test_cards.py reads (Urdu,
   Arabic with either digits, Persian), with each Debian model that knows
   the script, read two ways: the whole card as it is (made dark on light,
   --psm 6), and as the tests read it (tests/test_cards.py title_reading:
   each title line cropped to its ink box in the card's layout, made dark on
   light, scaled so the face's ه is 32 px tall, a white border, --psm 13);
   and the Urdu titles drawn in Naskh (whole card / title lines binarised
   and cut at blank rows, each scaled to a 30 px body, --psm 7).
   The smallest number of a row is the best Tesseract does for that title.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_cards import (  # noqa: E402
    TITLES,
    UNREAD_TITLES,
    URDU_TITLE,
    URDU_TITLES,
    card_for,
    card_of,
    character_error_rate,
    ocr,
    title_reading,
)

from convert.exporters.cards.card import CardLook, _drawn  # noqa: E402
from convert.exporters.cards.layout import CARD_SIZE, CardFaces, CardText, share_card_layout  # noqa: E402
from convert.exporters.epub.cover import CoverStyle  # noqa: E402
from convert.fonts import find_font  # noqa: E402

DRAWN_TITLES = {
    "60 characters": "ماذا يعني أن تكتب في زمن الحرب؟ دروس من 2024 مع Edward Said",
    "5,000 characters of words": " ".join(["كلمة", "طويلة", "جدا", "ومتكررة", "2024"] * 1000)[:5000],
    "one 5,000-letter word": "ش" * 5000,
    "5,000 characters, marked": "بَ" * 2500,
}


def time_titles(repeat: int) -> None:
    print("card drawing time (fastest of", repeat, "runs)")
    for name, title in DRAWN_TITLES.items():
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            card_of({"title": title, "author": "محمد الأحمد", "date": "2024-03-15"})
            best = min(best, time.perf_counter() - started)
        print(f"  {name:28} {best * 1000:7.0f} ms")


def urdu_card(family: str, leading: float, title: str = URDU_TITLE) -> Image.Image:
    font = find_font(family)
    faces = CardFaces(font, font, leading, "ur", "raqm")
    style = CoverStyle("#7b1e1e", "#ffffff", "#f5f1ea", font, font)
    text = CardText(title, "عائشہ خان", None, "2024-05-01")
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


MODELS = {"ur": ("urd", "Arabic", "urd+ara"), "ar": ("ara", "Arabic", "ara+eng"), "fa": ("fas", "Arabic")}
X_HEIGHT = 30  # pixels: what Tesseract's models were trained near


def ink_of(image: Image.Image) -> np.ndarray:
    """True where the card has ink: the minority side of Otsu's threshold."""
    grey = np.asarray(image.convert("L"))
    counts = np.bincount(grey.ravel(), minlength=256).astype(float)
    below = np.cumsum(counts)
    weighted = np.cumsum(counts * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = (weighted[-1] * below - weighted * below[-1]) ** 2 / (below * (below[-1] - below))
    dark = grey <= int(np.nanargmax(spread))
    return dark if dark.mean() < 0.5 else ~dark


def cropped(ink: np.ndarray) -> np.ndarray:
    rows, columns = np.nonzero(ink)
    return ink[rows.min():rows.max() + 1, columns.min():columns.max() + 1]


def lines_of(ink: np.ndarray) -> list[np.ndarray]:
    """Bands of rows with ink, split at blank rows, each cropped to its ink."""
    inked = np.concatenate([[False], ink.any(axis=1), [False]])
    edges = np.flatnonzero(inked[1:] != inked[:-1]).reshape(-1, 2)
    return [cropped(ink[top:bottom]) for top, bottom in edges if bottom - top >= 4]


def read_line(line: np.ndarray, languages: str) -> str:
    rows = line.sum(axis=1)
    core = max(1, int((rows > rows.max() / 2).sum()))  # the letters' body: about the x-height
    page = Image.fromarray(np.where(line, 0, 255).astype(np.uint8))
    size = (max(1, round(page.width * X_HEIGHT / core)), max(1, round(page.height * X_HEIGHT / core)))
    page = page.resize(size, Image.Resampling.LANCZOS).point(lambda value: 0 if value < 128 else 255)
    buffer = io.BytesIO()
    ImageOps.expand(page, 20, fill=255).save(buffer, "PNG")
    command = ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "7"]
    result = subprocess.run(command, input=buffer.getvalue(), capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def prepared_reading(image: Image.Image, languages: str) -> str:
    return "\n".join(read_line(line, languages) for line in lines_of(ink_of(image)))


def all_titles() -> list[tuple[str, str, str]]:
    """(language, title, what the tests expect) for every title tests/test_cards.py reads."""
    rows = [(lang, title, "< 5%") for lang, _, title in TITLES.values()]
    rows += [(lang, title, f"xfail {measured}") for lang, _, title, measured in UNREAD_TITLES.values()]
    return rows + [("ur", title, f"xfail {measured}") for title, measured in URDU_TITLES.values()]


def every_title_ocr() -> None:
    if not shutil.which("tesseract"):
        return
    print("Tesseract: character error rate of each title, whole card (--psm 6) / the tests' title lines")
    for lang, title, expected in all_titles():
        card, lines = card_for(title, lang)
        rates = [f"{model}: {character_error_rate(title, ocr(card, model)):5.1%} / "
                 f"{character_error_rate(title, title_reading(card, lines, model)):5.1%}"
                 for model in MODELS[lang]]
        if lang == "ur":
            naskh = urdu_card("Amiri", 1.55, title)
            rates.append(f"Naskh urd: {character_error_rate(title, ocr(naskh, 'urd')):5.1%} / "
                         f"{character_error_rate(title, prepared_reading(naskh, 'urd')):5.1%}")
        print(f"  {lang} {title[:28]:28} [{expected}]  " + "  ".join(rates), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    time_titles(args.repeat)
    urdu_ocr()
    every_title_ocr()


if __name__ == "__main__":
    main()
