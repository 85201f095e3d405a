{
    "name": "e-Office: Anggaran",
    "summary": "E-planning and e-budgeting: fiscal years, codes, price standard, RKA, DPA, realisation",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    "depends": ["eoffice_skpd"],
    "data": [
        "security/eoffice_budget_groups.xml",
        "security/ir.model.access.csv",
        "views/eoffice_budget_fiscal_year_views.xml",
        "views/eoffice_budget_menus.xml",
    ],
    "demo": [
        "demo/eoffice_budget_demo.xml",
    ],
    "application": True,
    "installable": True,
}
