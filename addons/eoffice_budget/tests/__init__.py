from . import (
    test_budget_codes,
    test_budget_execution,
    test_budget_execution_tour,
    test_budget_plan,
    test_budget_price,
    test_budget_tour,
    test_budget_workflow,
    test_default_companies,
)
