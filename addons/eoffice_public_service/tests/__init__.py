from . import (
    test_public_fuzz,
    test_public_internal,
    test_public_journey,
    test_public_portal,
    test_public_tour,
    test_transparency,
)
