"""DOCX: exporter.py writes an article or a book with python-docx; oxml.py
holds the OOXML element helpers python-docx lacks."""
