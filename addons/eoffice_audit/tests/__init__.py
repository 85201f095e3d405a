from . import test_audit_budget, test_audit_rpc, test_audit_trail
