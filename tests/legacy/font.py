"""A copy of a Latin font named as a legacy Khmer family, for the legacy
round-trip tests (tests/it/attachments/legacy.rs): a PDF printed with it
carries text in the Latin letters a legacy encoding types, in a font whose
name says which encoding, as a Word file typed in Limon S1 does. The glyphs
are Latin (the test reads the text layer, not the page image).

    python tests/legacy/font.py SOURCE.ttf TARGET.ttf "Limon S1" LimonS1

Needs fontTools (`scripts/test` installs it in target/test-python).
"""

import sys

from fontTools.ttLib import TTFont

source, target, family, postscript = sys.argv[1:5]
font = TTFont(source)
for record in font["name"].names:
    # Family, full name, typographic family, WWS family: the family name;
    # unique id and PostScript name: the PostScript name, which is the one
    # a PDF's font dictionary carries.
    if record.nameID in (1, 4, 16, 21):
        record.string = family
    elif record.nameID in (3, 6):
        record.string = postscript
font.save(target)
