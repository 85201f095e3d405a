from . import eoffice_archive_classification, eoffice_letter_type
