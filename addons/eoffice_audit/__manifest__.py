{
    "name": "e-Office: Audit Trail",
    "summary": "Who changed what and when on the sensitive records, read by the Inspektorat, changed by no one",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    # auditlog: OCA server-tools, from PyPI (requirements-oca.txt); see readme/DESCRIPTION.md
    "depends": ["auditlog", "eoffice_skpd", "eoffice_letters", "eoffice_budget"],
    "data": [
        "security/ir.model.access.csv",
        "data/auditlog_rule_data.xml",
        "views/auditlog_log_views.xml",
        "views/eoffice_audit_menus.xml",
    ],
    "installable": True,
}
