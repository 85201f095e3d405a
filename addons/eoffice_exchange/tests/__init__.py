from . import test_exchange_inbox, test_exchange_tour
