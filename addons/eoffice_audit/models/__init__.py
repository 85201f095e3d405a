from . import auditlog_append_only, auditlog_log, auditlog_rule
