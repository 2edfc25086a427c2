"""The C library: one parser, the parsed `Program`, its facts, and the transformations the
edits are made of (paste, pieces, tidy, repair, formats, marks). Nothing here knows of
principles, stages or runs."""
