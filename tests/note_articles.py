"""Articles with notes, as writers type them, read as a run reads them: distinct
texts in Arabic (Markdown footnotes), Persian, Urdu and Kurdish (a writer's
markers and closing list), with calls right after a number and after a Latin
name, two calls in one word, a repeated call, a note holding a link and strong
text, a mixed-direction note, a note of two paragraphs and twelve notes."""

from __future__ import annotations

from pathlib import Path

from convert.bookmode import book_options
from convert.model import Book, Document
from convert.options import Options
from convert.outputs import prepared_reading

# A Latin title inside an Arabic note: UAX #9 keeps it one left-to-right stretch.
MIXED_NOTE = "Le Monde, «Le plan de relance», 15 mars 2024, p. 4، في عددها الأسبوعي"
LINK = "https://www.worldbank.org/ar/country/jordan"
LINK_TEXT, STRONG_TEXT = "موقع البنك الدولي", "الملحق الإحصائي"
SECOND_PARAGRAPH = "وأضاف أن التنفيذ يبدأ في الربع الثاني من العام."

ARTICLES = {
    # Calls after a year and a Latin name, two in one word, the first called again in a quotation.
    "arabic": f"""خطة اقتصادية جديدة

بقلم: سلمى الخطيب

أعلنت الحكومة خطة اقتصادية جديدة لعام 2024[^1] بعد مشاورات طويلة مع البنك الدولي وصندوق النقد.

ونقلت صحيفة Le Monde[^2] عن مصادر مطلعة أن الخطة تشمل ١٢ قطاعا[^3][^4] من قطاعات الاقتصاد الوطني.

## ردود الفعل

> هذه الخطة تأخرت كثيرا[^1] لكنها ضرورية.

[^1]: تقرير وزارة المالية، الفصل الثالث، ص ٤٥.

[^2]: {MIXED_NOTE}

[^3]: انظر [{LINK_TEXT}]({LINK}) وكذلك **{STRONG_TEXT}** للأرقام الكاملة.

[^4]: القطاعات هي الزراعة والصناعة والسياحة والطاقة والنقل وغيرها، كما عددها الوزير في مؤتمره الصحفي.

    {SECOND_PARAGRAPH}

تنويه: الآراء الواردة تعبر عن رأي كاتبها.
""",
    # Twelve notes, one in each item of a numbered list: numbers of two digits.
    "many": "\n\n".join([
        "بنود الاتفاق الاثنا عشر", "بقلم: مروان حداد",
        "\n".join(f"{n}. البند الخاص بالمسألة {n} من الاتفاق[^{n}]" for n in range(1, 13)),
        *(f"[^{n}]: نص الهامش الخاص بالبند {n} كما ورد في الملحق." for n in range(1, 13))]) + "\n",
    # A writer's markers in Persian digits, under پانوشت‌ها.
    "persian": """بودجه سال آینده

بقلم: نگار رضایی

دولت لایحه بودجه سال آینده(۱) را به مجلس فرستاد و خبرگزاری Reuters(۲) جزئیات آن را منتشر کرد.

پانوشت‌ها
(۱) مرکز پژوهش‌های مجلس، گزارش شماره ۱۲.
(۲) Reuters, 12 January 2024، بخش اقتصادی.
""",
    "urdu": """نیا بجٹ

بقلم: عائشہ ملک

حکومت نے مالی سال کا بجٹ[1] پیش کیا اور وزیر خزانہ نے کہا کہ معیشت بہتر ہو رہی ہے۔

اخبار Dawn[2] نے اس پر تفصیلی اداریہ لکھا اور کہا کہ ٹیکس بڑھ گئے ہیں۔

حواشی
[1] قومی اسمبلی کی کارروائی، صفحہ بارہ۔
[2] Dawn, 10 June 2024، اداریہ۔
""",
    # A superscript marker, under پەراوێزەکان.
    "kurdish": """بودجەی نوێ

بقلم: ئارام کەریم

حکوومەتی هەرێم بودجەی ساڵی داهاتووی ڕاگەیاند¹ و پەرلەمان گفتوگۆی لەسەر کرد بۆ ماوەی دوو ڕۆژ.

پەراوێزەکان
¹ ڕاپۆرتی وەزارەتی دارایی، بەشی سێیەم.
""",
    "without": "مقال بلا هوامش\n\nنص عادي كتب في عام 2024 بلا أي هامش ولا إحالة.\n",
}
LANGUAGES = {"arabic": "ar", "many": "ar", "persian": "fa", "urdu": "ur", "kurdish": "ckb", "without": "ar"}
SINGLES = ("arabic", "persian", "urdu", "kurdish", "many")
# A book's articles, in order: each numbers its notes from 1 in its own digits.
BOOK = ("arabic", "persian", "many", "without", "urdu", "kurdish")
# Every call of each article as it shows, in document order.
CALLS = {
    "arabic": ["١", "٢", "٣", "٤", "١"],
    "persian": ["۱", "۲"],
    "urdu": ["۱", "۲"],
    "kurdish": ["١"],
    "many": ["١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩", "١٠", "١١", "١٢"],
    "without": [],
}


def read(name: str, options: Options | None = None) -> tuple[Document, Options]:
    """The article as exporters receive it in a run, and the options of its language."""
    reading = prepared_reading(ARTICLES[name].encode(), f"{name}.txt", options or Options())
    assert reading.document.meta.lang == LANGUAGES[name], name
    return reading.document, reading.options


def book_of(names: tuple[str, ...]) -> tuple[Book, Options]:
    """The articles bound as a run binds them, and the book's options."""
    book = Book("كتاب الهوامش", "هيئة التحرير", tuple(read(name)[0] for name in names))
    return book, book_options(book, Options())


def written(folder: Path, name: str) -> Path:
    """The article as a file, for the command line."""
    path = folder / f"{name}.txt"
    path.write_text(ARTICLES[name], encoding="utf-8")
    return path
