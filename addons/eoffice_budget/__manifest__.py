{
    "name": "e-Office: Anggaran",
    "summary": "E-planning and e-budgeting: codes, price standard, RKA, DPA, cash plan, realisation, revisions, SAKIP",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    # Bahasa Indonesia is activated before any data (the demo users are Indonesian): hooks.py of eoffice_skpd
    "pre_init_hook": "_pre_init_hook",
    "depends": ["eoffice_skpd", "mail"],
    "data": [
        "security/eoffice_budget_groups.xml",
        "security/ir.model.access.csv",
        "security/eoffice_budget_security.xml",
        "data/eoffice_budget_data.xml",
        "report/eoffice_budget_plan_templates.xml",
        "views/eoffice_budget_code_views.xml",
        "views/eoffice_budget_price_views.xml",
        "views/eoffice_budget_plan_views.xml",
        "views/eoffice_budget_menus.xml",
        "views/eoffice_budget_execution_views.xml",
    ],
    "demo": [
        "demo/eoffice_budget_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "eoffice_budget/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "_post_init_hook",
    "application": True,
    "installable": True,
}
