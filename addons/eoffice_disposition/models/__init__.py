# the control room's SQL view reads the branch table: it comes after the branch model
from . import (  # noqa: I001
    eoffice_disposition,
    eoffice_disposition_branch,
    eoffice_disposition_demo,
    eoffice_disposition_instruction,
    eoffice_control_room,
    eoffice_letter,
    res_company,
    res_users,
)
