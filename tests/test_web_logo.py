"""The publisher's logo (theme [publishing] logo): an https:// address used
as it is, or a PNG or JPEG file from the theme's folder, checked as an
article's picture is and, with --catalog, written into the output folder so
that the address every page's JSON-LD gives for it resolves. Read back:
the JSON-LD by extruct, the written file by Pillow and by its bytes."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import run_cli
from PIL import Image

BASE = "https://example.org/opinion/"
PUBLISHER = "صحيفة «الرأي» </script>"


def theme(folder: Path, logo: str, base_url: str = BASE) -> Path:
    path = folder / "theme.toml"
    path.write_text(f"[publishing]\npublisher = {json.dumps(PUBLISHER, ensure_ascii=False)}\n"
                    f"base_url = {json.dumps(base_url)}\nlogo = {json.dumps(logo, ensure_ascii=False)}\n",
                    encoding="utf-8")
    return path


def articles(folder: Path) -> Path:
    source = folder / "in"
    (source / "آراء").mkdir(parents=True)
    (source / "آراء" / "مقال.txt").write_text("عنوان المقال\n\nنص المقال.\n", encoding="utf-8")
    (source / "b.txt").write_text("---\ntitle: چرا؟\nlang: fa\n---\nمتن.\n", encoding="utf-8")
    return source


def picture(path: Path, size: tuple[int, int] = (600, 60), kind: str = "PNG", **save) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, kind, **save)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def publisher_of(page: Path) -> dict:
    import extruct

    data = extruct.extract(page.read_text("utf-8"), base_url=BASE, syntaxes=["json-ld"])
    (article,) = data["json-ld"]
    return article["publisher"]


def convert(source: Path, theme_path: Path, out: Path, *more: str):
    return run_cli(str(source), "--style", str(theme_path), "--to", "html", "-o", str(out), *more)


def test_catalog_writes_the_logo_where_the_pages_say_it_is(tmp_path):
    name = "شعار الصحيفة.png"  # an Arabic name with a space: percent-encoded in the address
    picture(tmp_path / "brand" / name, (600, 60), pnginfo=_text_chunk("Author", "leak"))
    theme_path, source, out = theme(tmp_path, f"brand/{name}"), articles(tmp_path), tmp_path / "out"
    result = convert(source, theme_path, out, "--catalog")
    assert result.returncode == 0, result.stderr
    for page in (out / "آراء" / "مقال.html", out / "b.html"):
        logo = publisher_of(page)["logo"]
        assert logo["@type"] == "ImageObject" and (logo["width"], logo["height"]) == (600, 60)
        assert logo["url"].startswith(BASE)
        # The address, taken back to a path under OUT, is the file written there.
        written = out / unquote(urlsplit(logo["url"]).path.removeprefix(urlsplit(BASE).path))
        assert written == out / name
    with Image.open(out / name) as image:
        assert (image.format, image.size) == ("PNG", (600, 60))
        assert "Author" not in image.info  # metadata left behind, as for an article's pictures
    assert not list(out.glob(".*.part"))


def _text_chunk(key: str, value: str):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text(key, value)
    return info


def test_the_logo_is_written_only_when_it_changed(tmp_path):
    picture(tmp_path / "logo.jpg", (320, 80), "JPEG")
    theme_path, source, out = theme(tmp_path, "logo.jpg"), articles(tmp_path), tmp_path / "out"
    assert convert(source, theme_path, out, "--catalog").returncode == 0
    written = out / "logo.jpg"
    first = written.read_bytes()
    os.utime(written, (1_000_000, 1_000_000))
    assert convert(source, theme_path, out, "--catalog", "--force").returncode == 0
    assert written.stat().st_mtime == 1_000_000 and written.read_bytes() == first  # left alone
    picture(tmp_path / "logo.jpg", (640, 160), "JPEG")
    result = convert(source, theme_path, out, "--catalog")
    assert result.returncode == 0, result.stderr
    with Image.open(written) as image:
        assert (image.format, image.size) == ("JPEG", (640, 160))
    # A newer logo makes the pages stale: they give its new size.
    assert publisher_of(out / "b.html")["logo"]["width"] == 640


def test_without_catalog_the_logo_is_named_but_not_written(tmp_path):
    picture(tmp_path / "logo.png")
    out = tmp_path / "out"
    assert convert(articles(tmp_path), theme(tmp_path, "logo.png"), out).returncode == 0
    assert publisher_of(out / "b.html")["logo"]["url"] == BASE + "logo.png"
    assert not (out / "logo.png").exists()


def test_an_address_is_used_as_it_is_with_no_size(tmp_path):
    address = "https://cdn.example.org/brand/logo.svg?v=2"
    out = tmp_path / "out"
    result = convert(articles(tmp_path), theme(tmp_path, address), out, "--catalog")
    assert result.returncode == 0, result.stderr
    assert publisher_of(out / "b.html")["logo"] == {"@type": "ImageObject", "url": address}
    assert not [path for path in out.iterdir() if "logo" in path.name]
    # An address needs no base_url to be absolute.
    out = tmp_path / "bare"
    assert convert(articles(tmp_path / "x"), theme(tmp_path, address, base_url=""), out).returncode == 0
    assert publisher_of(out / "b.html")["logo"]["url"] == address


def webp(path: Path) -> None:
    picture(path, kind="WEBP")


def truncated(path: Path) -> None:
    path.write_bytes(picture(path)[:200])


BAD_LOGOS = [
    # (the theme's logo value, how the file is made (or None), what the line says)
    ("logo.png", None, "no such file in the theme's folder"),
    ("logo.png", lambda path: path.write_text("</script>", encoding="utf-8"), "not a PNG or JPEG picture"),
    ("logo.png", webp, "not a PNG or JPEG picture"),  # WebP is an article's picture, not a logo
    ("logo.png", truncated, "damaged or unreadable picture"),
    ("logo.png", lambda path: path.mkdir(), "not a regular file"),
    ("../outside.png", lambda path: picture(path), "leads out of the theme's folder"),
    ("http://example.org/logo.png", None, "not an https:// address"),
    ("logo.gif", None, "not a .png, .jpg or .jpeg file"),
    ("مقال.card.png", None, "named like an article's card"),
    ("/etc/logo.png", None, "not a relative path"),
    ("logo\u202e.png", None, "U+202E is not allowed"),
]


@pytest.mark.parametrize(("logo", "make", "said"), BAD_LOGOS)
def test_a_bad_logo_is_one_line_naming_the_theme_and_the_file(tmp_path, logo, make, said):
    folder = tmp_path / "theme"
    folder.mkdir()
    if make is not None:
        make(folder / logo)
    theme_path = theme(folder, logo)
    out = tmp_path / "out"
    result = convert(articles(tmp_path), theme_path, out, "--catalog")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(theme_path) in lines[0] and "logo" in lines[0] and said in lines[0], lines[0]
    assert not out.exists() or not any(out.iterdir())  # stopped before any work


def test_a_logo_that_is_not_text_is_refused(tmp_path):
    theme_path = tmp_path / "theme.toml"
    theme_path.write_text("[publishing]\nlogo = 5\n", encoding="utf-8")
    result = convert(articles(tmp_path), theme_path, tmp_path / "out")
    assert result.returncode != 0 and "[publishing] logo = 5" in result.stderr
    assert "Traceback" not in result.stderr
