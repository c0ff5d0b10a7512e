"""Articles with notes, built as the reader builds them (model.NoteRef, Note), for the
notes of every format: distinct texts in Arabic, Persian, Urdu and Kurdish, with calls
right after a number and after a Latin name, two calls in one word, a repeated call,
a note holding a link and strong text, a mixed-direction note and a note of two paragraphs."""

from __future__ import annotations

from convert.model import (
    BlockQuote,
    Book,
    Document,
    Heading,
    Link,
    ListBlock,
    Meta,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Text,
)

# A Latin title inside an Arabic note: UAX #9 keeps it one left-to-right stretch.
MIXED_NOTE = "Le Monde, «Le plan de relance», 15 mars 2024, p. 4، في عددها الأسبوعي"
LINK = "https://www.worldbank.org/ar/country/jordan"


def _text(text: str) -> tuple[Text]:
    return (Text(text),)


def arabic() -> Document:
    """Four notes: after a year, after a Latin name, two in one word, then the first called again."""
    blocks = (
        Paragraph((Text("أعلنت الحكومة خطة اقتصادية جديدة لعام 2024"), NoteRef(1),
                   Text(" بعد مشاورات طويلة مع البنك الدولي وصندوق النقد."))),
        Paragraph((Text("ونقلت صحيفة Le Monde"), NoteRef(2), Text(" عن مصادر مطلعة أن الخطة تشمل ١٢ قطاعا"),
                   NoteRef(3), NoteRef(4), Text(" من قطاعات الاقتصاد الوطني."))),
        Heading(1, _text("ردود الفعل")),
        BlockQuote((Paragraph((Text("هذه الخطة تأخرت كثيرا"), NoteRef(1, first=False),
                               Text(" لكنها ضرورية"))),)),
    )
    notes = (
        Note(1, (_text("تقرير وزارة المالية، الفصل الثالث، ص ٤٥."),)),
        Note(2, (_text(MIXED_NOTE),)),
        Note(3, ((Text("انظر "), Link(LINK, _text("موقع البنك الدولي")), Text(" و"),
                  Strong(_text("الملحق الإحصائي")), Text(" للأرقام الكاملة.")),)),
        Note(4, (_text("القطاعات هي الزراعة والصناعة والسياحة والطاقة والنقل وغيرها، كما عددها الوزير في "
                       "مؤتمره الصحفي الذي عقده بعد اجتماع مجلس الوزراء."),
                 _text("وأضاف أن التنفيذ يبدأ في الربع الثاني من العام."))),
    )
    meta = Meta("خطة اقتصادية جديدة", author="سلمى الخطيب", lang="ar",
                disclaimer="تنويه: الآراء الواردة تعبر عن رأي كاتبها")
    return Document(meta, blocks, notes)


def many_notes() -> Document:
    """Twelve notes, one in each item of a list: numbers of two digits."""
    items = tuple((Text(f"البند رقم {number} من الاتفاق"), NoteRef(number)) for number in range(1, 13))
    notes = tuple(Note(number, (_text(f"نص الهامش الخاص بالبند {number} كما ورد في الملحق."),))
                  for number in range(1, 13))
    meta = Meta("بنود الاتفاق الاثنا عشر", author="مروان حداد", lang="ar")
    return Document(meta, (ListBlock(True, items, "decimal"),), notes)


def persian() -> Document:
    blocks = (
        Paragraph((Text("دولت لایحه بودجه سال ۱۴۰۳"), NoteRef(1),
                   Text(" را به مجلس فرستاد و خبرگزاری Reuters"), NoteRef(2),
                   Text(" جزئیات آن را منتشر کرد."))),
    )
    notes = (
        Note(1, (_text("مرکز پژوهش‌های مجلس، گزارش شماره ۱۲."),)),
        Note(2, (_text("Reuters, 12 January 2024، بخش اقتصادی."),)),
    )
    return Document(Meta("بودجه سال آینده", author="نگار رضایی", lang="fa"), blocks, notes)


def urdu() -> Document:
    blocks = (
        Paragraph((Text("حکومت نے مالی سال 2024"), NoteRef(1),
                   Text(" کا بجٹ پیش کیا اور وزیر خزانہ نے کہا کہ معیشت بہتر ہو رہی ہے۔"))),
        Paragraph((Text("اخبار Dawn"), NoteRef(2), Text(" نے اس پر تفصیلی اداریہ لکھا۔"))),
    )
    notes = (
        Note(1, (_text("قومی اسمبلی کی کارروائی، صفحہ بارہ۔"),)),
        Note(2, (_text("Dawn, 10 June 2024، اداریہ۔"),)),
    )
    return Document(Meta("نیا بجٹ", author="عائشہ ملک", lang="ur"), blocks, notes)


def kurdish() -> Document:
    blocks = (
        Paragraph((Text("حکوومەتی هەرێم بودجەی ساڵی 2024"), NoteRef(1),
                   Text(" ڕاگەیاند و پەرلەمان گفتوگۆی لەسەر کرد."))),
    )
    notes = (Note(1, (_text("ڕاپۆرتی وەزارەتی دارایی، بەشی سێیەم."),)),)
    return Document(Meta("بودجەی نوێ", author="ئارام کەریم", lang="ckb"), blocks, notes)


def without_notes() -> Document:
    paragraph = Paragraph(_text("نص عادي في عام 2024 بلا أي هامش."))
    return Document(Meta("مقال بلا هوامش", lang="ar"), (paragraph,))


SINGLES = {"arabic": arabic, "persian": persian, "urdu": urdu, "kurdish": kurdish, "many": many_notes}
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


def book_of(names: tuple[str, ...]) -> Book:
    articles = {**SINGLES, "without": without_notes}
    return Book("كتاب الهوامش", "هيئة التحرير", tuple(articles[name]() for name in names))
