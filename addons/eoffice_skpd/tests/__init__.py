from . import test_isolation, test_nip, test_position, test_simpeg_import
