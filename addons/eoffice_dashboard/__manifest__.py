{
    "name": "e-Office: Ruang Kendali",
    "summary": "The Bupati's control room on Odoo's dashboard app: letters, dispositions, paper saved, "
               "budget absorption and SAKIP of every SKPD at a glance",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    "depends": ["spreadsheet_dashboard", "eoffice_disposition", "eoffice_budget", "eoffice_public_service"],
    "data": [
        "data/eoffice_dashboard_data.xml",
        "views/eoffice_dashboard_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "eoffice_dashboard/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
