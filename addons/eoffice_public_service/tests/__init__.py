from . import test_public_journey
