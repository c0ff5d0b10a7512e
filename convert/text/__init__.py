"""Rules about text and pages that every format shares: the direction of
each stretch of a paragraph (direction.py: UAX #9 level runs), the text block
of a page (geometry.py) and how many pages text fills (pages.py)."""
