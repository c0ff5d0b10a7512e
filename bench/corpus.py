"""A deterministic corpus of distinct articles for benchmarks.

Copies of one article hide what caches and special cases do, so every
article here differs: its own length, drawn between --min-words and
--max-words on a logarithmic scale (most articles short, some long, as in a
newspaper's archive; the lengths of a corpus are spread over the whole range),
its own mix of modern prose (sentences of the project's own articles: the
seed and the test fixtures) and classical prose (hadith of Sahih al-Bukhari,
public domain: bench/data/README.md), its own byline and date, and its own set
of features: numbers in Western, Arabic-Indic or Extended Arabic-Indic
digits, Latin names, dates, phone numbers, web addresses, quotations («…»,
“…”, block quotes), headings, bullet and numbered lists, fully vocalised
passages. No two articles of a corpus have the same set of characters.

    python bench/corpus.py OUT [--articles 20] [--min-words 300] [--max-words 5000]
"""

from __future__ import annotations

import argparse
import math
import random
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [ROOT / "seeds" / "iran-and-al-qaeda.txt", *sorted((FIXTURES / "book").glob("*.txt"))]
VOCALISED = FIXTURES / "pdf" / "tashkeel.txt"
CLASSICAL = ROOT / "bench" / "data" / "bukhari.txt"
LATIN_NAMES = ["Joe Biden", "Mike Pompeo", "Al-Qaeda", "New York", "Reuters", "NATO", "COVID-19", "BBC",
               "Angela Merkel", "Le Monde", "UNESCO", "World Bank", "Jean-Paul Sartre", "Oxford",
               "Financial Times", "Human Rights Watch", "Xi Jinping", "Emmanuel Macron", "IMF", "OPEC"]
AUTHORS = ["ليلى الحسيني", "عمر الفاروق", "سارة بن علي", "يوسف القاسمي", "هدى المصري", "خالد العتيبي",
           "مريم الزهراني", "أحمد بن يوسف", "نور الهدى سالم", "طارق الحلبي"]
DISCLAIMER = "تنويه: جميع الآراء الواردة في هذا المقال تعبر عن رأي كاتبه ولا تعكس بالضرورة موقف الموقع"
# Harakat, shadda, sukun and the dagger alef: taken off for plain text.
_VOWEL_MARKS = re.compile("[\u064b-\u0652\u0670]")
_WESTERN, _ARABIC_INDIC, _EXTENDED = 0x30, 0x0660, 0x06F0


def sentences(paths: list[Path]) -> list[str]:
    """The sentences of the sources' body paragraphs (no front matter, titles or disclaimers)."""
    found = []
    for path in paths:
        text = re.sub(r"\A---.*?---\s*", "", path.read_text(encoding="utf-8"), flags=re.S)
        paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()][1:]
        for paragraph in paragraphs:
            if paragraph.startswith(("تنويه", "#", ">", "-", "بقلم")):
                continue
            found += _split(paragraph)
    return found


def classical() -> tuple[list[str], list[str]]:
    """The hadith: their sentences without vowel marks, and each whole, fully vocalised."""
    records = [_tidy(line) for line in CLASSICAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    plain = [sentence for record in records for sentence in _split(_VOWEL_MARKS.sub("", record))]
    return plain, records


def _split(paragraph: str) -> list[str]:
    parts = re.findall(r"[^.؟!]+[.؟!]?", paragraph)
    return [part.strip() for part in parts if len(part.split()) > 3]


def _tidy(text: str) -> str:
    """The source's typing (a space before a comma or colon, quotes left open) as an editor types it."""
    text = re.sub(r"\s+([،:.])", r"\1", text)
    return text.replace('"', "") if text.count('"') % 2 else text


def _digits(number: int, zero: int) -> str:
    return "".join(chr(zero + int(digit)) for digit in str(number))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2030)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"


def _phone(rng: random.Random) -> str:
    return f"+966 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


# Sentences an editor's text has besides prose: each feature an article has
# is mixed into its paragraphs now and then.
FEATURES: dict[str, Callable[[random.Random], str]] = {
    "numbers": lambda rng: f"ارتفعت النسبة إلى {rng.randint(2, 98)}% في عام {rng.randint(1990, 2030)}.",
    "arabic-indic": lambda rng: (f"وبلغ عدد المشاركين {_digits(rng.randint(10, 99999), _ARABIC_INDIC)} "
                                 f"في {_digits(rng.randint(2, 60), _ARABIC_INDIC)} مدينة."),
    "extended-digits": lambda rng: f"وبلغ العدد {_digits(rng.randint(10, 9999), _EXTENDED)}.",
    "latin": lambda rng: f"وقال {rng.choice(LATIN_NAMES)} إن الوضع تغير.",
    "date": lambda rng: f"صدر البيان في {_date(rng)}.",
    "quote": lambda rng: "وكتب المتحدث «{}» في بيانه.".format(rng.choice(["لن نتراجع", "الحوار هو الحل",
                                                                          "الأرقام لا تكذب"])),
    "curly-quote": lambda rng: "ونقلت الصحيفة عنه قوله “{}” أمس.".format(rng.choice(["الوقت ينفد",
                                                                                    "لا بديل عن السلام"])),
    "phone": lambda rng: f"للتواصل: {_phone(rng)}.",
    "url": lambda rng: f"التفاصيل في https://example.com/news/{rng.randint(100, 999)}?lang=ar للمزيد.",
}
BLOCK_FEATURES = ("vocalised", "heading", "list", "numbered-list", "block-quote", "byline", "date-line")


def target_words(index: int, count: int, min_words: int, max_words: int) -> int:
    """Article index's length: the range cut into count equal steps on a
    logarithmic scale, one article in each step at a point of its own, the
    steps dealt out in a shuffled order."""
    order = list(range(count))
    random.Random(count).shuffle(order)
    where = (order[index] + random.Random(20_000 + index).random()) / count
    return round(min_words * math.exp(where * math.log(max_words / min_words)))


def article(number: int, words_wanted: int, modern: list[str], plain: list[str], vocalised: list[str],
            features: tuple[str, ...]) -> str:
    """An article of about words_wanted words (within a sentence) with these features."""
    rng = random.Random(number)
    classical_share = rng.choice([0.0, 0.1, 0.3, 0.5, 0.8])
    extras = [FEATURES[name] for name in features if name in FEATURES]

    def sentence() -> str:
        return rng.choice(plain if rng.random() < classical_share else modern)

    def short(length: int) -> str:
        return " ".join(sentence().split()[:length]).rstrip(".،:")

    blocks = []  # the blocks besides prose, placed once the prose is written
    if "vocalised" in features:
        blocks += [rng.choice(vocalised) for _ in range(1 + words_wanted // 1500)]
    if "heading" in features:
        blocks += [rng.choice(["## ", "### "]) + short(rng.randint(2, 6))
                   for _ in range(1 + words_wanted // 800)]
    if "list" in features:
        blocks.append("\n".join(f"- {short(rng.randint(3, 8))}" for _ in range(rng.randint(2, 5))))
    if "numbered-list" in features:
        zero = rng.choice([_WESTERN, _ARABIC_INDIC])
        blocks.append("\n".join(f"{_digits(item, zero)}. {short(rng.randint(3, 8))}"
                                for item in range(1, rng.randint(3, 6))))
    if "block-quote" in features:
        blocks.append("> " + " ".join(sentence() for _ in range(2)))
    head = [short(rng.randint(3, 9))]
    if "byline" in features:
        head.append(f"بقلم: {rng.choice(AUTHORS)}")
    words = sum(len(part.split()) for part in [*head, *blocks, DISCLAIMER])
    paragraphs: list[str] = []
    while words < words_wanted:
        paragraph = [sentence() for _ in range(rng.randint(2, 6))]
        if extras and rng.random() < 0.4:
            paragraph.insert(rng.randrange(len(paragraph) + 1), rng.choice(extras)(rng))
        while len(paragraph) > 1 and words + len(" ".join(paragraph).split()) > words_wanted:
            paragraph.pop()  # the last paragraph stops at the sentence that reaches the length
        paragraphs.append(" ".join(paragraph))
        words += len(paragraphs[-1].split())
    for block in blocks:
        paragraphs.insert(rng.randrange(1 if block.startswith("#") else 0, len(paragraphs) + 1), block)
    front = f"---\ndate: {_date(rng)}\n---\n" if "date-line" in features else ""
    return front + "\n\n".join([*head, *paragraphs, DISCLAIMER]) + "\n"


def distinct_articles(folder: Path, count: int = 20, min_words: int = 300,
                      max_words: int = 5000) -> list[Path]:
    """count articles in folder, no two with the same set of characters."""
    modern = sentences(SOURCES)
    plain, records = classical()
    vocalised = records + [paragraph for paragraph in VOCALISED.read_text(encoding="utf-8").split("\n\n")
                           if _VOWEL_MARKS.search(paragraph)]
    names = [*FEATURES, *BLOCK_FEATURES]
    folder.mkdir(parents=True, exist_ok=True)
    paths, character_sets = [], set()
    number = 0
    while len(paths) < count:
        rng = random.Random(10_000 + number)
        features = tuple(name for name in names if rng.random() < 0.5)
        words = target_words(len(paths), count, min_words, max_words)
        text = article(number, words, modern, plain, vocalised, features)
        number += 1
        if frozenset(text) in character_sets:
            continue
        character_sets.add(frozenset(text))
        path = folder / f"article-{len(paths) + 1:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def describe(paths: list[Path]) -> str:
    """Words, and how many articles have each feature (by what their text shows)."""
    texts = [path.read_text(encoding="utf-8") for path in paths]
    lengths = sorted(len(text.split()) for text in texts)
    vocalised = sum(len(_VOWEL_MARKS.findall(text)) > 50 for text in texts)
    latin = sum(bool(re.search("[A-Za-z]{2}", text)) for text in texts)
    return (f"{len(paths)} articles, {sum(lengths):,} words (shortest {lengths[0]}, median "
            f"{lengths[len(lengths) // 2]}, longest {lengths[-1]}); {len(set(map(frozenset, texts)))} "
            f"character sets; {vocalised} with vocalised text, {latin} with Latin")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--min-words", type=int, default=300)
    parser.add_argument("--max-words", type=int, default=5000)
    arguments = parser.parse_args()
    written = distinct_articles(arguments.out, arguments.articles, arguments.min_words, arguments.max_words)
    print(f"{describe(written)}, in {arguments.out}")
