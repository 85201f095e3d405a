from . import eoffice_letter_type
