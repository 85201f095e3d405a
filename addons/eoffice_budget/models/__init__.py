from . import eoffice_budget_fiscal_year
