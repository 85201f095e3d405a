from . import eoffice_exchange_message, eoffice_exchange_peer, eoffice_letter, eoffice_signing_certificate
