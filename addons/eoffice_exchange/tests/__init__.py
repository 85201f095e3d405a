from . import test_exchange_inbox
from . import test_exchange_tour
