from . import test_login_policy, test_login_throttle, test_session_rules
