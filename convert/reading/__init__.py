"""Reading: an article's bytes to the Document every exporter receives.

decoding (bytes -> text), normalize (clean-up rules), blocks (paragraph text
-> blocks and inlines), reader (front matter, title, byline: -> Document),
transforms (Document -> Document: the disclaimer policy).
"""
