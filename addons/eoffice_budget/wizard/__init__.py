from . import eoffice_budget_import
