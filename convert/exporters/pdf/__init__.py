"""PDF: the shared HTML page laid out by WeasyPrint.

exporter.py writes an article or a book; style, book, limits, metadata and
fetcher are its helpers; engine_fixes/ holds every fix to WeasyPrint's own work.
"""
