from . import res_company
from . import hr_department
from . import hr_employee
from . import eoffice_position
from . import eoffice_position_acting
from . import eoffice_position_holder
from . import res_users
