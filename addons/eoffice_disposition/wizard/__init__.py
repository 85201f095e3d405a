from . import eoffice_disposition_wizard
