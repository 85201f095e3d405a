from . import (
    test_archive_classification,
    test_classification_import,
    test_numbering,
    test_signing,
    test_confidential,
    test_delivery,
    test_verify,
    test_incoming,
    test_letters_tour,
)
