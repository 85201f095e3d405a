from . import eoffice_disposition_instruction
