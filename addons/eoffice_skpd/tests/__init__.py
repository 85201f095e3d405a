from . import test_isolation, test_nip, test_onboard, test_position, test_simpeg_import
