"""A deterministic corpus of distinct articles for benchmarks.

Copies of one article hide what caches and special cases do, so every
article here differs: sentences drawn from the seed and the test fixtures in
a different mix and order, a different length, and a different set of
features (numbers, Latin names, dates, quotations, headings, lists, fully
vocalised passages, Extended Arabic-Indic digits), chosen so that no two
articles have the same set of characters.

    python bench/corpus.py OUT [--articles 20] [--min-words 300] [--max-words 1500]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [ROOT / "seeds" / "iran-and-al-qaeda.txt", *sorted((FIXTURES / "book").glob("*.txt"))]
VOCALISED = FIXTURES / "pdf" / "tashkeel.txt"
LATIN_NAMES = ["Joe Biden", "Mike Pompeo", "Al-Qaeda", "New York", "Reuters", "NATO", "COVID-19", "BBC"]
DISCLAIMER = "تنويه: جميع الآراء الواردة في هذا المقال تعبر عن رأي كاتبه ولا تعكس بالضرورة موقف الموقع"


def sentences(paths: list[Path]) -> list[str]:
    """The sentences of the sources' body paragraphs (no front matter, titles or disclaimers)."""
    found = []
    for path in paths:
        text = re.sub(r"\A---.*?---\s*", "", path.read_text(encoding="utf-8"), flags=re.S)
        paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()][1:]
        for paragraph in paragraphs:
            if paragraph.startswith(("تنويه", "#", ">", "-", "بقلم")):
                continue
            parts = re.findall(r"[^.؟!]+[.؟!]?", paragraph)
            found += [part.strip() for part in parts if len(part.split()) > 3]
    return found


def _digits(number: int, zero: int) -> str:
    return "".join(chr(zero + int(digit)) for digit in str(number))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2030)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"


def _phone(rng: random.Random) -> str:
    return f"+966 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


FEATURES = {
    "numbers": lambda rng: f"ارتفعت النسبة إلى {rng.randint(2, 98)}% في عام {rng.randint(1990, 2030)}.",
    "latin": lambda rng: f"وقال {rng.choice(LATIN_NAMES)} إن الوضع تغير.",
    "date": lambda rng: f"صدر البيان في {_date(rng)}.",
    "quote": lambda rng: "وكتب المتحدث «{}» في بيانه.".format(rng.choice(["لن نتراجع", "الحوار هو الحل"])),
    "phone": lambda rng: f"للتواصل: {_phone(rng)}.",
    "extended-digits": lambda rng: f"وبلغ العدد {_digits(rng.randint(10, 9999), 0x06F0)}.",
    "url": lambda rng: f"التفاصيل في https://example.com/news/{rng.randint(100, 999)}?lang=ar للمزيد.",
}


def article(number: int, pool: list[str], vocalised: list[str], min_words: int, max_words: int,
            features: tuple[str, ...]) -> str:
    rng = random.Random(number)
    target = rng.randint(min_words, max_words)
    extras = [FEATURES[name](rng) for name in features if name in FEATURES]
    paragraphs, words = [], 0
    while words < target:
        paragraph = [rng.choice(pool) for _ in range(rng.randint(2, 6))]
        if extras and rng.random() < 0.4:
            paragraph.insert(rng.randrange(len(paragraph) + 1), extras[rng.randrange(len(extras))])
        text = " ".join(paragraph)
        paragraphs.append(text)
        words += len(text.split())
    if "vocalised" in features:
        paragraphs.insert(rng.randrange(len(paragraphs)), " ".join(vocalised))
    if "heading" in features:
        heading = "## " + " ".join(rng.choice(pool).split()[:4])
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), heading)
    if "list" in features:
        items = [" ".join(rng.choice(pool).split()[:6]) for _ in range(3)]
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), "\n".join(f"- {item}" for item in items))
    title = " ".join(rng.choice(pool).split()[:6]).rstrip(".،")
    return "\n\n".join([title, *paragraphs, DISCLAIMER]) + "\n"


def distinct_articles(folder: Path, count: int = 20, min_words: int = 300,
                      max_words: int = 1500) -> list[Path]:
    """count articles in folder, no two with the same set of characters."""
    pool = sentences(SOURCES)
    vocalised = sentences([VOCALISED])
    names = [*FEATURES, "vocalised", "heading", "list"]
    folder.mkdir(parents=True, exist_ok=True)
    paths, character_sets = [], set()
    number = 0
    while len(paths) < count:
        rng = random.Random(10_000 + number)
        features = tuple(name for name in names if rng.random() < 0.5)
        text = article(number, pool, vocalised, min_words, max_words, features)
        number += 1
        if frozenset(text) in character_sets:
            continue
        character_sets.add(frozenset(text))
        path = folder / f"article-{len(paths) + 1:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--min-words", type=int, default=300)
    parser.add_argument("--max-words", type=int, default=1500)
    arguments = parser.parse_args()
    written = distinct_articles(arguments.out, arguments.articles, arguments.min_words, arguments.max_words)
    print(f"{len(written)} articles in {arguments.out}")
