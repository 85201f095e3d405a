from . import (
    eoffice_position,
    eoffice_position_acting,
    eoffice_position_holder,
    hr_department,
    hr_employee,
    res_company,
    res_users,
)
