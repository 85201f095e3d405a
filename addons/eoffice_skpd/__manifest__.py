{
    "name": "e-Office: Pemda & SKPD",
    "summary": "Pemda, SKPD, units, positions (jabatan) with Plt/Plh, civil servants, roles and per-SKPD isolation",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    # Bahasa Indonesia is activated before any data (the demo users are Indonesian): hooks.py of eoffice_skpd
    "pre_init_hook": "_pre_init_hook",
    # base_install_request opens the app store to every employee; it is installed with mail anyway,
    # and depending on it makes our menu rights below load after its own
    "depends": ["base", "mail", "hr", "web_hierarchy", "base_install_request"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/eoffice_skpd_groups.xml",
        "security/ir.model.access.csv",
        "security/eoffice_skpd_security.xml",
        "views/res_company_views.xml",
        "views/hr_department_views.xml",
        "views/hr_employee_views.xml",
        "views/eoffice_position_views.xml",
        "views/eoffice_position_acting_views.xml",
        "wizard/eoffice_simpeg_import_views.xml",
        "wizard/eoffice_skpd_onboard_views.xml",
        "views/eoffice_skpd_menus.xml",
        "views/webclient_templates.xml",
    ],
    "demo": [
        "demo/eoffice_skpd_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "eoffice_skpd/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
