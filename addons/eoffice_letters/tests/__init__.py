from . import (
    test_agenda_book,
    test_archive_classification,
    test_bsre,
    test_classification_import,
    test_confidential,
    test_delivery,
    test_incoming,
    test_letters_tour,
    test_numbering,
    test_pades,
    test_signing,
    test_verify,
)
