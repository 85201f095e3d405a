from . import (
    eoffice_disposition,
    eoffice_disposition_branch,
    eoffice_disposition_control_room,
    eoffice_disposition_instruction,
    eoffice_letter,
    res_company,
)
