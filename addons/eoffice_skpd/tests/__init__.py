from . import test_document, test_isolation, test_nip, test_onboard, test_position, test_simpeg_import
