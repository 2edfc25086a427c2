# The real argilla-server of the curation tests, shared rather than started twice.
from tests.curation.conftest import argilla_server, make_annotator  # noqa: F401
