"""The catalogue of an output folder (--catalog): an OPDS 1.2 acquisition
feed (catalog.xml) that e-reader apps subscribe to, and a right-to-left
index page (index.html) for editors, both covering every output in the folder.

Workers describe each article they convert (entry.py); the main process keeps
the descriptions in the folder (store.py), so an incremental run that skips
unchanged articles still lists them, and writes both files from them and
from the outputs it finds on disk (listing.py, opds.py, index_page.py).
"""
