from . import test_control_room, test_disposition, test_disposition_tour, test_phone_tour, test_shared_rows
