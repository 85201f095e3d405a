from . import test_archive_classification
