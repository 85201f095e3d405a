from . import test_disposition, test_disposition_tour
