"""EPUB 3: exporter.py writes an article or a book; pages, package, the
embedded font subset and the cover image (cover.py, band_png.py) are its helpers."""
