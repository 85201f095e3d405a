from . import (
    eoffice_agenda_book,
    eoffice_classification_import,
    eoffice_letter_return_wizard,
    eoffice_letter_revoke_wizard,
    eoffice_letter_sign_wizard,
)
