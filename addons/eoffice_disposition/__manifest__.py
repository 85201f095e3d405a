{
    "name": "e-Office: Disposisi",
    "summary": "Lembar disposisi: incoming letters disposed down the hierarchy by position",
    "version": "18.0.1.0.0",
    "category": "e-Office",
    "author": "e-Office Pemda contributors",
    "website": "https://github.com/eoffice-pemda/eoffice",
    "license": "LGPL-3",
    "depends": ["eoffice_letters"],
    "data": [
        "security/eoffice_disposition_groups.xml",
        "security/ir.model.access.csv",
        "data/eoffice_disposition_instruction_data.xml",
        "views/eoffice_disposition_instruction_views.xml",
        "views/eoffice_disposition_menus.xml",
    ],
    "application": True,
    "installable": True,
}
