"""Rules about text and pages that every format shares: the text block of a
page and how many pages text fills (pages.py), which stretches of a line run
left to right (direction.py)."""
