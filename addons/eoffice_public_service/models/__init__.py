from . import (
    eoffice_budget_plan,
    eoffice_disposition,
    eoffice_letter,
    eoffice_public_holiday,
    eoffice_public_request,
    eoffice_public_service,
    eoffice_public_survey,
)
