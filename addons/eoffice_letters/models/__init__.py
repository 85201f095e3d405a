from . import (
    eoffice_archive_classification,
    eoffice_letter_type,
    res_company,
    eoffice_position,
    hr_department,
    eoffice_letter_sequence,
    eoffice_letter_route,
    eoffice_letter_review,
    eoffice_letter_version,
    eoffice_letter_recipient,
    eoffice_letter,
    eoffice_letter_pdf,
)
