{
    "name": "e-Office: Disposisi",
    "summary": "Lembar disposisi: incoming letters disposed down the hierarchy by position, followed up to done",
    "version": "18.0.1.2.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    "depends": ["eoffice_letters"],
    "data": [
        "security/eoffice_disposition_groups.xml",
        "security/ir.model.access.csv",
        "security/eoffice_disposition_security.xml",
        "data/eoffice_disposition_instruction_data.xml",
        "data/eoffice_disposition_cron.xml",
        "report/eoffice_disposition_templates.xml",
        "views/eoffice_disposition_instruction_views.xml",
        "views/eoffice_disposition_views.xml",
        "wizard/eoffice_disposition_wizard_views.xml",
        "views/eoffice_disposition_menus.xml",
        "views/eoffice_control_room_views.xml",
    ],
    "demo": [
        "demo/eoffice_disposition_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "eoffice_disposition/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
