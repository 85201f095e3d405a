from . import eoffice_public_request_refuse
