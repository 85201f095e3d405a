from . import test_exchange_inbox
