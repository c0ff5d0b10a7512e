"""Pictures and articles with figures, made with Pillow at test time, and
the image attacks of the hostile corpus (each: the article, the files it
names, the fragment of the one-line refusal)."""

from __future__ import annotations

import os
import struct
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from PIL import Image

DISCLAIMER = "تنويه: الآراء الواردة تعبر عن رأي أصحابها."


def picture(size: tuple[int, int], colour: tuple[int, ...], fmt: str = "PNG", **save: object) -> bytes:
    mode = "RGBA" if len(colour) == 4 else "RGB"
    out = BytesIO()
    Image.new(mode, size, colour).save(out, fmt, **save)
    return out.getvalue()


def rotated_jpeg(size: tuple[int, int] = (240, 120), colour: tuple[int, int, int] = (190, 40, 30)) -> bytes:
    """A landscape JPEG whose EXIF says: turn me 90° clockwise (orientation 6),
    with a camera make in its EXIF that must not survive."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "SecretCam"
    return picture(size, colour, "JPEG", exif=exif)


def article(*body: str, front: str = "", title: str = "مقال بالصور ٢٠٢٤") -> str:
    head = f"---\n{front}\n---\n" if front else ""
    return head + "\n\n".join((title, *body, DISCLAIMER)) + "\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_chunk(kind: bytes, data: bytes) -> bytes:
    """A small valid PNG with one more chunk before its image data."""
    base = picture((16, 12), (10, 200, 90))
    at = base.index(b"IDAT") - 4
    return base[:at] + _chunk(kind, data) + base[at:]


def bomb_png(side: int = 100_000) -> bytes:
    """A PNG header claiming side × side pixels (10 gigapixels) over a few bytes of data."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def itxt_bomb() -> bytes:
    """A compressed iTXt chunk of 64 MB of text in about 64 KB."""
    text = zlib.compress(b"A" * (64 * 1024 * 1024), 9)
    return png_with_chunk(b"iTXt", b"Comment\x00\x01\x00\x00\x00" + text)


@dataclass
class ImageAttack:
    name: str  # the article's file name
    text: str  # the article
    refused: str  # a fragment of its one-line error
    files: dict[str, bytes] = field(default_factory=dict)  # written beside it
    links: dict[str, str] = field(default_factory=dict)  # symlinks beside it -> target outside


def image_attacks() -> list[ImageAttack]:
    jpeg = picture((64, 48), (30, 60, 200), "JPEG")
    return [
        ImageAttack("bomb.txt", article('![قنبلة](bomb.png "١٠ غيغابكسل")'), "too many pixels",
                    {"bomb.png": bomb_png()}),
        ImageAttack("truncated.txt", article("![مقطوعة](cut.jpg)"), "damaged or unreadable",
                    {"cut.jpg": jpeg[: len(jpeg) // 2]}),
        ImageAttack("itxt.txt", article("![نص ضخم](itxt.png)"), "damaged or unreadable",
                    {"itxt.png": itxt_bomb()}),
        ImageAttack("passwd.txt", article("![كلمات السر](/etc/passwd)"),
                    "only a file in the article's folder"),
        ImageAttack("escape.txt", article("![خارج](../outside.png)"), "leads out of the article's folder"),
        ImageAttack("link.txt", article("![رابط](linked.png)"), "leads out of the article's folder",
                    links={"linked.png": "../outside.png"}),
        ImageAttack("text.txt", article("![ليست صورة](notes.png)"), "not a JPEG, PNG or WebP",
                    {"notes.png": "نص عادي وليس صورة".encode()}),
        ImageAttack("missing.txt", article("![غائبة](nowhere.png)"), "no such file"),
        ImageAttack("huge.txt", article("![ثقيلة](huge.png)"), "too large", {"huge.png": b""}),
    ]


def write_attacks(folder: Path) -> list[ImageAttack]:
    """Each attack in its own folder under folder/articles (the outside file
    one level above them all, where ../ and the symlink lead)."""
    attacks = image_attacks()
    root = folder / "articles"
    root.mkdir(parents=True)
    (folder / "outside.png").write_bytes(picture((20, 20), (0, 0, 0)))
    for attack in attacks:
        (root / attack.name).write_text(attack.text, encoding="utf-8")
        for name, data in attack.files.items():
            (root / name).write_bytes(data)
        for name, target in attack.links.items():
            os.symlink(target, root / name)
    # Over the byte limit without writing 20 MB: a sparse file.
    with (root / "huge.png").open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    return attacks
