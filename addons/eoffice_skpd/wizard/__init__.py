from . import eoffice_simpeg_import, eoffice_skpd_onboard
