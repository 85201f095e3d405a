from . import (
    eoffice_document,
    eoffice_position,
    eoffice_position_acting,
    eoffice_position_holder,
    eoffice_tabular_import,
    eoffice_workflow_mixin,
    hr_department,
    hr_employee,
    ir_attachment,
    ir_http,
    res_company,
    res_users,
)
