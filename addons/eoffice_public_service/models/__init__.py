from . import eoffice_public_holiday, eoffice_public_service, eoffice_public_request, eoffice_public_survey, \
    eoffice_letter, eoffice_disposition, eoffice_budget_plan
