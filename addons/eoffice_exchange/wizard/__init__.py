from . import eoffice_exchange_import, eoffice_exchange_trust
