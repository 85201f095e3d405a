from . import eoffice_simpeg_import
